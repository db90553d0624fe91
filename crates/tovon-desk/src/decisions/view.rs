//! The Decision tab's view of a claim: what can be decided, the decisions made with their
//! payees and transfers, the payments the register knows of, the documents issued, and the
//! warnings of 6.6 (a late refusal) and 6.9 (the payment deadline).

use chrono::NaiveDate;
use tovon_core::Language;
use tovon_core::claim::{ClaimState, Deadline, DeadlineKind, DeadlineState, deadlines};
use tovon_core::decision::DecisionKind;

use super::{RegisterPayment, default_payees, grounds, register_total, role_code};
use crate::claims::{deadline_dto, deadline_facts, dmy};
use crate::dto::amount_text as amount;
use crate::dto::{
    DecisionDto, DecisionKindCode, DecisionViewDto, GroundDto, PayeeDto, PaymentDto, PriorPaymentDto,
    SubmissionDto, SubmissionStateCode,
};
use crate::messages::text;
use crate::users::Permission;
use crate::{Desk, DeskError};
use tovon_store::{StoredDecision, StoredPayee, StoredSubmission};

impl Desk {
    fn ground_dto(&self, code: &str) -> Result<GroundDto, DeskError> {
        let language = self.language();
        let ground = grounds()?.get(code);
        Ok(GroundDto {
            code: code.to_owned(),
            clause: ground.map(|g| crate::messages::clause(&g.clause, language)).unwrap_or_default(),
            title: text(language, &format!("refusal_ground.{code}"), &[]),
            text: ground.map(|g| g.text(language)).unwrap_or_default(),
        })
    }

    /// The Decision tab, as of `today`.
    pub fn decision_view(&self, id_or_number: &str, today: NaiveDate) -> Result<DecisionViewDto, DeskError> {
        self.session()?;
        let language = self.language();
        let claim = self.find_claim(id_or_number)?;
        let state = claim.progress.state;
        let policy = self.policy_of(&claim)?;
        let latest = self.store.latest_calculation(claim.id)?;
        let register: Vec<RegisterPayment> = self.register_payments(policy.id)?;
        let register_total = register_total(&register)?;
        // Only before the decision: once approved, the claim's own signed act is in the register.
        let undecided = state.is_undecided();
        let prior_changed = match &latest {
            Some(stored) if undecided => stored.result.prior_paid_tiyin != register_total.tiyin(),
            _ => false,
        };
        let submissions = self.store.submissions(claim.id)?;
        let decisions = self
            .store
            .decisions(claim.id)?
            .into_iter()
            .map(|decision| self.decision_dto(decision, &submissions))
            .collect::<Result<Vec<_>, DeskError>>()?;
        let documents = self
            .store
            .issued_documents(claim.id)?
            .iter()
            .map(|document| self.issued_dto(document))
            .collect::<Result<Vec<_>, _>>()?;
        let facts = deadline_facts(&claim, latest.as_ref());
        let all = deadlines(&facts, &self.calendar()?, today)?;
        let refusal_late = refusal_late(&all, state, language, today);
        let payment_deadline = all
            .iter()
            .find(|deadline| deadline.kind == DeadlineKind::Payment)
            .map(|deadline| deadline_dto(deadline, self.language()));
        let (_, documents_missing) = self.document_counts(&claim)?;
        let payable_tiyin = latest.as_ref().map(|stored| stored.result.payable_tiyin);
        let officer_limit = self.officer_limit_tiyin()?;
        let submission = match submissions.into_iter().next_back().filter(|last| last.state != "approved") {
            Some(last) => Some(self.submission_dto(last)?),
            None => None,
        };
        let pending = submission.as_ref().is_some_and(|last| last.state == SubmissionStateCode::Pending);
        Ok(DecisionViewDto {
            claim_id: claim.id,
            number: claim.number.clone(),
            state: state.into(),
            can_decide: state == ClaimState::UnderReview && !pending,
            can_refuse: state.next().contains(&ClaimState::Refused) && !pending,
            can_sign: state == ClaimState::Approved,
            can_pay: state == ClaimState::ActSigned,
            payable: payable_tiyin.map(amount),
            prior_changed,
            default_payees: payable_tiyin
                .filter(|payable| *payable > 0)
                .map(|payable| default_payees(&claim, &policy, payable, language))
                .unwrap_or_default(),
            grounds: grounds()?
                .all()
                .iter()
                .map(|ground| self.ground_dto(&ground.code))
                .collect::<Result<_, _>>()?,
            decisions,
            documents,
            // The claim's own act, once signed, is in the register too: shown as this claim's,
            // never among the earlier payments it would read as paid twice (issue 19).
            own_payments: prior_payment_dtos(
                register.iter().filter(|payment| payment.claim_id == Some(claim.id)),
                self.language(),
            ),
            prior_payments: prior_payment_dtos(
                register.iter().filter(|payment| payment.claim_id != Some(claim.id)),
                self.language(),
            ),
            refusal_late,
            payment_deadline,
            documents_missing: i64::from(documents_missing),
            officer_limit: amount(officer_limit),
            needs_approval: payable_tiyin.is_some_and(|payable| payable > officer_limit),
            submission,
        })
    }

