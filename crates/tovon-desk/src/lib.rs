//! Tovon's use cases: one method of [`Desk`] per thing a user does.
//!
//! The desktop shell (`src-tauri`) and the `tovon` CLI are the two callers; both
//! only convert arguments and results, so the window and the command line cannot
//! drift apart. Results and errors leave as the DTOs of [`dto`].

mod anchors;
mod audit;
mod backups;
mod calc;
mod calc_messages;
mod calc_request;
mod calc_sheet;
mod calendar;
mod claim_calc;
mod claims;
mod decisions;
mod desk;
mod documents;
mod drafts;
pub mod dto;
mod error;
#[cfg(test)]
mod error_walk;
mod exchange;
mod exports;
mod guard;
mod history;
pub mod labels;
mod logging;
pub mod messages;
mod paths;
mod policies;
mod reference;
mod schedule;
mod schedule_view;
mod today;
mod users;
mod words;

pub use audit::verify_audit_as_found;
pub use backups::{
    BACKUP_KEEP_SETTING, backups_folder, latest_good_backup, restore, restore_and_open, restore_as,
};
pub use calendar::default_calendar;
pub use desk::Desk;
pub use error::{DeskError, InputError};
pub use exchange::{ExchangeError, MadeBundle, Received, Synced, exchange_key_path, transport};
pub use guard::run_guarded;
pub use logging::{LOG_DAYS_KEPT, LogGuard, logs_folder, start_logging};
pub use paths::{APP_IDENTIFIER, DB_ENV_VAR, DB_FILE_NAME, resolve_db_path};
pub use policies::{
    REGISTER_COLUMNS, RegisterRead, read_register, register_csv, register_csv_header, register_csv_line,
};
pub use reference::Reference;
pub use schedule::newest_shipped_schedule;
pub use tovon_core::Language;
/// Files with personal data the callers write (`print -o`, `doc-save -o`): the owner's alone.
pub use tovon_store::write_private;
pub use users::{AccessError, IDLE_LOCK_SETTING, OFFICER_LIMIT_SETTING, Permission};
pub use words::words;
