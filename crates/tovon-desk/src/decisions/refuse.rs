//! Refuse (6.6): catalogued grounds and the reasoned explanation, the letter issued with the
//! clauses it rests on, its lateness against the fifteen days shown.

use super::*;

impl Desk {
    /// Refuses on one or more grounds with the reasoned explanation (6.6), and issues the
    /// refusal letter.
    pub fn refuse_claim(
        &mut self,
        id_or_number: &str,
        request: &RefuseDto,
        today: NaiveDate,
    ) -> Result<DecisionViewDto, DeskError> {
        let user = self.require(Permission::ClaimWork)?.login.clone();
        let officer = self.full_name_of(&user)?;
        let claim = self.find_claim(id_or_number)?;
        let state = claim.progress.state;
        check_move(state, ClaimState::Refused)?;
        self.no_submission_pending(&claim)?;
        let catalogue = grounds()?;
        if request.grounds.is_empty() {
            return Err(DecisionError::NoGrounds.into());
        }
        let mut picked: Vec<&Ground> = Vec::new();
        for code in &request.grounds {
            let ground = catalogue.get(code.trim()).ok_or_else(|| {
                let known = catalogue.all().iter().map(|g| g.code.as_str()).collect::<Vec<_>>().join(", ");
                DecisionError::UnknownGround { code: code.clone(), known }
            })?;
            if !picked.iter().any(|seen| seen.code == ground.code) {
                picked.push(ground);
            }
        }
        let explanation = request.explanation.trim();
        if explanation.is_empty() {
            return Err(DecisionError::NoExplanation.into());
        }
        let on_day = step_day(self, &claim, "decided_on", &request.decided_on, today)?;
        let paper_language = self.paper_language(request.language);
        let (progress, step) = self.step_to(&claim, ClaimState::Refused, on_day, explanation, today)?;
        let codes: Vec<String> = picked.iter().map(|g| g.code.clone()).collect();
        let decision = NewDecision {
            kind: DecisionKind::Refuse,
            calculation_id: None,
            payable_tiyin: None,
            grounds: &codes,
            explanation,
            case_reference: "",
            decided_on: on_day,
            user: &user,
            approves: None,
        };
        let refers = self.refers_to(claim.id, DocumentKind::Refusal)?;
        let issue = Self::issue_of(
            &user,
            &claim,
            DocumentKind::Refusal,
            paper_language,
            on_day,
            refers.as_ref().map(|(id, _)| *id),
        );
        let policy = self.policy_of(&claim)?;
        let complete_on = claim.progress.documents_complete_on;
        let refers_to = refers.map(|(_, refers)| (refers.0, refers.1, false));
        let render = |number: &str, _decision: i64, anchor: &str| -> Result<Vec<u8>, DeskError> {
            let paper = ClaimPaper {
                claim: &claim,
                policy: &policy,
                language: paper_language,
                number,
                issued_on: on_day,
                officer: &officer,
                refers_to: refers_to.clone(),
            };
            let document =
                paper.refusal(&RefusalContent { grounds: picked.clone(), explanation, complete_on });
            rendered(document, anchor)
        };
        let from = claim.progress.state;
        let step_move = ClaimMove { claim_id: claim.id, from, progress: &progress, step: &step };
        let written =
            store_decide(&mut self.store, &step_move, &decision, &[], Some((&issue, Box::new(render))))?;
        self.after_decision(&claim, written, today)
    }
}
