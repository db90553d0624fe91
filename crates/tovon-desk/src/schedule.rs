//! The schedule versions the desk ships (`assets/schedule/`), parsed once.

use std::sync::LazyLock;

use tovon_core::schedule::{ScheduleError, ScheduleTable};

use crate::DeskError;

static SHIPPED: LazyLock<Result<Vec<ScheduleTable>, ScheduleError>> =
    LazyLock::new(|| Ok(vec![ScheduleTable::from_toml(include_str!("../../../assets/schedule/v1.toml"))?]));

/// Every shipped version, oldest first. A shipped file that does not load is a build
/// defect (the tests load it); at run time it is reported, never a panic.
pub fn shipped_tables() -> Result<&'static [ScheduleTable], DeskError> {
    SHIPPED.as_deref().map_err(|error| DeskError::Schedule(error.clone()))
}
