//! Integration tests of tovon-core against the shipped data and the insurer's source text.
// Test code: a failed expectation is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod calc_properties;
mod calc_rules;
mod documents;
mod schedule_completeness;
mod schedule_file;

/// The shipped schedule, version 1.
pub const SCHEDULE_V1: &str = include_str!("../../../../assets/schedule/v1.toml");
/// The shipped documents catalogue.
pub const REQUIREMENTS: &str = include_str!("../../../../assets/documents/requirements.toml");
