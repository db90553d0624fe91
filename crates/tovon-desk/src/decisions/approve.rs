//! Approve (6.5): the incident act from the claim's latest calculation, checked against the
//! register and paid to its payees (1.1.3); above the officer's authority limit it is drafted
//! for a supervisor instead (`submission`).

use super::*;

/// What approving would write, checked: the calculation, the payees, the move.
pub(super) struct Approval {
    pub claim: StoredClaim,
    pub policy: StoredPolicy,
    pub calculation_id: i64,
    pub calculation: CalculationRecord,
    pub payable_tiyin: i64,
    pub payees: Vec<NewPayee>,
    pub prior: Vec<RegisterPayment>,
    pub on: NaiveDate,
    pub language: Language,
}

/// The act's words for an approval (a preview has no number).
pub(super) fn act_document(
    approval: &Approval,
    received: Vec<(String, String)>,
    officer: &str,
    approver: Option<&str>,
    number: &str,
    refers_to: Option<Earlier>,
    preview: bool,
) -> Result<tovon_print::Document, DeskError> {
    let mut prior = Vec::new();
    for payment in &approval.prior {
        let paid_on = dmy(payment.paid_on);
        prior.extend(payment.parts.iter().map(|part| PriorLine {
            source: payment.source.clone(),
            paid_on: paid_on.clone(),
            item: part.item.clone(),
            amount_tiyin: part.amount.tiyin(),
        }));
    }
    let paper = ClaimPaper {
        claim: &approval.claim,
        policy: &approval.policy,
        language: approval.language,
        number,
        issued_on: approval.on,
        officer,
        refers_to,
    };
    let calculation = crate::calc::in_language(approval.calculation.clone(), approval.language);
    paper.act(&ActContent {
        calculation: &calculation,
        payable_tiyin: approval.payable_tiyin,
        payees: approval
            .payees
            .iter()
            .map(|payee| ActPayee {
                role: payee.role,
                name: payee.name.clone(),
                details: payee.details.clone(),
                amount_tiyin: payee.amount_tiyin,
            })
            .collect(),
        prior,
        received,
        approver,
        preview,
    })
}

fn payee_error(error: &PayeeError) -> DecisionError {
    match *error {
        PayeeError::None => DecisionError::NoPayees,
        PayeeError::NoName { index } => DecisionError::PayeeName { index },
        PayeeError::Amount { index, amount } => DecisionError::PayeeAmount { index, amount },
        PayeeError::Overflow => DecisionError::PayeesTooLarge,
        PayeeError::Sum { sum, payable } => DecisionError::PayeeSum { sum, payable },
    }
}

/// The payees an act starts with (1.1.3): the insured person; on death the bank for the
/// policy's loan amount (at most the payable; staff enter the outstanding amount) and the
/// heirs for the rest.
pub(crate) fn default_payees(
    claim: &StoredClaim,
    policy: &StoredPolicy,
    payable_tiyin: i64,
    language: Language,
) -> Vec<PayeeInputDto> {
    if claim.facts.outcome != "death" {
        return vec![PayeeInputDto {
            role: PayeeRoleCode::Insured,
            name: policy.record.full_name.clone(),
            details: String::new(),
            amount: Money::from_tiyin(payable_tiyin).to_string(),
        }];
    }
    let bank = policy.record.loan_amount_tiyin.unwrap_or_default().clamp(0, payable_tiyin);
    let heirs = claim
        .facts
        .beneficiary_name
        .clone()
        .filter(|name| !name.trim().is_empty())
        .unwrap_or_else(|| text(language, "payee.heirs_of", &[("name", &policy.record.full_name)]));
    let mut payees = Vec::new();
    if bank > 0 {
        payees.push(PayeeInputDto {
            role: PayeeRoleCode::Bank,
            name: text(language, "payee.bank_name", &[]),
            details: policy.record.loan_agreement.clone().unwrap_or_default(),
            amount: Money::from_tiyin(bank).to_string(),
        });
    }
    if payable_tiyin > bank {
        payees.push(PayeeInputDto {
            role: PayeeRoleCode::Heir,
            name: heirs,
            details: String::new(),
            amount: Money::from_tiyin(payable_tiyin - bank).to_string(),
        });
    }
    payees
}

impl Desk {
    pub(super) fn approval(
        &self,
        id_or_number: &str,
        request: &ApproveDto,
        today: NaiveDate,
    ) -> Result<Approval, DeskError> {
        let claim = self.find_claim(id_or_number)?;
        let state = claim.progress.state;
        check_move(state, ClaimState::Approved)?;
        let stored = self
            .store
            .latest_calculation(claim.id)?
            .ok_or_else(|| DecisionError::NoCalculation { claim: claim.number.clone() })?;
        let calculation = stored.result;
        let policy = self.policy_of(&claim)?;
        let prior = self.register_payments(policy.id)?;
        let register_total = register_total(&prior)?;
        let calculated_prior = Money::from_tiyin(calculation.prior_paid_tiyin);
        if register_total != calculated_prior {
            return Err(DecisionError::PriorChanged {
                register: register_total,
                calculation: calculated_prior,
            }
            .into());
        }
        if calculation.payable_tiyin <= 0 {
            return Err(DecisionError::NothingPayable.into());
        }
        let mut payees = Vec::with_capacity(request.payees.len());
        for (index, payee) in request.payees.iter().enumerate() {
            payees.push(Payee {
                role: payee.role.into(),
                name: payee.name.trim().to_owned(),
                details: payee.details.trim().to_owned(),
                amount: amount(&format!("payees[{index}].amount"), &payee.amount)?,
            });
        }
        check_payees(Money::from_tiyin(calculation.payable_tiyin), &payees)
            .map_err(|error| DeskError::from(payee_error(&error)))?;
        let on = step_day(self, &claim, "decided_on", &request.decided_on, today)?;
        Ok(Approval {
            payees: payees
                .into_iter()
                .map(|payee| NewPayee {
                    role: payee.role,
                    name: payee.name,
                    details: payee.details,
                    amount_tiyin: payee.amount.tiyin(),
                })
                .collect(),
            claim,
            policy,
            calculation_id: stored.id,
            payable_tiyin: calculation.payable_tiyin,
            calculation,
            prior,
            on,
            language: self.paper_language(request.language),
        })
    }

