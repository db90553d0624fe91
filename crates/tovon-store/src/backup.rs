//! Copies of the database (issue 7): made through SQLite's online backup API while the desk
//! keeps working, each checked with `integrity_check` before it counts; a file checked before
//! it replaces the database, the replaced one kept beside it.

use std::path::{Path, PathBuf};

use rusqlite::backup::Backup;
use rusqlite::{Connection, OpenFlags, OptionalExtension};

use crate::migrations::LATEST_SCHEMA_VERSION;
use crate::private::{create_private, owner_only, private_folder};
use crate::{Store, StoreError};

/// Pages copied per step of the online backup; other writers get the file between steps.
const PAGES_PER_STEP: std::ffi::c_int = 1024;

/// What a copy of the database holds, once checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedFile {
    pub path: PathBuf,
    pub bytes: u64,
    pub schema_version: i64,
}

/// Runs `PRAGMA integrity_check` (or `quick_check`) and returns what it found; empty when ok.
fn check(conn: &Connection, pragma: &str) -> rusqlite::Result<Vec<String>> {
    let mut statement = conn.prepare(&format!("PRAGMA {pragma}"))?;
    let found = statement.query_map([], |row| row.get::<_, String>(0))?.collect::<Result<Vec<_>, _>>()?;
    Ok(found.into_iter().filter(|line| line != "ok").collect())
}

fn io_error(path: &Path) -> impl FnOnce(std::io::Error) -> StoreError + '_ {
    move |source| StoreError::File { path: path.to_owned(), source }
}

/// Opens `path` read-only and checks it is a whole Tovon database this program can open.
pub fn check_file(path: &Path) -> Result<CheckedFile, StoreError> {
    let bytes = std::fs::metadata(path).map_err(io_error(path))?.len();
    let damaged = |problems: String| StoreError::Damaged { path: path.to_owned(), problems };
    let conn =
        Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
            .map_err(|source| StoreError::Open { path: path.to_owned(), source })?;
    let problems = check(&conn, "integrity_check").map_err(|error| damaged(error.to_string()))?;
    if !problems.is_empty() {
        return Err(damaged(problems.join("; ")));
    }
    let schema_version: i64 = conn.pragma_query_value(None, "user_version", |row| row.get(0))?;
    let ours: bool = conn.query_row(
        "SELECT count(*) = 2 FROM sqlite_schema WHERE type = 'table' AND name IN ('schema_migration', 'claim')",
        [],
        |row| row.get(0),
    )?;
    if schema_version < 1 || !ours {
        return Err(StoreError::NotTovon { path: path.to_owned() });
    }
    if schema_version > LATEST_SCHEMA_VERSION {
        return Err(StoreError::NewerSchema {
            path: path.to_owned(),
            found: schema_version,
            known: LATEST_SCHEMA_VERSION,
        });
    }
    Ok(CheckedFile { path: path.to_owned(), bytes, schema_version })
}

/// Copies everything of `from` into `to` through the online backup API.
fn copy(from: &Connection, to: &mut Connection) -> rusqlite::Result<()> {
    let backup = Backup::new(from, to)?;
    backup.run_to_completion(PAGES_PER_STEP, std::time::Duration::from_millis(5), None)
}

/// Writes a copy of the open database to `target` ( first as `target.partial`, renamed when
/// whole and checked), readable by the owner only.
pub(crate) fn backup_connection(conn: &Connection, target: &Path) -> Result<CheckedFile, StoreError> {
    if let Some(folder) = target.parent().filter(|folder| !folder.as_os_str().is_empty()) {
        private_folder(folder)
            .map_err(|source| StoreError::CreateFolder { path: folder.to_owned(), source })?;
    }
    let partial = target.with_extension("partial");
    let _ = std::fs::remove_file(&partial);
    // Made the owner's before SQLite opens it: the copy, and the journal SQLite makes with
    // the same mode, are never readable by others, not even while copying.
    create_private(&partial).map_err(io_error(&partial))?;
    {
        let mut to = Connection::open(&partial)
            .map_err(|source| StoreError::Open { path: partial.clone(), source })?;
        copy(conn, &mut to)?;
        // The copy is a single file: no WAL beside it.
        to.pragma_update_and_check(None, "journal_mode", "DELETE", |_| Ok(()))?;
    }
    owner_only(&partial).map_err(io_error(&partial))?;
    std::fs::File::open(&partial).and_then(|file| file.sync_all()).map_err(io_error(&partial))?;
    let checked = check_file(&partial)?;
    std::fs::rename(&partial, target).map_err(io_error(target))?;
    Ok(CheckedFile { path: target.to_owned(), ..checked })
}

