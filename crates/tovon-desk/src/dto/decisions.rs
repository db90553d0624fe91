//! A claim's decision, its act's payees and their transfers, payments made before, and the
//! documents issued — as they cross to the UI and out of `tovon decide` / `tovon print`.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::LanguageTag;
use super::claims::{ClaimStateCode, DeadlineDto};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DecisionKindCode {
    Approve,
    Refuse,
    Defer,
}

/// Who a part of the act is paid to (1.1.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PayeeRoleCode {
    Insured,
    Bank,
    Heir,
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum IssuedKindCode {
    Act,
    Refusal,
    Request,
}

/// A part of the payable as staff enter it; the amount as typed ("400000" or "400 000,50").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PayeeInputDto {
    pub role: PayeeRoleCode,
    pub name: String,
    #[serde(default)]
    pub details: String,
    pub amount: String,
}

/// Approve: the act from the claim's latest calculation, paid to these payees.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ApproveDto {
    pub payees: Vec<PayeeInputDto>,
    /// DD.MM.YYYY or ISO; empty: today.
    #[serde(default)]
    pub decided_on: String,
    /// The act's language; none: the desk's.
    #[serde(default)]
    pub language: Option<LanguageTag>,
}

/// Refuse: one or more grounds and the reasoned explanation (6.6).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RefuseDto {
    pub grounds: Vec<String>,
    pub explanation: String,
    #[serde(default)]
    pub decided_on: String,
    #[serde(default)]
    pub language: Option<LanguageTag>,
}

/// Defer: the decision waits for a case's ruling (6.7).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DeferDto {
    pub case_reference: String,
    #[serde(default)]
    pub explanation: String,
    #[serde(default)]
    pub decided_on: String,
}

/// A transfer to a payee.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PaymentInputDto {
    #[ts(type = "number")]
    pub payee_id: i64,
    #[serde(default)]
    pub paid_on: String,
    pub amount: String,
    pub order_number: String,
}

/// A payment to the insured person made outside the desk, with the document it is known from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ExternalPaymentInputDto {
    pub paid_on: String,
    pub amount: String,
    #[serde(default)]
    pub item: Option<String>,
    pub reference: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct GroundDto {
    pub code: String,
    pub clause: String,
    pub title: String,
    /// The words of the clause in the desk's language.
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PaymentDto {
    #[ts(type = "number")]
    pub id: i64,
    pub paid_on: String,
    pub amount: String,
    pub order_number: String,
    pub user: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PayeeDto {
    #[ts(type = "number")]
    pub id: i64,
    pub role: PayeeRoleCode,
    pub name: String,
    pub details: String,
    pub amount: String,
    pub paid: String,
    /// The amount less what was paid, computed by the desk, exact.
    pub owed: String,
    pub payments: Vec<PaymentDto>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DecisionDto {
    #[ts(type = "number")]
    pub id: i64,
    pub kind: DecisionKindCode,
    pub decided_on: String,
    pub user: String,
    pub payable: Option<String>,
    pub grounds: Vec<GroundDto>,
    pub explanation: String,
    pub case_reference: String,
    pub signed_on: Option<String>,
    pub payees: Vec<PayeeDto>,
    /// The supervisor who approved the act above the officer's authority limit.
    pub approved_by: Option<String>,
}

/// Where an act drafted above the officer's authority limit stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SubmissionStateCode {
    Pending,
    Approved,
    Returned,
    Withdrawn,
}

/// An act drafted above the officer's authority limit, for a supervisor's approval.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SubmissionDto {
    #[ts(type = "number")]
    pub id: i64,
    pub state: SubmissionStateCode,
    pub payable: String,
    /// The approval as drafted: payees, the decision's day, the act's language.
    pub request: ApproveDto,
    pub author: String,
    pub author_name: String,
    pub submitted_at: String,
    pub reviewer: Option<String>,
    pub reviewed_at: Option<String>,
    pub note: String,
    /// The signed-in user is a supervisor other than its author, and it is pending.
    pub can_approve: bool,
    /// The signed-in user is its author, and it is pending.
    pub can_withdraw: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct IssuedDocumentDto {
    #[ts(type = "number")]
    pub id: i64,
    pub kind: IssuedKindCode,
    pub number: String,
    pub language: LanguageTag,
    pub issued_on: String,
    pub sha256: String,
    #[ts(type = "number")]
    pub size: i64,
    /// The number of the document this one replaces or supplements.
    pub refers_to: Option<String>,
    pub user: String,
    /// The file name it is saved under: "ТШ-2026-Д0001.pdf".
    pub file_name: String,
}

/// A payment already made to the insured person under the policy (7.2–7.4, D15).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PriorPaymentDto {
    /// "ТШ-2026-000001 (ТШ-2026-Д0001)" or the outside document's reference.
    pub source: String,
    pub paid_on: String,
    pub item: Option<String>,
    pub amount: String,
    /// Entered by hand as made outside the desk.
    pub external: bool,
}

/// The Decision tab: what can be decided and what was.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DecisionViewDto {
    #[ts(type = "number")]
    pub claim_id: i64,
    pub number: String,
    pub state: ClaimStateCode,
    /// Under review: approve, refuse or defer.
    pub can_decide: bool,
    /// A refusal may be made now (before the decision, 6.6).
    pub can_refuse: bool,
    /// The act may be signed now (approved, 6.9).
    pub can_sign: bool,
    /// Payees' transfers may be recorded now (the act signed).
    pub can_pay: bool,
    /// The latest calculation's payable, if any.
    pub payable: Option<String>,
    /// The calculation's prior payments differ from the register's now: calculate again.
    pub prior_changed: bool,
    pub default_payees: Vec<PayeeInputDto>,
    pub grounds: Vec<GroundDto>,
    pub decisions: Vec<DecisionDto>,
    pub documents: Vec<IssuedDocumentDto>,
    /// Earlier payments to the insured person under the policy: other claims' signed acts
    /// and payments made outside the desk.
    pub prior_payments: Vec<PriorPaymentDto>,
    /// This claim's own signed act, as the register holds it (empty until it is signed).
    pub own_payments: Vec<PriorPaymentDto>,
    /// 6.6: a refusal issued today would be late (more than 15 days after complete documents).
    pub refusal_late: Option<String>,
    /// 6.9: the payment deadline once the act is signed, with its state.
    pub payment_deadline: Option<DeadlineDto>,
    /// The documents still missing (a request can be issued).
    #[ts(type = "number")]
    pub documents_missing: i64,
    /// The officer's authority limit; an act paying more waits for a supervisor.
    pub officer_limit: String,
    /// The latest calculation's payable is above the limit.
    pub needs_approval: bool,
    /// The claim's latest act submission unless it was approved (then it is the decision).
    pub submission: Option<SubmissionDto>,
}

/// A document before it is issued, as blocks the window lays out (issue 19).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PaperDto {
    pub title: String,
    pub letterhead: Vec<String>,
    pub reference: Vec<String>,
    pub blocks: Vec<PaperBlockDto>,
    pub footer: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PaperBlockDto {
    Heading { text: String },
    Paragraph { text: String },
    Strong { text: String },
    Fields { pairs: Vec<(String, String)> },
    Table { columns: Vec<PaperColumnDto>, rows: Vec<Vec<String>>, bold_rows: Vec<u32> },
    Signatures { roles: Vec<String>, caption: String },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PaperColumnDto {
    pub title: String,
    /// Figures, aligned right.
    pub right: bool,
}
