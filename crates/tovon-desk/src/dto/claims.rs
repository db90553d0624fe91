//! Claims as they cross to the UI and out of `tovon claim … --json`.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::PolicySummaryDto;

/// 7.1–7.3: what the event led to; it decides the documents (6.2.1–6.2.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ClaimOutcome {
    Injury,
    Disability,
    Death,
}

impl ClaimOutcome {
    pub fn code(self) -> &'static str {
        match self {
            ClaimOutcome::Injury => "injury",
            ClaimOutcome::Disability => "disability",
            ClaimOutcome::Death => "death",
        }
    }
}

/// A claim's state, as `tovon_core::claim::ClaimState` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ClaimStateCode {
    Registered,
    AwaitingDocuments,
    UnderReview,
    Approved,
    Refused,
    Deferred,
    ActSigned,
    Paid,
    Closed,
}

/// A policy typed in by hand because it is not in the register (yet).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PolicyByHandDto {
    pub series: String,
    pub number: String,
    pub issued_on: String,
    pub starts_on: String,
    pub ends_on: String,
    #[serde(default)]
    pub premium_paid_on: String,
    pub sum_insured: String,
    pub full_name: String,
    pub birth_date: String,
    pub pinfl: String,
    #[serde(default)]
    pub passport: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub address: String,
    #[serde(default)]
    pub branch: String,
}

/// A new claim as the form (or `tovon claim new`) fills it. Dates ISO or DD.MM.YYYY.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ClaimDraftDto {
    /// A policy from the register (a search result's id) …
    #[serde(default)]
    #[ts(type = "number | null")]
    pub policy_id: Option<i64>,
    /// … or one entered by hand, stored "not in registry".
    #[serde(default)]
    pub policy_by_hand: Option<PolicyByHandDto>,
    /// The registering branch's code, the claim number's prefix ("ТШ").
    pub branch_code: String,
    pub claimant_name: String,
    /// Who the claimant is to the insured person: the insured, a relative, an heir, …
    pub claimant_relation: String,
    #[serde(default)]
    pub claimant_phone: String,
    #[serde(default)]
    pub beneficiary_name: String,
    pub event_date: String,
    pub event_place: String,
    pub circumstances: String,
    pub outcome: ClaimOutcome,
    pub notice_date: String,
    /// The facts that change the required documents (6.2.1, 6.3, 6.7) and 3.1ж.
    #[serde(default)]
    pub was_driving: bool,
    #[serde(default)]
    pub fracture: bool,
    #[serde(default)]
    pub criminal_case: bool,
    #[serde(default)]
    pub suicide: bool,
    #[serde(default)]
    pub notes: String,
}