impl Store {
    /// `tovon backup PATH`: a checked copy of the database, made while it stays in use.
    pub fn backup_to(&self, target: &Path) -> Result<CheckedFile, StoreError> {
        backup_connection(&self.conn, target)
    }

    /// `PRAGMA quick_check`: what is wrong with the open file; empty when nothing.
    pub fn quick_check(&self) -> Result<Vec<String>, StoreError> {
        Ok(check(&self.conn, "quick_check")?)
    }
}

/// What a restore did: the file restored from, and where the replaced database was kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Restored {
    pub from: CheckedFile,
    pub kept: Option<PathBuf>,
    /// The backup's last audit entry (none: a file from before the log's head was kept): what
    /// opening the restored file logs comes after it.
    pub audit_head: Option<i64>,
}

/// `tovon restore PATH`: checks `backup`, keeps the current database beside it as
/// `<name>.before-restore-<stamp>` (a damaged one is moved aside whole), then copies the
/// backup in through the backup API, so a desk that has the file open sees the restored
/// content. `stamp` names the kept copy (the caller's clock).
pub fn restore(db_path: &Path, backup: &Path, stamp: &str) -> Result<Restored, StoreError> {
    let from = check_file(backup)?;
    let name = db_path.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default();
    let kept_path = db_path.with_file_name(format!("{name}.before-restore-{stamp}"));
    let source = Connection::open_with_flags(
        backup,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|source| StoreError::Open { path: backup.to_owned(), source })?;
    // A file from before 0012 has no head row: nothing of the exchange can be in it either.
    let has_head: bool = source.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'audit_head')",
        [],
        |row| row.get(0),
    )?;
    let audit_head: Option<i64> = if has_head {
        source.query_row("SELECT seq FROM audit_head WHERE id = 1", [], |row| row.get(0)).optional()?
    } else {
        None
    };
    let mut kept = None;
    if db_path.exists() {
        let healthy = Connection::open(db_path)
            .ok()
            .filter(|conn| check(conn, "quick_check").map(|problems| problems.is_empty()).unwrap_or(false));
        match healthy {
            Some(conn) => {
                backup_connection(&conn, &kept_path)?;
            }
            None => {
                // Not readable as a database: moved aside as it is, with its journal files.
                for suffix in ["", "-wal", "-shm"] {
                    let from = PathBuf::from(format!("{}{suffix}", db_path.display()));
                    if from.exists() {
                        let to = PathBuf::from(format!("{}{suffix}", kept_path.display()));
                        std::fs::rename(&from, &to).map_err(io_error(&from))?;
                    }
                }
            }
        }
        kept = Some(kept_path);
    }
    let mut live =
        Connection::open(db_path).map_err(|source| StoreError::Open { path: db_path.to_owned(), source })?;
    live.busy_timeout(std::time::Duration::from_secs(5))?;
    copy(&source, &mut live)?;
    hold_if_enrolled(&live, audit_head)?;
    drop(live);
    owner_only(db_path).map_err(io_error(db_path))?;
    Ok(Restored { from, kept, audit_head })
}

/// An enrolled desk's restored file holds from the entry after the backup's last (issue 20),
/// written into the file before anything opens it, so no entry an open writes (a new key
/// pair on a new PC) is taken for the backup's own. A file from before migration 0021 is
/// held by the desk once it has migrated it.
fn hold_if_enrolled(live: &Connection, audit_head: Option<i64>) -> Result<(), StoreError> {
    let Some(head) = audit_head else { return Ok(()) };
    let can_hold: bool = live.query_row(
        "SELECT EXISTS (SELECT 1 FROM pragma_table_info('exchange_state') WHERE name = 'restore_nonce')
            AND EXISTS (SELECT 1 FROM setting WHERE key = 'exchange.prefix')",
        [],
        |row| row.get(0),
    )?;
    if can_hold {
        crate::exchange::hold(live, head + 1)?;
    }
    Ok(())
}
