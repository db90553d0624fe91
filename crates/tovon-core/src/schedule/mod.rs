//! The payment schedule (annex 1 to the rules, items 1–108) as validated, versioned data.
//!
//! A table version is read from its TOML file (`assets/schedule/vN.toml`) by [`ScheduleTable::from_toml`],
//! which checks every reference and value, so that the engine never meets a dangling item id
//! or an unparsable percentage.

mod file;
mod readable;
mod table;

use chrono::NaiveDate;

/// The version in force on `day`: the latest whose `effective_from` is not after it.
pub fn in_force(tables: &[ScheduleTable], day: NaiveDate) -> Option<&ScheduleTable> {
    tables
        .iter()
        .filter(|table| table.effective_from <= day)
        .max_by_key(|table| (table.effective_from, table.version))
}

pub use readable::readable_markdown;
pub use table::{
    AcuityCell, AgeBand, Bone, Conventions, Decision, ItemId, ItemParameters, MissingItems, Outcomes,
    Requirement, Rule, RuleKind, ScheduleError, ScheduleItem, ScheduleTable, Section,
};
