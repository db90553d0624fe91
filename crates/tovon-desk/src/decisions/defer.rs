//! Defer (6.7, 5.3е): the decision waits for the authority's ruling on the named case.

use super::*;

impl Desk {
    /// Defers the decision until the ruling in the named case (6.7).
    pub fn defer_claim(
        &mut self,
        id_or_number: &str,
        request: &DeferDto,
        today: NaiveDate,
    ) -> Result<DecisionViewDto, DeskError> {
        let user = self.require(Permission::ClaimWork)?.login.clone();
        let claim = self.find_claim(id_or_number)?;
        let state = claim.progress.state;
        check_move(state, ClaimState::Deferred)?;
        self.no_submission_pending(&claim)?;
        let case_reference = request.case_reference.trim();
        if case_reference.is_empty() {
            return Err(DecisionError::NoCase.into());
        }
        let on_day = step_day(self, &claim, "decided_on", &request.decided_on, today)?;
        let explanation = request.explanation.trim();
        let reason = if explanation.is_empty() {
            case_reference.to_owned()
        } else {
            format!("{case_reference}: {explanation}")
        };
        let (progress, step) = self.step_to(&claim, ClaimState::Deferred, on_day, &reason, today)?;
        let decision = NewDecision {
            kind: DecisionKind::Defer,
            calculation_id: None,
            payable_tiyin: None,
            grounds: &[],
            explanation,
            case_reference,
            decided_on: on_day,
            user: &user,
            approves: None,
        };
        let from = claim.progress.state;
        let step_move = ClaimMove { claim_id: claim.id, from, progress: &progress, step: &step };
        let written = store_decide(&mut self.store, &step_move, &decision, &[], None)?;
        self.after_decision(&claim, written, today)
    }
}
