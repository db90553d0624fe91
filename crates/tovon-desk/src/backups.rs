//! Backups for the desk (issue 7): `tovon backup` and `tovon restore`, the rotating copies
//! kept in the data folder (on exit and daily), and the latest good one offered when the
//! database is found damaged on start. The caller gives the local time; the desk has no clock.

use std::path::{Path, PathBuf};

use chrono::{NaiveDateTime, TimeDelta};
use tovon_store::CheckedFile;

use crate::dto::{BackupDto, BackupFailureDto, BackupStatusDto, RestoreDto};
use crate::{Desk, DeskError};

/// How many automatic backups are kept (a setting an administrator changes).
pub const BACKUP_KEEP_SETTING: &str = "backup.keep";
const DEFAULT_KEEP: usize = 10;
/// For how many days back one automatic backup a day is kept besides the newest ones.
const DAILY_DAYS: i64 = 30;
/// "tovon-20261122-181500.sqlite3": sorts by time.
const STAMP: &str = "%Y%m%d-%H%M%S";
const PREFIX: &str = "tovon-";
const SUFFIX: &str = ".sqlite3";

/// The folder the automatic backups of the database at `db_path` go to: `backups/` beside it.
pub fn backups_folder(db_path: &Path) -> PathBuf {
    db_path.parent().unwrap_or_else(|| Path::new(".")).join("backups")
}

/// What a backup killed half-way left in the backups folder (`*.partial`, its
/// `*.partial-journal`): personal data in an unfinished copy, removed at the next start.
pub(crate) fn remove_leftovers(db_path: &Path) {
    let Ok(entries) = std::fs::read_dir(backups_folder(db_path)) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with(".partial") || name.ends_with(".partial-journal") {
            match std::fs::remove_file(entry.path()) {
                Ok(()) => tracing::info!(file = %name, "an unfinished backup's leftover was removed"),
                Err(error) => {
                    tracing::warn!(file = %name, error = %error, "an unfinished backup's leftover stays")
                }
            }
        }
    }
}

fn taken_at(path: &Path) -> Option<NaiveDateTime> {
    let name = path.file_name()?.to_str()?;
    let stamp = name.strip_prefix(PREFIX)?.strip_suffix(SUFFIX)?;
    NaiveDateTime::parse_from_str(stamp, STAMP).ok()
}

fn dto(file: &CheckedFile) -> BackupDto {
    BackupDto {
        path: file.path.display().to_string(),
        bytes: i64::try_from(file.bytes).unwrap_or(i64::MAX),
        schema_version: file.schema_version,
        taken_at: taken_at(&file.path).map(|at| at.format("%Y-%m-%dT%H:%M:%S").to_string()),
    }
}

/// The automatic backups in `folder`, newest first (by the time in their names).
fn automatic(folder: &Path) -> Vec<(NaiveDateTime, PathBuf)> {
    let mut found: Vec<(NaiveDateTime, PathBuf)> = std::fs::read_dir(folder)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|entry| entry.path())
                .filter_map(|path| taken_at(&path).map(|at| (at, path)))
                .collect()
        })
        .unwrap_or_default();
    found.sort_by_key(|(at, _)| std::cmp::Reverse(*at));
    found
}

/// The newest automatic backup of the database at `db_path` that passes the integrity check.
pub fn latest_good_backup(db_path: &Path) -> Option<BackupDto> {
    automatic(&backups_folder(db_path))
        .into_iter()
        .find_map(|(_, path)| tovon_store::check_file(&path).ok())
        .map(|file| dto(&file))
}

/// `tovon restore PATH`: checks the file, keeps the current database beside it, and copies
/// the backup in. Works on a database that no longer opens.
pub fn restore(db_path: &Path, backup: &Path, now: NaiveDateTime) -> Result<RestoreDto, DeskError> {
    restore_and_open(db_path, backup, now).map(|(restored, _)| restored)
}

