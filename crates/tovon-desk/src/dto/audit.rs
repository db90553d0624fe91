//! The audit log and the backups as they cross to the UI and out of `tovon audit`,
//! `tovon backup` and `tovon restore`: a claim's history, the chain's check, a checked copy.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum AuditActionCode {
    Insert,
    Update,
    Delete,
    /// A row the database held when the log started.
    Baseline,
    /// Something that changes no row (an identifier shown in full).
    Event,
}

/// One field an update changed: its value before and after, as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AuditChangeDto {
    pub field: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// One entry of the log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AuditEntryDto {
    pub seq: i64,
    /// When, UTC, ISO 8601 with milliseconds.
    pub at: String,
    pub actor: String,
    /// The table: "claim", "claim_decision", …
    pub entity: String,
    pub entity_key: String,
    /// What the entity is, in the desk's language ("Қарор").
    pub entity_title: String,
    pub action: AuditActionCode,
    /// An update's changed fields; an event's details.
    pub changes: Vec<AuditChangeDto>,
}

/// `tovon audit verify`: how many entries, and the first thing that does not hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AuditCheckDto {
    pub entries: i64,
    pub last_seq: i64,
    pub intact: bool,
    /// The entry where the chain first breaks, when it is an entry.
    pub broken_at: Option<i64>,
    /// What was found, in the desk's language.
    pub message: String,
}

/// A checked copy of the database.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BackupDto {
    pub path: String,
    pub bytes: i64,
    pub schema_version: i64,
    /// When an automatic backup was taken (local time, from its name).
    pub taken_at: Option<String>,
}

/// What `tovon restore` did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RestoreDto {
    pub from: BackupDto,
    /// Where the replaced database was kept.
    pub kept: Option<String>,
}
