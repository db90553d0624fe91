//! Four eyes: an act above the officer's authority limit waits as drafted until a supervisor
//! who did not draft it approves it (on the same calculation), returns it with a reason, or
//! its author withdraws it; no other decision is made meanwhile.

use super::*;

/// An approval as drafted, as the approval it re-checks and issues (amounts exact, in so'm).
pub(crate) fn approve_dto(record: &ApprovalRecord) -> Result<ApproveDto, String> {
    let language: Language =
        record.language.parse().map_err(|_| format!("language {:?}", record.language))?;
    let mut payees = Vec::with_capacity(record.payees.len());
    for payee in &record.payees {
        let role: PayeeRole = payee.role.parse().map_err(|_| format!("payee role {:?}", payee.role))?;
        payees.push(PayeeInputDto {
            role: role_code(role),
            name: payee.name.clone(),
            details: payee.details.clone(),
            amount: crate::dto::amount_text(payee.amount_tiyin),
        });
    }
    Ok(ApproveDto { payees, decided_on: record.decided_on.to_string(), language: Some(language.into()) })
}

impl Desk {
    /// The act waiting on the claim as it would be issued, marked as a draft, without a
    /// number: what the supervisor reads before approving it (issue 19). Nothing is saved.
    pub fn preview_submission(
        &self,
        id_or_number: &str,
        today: NaiveDate,
    ) -> Result<super::Preview, DeskError> {
        self.session()?;
        let claim = self.find_claim(id_or_number)?;
        let submission = self.pending_of(&claim)?;
        let request = approve_dto(&submission.request)
            .map_err(|error| DeskError::Internal(format!("submission {}: {error}", submission.id)))?;
        let approval = self.approval(&claim.id.to_string(), &request, today)?;
        let received = self.received_papers(&approval)?;
        let author = self.full_name_of(&submission.author)?;
        Ok(super::Preview {
            document: super::approve::act_document(&approval, received, &author, None, "—", None, true)?,
        })
    }

    /// A supervisor who is not its author approves the act waiting on the claim: the act is
    /// issued as drafted, provided the claim's calculation and the register's payments are
    /// still those it was drafted on.
    pub fn approve_submission(
        &mut self,
        id_or_number: &str,
        today: NaiveDate,
    ) -> Result<DecisionViewDto, DeskError> {
        let reviewer = self.require(Permission::ApproveAboveLimit)?.login.clone();
        let claim = self.find_claim(id_or_number)?;
        let submission = self.pending_of(&claim)?;
        if submission.author.eq_ignore_ascii_case(&reviewer) {
            return Err(DecisionError::OwnAct.into());
        }
        let recalculated = DeskError::from(DecisionError::Recalculated);
        if self.store.latest_calculation(claim.id)?.map(|latest| latest.id) != Some(submission.calculation_id)
        {
            return Err(recalculated);
        }
        let request = approve_dto(&submission.request)
            .map_err(|error| DeskError::Internal(format!("submission {}: {error}", submission.id)))?;
        let approval = self.approval(&claim.id.to_string(), &request, today)?;
        if approval.calculation_id != submission.calculation_id
            || approval.payable_tiyin != submission.payable_tiyin
        {
            return Err(recalculated);
        }
        self.issue_act(&approval, &submission.author, Some((submission.id, &reviewer)), today)
    }

    /// Closes the act waiting on the claim without issuing it: its author withdraws it, or a
    /// supervisor returns it with the reason.
    pub fn close_submission(
        &mut self,
        id_or_number: &str,
        note: &str,
        today: NaiveDate,
    ) -> Result<DecisionViewDto, DeskError> {
        let login = self.session()?.login.clone();
        let claim = self.find_claim(id_or_number)?;
        let submission = self.pending_of(&claim)?;
        let note = note.trim();
        let state = if submission.author.eq_ignore_ascii_case(&login) {
            self.require(Permission::ClaimWork)?;
            "withdrawn"
        } else {
            self.require(Permission::ApproveAboveLimit)?;
            if note.is_empty() {
                return Err(DecisionError::NoReturnReason.into());
            }
            "returned"
        };
        if !self.store.close_submission(submission.id, state, &login, note)? {
            return Err(DecisionError::Moved { claim: claim.number.clone() }.into());
        }
        self.decision_view(&claim.id.to_string(), today)
    }

    pub(super) fn pending_of(&self, claim: &StoredClaim) -> Result<StoredSubmission, DeskError> {
        self.store.pending_submission(claim.id)?.ok_or_else(|| {
            DeskError::NotFound(text(self.language(), "approval_error.none", &[("number", &claim.number)]))
        })
    }

    pub(super) fn awaiting_approval(&self, claim: &StoredClaim) -> DeskError {
        DecisionError::Pending { claim: claim.number.clone() }.into()
    }

    /// No decision is made while an act waits for approval: it is approved, returned or
    /// withdrawn first.
    pub(super) fn no_submission_pending(&self, claim: &StoredClaim) -> Result<(), DeskError> {
        match self.store.pending_submission(claim.id)? {
            Some(_) => Err(self.awaiting_approval(claim)),
            None => Ok(()),
        }
    }
}
