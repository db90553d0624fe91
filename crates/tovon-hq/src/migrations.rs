//! The head office's schema: embedded, forward-only migrations, each applied once in its own
//! transaction and recorded with the SHA-256 of its SQL, so one edited after it shipped is
//! caught instead of giving two head offices two schemas.

use postgres::Client;
use sha2::{Digest, Sha256};

use crate::HqError;

/// One step of the schema, never edited once shipped.
pub struct Migration {
    pub version: i32,
    pub name: &'static str,
    pub sql: &'static str,
}

pub const MIGRATIONS: &[Migration] = &[
    Migration { version: 1, name: "0001_desks", sql: include_str!("../migrations/0001_desks.sql") },
    Migration { version: 2, name: "0002_ingest", sql: include_str!("../migrations/0002_ingest.sql") },
    Migration { version: 3, name: "0003_register", sql: include_str!("../migrations/0003_register.sql") },
    Migration { version: 4, name: "0004_reference", sql: include_str!("../migrations/0004_reference.sql") },
    Migration { version: 5, name: "0005_users", sql: include_str!("../migrations/0005_users.sql") },
    Migration { version: 6, name: "0006_restored", sql: include_str!("../migrations/0006_restored.sql") },
];

/// The schema version after `migrate`.
pub const LATEST: i32 = MIGRATIONS.len() as i32;

fn sha256_hex(text: &str) -> String {
    Sha256::digest(text.as_bytes()).iter().map(|byte| format!("{byte:02x}")).collect()
}

/// Applies what is missing; checks what was applied is what ships; refuses a newer schema.
pub(crate) fn migrate(client: &mut Client) -> Result<(), HqError> {
    // Two programs starting at once migrate one after the other.
    client.batch_execute("SELECT pg_advisory_lock(7017)")?;
    let migrated = apply(client);
    client.batch_execute("SELECT pg_advisory_unlock(7017)")?;
    migrated
}

fn apply(client: &mut Client) -> Result<(), HqError> {
    client.batch_execute(
        "CREATE TABLE IF NOT EXISTS hq_migration (
             version    INTEGER PRIMARY KEY,
             name       TEXT NOT NULL,
             sha256     TEXT NOT NULL,
             applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
         )",
    )?;
    let applied: Vec<(i32, String)> = client
        .query("SELECT version, sha256 FROM hq_migration ORDER BY version", &[])?
        .iter()
        .map(|row| (row.get(0), row.get(1)))
        .collect();
    if let Some((found, _)) = applied.iter().find(|(version, _)| *version > LATEST) {
        return Err(HqError::NewerSchema { found: *found, known: LATEST });
    }
    for migration in MIGRATIONS {
        match applied.iter().find(|(version, _)| *version == migration.version) {
            Some((_, sha256)) if *sha256 != sha256_hex(migration.sql) => {
                return Err(HqError::MigrationEdited {
                    version: migration.version,
                    name: migration.name.to_owned(),
                });
            }
            Some(_) => {}
            None => {
                let mut tx = client.transaction()?;
                tx.batch_execute(migration.sql)?;
                tx.execute(
                    "INSERT INTO hq_migration (version, name, sha256) VALUES ($1, $2, $3)",
                    &[&migration.version, &migration.name, &sha256_hex(migration.sql)],
                )?;
                tx.commit()?;
            }
        }
    }
    Ok(())
}
