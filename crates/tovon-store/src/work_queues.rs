//! The Today screen's work queues as conditions on the claims list: a queue's count and its
//! list are one query, so the two cannot disagree (issue 19). The desk works out the days
//! the rules count to; this module only compares them.

use chrono::NaiveDate;
use rusqlite::types::Value;

use crate::typed::iso;

/// The states in which a claim still moves towards payment (the deadlines' "moving" states,
/// `tovon_core::claim::next_due`): documents, decision and payment deadlines bind only here.
macro_rules! moving {
    () => {
        "('registered', 'awaiting_documents', 'under_review', 'approved', 'act_signed')"
    };
}

/// One line of the Today screen, as the claims that make it up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WorkQueue {
    /// Acts waiting for a supervisor, drafted by someone other than `reviewer`.
    AwaitingApprovalBy { reviewer: String },
    /// Acts `author` drafted above their limit, still waiting for a supervisor.
    SubmittedBy { author: String },
    /// Approved, the act issued, not yet signed by both sides (6.5).
    ApprovedUnsigned,
    /// Signed and not yet paid: each is due within 5 bank days of signing (6.9).
    PaymentsDue,
    /// Undecided with the documents complete on or before `complete_by` (6.6: 15 days).
    DecisionsDue { complete_by: NaiveDate },
    /// Documents incomplete with the notice or the request before `counted_before` (6.1б, 5.3б:
    /// three months), so their deadline has passed.
    DocumentsOverdue { counted_before: NaiveDate },
    /// A deferred item of the latest calculation (D14) whose first day is on or before `until`.
    DeferredDue { until: NaiveDate },
    /// Open claims `user` registered, or whose latest step or calculation is theirs.
    Mine { user: String },
}

impl WorkQueue {
    /// The condition on `claim c`, and its named parameters.
    pub(crate) fn condition(&self) -> (&'static str, Vec<(&'static str, Value)>) {
        let user = |user: &str| vec![(":queue_user", Value::Text(user.to_owned()))];
        let day = |day: NaiveDate| vec![(":queue_day", Value::Text(iso(day)))];
        match self {
            WorkQueue::AwaitingApprovalBy { reviewer } => (
                "c.id IN (SELECT claim_id FROM act_submission WHERE state = 'pending' AND author <> :queue_user)",
                user(reviewer),
            ),
            WorkQueue::SubmittedBy { author } => (
                "c.id IN (SELECT claim_id FROM act_submission WHERE state = 'pending' AND author = :queue_user)",
                user(author),
            ),
            WorkQueue::ApprovedUnsigned => ("c.state = 'approved'", vec![]),
            WorkQueue::PaymentsDue => ("c.state = 'act_signed'", vec![]),
            WorkQueue::DecisionsDue { complete_by } => (
                concat!(
                    "c.state IN ",
                    moving!(),
                    " AND c.decided_on IS NULL AND c.documents_complete_on <= :queue_day"
                ),
                day(*complete_by),
            ),
            WorkQueue::DocumentsOverdue { counted_before } => (
                concat!(
                    "c.state IN ",
                    moving!(),
                    " AND c.documents_complete_on IS NULL",
                    " AND (c.notice_date < :queue_day OR c.documents_requested_on < :queue_day)"
                ),
                day(*counted_before),
            ),
            WorkQueue::DeferredDue { until } => (
                "c.state NOT IN ('refused', 'closed') AND EXISTS
                   (SELECT 1 FROM claim_calculation cc, json_each(cc.deferred) item
                    WHERE cc.id = (SELECT max(id) FROM claim_calculation WHERE claim_id = c.id)
                      AND json_extract(item.value, '$.earliest_date') <= :queue_day)",
                day(*until),
            ),
            WorkQueue::Mine { user: who } => (
                "c.state NOT IN ('paid', 'closed', 'refused') AND (
                   EXISTS (SELECT 1 FROM claim_event e
                           WHERE e.claim_id = c.id AND e.from_state IS NULL AND e.user_name = :queue_user)
                   OR (SELECT e.user_name FROM claim_event e WHERE e.claim_id = c.id ORDER BY e.id DESC LIMIT 1)
                      = :queue_user
                   OR (SELECT cc.user_name FROM claim_calculation cc WHERE cc.claim_id = c.id ORDER BY cc.id DESC LIMIT 1)
                      = :queue_user)",
                user(who),
            ),
        }
    }
}
