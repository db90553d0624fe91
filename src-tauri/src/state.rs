//! The open desk as Tauri state, and how commands reach it off the main thread.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use tovon_desk::dto::{ErrorCode, ErrorDto};
use tovon_desk::{Desk, DeskError, Language, resolve_db_path};

/// The desk, or why it could not be opened (shown in the window, not a crash).
pub struct DeskState(Result<Arc<Mutex<Desk>>, ErrorDto>);

impl DeskState {
    pub fn open(explicit_db: Option<PathBuf>) -> DeskState {
        let opened = resolve_db_path(explicit_db).and_then(|path| Desk::open(&path));
        DeskState(
            opened.map(|desk| Arc::new(Mutex::new(desk))).map_err(|error| error.to_dto(Language::default())),
        )
    }

    /// Runs a use case on a blocking thread (database work never runs on the
    /// main thread) and converts its error to the UI's `{code, message, field?}`.
    pub async fn run<T, F>(&self, use_case: F) -> Result<T, ErrorDto>
    where
        T: Send + 'static,
        F: FnOnce(&mut Desk) -> Result<T, DeskError> + Send + 'static,
    {
        let desk = Arc::clone(self.0.as_ref().map_err(Clone::clone)?);
        tauri::async_runtime::spawn_blocking(move || {
            let mut desk = desk.lock().map_err(|_| internal("the desk lock was poisoned"))?;
            use_case(&mut desk).map_err(|error| error.to_dto(desk.language()))
        })
        .await
        .map_err(|error| internal(&error.to_string()))?
    }
}

fn internal(detail: &str) -> ErrorDto {
    ErrorDto {
        code: ErrorCode::Internal,
        message: tovon_desk::messages::text(Language::default(), "error.internal", &[("detail", detail)]),
        field: None,
    }
}
