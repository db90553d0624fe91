//! Integration tests of tovon-desk: use cases over real SQLite files, and the
//! committed TypeScript bindings.
// Test code: a failed expectation is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod backups;
mod bindings;
mod calculator;
mod claims;
mod decisions;
mod desk;
mod documents;
mod fuzz;
mod policies;
mod register_files;
mod schedule_versions;