/// `restore`, and the desk it opened on the restored file (the window works on it: it knows
/// whether that open had to make a new key pair, and says so).
pub fn restore_and_open(
    db_path: &Path,
    backup: &Path,
    now: NaiveDateTime,
) -> Result<(RestoreDto, Desk), DeskError> {
    let restored = tovon_store::restore(db_path, backup, &now.format(STAMP).to_string())?;
    // Opening migrates a backup from an older program, and records the restore in the log.
    let desk = Desk::open_as_found(db_path)?;
    // Enrolled: claim work waits for the head office's copy of what the backup lacks (issue
    // 20), from the restore's own entry on.
    let awaiting_history = desk.hold_after_restore(restored.audit_head)?.is_some();
    let detail = serde_json::json!({ "restored_from": backup.display().to_string() }).to_string();
    desk.store.audit_event("database", "restore", None, &detail)?;
    tracing::warn!(
        schema = restored.from.schema_version,
        bytes = restored.from.bytes,
        "database restored from a backup"
    );
    let restored = RestoreDto {
        from: dto(&restored.from),
        kept: restored.kept.map(|path| path.display().to_string()),
        key_notice: desk.new_key_notice(),
        awaiting_history,
    };
    Ok((restored, desk))
}

/// `tovon restore`: a database that opens and passes its quick check is rolled back by an
/// administrator only (signed in with `credentials`, the attempt logged); one that does not
/// open may be restored by whoever is at the desk, as the window's start-up offer does.
pub fn restore_as(
    db_path: &Path,
    backup: &Path,
    now: NaiveDateTime,
    credentials: Option<(&str, &str)>,
) -> Result<RestoreDto, DeskError> {
    let healthy = if db_path.exists() {
        Desk::open(db_path).and_then(|desk| desk.quick_check().map(|()| desk)).ok()
    } else {
        None
    };
    if let Some(mut desk) = healthy {
        let Some((login, password)) = credentials else {
            return Err(crate::users::AccessError::SignedOut.into());
        };
        desk.sign_in(login, password)?;
        desk.require(crate::users::Permission::Administer)?;
    }
    restore(db_path, backup, now)
}

/// The automatic backups to delete: all but the newest `keep`, and the newest of each day of
/// the last `DAILY_DAYS` days (issue 19).
fn beyond_keeping(found: &[(NaiveDateTime, PathBuf)], keep: usize, now: NaiveDateTime) -> Vec<PathBuf> {
    let mut days_kept = std::collections::BTreeSet::new();
    found
        .iter()
        .enumerate()
        .filter(|(index, (at, _))| {
            let daily = now - *at < TimeDelta::days(DAILY_DAYS) && days_kept.insert(at.date());
            !(*index < keep || daily)
        })
        .map(|(_, (_, path))| path.clone())
        .collect()
}

impl Desk {
    /// `tovon backup PATH`: a checked copy, made while the desk stays open.
    pub fn backup(&self, target: &Path) -> Result<BackupDto, DeskError> {
        self.session()?;
        self.copy_to(target)
    }

    /// A checked copy to `target`, logged.
    fn copy_to(&self, target: &Path) -> Result<BackupDto, DeskError> {
        let file = self.store.backup_to(target)?;
        let detail =
            serde_json::json!({ "backup": target.display().to_string(), "bytes": file.bytes }).to_string();
        self.store.audit_event("database", "backup", None, &detail)?;
        Ok(dto(&file))
    }

    /// The automatic backup — the desk's own work, whether anyone is signed in or not (issue
    /// 19): made when `always` (on exit) or when the newest is a day old or there is none;
    /// the newest `backup.keep` are kept, and the newest of each of the last 30 days. None when
    /// not due. A failure is kept for the window (`backup_status`) and the desk's log.
    pub fn automatic_backup(&mut self, now: NaiveDateTime, always: bool) -> Option<BackupDto> {
        match self.automatic_backup_now(now, always) {
            Ok(made) => {
                if made.is_some() {
                    self.backup_failure = None;
                }
                made
            }
            Err(error) => {
                tracing::error!(error = %error, "the automatic backup failed");
                self.backup_failure = Some((now, error));
                None
            }
        }
    }

