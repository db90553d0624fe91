//! The exchange with the head office as it crosses to the window (issue 20): where it
//! stands, how far a bundle being written or applied is, and what applying one did.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A bundle as the Exchange panel lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BundleDto {
    #[ts(type = "number")]
    pub number: i64,
    /// When it was written or applied (UTC, ISO 8601).
    pub at: String,
}

/// Where the exchange stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ExchangeStatusDto {
    /// This desk's fingerprint, to read out to the head office.
    pub own_fingerprint: String,
    /// The trusted head office's fingerprint; none before it is trusted.
    pub head_office_fingerprint: Option<String>,
    /// The prefix the head office gave this desk; none before the enrolment answer.
    pub prefix: Option<String>,
    /// Where the head office is reached over HTTPS; none while it has sent no address.
    pub address: Option<String>,
    /// The last bundle written for the head office.
    pub last_sent: Option<BundleDto>,
    /// The desk's last bundle the head office took in (0: none).
    #[ts(type = "number")]
    pub acknowledged: i64,
    /// The head office holds the desk's log up to this entry.
    #[ts(type = "number")]
    pub confirmed_seq: i64,
    /// Entries the head office does not confirm yet: what the next bundle carries.
    #[ts(type = "number")]
    pub waiting_entries: i64,
    /// The last head office bundle applied here.
    pub last_received: Option<BundleDto>,
    /// Whole days since a bundle last left while entries wait (since the enrolment answer
    /// when none has left); none when nothing waits or the desk is not enrolled.
    #[ts(type = "number | null")]
    pub days_unsent: Option<i64>,
    /// Restored from a backup while enrolled: no claim is numbered or changed until the head
    /// office's copy of the history lost is applied.
    pub awaiting_history: bool,
}

/// What a bundle being written or applied is doing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ExchangeStep {
    /// Reading the audit entries to carry.
    Entries,
    /// Reading the documents' and scans' bytes: `done` of `total`.
    Files,
    /// Signing and encrypting.
    Sealing,
    /// Writing the file.
    Writing,
    /// Sending it to the head office and waiting for its answer.
    Sending,
    /// Decrypting and checking a received file.
    Opening,
    /// Applying the register it carries: `done` of `total` bytes.
    Register,
    /// Replaying the history it sends back to a restored desk: `total` entries.
    History,
    /// Applying it.
    Applying,
}

/// How far a bundle being written or applied is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ExchangeProgressDto {
    pub step: ExchangeStep,
    #[ts(type = "number")]
    pub done: u64,
    #[ts(type = "number")]
    pub total: u64,
}

/// What became of a head office bundle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ReceivedCode {
    Applied,
    /// Applied before: nothing done.
    AlreadyApplied,
    /// An earlier bundle is missing: nothing done.
    Waiting,
}

/// A head office bundle taken in, said in the desk's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReceivedDto {
    pub outcome: ReceivedCode,
    pub message: String,
}

/// A bundle written for the head office, said in the desk's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SentDto {
    pub file_name: String,
    pub message: String,
}

/// A round with the head office over HTTPS.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SyncedDto {
    pub sent: SentDto,
    pub received: ReceivedDto,
}
