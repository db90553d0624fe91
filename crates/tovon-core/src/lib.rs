//! Tovon's domain: the rules of the insurer, as pure functions and types.
//!
//! Nothing here does IO, reads a clock or knows about SQLite, Tauri or PDF
//! (ARCHITECTURE.md, "Invariants"): time and calendars come in as arguments.

pub mod calc;
pub mod calendar;
pub mod claim;
pub mod decision;
pub mod documents;
pub mod identity;
pub mod language;
pub mod money;
pub mod names;
pub mod policy;
pub mod role;
pub mod schedule;
pub mod translit;
pub mod words;

pub use language::{Language, UnknownLanguage};
pub use money::{Money, MoneyError};
pub use role::Role;
