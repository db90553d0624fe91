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

/// A line of a claim's History in words (issue 19).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct HistoryLineDto {
    pub seq: i64,
    /// When, UTC, ISO 8601 (the window shows it in local time).
    pub at: String,
    /// "Full Name (login)".
    pub actor: String,
    /// What happened, in the user's language.
    pub text: String,
    /// The fields a change touched, labelled, their values as read.
    pub details: Vec<HistoryDetailDto>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct HistoryDetailDto {
    pub label: String,
    pub before: Option<String>,
    pub after: Option<String>,
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
    /// What each anchor given to the check (`--anchor`) says to the log.
    pub anchors: Vec<AnchorFindingDto>,
    /// The last entry an anchor kept outside the database confirms, the chain intact up to it.
    pub confirmed_up_to: Option<i64>,
    /// The last entry the head office holds and confirmed (issue 20), the log still holding it.
    pub head_office_confirmed: Option<i64>,
}

/// What an anchor said to the log.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum AnchorOutcomeCode {
    /// The log holds the anchored entry with its anchored hash.
    Confirmed,
    /// The anchor's signature does not hold (edited, or not made by a desk).
    BadSignature,
    /// Signed by a key this desk has never had.
    UnknownKey,
    /// The log's entry is another than the anchor signed: rewritten.
    Contradicted,
    /// The log ends before the anchored entry: its tail was cut.
    Missing,
    /// The file holds no anchor, or a damaged one, or cannot be read.
    NotAnAnchor,
}

/// One anchor file or issued PDF given to `tovon audit verify --anchor`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AnchorFindingDto {
    pub file: String,
    pub outcome: AnchorOutcomeCode,
    /// The entry the anchor vouches for, and when it was signed (UTC).
    pub seq: Option<i64>,
    pub signed_at: Option<String>,
    /// What it says, in the desk's language.
    pub message: String,
}

/// An anchor written for the administrator to keep (`tovon audit anchor -o FILE`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AnchorDto {
    pub path: String,
    pub seq: i64,
    pub signed_at: String,
    pub public_key: String,
}

/// A public key the desk has had, for Settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DeskKeyDto {
    /// 64 hex digits, shown in groups of four.
    pub public_key: String,
    /// When the database first recorded it (UTC).
    pub made_at: String,
    /// Why it was made, in the user's language.
    pub reason: String,
    /// Whether the desk signs with it now.
    pub current: bool,
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

/// What the desk's automatic backups last did (issue 19): the header's chip and Settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BackupStatusDto {
    /// Where they go: `backups/` beside the database.
    pub folder: String,
    /// When the newest was made (local time, ISO).
    pub last_made: Option<String>,
    /// The last attempt, when it failed.
    pub failure: Option<BackupFailureDto>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BackupFailureDto {
    /// When (local time, ISO).
    pub at: String,
    /// Why, in the user's language.
    pub message: String,
}

/// What `tovon restore` did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RestoreDto {
    pub from: BackupDto,
    /// Where the replaced database was kept.
    pub kept: Option<String>,
    /// When the restored database did not know the key file beside it (or there was none):
    /// the new key pair, said in the desk's language (issue 18).
    pub key_notice: Option<String>,
    /// The desk is enrolled: claim work waits for the head office's copy of what the backup
    /// lacks, brought by the next exchange (issue 20).
    pub awaiting_history: bool,
}
