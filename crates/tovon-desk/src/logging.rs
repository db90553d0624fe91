//! The desk's log: one file a day in `logs/` beside the database (`tovon.log.YYYY-MM-DD`),
//! the newest thirty kept, so that what went wrong in a branch — a backup, an import, a
//! damaged file — can be read afterwards and sent to whoever helps. It names what happened
//! and how it ended: never a person, a policy, a claim's facts or a password.

use std::path::{Path, PathBuf};

use tracing_appender::non_blocking::WorkerGuard;
use tracing_appender::rolling::{RollingFileAppender, Rotation};

/// How many daily files are kept.
pub const LOG_DAYS_KEPT: usize = 30;

/// The folder of the log beside the database at `db_path`.
pub fn logs_folder(db_path: &Path) -> PathBuf {
    db_path.parent().map_or_else(|| PathBuf::from("logs"), |folder| folder.join("logs"))
}

/// Held for the program's life: dropping it writes what is still pending.
pub struct LogGuard(#[allow(dead_code)] WorkerGuard);

/// Starts the log for the program's life; keep the guard until exit. `None` when the folder
/// cannot be written: the desk works without its log.
pub fn start_logging(db_path: &Path) -> Option<LogGuard> {
    let folder = logs_folder(db_path);
    let appender = RollingFileAppender::builder()
        .rotation(Rotation::DAILY)
        .filename_prefix("tovon.log")
        .max_log_files(LOG_DAYS_KEPT)
        .build(&folder)
        .ok()?;
    let (writer, guard) = tracing_appender::non_blocking(appender);
    let subscriber =
        tracing_subscriber::fmt().with_writer(writer).with_ansi(false).with_target(false).finish();
    tracing::subscriber::set_global_default(subscriber).ok()?;
    tracing::info!(version = env!("CARGO_PKG_VERSION"), "Tovon started");
    Some(LogGuard(guard))
}
