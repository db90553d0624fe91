//! The payment schedule (annex 1 to the rules, items 1–108) as validated, versioned data.
//!
//! A table version is read from its TOML file (`assets/schedule/vN.toml`) by [`ScheduleTable::from_toml`],
//! which checks every reference and value, so that the engine never meets a dangling item id
//! or an unparsable percentage.

mod file;
mod table;

pub use table::{
    AcuityCell, AgeBand, Decision, ItemId, ItemParameters, MissingItems, Outcomes, Requirement, Rule,
    RuleKind, ScheduleError, ScheduleItem, ScheduleTable, Section,
};
