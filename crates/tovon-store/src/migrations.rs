//! Embedded, forward-only schema migrations.
//!
//! The schema version is SQLite's `user_version`. Each applied migration is also
//! recorded in `schema_migration` with the SHA-256 of its SQL, so that a shipped
//! migration edited afterwards is caught on the next open instead of silently
//! giving two desks two different schemas.

use rusqlite::{Connection, OptionalExtension, params};
use std::path::Path;

use crate::StoreError;

/// One step of the schema, applied once, in order, never edited once shipped.
#[derive(Debug, Clone, Copy)]
pub struct Migration {
    pub version: i64,
    pub name: &'static str,
    pub sql: &'static str,
}

/// Every migration, in order; `version` is the position counted from 1.
pub const MIGRATIONS: &[Migration] = &[
    Migration { version: 1, name: "0001_settings", sql: include_str!("../migrations/0001_settings.sql") },
    Migration {
        version: 2,
        name: "0002_schedule_versions",
        sql: include_str!("../migrations/0002_schedule_versions.sql"),
    },
    Migration { version: 3, name: "0003_calendar", sql: include_str!("../migrations/0003_calendar.sql") },
    Migration { version: 4, name: "0004_policies", sql: include_str!("../migrations/0004_policies.sql") },
    Migration { version: 5, name: "0005_claims", sql: include_str!("../migrations/0005_claims.sql") },
    Migration {
        version: 6,
        name: "0006_column_mappings",
        sql: include_str!("../migrations/0006_column_mappings.sql"),
    },
    Migration {
        version: 7,
        name: "0007_claim_calculations",
        sql: include_str!("../migrations/0007_claim_calculations.sql"),
    },
    Migration {
        version: 8,
        name: "0008_claim_documents",
        sql: include_str!("../migrations/0008_claim_documents.sql"),
    },
    Migration { version: 9, name: "0009_decisions", sql: include_str!("../migrations/0009_decisions.sql") },
    Migration { version: 10, name: "0010_audit", sql: include_str!("../migrations/0010_audit.sql") },
    Migration { version: 11, name: "0011_users", sql: include_str!("../migrations/0011_users.sql") },
    Migration {
        version: 12,
        name: "0012_audit_append",
        sql: include_str!("../migrations/0012_audit_append.sql"),
    },
    Migration {
        version: 13,
        name: "0013_policy_digest",
        sql: include_str!("../migrations/0013_policy_digest.sql"),
    },
    Migration { version: 14, name: "0014_desk_key", sql: include_str!("../migrations/0014_desk_key.sql") },
    Migration {
        version: 15,
        name: "0015_policy_name_when_changed",
        sql: include_str!("../migrations/0015_policy_name_when_changed.sql"),
    },
    Migration {
        version: 16,
        name: "0016_policy_change_digest",
        sql: include_str!("../migrations/0016_policy_change_digest.sql"),
    },
    Migration {
        version: 17,
        name: "0017_audit_past_head",
        sql: include_str!("../migrations/0017_audit_past_head.sql"),
    },
    Migration {
        version: 18,
        name: "0018_form_draft",
        sql: include_str!("../migrations/0018_form_draft.sql"),
    },
    Migration { version: 19, name: "0019_name_key", sql: include_str!("../migrations/0019_name_key.sql") },
    Migration { version: 20, name: "0020_exchange", sql: include_str!("../migrations/0020_exchange.sql") },
    Migration { version: 21, name: "0021_restored", sql: include_str!("../migrations/0021_restored.sql") },
];

/// The schema version a database has after `migrate`.
pub const LATEST_SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

const BOOKKEEPING: &str = "CREATE TABLE IF NOT EXISTS schema_migration (
    version    INTEGER PRIMARY KEY NOT NULL,
    name       TEXT NOT NULL,
    sha256     TEXT NOT NULL,
    applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;";

use crate::digest::sha256_hex;

pub(crate) fn schema_version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.pragma_query_value(None, "user_version", |row| row.get(0))
}

/// Brings the database up to `LATEST_SCHEMA_VERSION`, each step in its own transaction.
pub(crate) fn migrate(conn: &mut Connection, path: &Path) -> Result<(), StoreError> {
    let found = schema_version(conn)?;
    if found > LATEST_SCHEMA_VERSION {
        return Err(StoreError::NewerSchema { path: path.to_owned(), found, known: LATEST_SCHEMA_VERSION });
    }
    conn.execute_batch(BOOKKEEPING)?;
    for migration in MIGRATIONS {
        if migration.version <= found {
            verify_unchanged(conn, migration)?;
        } else {
            apply(conn, migration)?;
        }
    }
    Ok(())
}

fn verify_unchanged(conn: &Connection, migration: &Migration) -> Result<(), StoreError> {
    let recorded: Option<String> = conn
        .query_row("SELECT sha256 FROM schema_migration WHERE version = ?1", [migration.version], |row| {
            row.get(0)
        })
        .optional()?;
    match recorded {
        Some(sha256) if sha256 != sha256_hex(migration.sql) => {
            Err(StoreError::MigrationEdited { version: migration.version, name: migration.name.to_owned() })
        }
        _ => Ok(()),
    }
}

fn apply(conn: &mut Connection, migration: &Migration) -> Result<(), StoreError> {
    let failed = |source| StoreError::Migration {
        version: migration.version,
        name: migration.name.to_owned(),
        source,
    };
    let tx = conn.transaction().map_err(failed)?;
    tx.execute_batch(migration.sql).map_err(failed)?;
    tx.execute(
        "INSERT INTO schema_migration (version, name, sha256) VALUES (?1, ?2, ?3)",
        params![migration.version, migration.name, sha256_hex(migration.sql)],
    )
    .map_err(failed)?;
    tx.pragma_update(None, "user_version", migration.version).map_err(failed)?;
    tx.commit().map_err(failed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_count_up_from_one_and_names_match() {
        for (index, migration) in MIGRATIONS.iter().enumerate() {
            assert_eq!(migration.version, index as i64 + 1);
            assert!(migration.name.starts_with(&format!("{:04}_", migration.version)));
        }
    }

    #[test]
    fn sha256_is_hex_of_the_sql() {
        assert_eq!(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }
}
