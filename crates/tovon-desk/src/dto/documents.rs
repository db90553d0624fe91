//! A claim's documents checklist as it crosses to the UI and out of `tovon claim docs --json`.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::claims::{ClaimOutcome, ClaimStateCode, DeadlineDto};

/// Where a medical document comes from (DOMAIN.md, "Medical evidence from online services").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum MedicalSourceCode {
    InPerson,
    Online,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DocumentStateCode {
    Missing,
    /// An online service's certificate received, not yet verified: it does not count.
    AwaitingVerification,
    Received,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AttachmentDto {
    #[ts(type = "number")]
    pub id: i64,
    pub item: String,
    pub file_name: String,
    /// application/pdf, image/jpeg or image/png.
    pub media_type: String,
    #[ts(type = "number")]
    pub size: i64,
    pub sha256: String,
    pub added_by: String,
    pub added_at: String,
    /// Removed (never deleted): when, by whom, why.
    pub removed_at: Option<String>,
    pub removed_by: Option<String>,
    pub removed_reason: Option<String>,
}

/// The insurer's request that made an item required (5.3б counts 3 months from it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DocumentRequestInfoDto {
    #[ts(type = "number")]
    pub id: i64,
    pub reason: String,
    pub requested_on: String,
    pub requested_by: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ChecklistItemDto {
    /// The catalogue code ("policy_original") or "extra-<request id>" (6.4).
    pub key: String,
    pub title: String,
    /// Every clause that asks for it: "6.2.1а, 6.2.3а".
    pub clauses: String,
    pub medical: bool,
    pub required: bool,
    /// Not required, but the insurer may ask for it (6.3 forensic report).
    pub requestable: bool,
    pub state: DocumentStateCode,
    pub received_on: Option<String>,
    /// The day it counts from (an online certificate's verification).
    pub counts_from: Option<String>,
    pub copy: bool,
    pub received_by: Option<String>,
    pub note: String,
    pub source: Option<MedicalSourceCode>,
    pub verified_on: Option<String>,
    pub verified_by: Option<String>,
    /// Due by: 3 months from the notice (6.1б) or the insurer's request (5.3б).
    pub due: String,
    pub due_clause: String,
    /// Missing, required and past its due day.
    pub overdue: bool,
    pub request: Option<DocumentRequestInfoDto>,
    /// Attachments, removed ones included (marked).
    pub attachments: Vec<AttachmentDto>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ChecklistGroupDto {
    /// "6.2.1"
    pub clause: String,
    pub title: String,
    pub items: Vec<ChecklistItemDto>,
}

/// The facts a claim's required documents depend on; changing them recomputes the set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ClaimFactsDto {
    pub outcome: ClaimOutcome,
    pub was_driving: bool,
    pub fracture: bool,
    /// The beneficiary named in the policy; none: the heirs (6.2.3г).
    #[serde(default)]
    pub beneficiary_name: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ChecklistDto {
    #[ts(type = "number")]
    pub claim_id: i64,
    pub claim_number: String,
    pub state: ClaimStateCode,
    pub facts: ClaimFactsDto,
    pub groups: Vec<ChecklistGroupDto>,
    #[ts(type = "number")]
    pub required: u32,
    #[ts(type = "number")]
    pub missing: u32,
    /// The day the last required item came in ("documents complete"), once none is missing.
    pub complete_on: Option<String>,
    /// With the set complete: the decision deadline (6.6); else the documents deadline the
    /// missing items are due by (6.1б, or 5.3б after a request).
    pub deadline: Option<DeadlineDto>,
    pub history: Vec<DocumentLogDto>,
}

/// `claim doc-receive`: a document received (or its details corrected).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DocumentReceiptDto {
    pub item: String,
    /// DD.MM.YYYY or YYYY-MM-DD; empty: today.
    #[serde(default)]
    pub received_on: String,
    #[serde(default)]
    pub copy: bool,
    #[serde(default)]
    pub note: String,
    /// Medical documents only; empty: in person.
    #[serde(default)]
    pub source: Option<MedicalSourceCode>,
}

/// `claim doc-request`: the insurer asks for a catalogue item (the forensic report) or an
/// extra document under 6.4.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DocumentRequestDto {
    /// A catalogue code, or the wording of an extra document.
    pub item: String,
    pub reason: String,
    /// Empty: today.
    #[serde(default)]
    pub requested_on: String,
}

/// A line of the claim's documents log (who changed what, when; never edited).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DocumentLogDto {
    /// When it was entered (UTC, ISO).
    pub at: String,
    pub user: String,
    /// received, changed, unreceived, verified, requested, attached, attachment_removed,
    /// facts_changed
    pub action: String,
    pub item: Option<String>,
    /// The item's title in the user's language.
    pub title: Option<String>,
    /// What it was and what it became (JSON).
    pub detail: String,
}
