//! Refuse (6.6): catalogued grounds and the reasoned explanation, the letter issued with the
//! clauses it rests on, its lateness against the fifteen days shown.

use super::*;

/// A refusal as asked, checked: the grounds from the catalogue, the explanation, its day and
/// the letter's language.
struct CheckedRefusal {
    picked: Vec<&'static Ground>,
    explanation: String,
    on_day: NaiveDate,
    language: Language,
}

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
        let checked = self.checked_refusal(&claim, request, today)?;
        let on_day = checked.on_day;
        let (progress, step) =
            self.step_to(&claim, ClaimState::Refused, on_day, &checked.explanation, today)?;
        let codes: Vec<String> = checked.picked.iter().map(|g| g.code.clone()).collect();
        let decision = NewDecision {
            kind: DecisionKind::Refuse,
            calculation_id: None,
            payable_tiyin: None,
            grounds: &codes,
            explanation: &checked.explanation,
            case_reference: "",
            decided_on: on_day,
            user: &user,
            approves: None,
        };
        let refers = self.refers_to(claim.id, DocumentKind::Refusal)?;
        let prefix = self.numbering_prefix(claim.branch_code.as_str());
        let issue = Self::issue_of(
            &user,
            &prefix,
            DocumentKind::Refusal,
            checked.language,
            on_day,
            refers.as_ref().map(|(id, _)| *id),
        );
        let policy = self.policy_of(&claim)?;
        let refers_to = refers.map(|(_, refers)| (refers.0, refers.1, false));
        let render = |number: &str, _decision: i64, anchor: &str| -> Result<Vec<u8>, DeskError> {
            rendered(
                refusal_letter(&claim, &policy, &checked, &officer, number, refers_to.clone(), false),
                anchor,
            )
        };
        let from = claim.progress.state;
        let step_move = ClaimMove { claim_id: claim.id, from, progress: &progress, step: &step };
        let written =
            store_decide(&mut self.store, &step_move, &decision, &[], Some((&issue, Box::new(render))))?;
        self.after_decision(&claim, written, today)
    }

    /// The refusal letter as it would be issued, marked as a draft, without a number: read
    /// before a number is taken (issue 19). Nothing is saved.
    pub fn preview_refusal(
        &self,
        id_or_number: &str,
        request: &RefuseDto,
        today: NaiveDate,
    ) -> Result<super::Preview, DeskError> {
        let user = self.require(Permission::ClaimWork)?.login.clone();
        let officer = self.full_name_of(&user)?;
        let claim = self.find_claim(id_or_number)?;
        let checked = self.checked_refusal(&claim, request, today)?;
        let policy = self.policy_of(&claim)?;
        let refers_to =
            self.refers_to(claim.id, DocumentKind::Refusal)?.map(|(_, refers)| (refers.0, refers.1, false));
        Ok(super::Preview {
            document: refusal_letter(&claim, &policy, &checked, &officer, "—", refers_to, true),
        })
    }

    /// The refusal's grounds, explanation and day, checked as refusing would check them.
    fn checked_refusal(
        &self,
        claim: &StoredClaim,
        request: &RefuseDto,
        today: NaiveDate,
    ) -> Result<CheckedRefusal, DeskError> {
        check_move(claim.progress.state, ClaimState::Refused)?;
        self.no_submission_pending(claim)?;
        let catalogue = grounds()?;
        if request.grounds.is_empty() {
            return Err(DecisionError::NoGrounds.into());
        }
        let mut picked: Vec<&'static Ground> = Vec::new();
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
        Ok(CheckedRefusal {
            picked,
            explanation: explanation.to_owned(),
            on_day: step_day(self, claim, "decided_on", &request.decided_on, today)?,
            language: self.paper_language(request.language),
        })
    }
}

/// The letter's words: issued (numbered) or a draft.
fn refusal_letter(
    claim: &StoredClaim,
    policy: &StoredPolicy,
    checked: &CheckedRefusal,
    officer: &str,
    number: &str,
    refers_to: Option<Earlier>,
    preview: bool,
) -> tovon_print::Document {
    let paper = ClaimPaper {
        claim,
        policy,
        language: checked.language,
        number,
        issued_on: checked.on_day,
        officer,
        refers_to,
    };
    paper.refusal(&RefusalContent {
        grounds: checked.picked.clone(),
        explanation: &checked.explanation,
        complete_on: claim.progress.documents_complete_on,
        preview,
    })
}