    /// What the act lists from the claim's records: the documents received.
    pub(super) fn received_papers(&self, approval: &Approval) -> Result<Vec<(String, String)>, DeskError> {
        let language = approval.language;
        let stored = self.documents_of(&approval.claim)?;
        let mut received = Vec::with_capacity(stored.receipts.len());
        for receipt in &stored.receipts {
            let key = tovon_core::documents::ItemKey::parse(&receipt.item).ok_or_else(|| {
                DeskError::Internal(format!(
                    "claim_document.item: the stored item {:?} does not read",
                    receipt.item
                ))
            })?;
            let kind = if receipt.copy { "paper.copy" } else { "paper.original" };
            let day = receipt.received_on;
            received
                .push((stored.title(&key, language), format!("{}, {}", dmy(day), text(language, kind, &[]))));
        }
        Ok(received)
    }

    /// The act as it would be issued, marked as a draft, without a number: nothing is saved.
    pub fn preview_act(
        &self,
        id_or_number: &str,
        request: &ApproveDto,
        today: NaiveDate,
    ) -> Result<super::Preview, DeskError> {
        self.session()?;
        let approval = self.approval(id_or_number, request, today)?;
        let received = self.received_papers(&approval)?;
        let officer = self.full_name_of(self.user())?;
        Ok(super::Preview { document: act_document(&approval, received, &officer, None, "—", None, true)? })
    }

    /// Approves: the decision, its payees and the incident act (numbered, stored) in one
    /// transaction; the claim becomes approved. An act paying more than the officer's
    /// authority limit is not issued: it waits for a supervisor's approval
    /// ([`Desk::approve_submission`]).
    pub fn approve_claim(
        &mut self,
        id_or_number: &str,
        request: &ApproveDto,
        today: NaiveDate,
    ) -> Result<DecisionViewDto, DeskError> {
        let author = self.require(Permission::ClaimWork)?.login.clone();
        let approval = self.approval(id_or_number, request, today)?;
        self.no_submission_pending(&approval.claim)?;
        if approval.payable_tiyin > self.officer_limit_tiyin()? {
            let drafted = ApprovalRecord {
                version: tovon_store::records::RECORD_VERSION,
                payees: approval
                    .payees
                    .iter()
                    .map(|payee| PayeeRecord {
                        role: payee.role.code().to_owned(),
                        name: payee.name.clone(),
                        details: payee.details.clone(),
                        amount_tiyin: payee.amount_tiyin,
                    })
                    .collect(),
                decided_on: approval.on,
                language: approval.language.tag().to_owned(),
            };
            let submission = NewSubmission {
                claim_id: approval.claim.id,
                calculation_id: approval.calculation_id,
                payable_tiyin: approval.payable_tiyin,
                request: &drafted,
                author: &author,
            };
            if self.store.submit_act(&submission)?.is_none() {
                return Err(self.awaiting_approval(&approval.claim));
            }
            return self.decision_view(&approval.claim.id.to_string(), today);
        }
        self.issue_act(&approval, &author, None, today)
    }

    /// Writes the approval, its payees and the numbered act in one transaction.
    pub(super) fn issue_act(
        &mut self,
        approval: &Approval,
        author: &str,
        approves: Option<(i64, &str)>,
        today: NaiveDate,
    ) -> Result<DecisionViewDto, DeskError> {
        let claim = &approval.claim;
        let refers = self.refers_to(claim.id, DocumentKind::Act)?;
        let (progress, step) = self.step_to(claim, ClaimState::Approved, approval.on, "", today)?;
        let decision = NewDecision {
            kind: DecisionKind::Approve,
            calculation_id: Some(approval.calculation_id),
            payable_tiyin: Some(approval.payable_tiyin),
            grounds: &[],
            explanation: "",
            case_reference: "",
            decided_on: approval.on,
            user: author,
            approves,
        };
        let prefix = self.numbering_prefix(claim.branch_code.as_str());
        let issue = Self::issue_of(
            author,
            &prefix,
            DocumentKind::Act,
            approval.language,
            approval.on,
            refers.as_ref().map(|(id, _)| *id),
        );
        let refers_to = refers.map(|(_, refers)| refers);
        let received = self.received_papers(approval)?;
        let officer = self.full_name_of(author)?;
        let approver = approves.map(|(_, reviewer)| self.full_name_of(reviewer)).transpose()?;
        let render = |number: &str, _decision: i64, anchor: &str| -> Result<Vec<u8>, DeskError> {
            let document =
                act_document(approval, received, &officer, approver.as_deref(), number, refers_to, false)?;
            rendered(document, anchor)
        };
        let from = claim.progress.state;
        let step_move = ClaimMove { claim_id: claim.id, from, progress: &progress, step: &step };
        let written = store_decide(
            &mut self.store,
            &step_move,
            &decision,
            &approval.payees,
            Some((&issue, Box::new(render))),
        )?;
        self.after_decision(claim, written, today)
    }
}
