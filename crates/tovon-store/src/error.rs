//! What can go wrong with the database file.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot create the folder {path} for the database: {source}")]
    CreateFolder {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot open the database {path}: {source}")]
    Open {
        path: PathBuf,
        #[source]
        source: rusqlite::Error,
    },
    #[error("the database {path} refused WAL journaling (it stayed {mode}); keep it on a local disk")]
    WalRefused { path: PathBuf, mode: String },
    #[error(
        "the database {path} has schema version {found}, newer than this program knows \
         ({known}); use a newer version of Tovon"
    )]
    NewerSchema { path: PathBuf, found: i64, known: i64 },
    /// Opened as found (read-only), a database of another schema than this program's.
    #[error("{path}: schema {found}, this program's is {known}; open it with the desk first")]
    OtherSchema { path: PathBuf, found: i64, known: i64 },
    #[error(
        "migration {version} ({name}) was changed after it was applied to this database; \
         shipped migrations must never be edited"
    )]
    MigrationEdited { version: i64, name: String },
    #[error("migration {version} ({name}) failed: {source}")]
    Migration {
        version: i64,
        name: String,
        #[source]
        source: rusqlite::Error,
    },
    #[error("database error: {0}")]
    Sqlite(rusqlite::Error),
    /// A stored value that does not read as its column's type, with its table, row and column.
    #[error("{0}")]
    BadValue(crate::typed::BadValue),
    #[error("{path}: {source}")]
    File {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// SQLite's integrity check found the file damaged.
    #[error("the database {path} is damaged: {problems}")]
    Damaged { path: PathBuf, problems: String },
    /// A readable SQLite file that is not a Tovon database.
    #[error("{path} is not a Tovon database")]
    NotTovon { path: PathBuf },
    /// The caller stopped an import before its end: nothing of it was stored.
    #[error("the import was stopped; nothing of it was stored")]
    ImportStopped,
    /// The desk's key file is there but is not a key: never replaced, it is named.
    #[error("{path} is not a desk key file (damaged or replaced)")]
    DeskKeyDamaged { path: PathBuf },
    /// The store was opened without the desk's key (read-only, as found): it cannot sign.
    #[error("the desk's key is not loaded")]
    NoDeskKey,
    /// The audit log's head row is gone: nothing can be anchored or appended.
    #[error("the audit log has lost its head")]
    NoAuditHead,
    /// Entries were written into the audit log past its recorded head, by another tool:
    /// nothing is appended until `verify` has named them.
    #[error("the audit log has entries past its head")]
    AuditPastHead,
    /// The head office's copy of a restored desk's history cannot be put back (entry 0: not
    /// one entry); nothing of it was applied.
    #[error("entry {seq} of the history sent back does not replay: {detail}")]
    History { seq: i64, detail: String },
    /// A stored record that does not read: the table, the row and what is wrong.
    #[error("{table} row {id}: {source}")]
    Record { table: &'static str, id: i64, source: crate::records::RecordError },
}

/// A value a typed column could not read becomes [`StoreError::BadValue`], naming its row.
impl From<rusqlite::Error> for StoreError {
    fn from(error: rusqlite::Error) -> Self {
        if let rusqlite::Error::FromSqlConversionFailure(_, _, source) = &error
            && let Some(bad) = source.downcast_ref::<crate::typed::BadValue>()
        {
            return StoreError::BadValue(bad.clone());
        }
        // The audit log's own refusals (migrations 0012, 0017), raised inside its append.
        if let rusqlite::Error::SqliteFailure(_, Some(message)) = &error {
            if message.starts_with("the audit log has lost its head") {
                return StoreError::NoAuditHead;
            }
            if message.starts_with("the audit log has entries past its head") {
                return StoreError::AuditPastHead;
            }
        }
        StoreError::Sqlite(error)
    }
}