    fn automatic_backup_now(&self, now: NaiveDateTime, always: bool) -> Result<Option<BackupDto>, DeskError> {
        let folder = backups_folder(self.store.path());
        let existing = automatic(&folder);
        let due = always || existing.first().is_none_or(|(at, _)| now - *at >= TimeDelta::days(1));
        if !due {
            return Ok(None);
        }
        let keep = self.backup_keep()?;
        let target = folder.join(format!("{PREFIX}{}{SUFFIX}", now.format(STAMP)));
        let made = self.copy_to(&target)?;
        tracing::info!(bytes = made.bytes, on_exit = always, "automatic backup made");
        for old in beyond_keeping(&automatic(&folder), keep, now) {
            // A copy that cannot be deleted is left (and logged); the next backup tries again.
            if let Err(error) = std::fs::remove_file(&old) {
                tracing::warn!(error = %error, "an old automatic backup could not be deleted");
            }
        }
        Ok(Some(made))
    }

    /// What the automatic backups last did, for the window's header and Settings.
    pub fn backup_status(&self) -> BackupStatusDto {
        let folder = backups_folder(self.store.path());
        let newest = automatic(&folder).into_iter().next();
        BackupStatusDto {
            folder: folder.display().to_string(),
            last_made: newest.map(|(at, _)| at.format("%Y-%m-%dT%H:%M:%S").to_string()),
            failure: self.backup_failure.as_ref().map(|(at, message)| BackupFailureDto {
                at: at.format("%Y-%m-%dT%H:%M:%S").to_string(),
                message: message.message(self.language()),
            }),
        }
    }

    /// How many automatic backups are kept: the setting, or 10 when none is set. A stored
    /// value that is not a number from 1 to 365 is an error naming it, never a silent default.
    pub(crate) fn backup_keep(&self) -> Result<usize, DeskError> {
        let Some(value) = self.store.setting(BACKUP_KEEP_SETTING)? else {
            return Ok(DEFAULT_KEEP);
        };
        value.trim().parse::<usize>().ok().filter(|keep| (1..=365).contains(keep)).ok_or_else(|| {
            DeskError::Store(tovon_store::StoreError::BadValue(tovon_store::BadValue {
                table: "setting",
                id: 0,
                column: "backup.keep",
                value,
                expected: "a whole number of backups from 1 to 365",
            }))
        })
    }

    /// A typed number of backups to keep: a whole number from 1 to 365.
    pub(crate) fn checked_backup_keep(&self, typed: &str) -> Result<usize, DeskError> {
        typed.trim().parse::<usize>().ok().filter(|keep| (1..=365).contains(keep)).ok_or_else(|| {
            crate::error::invalid(
                BACKUP_KEEP_SETTING,
                crate::messages::text(self.language(), "backup.keep_invalid", &[("value", typed)]),
            )
        })
    }

    /// How many automatic backups to keep (administrators).
    pub fn set_backup_keep(&self, typed: &str) -> Result<usize, DeskError> {
        self.require(crate::users::Permission::Administer)?;
        let keep = self.checked_backup_keep(typed)?;
        self.store.set_setting(BACKUP_KEEP_SETTING, &keep.to_string())?;
        Ok(keep)
    }

    /// The automatic backups kept, newest first, each checked.
    pub fn backups(&self) -> Vec<BackupDto> {
        automatic(&backups_folder(self.store.path()))
            .into_iter()
            .filter_map(|(_, path)| tovon_store::check_file(&path).ok())
            .map(|file| dto(&file))
            .collect()
    }

    /// The check on start: `PRAGMA quick_check`; a damaged file is an error naming it.
    pub fn quick_check(&self) -> Result<(), DeskError> {
        let problems = self.store.quick_check()?;
        if problems.is_empty() {
            return Ok(());
        }
        Err(DeskError::Store(tovon_store::StoreError::Damaged {
            path: self.store.path().to_owned(),
            problems: problems.join("; "),
        }))
    }
}
