//! What a bundle's members are called and hold (`docs/exchange.md`): a desk's audit entries,
//! the bytes they refer to and the policies typed by hand; the head office's terms for a desk
//! (its numbering prefix, its branch, the settings the head office owns).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// A desk's audit entries, one JSON object a line (`AuditLine`).
pub const AUDIT: &str = "audit.jsonl";
/// The policies typed by hand that the carried claims are on, one JSON object a line.
pub const HAND_POLICIES: &str = "policies.jsonl";
/// The head office's terms for the desk (`DeskTerms`).
pub const DESK_TERMS: &str = "desk.json";
/// The register's policies a head office bundle carries (all of them the first time, then
/// those changed), as a register file in the built-in column names.
pub const REGISTER: &str = "register.csv";
/// The calendar's days and confirmed years and the schedule versions the head office set
/// since the last bundle the desk acknowledged (`Reference`).
pub const REFERENCE: &str = "reference.json";
/// A restored desk's word (`Restored`) that its own history ends before an entry: its bundle
/// carries no entry from there on, and asks the head office for what it holds from there.
pub const RESTORED: &str = "restored.json";
/// The head office's answer to a restored desk (`History`): the desk's own entries it lost.
pub const HISTORY: &str = "history.json";
/// A document's or a scan's bytes: `blobs/<sha256>`.
pub const BLOB_PREFIX: &str = "blobs/";

/// The name of the bytes whose SHA-256 is `sha256`.
pub fn blob_name(sha256: &str) -> String {
    format!("{BLOB_PREFIX}{sha256}")
}

/// A bundle's file name: `ТШ-000041.tovon` from a desk, `HQ-ТШ-000012.tovon` to it.
pub fn file_name(sender: &str, receiver: &str, number: u64) -> String {
    if sender == crate::HEAD_OFFICE {
        format!("{sender}-{receiver}-{number:06}.tovon")
    } else {
        format!("{sender}-{number:06}.tovon")
    }
}

/// What the head office says a desk is and must keep: in every bundle it sends the desk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeskTerms {
    /// The prefix the desk numbers claims and documents under, unique in the network.
    pub prefix: String,
    /// The desk's branch.
    pub branch: String,
    /// The settings the head office owns (the authority limit, the idle lock), by key.
    pub settings: BTreeMap<String, String>,
    /// Where the desk reaches the head office over HTTPS (`https://host:port`), and the
    /// SHA-256 (hex) of the certificate it presents there, pinned; absent while it serves none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certificate: Option<String>,
}

/// What the head office keeps for the whole network besides the register: the bank-day
/// calendar and the payment schedule's versions — those set since the desk's last
/// acknowledged bundle.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reference {
    pub calendar: Vec<CalendarDay>,
    /// Years whose days the head office confirmed against the decrees.
    pub confirmed_years: Vec<i32>,
    pub schedules: Vec<ScheduleVersion>,
}

/// A day of the bank-day calendar as the head office set it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CalendarDay {
    /// ISO date.
    pub day: String,
    pub holiday: bool,
    pub name: String,
}

/// A version of the payment schedule, as its TOML (never edited once sent).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScheduleVersion {
    pub version: u32,
    pub note: String,
    pub source_toml: String,
}

/// A desk restored from a backup: its log holds its own history up to entry `from - 1`; the
/// entries from `from` on were made since the restore (issue 20: "A desk restored from a
/// backup older than its last bundle would re-issue numbers the head office already has").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Restored {
    pub from: i64,
    /// Drawn at the restore (32 hex digits): the head office's answer carries it back, so an
    /// answer to an earlier restore is never applied.
    pub nonce: String,
}

/// The head office's answer to `Restored`: "the head office sends it back its own missing
/// history ... the desk replays it, and its counters continue above the highest number the
/// network has seen".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct History {
    /// The restored desk's `Restored::from`: the first entry sent back; and its nonce.
    pub from: i64,
    pub nonce: String,
    /// The head office bundle the restored desk applied last: this bundle's register and
    /// reference run from it, so the desk applies it even when its number skips the ones
    /// it lost.
    pub since: u64,
    /// The desk's last bundle the head office took in, and the chain's head it reached.
    pub last_in: u64,
    pub head_seq: i64,
    pub head_hash: String,
    /// The desk's entries from `from` to `head_seq` (none: nothing was lost).
    pub lines: Vec<crate::AuditLine>,
    /// The policies those entries' rows refer to, as the desk's bundles carried them (a
    /// register's by series and number, a hand-typed one whole).
    pub policies: Vec<serde_json::Value>,
}
