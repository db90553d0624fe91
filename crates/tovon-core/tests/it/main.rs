//! Integration tests of tovon-core against the shipped data and the insurer's source text.
// Test code: a failed expectation is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod calc_properties;
mod calc_rules;
mod documents;
mod schedule_completeness;
mod schedule_doc;
mod schedule_file;

/// The shipped schedule, version 1 (as it was: saved calculations keep it).
pub const SCHEDULE_V1: &str = include_str!("../../../../assets/schedule/v1.toml");
/// The shipped schedule, version 2: version 1 with decisions D18–D27, in force from the
/// same day, so the one every new calculation takes.
pub const SCHEDULE_V2: &str = include_str!("../../../../assets/schedule/v2.toml");
/// The shipped documents catalogue.
pub const REQUIREMENTS: &str = include_str!("../../../../assets/documents/requirements.toml");
