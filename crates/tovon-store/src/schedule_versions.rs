//! The `schedule_version` table: payment schedule versions an administrator added, kept as
//! the TOML text they were validated from. Rows are never updated or deleted (triggers).

use rusqlite::params;

use crate::{Store, StoreError};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredScheduleVersion {
    pub version: u32,
    pub effective_from: String,
    pub source_toml: String,
    pub sha256: String,
    pub note: String,
    pub added_at: String,
}

impl Store {
    /// Every added version, in version order.
    pub fn schedule_versions(&self) -> Result<Vec<StoredScheduleVersion>, StoreError> {
        let mut statement = self.conn.prepare(
            "SELECT version, effective_from, source_toml, sha256, note, added_at
             FROM schedule_version ORDER BY version",
        )?;
        let rows = statement.query_map([], |row| {
            Ok(StoredScheduleVersion {
                version: row.get("version")?,
                effective_from: row.get("effective_from")?,
                source_toml: row.get("source_toml")?,
                sha256: row.get("sha256")?,
                note: row.get("note")?,
                added_at: row.get("added_at")?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Stores a version already validated by the caller; returns it as stored.
    pub fn add_schedule_version(
        &self,
        version: u32,
        effective_from: &str,
        source_toml: &str,
        sha256: &str,
        note: &str,
    ) -> Result<StoredScheduleVersion, StoreError> {
        self.conn.execute(
            "INSERT INTO schedule_version (version, effective_from, source_toml, sha256, note)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![version, effective_from, source_toml, sha256, note],
        )?;
        let added_at: String = self.conn.query_row(
            "SELECT added_at FROM schedule_version WHERE version = ?1",
            [version],
            |row| row.get(0),
        )?;
        Ok(StoredScheduleVersion {
            version,
            effective_from: effective_from.to_owned(),
            source_toml: source_toml.to_owned(),
            sha256: sha256.to_owned(),
            note: note.to_owned(),
            added_at,
        })
    }
}