/// Something the officer must see; never a refusal by itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ClaimWarningDto {
    /// outside_period, premium_late, late_notice, suicide_two_years, likely_duplicate.
    pub code: String,
    /// The clause of the rules it comes from.
    pub clause: String,
    /// In the user's language.
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineKindCode {
    Notice,
    Documents,
    RequestedDocuments,
    Decision,
    Payment,
    DisabilityWindow,
    /// D14: a deferred item of the calculation becomes payable.
    Waiting,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineStateCode {
    Ok,
    DueSoon,
    Overdue,
    Met,
    MetLate,
    Expired,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DeadlineDto {
    pub kind: DeadlineKindCode,
    pub clause: String,
    /// The date it counts from.
    pub basis: String,
    pub due: String,
    pub state: DeadlineStateCode,
    #[ts(type = "number")]
    pub days_left: i64,
    /// The schedule item of a waiting deadline.
    pub item: Option<String>,
    /// A year the count of bank days runs into whose calendar is not confirmed.
    pub unconfirmed_year: Option<i32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ClaimEventDto {
    /// When it was entered (UTC, ISO).
    pub at: String,
    pub user: String,
    pub from_state: Option<ClaimStateCode>,
    pub to_state: ClaimStateCode,
    /// The day it happened.
    pub on_date: String,
    pub reason: String,
    /// A supplementary decision on a closed or refused claim.
    pub reopening: bool,
}

/// One claim, whole.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ClaimDto {
    #[ts(type = "number")]
    pub id: i64,
    pub number: String,
    pub state: ClaimStateCode,
    /// Its act waits for a supervisor's approval (a pending submission, not a state).
    pub awaiting_approval: bool,
    /// Where it may go from here.
    pub next_states: Vec<ClaimStateCode>,
    /// The moves made by hand (the others are made by a decision, signing or payment).
    pub hand_moves: Vec<ClaimStateCode>,
    /// Before the decision: documents are still gathered.
    pub undecided: bool,
    pub policy: PolicySummaryDto,
    pub insured_name: String,
    pub claimant_name: String,
    pub claimant_relation: String,
    pub claimant_phone: Option<String>,
    pub beneficiary_name: Option<String>,
    pub event_date: String,
    pub event_place: String,
    pub circumstances: String,
    pub outcome: ClaimOutcome,
    pub notice_date: String,
    pub was_driving: bool,
    pub fracture: bool,
    pub criminal_case: bool,
    pub suicide: bool,
    pub notes: String,
    pub registered_at: String,
    pub deadlines: Vec<DeadlineDto>,
    /// The deadline the claim waits on next (none when it waits on nothing).
    pub next_due: Option<DeadlineDto>,
    pub warnings: Vec<ClaimWarningDto>,
    pub events: Vec<ClaimEventDto>,
    /// The calculation the claim goes by (its latest), if one was saved.
    pub calculation: Option<ClaimCalculationDto>,
    /// Documents the rules require for it (6.2, 6.3, 6.4), and how many have not come in.
    pub documents_required: u32,
    pub documents_missing: u32,
    /// What the claim waits on now (issue 19): the header says it.
    pub waits_on: WaitCode,
}

/// What a claim waits on, for its header: the next thing someone has to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum WaitCode {
    /// Documents the rules require have not all come in (6.2–6.4).
    Documents,
    /// The documents are in; no calculation is saved yet.
    Calculation,
    /// Documents and calculation are in: ready for the decision (6.6).
    Decision,
    /// The act drafted above the officer's limit waits for a supervisor.
    Approval,
    /// Approved: the act waits for both signatures (6.5).
    Signing,
    /// Signed: the payment is due (6.9).
    Payment,
    /// Deferred: the decision waits for the case (6.7).
    Case,
    /// Paid: a deferred item (D14) waits for its day.
    DeferredItem,
    /// Nothing: refused, closed, or paid in full.
    Nothing,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DueFilterCode {
    Overdue,
    DueSoon,
    Ok,
    None,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ClaimSortCode {
    NextDue,
    Newest,
    EventDate,
    Number,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ClaimListQueryDto {
    #[serde(default)]
    pub state: Option<ClaimStateCode>,
    #[serde(default)]
    pub due: Option<DueFilterCode>,
    /// Only claims whose act waits for a supervisor's approval.
    #[serde(default)]
    pub awaiting_approval: bool,
    /// One of the Today screen's queues, for the signed-in user (issue 19).
    #[serde(default)]
    pub queue: Option<WorkQueueCode>,
    /// Claim number, policy number or the insured's name (either script).
    #[serde(default)]
    pub query: String,
    pub sort: ClaimSortCode,
    pub limit: u32,
    pub offset: u32,
}

/// A row of the claims list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ClaimRowDto {
    #[ts(type = "number")]
    pub id: i64,
    pub number: String,
    pub insured_name: String,
    /// Series and number.
    pub policy: String,
    pub event_date: String,
    pub outcome: ClaimOutcome,
    pub state: ClaimStateCode,
    pub next_due: Option<String>,
    pub next_due_kind: Option<DeadlineKindCode>,
    /// Of the next deadline, today; none when the claim waits on nothing.
    pub due_state: Option<DeadlineStateCode>,
    #[ts(type = "number | null")]
    pub days_left: Option<i64>,
    /// Its act waits for a supervisor's approval (a pending submission, not a state).
    pub awaiting_approval: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ClaimListDto {
    #[ts(type = "number")]
    pub total: i64,
    pub rows: Vec<ClaimRowDto>,
}

/// A line of the Today screen: the claims behind it are the claims list filtered by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum WorkQueueCode {
    /// A supervisor's: acts drafted by others above their limit.
    AwaitingMyApproval,
    /// An officer's: acts they drafted above their limit, waiting for a supervisor.
    MyActsAwaitingApproval,
    /// The act approved and issued, not yet signed by both sides (6.5).
    ApprovedUnsigned,
    /// Signed acts not yet paid: each due within 5 bank days of signing (6.9).
    PaymentsDue,
    /// The decision (6.6) due within 3 days, or overdue.
    DecisionsDue,
    /// The documents' three months (6.1б, 5.3б) passed.
    DocumentsOverdue,
    /// A deferred item (D14) falling due within 30 days, or due.
    DeferredDue,
    /// Open claims the user registered or last worked on.
    Mine,
}

impl WorkQueueCode {
    pub const ALL: [WorkQueueCode; 8] = [
        WorkQueueCode::AwaitingMyApproval,
        WorkQueueCode::MyActsAwaitingApproval,
        WorkQueueCode::ApprovedUnsigned,
        WorkQueueCode::PaymentsDue,
        WorkQueueCode::DecisionsDue,
        WorkQueueCode::DocumentsOverdue,
        WorkQueueCode::DeferredDue,
        WorkQueueCode::Mine,
    ];

    pub fn code(self) -> &'static str {
        match self {
            WorkQueueCode::AwaitingMyApproval => "awaiting_my_approval",
            WorkQueueCode::MyActsAwaitingApproval => "my_acts_awaiting_approval",
            WorkQueueCode::ApprovedUnsigned => "approved_unsigned",
            WorkQueueCode::PaymentsDue => "payments_due",
            WorkQueueCode::DecisionsDue => "decisions_due",
            WorkQueueCode::DocumentsOverdue => "documents_overdue",
            WorkQueueCode::DeferredDue => "deferred_due",
            WorkQueueCode::Mine => "mine",
        }
    }
}

/// One line of the Today screen: how many claims, and the first of them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TodayQueueDto {
    pub queue: WorkQueueCode,
    #[ts(type = "number")]
    pub count: i64,
    /// The first claims in the list's deadline order.
    pub claims: Vec<ClaimRowDto>,
}

/// The Today screen of the signed-in user, as of `today`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TodayDto {
    pub today: String,
    pub queues: Vec<TodayQueueDto>,
}

/// A step of the lifecycle as the officer asks for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ClaimTransitionDto {
    pub to: ClaimStateCode,
    #[serde(default)]
    pub reason: String,
    /// The day it happened (ISO or DD.MM.YYYY); empty: today.
    #[serde(default)]
    pub on_date: String,
}

/// A calculation saved to a claim: never changed; a recalculation is a new one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ClaimCalculationDto {
    #[ts(type = "number")]
    pub id: i64,
    /// The calculation date (YYYY-MM-DD).
    pub calculated_on: String,
    pub user: String,
    /// When it was saved (UTC, ISO).
    pub entered_at: String,
    /// The request as it was calculated (the Calculator opens it again).
    pub request: String,
    pub result: crate::dto::CalculationDto,
    /// How many calculations the claim has (this one included).
    #[ts(type = "number")]
    pub count: i64,
}
