//! The shell's boundary: a use case run on the shared desk can neither take the desk down
//! with it nor lock it for good. A panic that slipped past the checks is caught here,
//! logged and reported as an internal error in the user's language; the desk's lock is
//! released normally (the panic never unwinds through it), so the next command works, and
//! a lock poisoned anyway is taken back rather than refused.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::{Mutex, PoisonError};

use crate::dto::ErrorDto;
use crate::messages::text;
use crate::{Desk, DeskError};

/// Runs `use_case` on the desk behind `desk`, its error (or a panic) as the window's
/// `ErrorDto`.
pub fn run_guarded<T>(
    desk: &Mutex<Desk>,
    use_case: impl FnOnce(&mut Desk) -> Result<T, DeskError>,
) -> Result<T, ErrorDto> {
    let mut desk = desk.lock().unwrap_or_else(PoisonError::into_inner);
    let language = desk.language();
    match catch_unwind(AssertUnwindSafe(|| use_case(&mut desk))) {
        Ok(result) => result.map_err(|error| error.to_dto(desk.language())),
        Err(panic) => {
            let detail = panic
                .downcast_ref::<&str>()
                .map(|text| (*text).to_owned())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "panic".to_owned());
            tracing::error!(detail = %detail, "a command panicked; the desk stays open");
            Err(DeskError::Internal(text(language, "error.panicked", &[])).to_dto(language))
        }
    }
}