    /// One decision as the tab shows it, with its grounds, approver and payees.
    fn decision_dto(
        &self,
        decision: StoredDecision,
        submissions: &[StoredSubmission],
    ) -> Result<DecisionDto, DeskError> {
        let kind = match decision.kind {
            DecisionKind::Approve => DecisionKindCode::Approve,
            DecisionKind::Refuse => DecisionKindCode::Refuse,
            DecisionKind::Defer => DecisionKindCode::Defer,
        };
        Ok(DecisionDto {
            id: decision.id,
            kind,
            decided_on: decision.decided_on.to_string(),
            user: decision.user,
            payable: decision.payable_tiyin.map(amount),
            grounds: decision
                .grounds
                .iter()
                .map(|code| self.ground_dto(code))
                .collect::<Result<_, DeskError>>()?,
            explanation: decision.explanation,
            case_reference: decision.case_reference,
            signed_on: decision.signed.map(|(on, _)| on.to_string()),
            approved_by: submissions
                .iter()
                .find(|submission| submission.decision_id == Some(decision.id))
                .and_then(|submission| submission.reviewer.clone()),
            payees: decision.payees.into_iter().map(payee_dto).collect(),
        })
    }

    fn submission_dto(&self, stored: StoredSubmission) -> Result<SubmissionDto, DeskError> {
        let request = super::approve_dto(&stored.request)
            .map_err(|error| DeskError::Internal(format!("submission {}: {error}", stored.id)))?;
        let state = match stored.state.as_str() {
            "pending" => SubmissionStateCode::Pending,
            "approved" => SubmissionStateCode::Approved,
            "returned" => SubmissionStateCode::Returned,
            "withdrawn" => SubmissionStateCode::Withdrawn,
            other => {
                return Err(DeskError::Internal(format!(
                    "act_submission {}: the state {other:?} does not read",
                    stored.id
                )));
            }
        };
        let login = self.session().map(|session| session.login.clone()).unwrap_or_default();
        let own = stored.author.eq_ignore_ascii_case(&login);
        let pending = state == SubmissionStateCode::Pending;
        Ok(SubmissionDto {
            id: stored.id,
            state,
            payable: amount(stored.payable_tiyin),
            request,
            author_name: self.full_name_of(&stored.author)?,
            author: stored.author,
            submitted_at: stored.submitted_at,
            reviewer: stored.reviewer,
            reviewed_at: stored.reviewed_at,
            note: stored.note,
            can_approve: pending && !own && self.may(Permission::ApproveAboveLimit),
            can_withdraw: pending && own,
        })
    }
}

/// A payee with what was paid and what is still owed (exact, by the desk).
fn payee_dto(payee: StoredPayee) -> PayeeDto {
    let paid: i64 = payee.payments.iter().map(|payment| payment.amount_tiyin).sum();
    PayeeDto {
        id: payee.id,
        role: role_code(payee.role),
        paid: amount(paid),
        owed: amount(payee.amount_tiyin - paid),
        name: payee.name,
        details: payee.details,
        amount: amount(payee.amount_tiyin),
        payments: payee
            .payments
            .into_iter()
            .map(|payment| PaymentDto {
                id: payment.id,
                paid_on: payment.paid_on.to_string(),
                amount: amount(payment.amount_tiyin),
                order_number: payment.order_number,
                user: payment.user,
            })
            .collect(),
    }
}

/// The register's payments, part by part.
fn prior_payment_dtos<'r>(
    register: impl Iterator<Item = &'r RegisterPayment>,
    language: tovon_core::Language,
) -> Vec<PriorPaymentDto> {
    register
        .flat_map(|payment| {
            payment.parts.iter().map(move |part| PriorPaymentDto {
                source: payment.source.clone(),
                paid_on: payment.paid_on.to_string(),
                item: part.item.as_deref().map(|item| crate::messages::clause(item, language)),
                amount: part.amount.to_string(),
                external: payment.external,
            })
        })
        .collect()
}

/// 6.6: a refusal reaches the claimant within 15 days of complete documents; how late one
/// made now would be, while no decision is made.
fn refusal_late(all: &[Deadline], state: ClaimState, language: Language, today: NaiveDate) -> Option<String> {
    if matches!(
        state,
        ClaimState::Refused
            | ClaimState::Approved
            | ClaimState::ActSigned
            | ClaimState::Paid
            | ClaimState::Closed
    ) {
        return None;
    }
    let deadline = all.iter().find(|deadline| {
        deadline.kind == DeadlineKind::Decision && deadline.state == DeadlineState::Overdue
    })?;
    let days = today.signed_duration_since(deadline.due).num_days().to_string();
    Some(text(language, "decision.refusal_late", &[("due", &dmy(deadline.due)), ("days", &days)]))
}
