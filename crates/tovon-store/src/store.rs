//! The open database: one SQLite file with WAL, foreign keys, full sync and a busy timeout.

use rusqlite::{Connection, OpenFlags, OptionalExtension};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::{DeskKey, KeyReason, KnownKey, StoreError, audit, migrations};

/// How long a writer waits for another process (the CLI beside the app) to finish.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// The desk's database, open and migrated.
#[derive(Debug)]
pub struct Store {
    pub(crate) conn: Connection,
    path: PathBuf,
    /// Whom the audit log records writes against (`set_actor`).
    pub(crate) actor: Arc<Mutex<String>>,
    /// The desk's signing key; none when opened as found (read-only).
    pub(crate) desk_key: Option<DeskKey>,
    /// Why the key is new to this database, when this open recorded it.
    new_key: Option<KeyReason>,
    /// The audit log's last entry as the file was found, before this open wrote anything
    /// (none: a new file, or one from before the log's head was kept).
    head_at_open: Option<i64>,
}

/// The number of rows in one table, for `tovon db info`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableCount {
    pub table: String,
    pub rows: u64,
}

impl Store {
    /// Opens the database at `path`, creating the file and its folder when missing,
    /// and migrates it to the latest schema.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        if let Some(folder) = path.parent().filter(|folder| !folder.as_os_str().is_empty()) {
            // A folder made for the database is the owner's alone; one that exists is left as it is.
            if !folder.exists() {
                crate::private::private_folder(folder)
                    .map_err(|source| StoreError::CreateFolder { path: folder.to_owned(), source })?;
            }
        }
        let opened = |source| StoreError::Open { path: path.to_owned(), source };
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let mut conn = Connection::open_with_flags(path, flags).map_err(opened)?;
        // Personal data: the file, and with it the WAL and shared-memory files SQLite makes
        // with the same mode, readable by the owner only.
        for suffix in ["", "-wal", "-shm"] {
            let file = PathBuf::from(format!("{}{suffix}", path.display()));
            if suffix.is_empty() || file.exists() {
                crate::private::owner_only(&file)
                    .map_err(|source| StoreError::File { path: file.clone(), source })?;
            }
        }
        let mode = set_pragmas(&conn).map_err(opened)?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(StoreError::WalRefused { path: path.to_owned(), mode });
        }
        let actor = Arc::new(Mutex::new(audit::SYSTEM_ACTOR.to_owned()));
        audit::register_functions(&conn, Arc::clone(&actor)).map_err(opened)?;
        // The tables the file had before this open's migrations: a new table's first audit
        // triggers are made, not put back, and are not reported as restored guards.
        let tables_before = audit::table_names(&conn).map_err(opened)?;
        let head_at_open = if tables_before.iter().any(|table| table == "audit_head") {
            conn.query_row("SELECT seq FROM audit_head WHERE id = 1", [], |row| row.get(0)).optional()?
        } else {
            None
        };
        migrations::migrate(&mut conn, path)?;
        audit::install(&mut conn, &tables_before)?;
        let (desk_key, new_key) = crate::desk_key::attach(&conn, path)?;
        Ok(Store { conn, path: path.to_owned(), actor, desk_key: Some(desk_key), new_key, head_at_open })
    }

    /// Opens the database as it was found, read-only: no migration, no trigger made, no
    /// baseline taken, nothing written. `tovon audit verify` checks the log this way before
    /// anything appends to it. A database of another schema version is refused (open it with
    /// the desk first, which migrates it).
    pub fn open_as_found(path: &Path) -> Result<Store, StoreError> {
        let opened = |source| StoreError::Open { path: path.to_owned(), source };
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(opened)?;
        conn.busy_timeout(BUSY_TIMEOUT).map_err(opened)?;
        let found = migrations::schema_version(&conn).map_err(opened)?;
        if found != migrations::LATEST_SCHEMA_VERSION {
            return Err(StoreError::OtherSchema {
                path: path.to_owned(),
                found,
                known: migrations::LATEST_SCHEMA_VERSION,
            });
        }
        let actor = Arc::new(Mutex::new(audit::SYSTEM_ACTOR.to_owned()));
        audit::register_functions(&conn, Arc::clone(&actor)).map_err(opened)?;
        Ok(Store { conn, path: path.to_owned(), actor, desk_key: None, new_key: None, head_at_open: None })
    }

    /// The audit log's last entry as the file was found, before this open wrote anything.
    pub fn head_at_open(&self) -> Option<i64> {
        self.head_at_open
    }

    /// The desk's signing key (not loaded when opened as found).
    pub(crate) fn desk_key(&self) -> Result<&DeskKey, StoreError> {
        self.desk_key.as_ref().ok_or(StoreError::NoDeskKey)
    }

    /// The desk's signing key itself, to sign its exchange bundles (issue 20).
    pub fn desk_signing_key(&self) -> Result<ed25519_dalek::SigningKey, StoreError> {
        Ok(self.desk_key()?.signing_key())
    }

    /// Why this open gave the database a key it did not know (first start, the key file lost).
    pub fn new_desk_key(&self) -> Option<KeyReason> {
        self.new_key
    }

    /// Every public key the desk has had, oldest first, and the one it signs with now.
    pub fn desk_keys(&self) -> Result<(Vec<KnownKey>, Option<String>), StoreError> {
        Ok((crate::desk_key::known_keys(&self.conn)?, self.desk_key.as_ref().map(DeskKey::public_hex)))
    }

    /// The file this store was opened on.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// SQLite's `user_version`: the number of the last migration applied.
    pub fn schema_version(&self) -> Result<i64, StoreError> {
        Ok(migrations::schema_version(&self.conn)?)
    }

    /// The version of the SQLite library linked in (bundled, so the same on every desk).
    pub fn sqlite_version(&self) -> &'static str {
        rusqlite::version()
    }

    /// The value of a pragma, for diagnostics and tests (e.g. `journal_mode`).
    pub fn pragma(&self, name: &str) -> Result<String, StoreError> {
        Ok(self.conn.pragma_query_value(None, name, |row| {
            row.get::<_, rusqlite::types::Value>(0).map(|value| match value {
                rusqlite::types::Value::Integer(number) => number.to_string(),
                rusqlite::types::Value::Text(text) => text,
                other => format!("{other:?}"),
            })
        })?)
    }

    /// Every table of the schema with its row count, in name order.
    pub fn table_counts(&self) -> Result<Vec<TableCount>, StoreError> {
        let mut statement = self.conn.prepare(
            "SELECT name FROM sqlite_schema
             WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
             ORDER BY name",
        )?;
        let tables =
            statement.query_map([], |row| row.get::<_, String>(0))?.collect::<Result<Vec<_>, _>>()?;
        tables
            .into_iter()
            .map(|table| {
                // The name comes from sqlite_schema itself, quoted as an identifier.
                let sql = format!("SELECT count(*) FROM \"{}\"", table.replace('"', "\"\""));
                let rows: i64 = self.conn.query_row(&sql, [], |row| row.get(0))?;
                Ok(TableCount { table, rows: u64::try_from(rows).unwrap_or_default() })
            })
            .collect()
    }
}

/// Sets the connection's pragmas; returns the journal mode SQLite actually chose.
fn set_pragmas(conn: &Connection) -> rusqlite::Result<String> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    // WAL lets the CLI read while the app writes; FULL sync makes a committed claim
    // survive a power cut, which a branch office has more often than a data centre.
    conn.pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get(0))
}
