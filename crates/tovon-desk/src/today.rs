//! The Today screen (issue 19): what the signed-in user has to do, as counts of the work
//! queues and their first claims. A queue is a filter of the claims list
//! (`tovon_store::WorkQueue`), so a count and the list it opens are one query.

use chrono::NaiveDate;
use tovon_core::claim::{decision_due_soon_if_complete_by, documents_overdue_if_counted_before};
use tovon_store::{ClaimFilter, ClaimSort, WorkQueue};

use crate::claims::row_dto;
use crate::dto::{RoleCode, TodayDto, TodayQueueDto, WorkQueueCode};
use crate::users::Permission;
use crate::{Desk, DeskError};

/// How many claims each line shows under its count.
const FIRST_CLAIMS: u32 = 5;
/// D14's deferred items are shown this many days before their first day.
const DEFERRED_AHEAD_DAYS: u64 = 30;

impl Desk {
    /// The queues of the signed-in user's role, each with its count and first claims.
    pub fn today(&self, today: NaiveDate) -> Result<TodayDto, DeskError> {
        let session = self.session()?;
        // The act approvals first (a supervisor's to give, an officer's awaited), then what the
        // branch owes, then the user's own claims; the administrator works no claims.
        let approvals = match session.role {
            RoleCode::Supervisor => Some(WorkQueueCode::AwaitingMyApproval),
            RoleCode::Officer => Some(WorkQueueCode::MyActsAwaitingApproval),
            RoleCode::Administrator => None,
        };
        let mine = (session.role != RoleCode::Administrator).then_some(WorkQueueCode::Mine);
        let queues: Vec<WorkQueueCode> = approvals
            .into_iter()
            .chain([
                WorkQueueCode::ApprovedUnsigned,
                WorkQueueCode::PaymentsDue,
                WorkQueueCode::DecisionsDue,
                WorkQueueCode::DocumentsOverdue,
                WorkQueueCode::DeferredDue,
            ])
            .chain(mine)
            .collect();
        let queues = queues
            .iter()
            .map(|code| {
                let filter = ClaimFilter {
                    state: None,
                    due: None,
                    awaiting_approval: false,
                    queue: Some(self.work_queue(*code, today)?),
                    query: None,
                    today,
                    sort: ClaimSort::NextDue,
                    limit: FIRST_CLAIMS,
                    offset: 0,
                };
                let (count, rows) = self.store.list_claims(&filter)?;
                Ok(TodayQueueDto {
                    queue: *code,
                    count,
                    claims: rows.into_iter().map(|row| row_dto(row, today)).collect(),
                })
            })
            .collect::<Result<Vec<_>, DeskError>>()?;
        Ok(TodayDto { today: today.to_string(), queues })
    }

    /// A queue as the claims it holds for the signed-in user on `today`.
    pub(crate) fn work_queue(&self, code: WorkQueueCode, today: NaiveDate) -> Result<WorkQueue, DeskError> {
        let login = self.session()?.login.clone();
        Ok(match code {
            WorkQueueCode::AwaitingMyApproval => {
                self.require(Permission::ApproveAboveLimit)?;
                WorkQueue::AwaitingApprovalBy { reviewer: login }
            }
            WorkQueueCode::MyActsAwaitingApproval => WorkQueue::SubmittedBy { author: login },
            WorkQueueCode::ApprovedUnsigned => WorkQueue::ApprovedUnsigned,
            WorkQueueCode::PaymentsDue => WorkQueue::PaymentsDue,
            WorkQueueCode::DecisionsDue => {
                WorkQueue::DecisionsDue { complete_by: decision_due_soon_if_complete_by(today) }
            }
            WorkQueueCode::DocumentsOverdue => {
                WorkQueue::DocumentsOverdue { counted_before: documents_overdue_if_counted_before(today) }
            }
            WorkQueueCode::DeferredDue => WorkQueue::DeferredDue {
                until: today
                    .checked_add_days(chrono::Days::new(DEFERRED_AHEAD_DAYS))
                    .unwrap_or(NaiveDate::MAX),
            },
            WorkQueueCode::Mine => WorkQueue::Mine { user: login },
        })
    }
}
