//! Integration tests of tovon-store against real SQLite files in a temp folder.
// Test code: a failed expectation is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod audit;
mod calendar;
mod open;
mod policies;
mod schedule_versions;
