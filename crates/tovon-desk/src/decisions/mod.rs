//! The decision on a claim (6.5–6.7) and what follows it: approve draws up the incident act
//! from the claim's latest calculation and its payees (1.1.3); refuse issues the reasoned
//! letter on grounds from `assets/decisions/refusal_grounds.toml` (6.6); defer names the
//! case (6.7); the act's signing starts the 5 bank days of 6.9; each payee's transfer is
//! recorded and the claim is paid when every part is. Earlier payments come from the
//! register (signed acts, payments entered once from outside), never from memory.

mod papers;
mod view;

use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use tovon_core::claim::{ClaimState, check_transition, record_step};
use tovon_core::decision::{Ground, Grounds, Payee, PayeeError, PayeeRole, check_payees, paid_by_item};
use tovon_core::{Language, Money};
use tovon_store::records::{ApprovalRecord, CalculationRecord, PayeeRecord};
use tovon_store::{
    ClaimMove, ClaimStep, DocumentIssue, IssueError, NewDecision, NewExternalPayment, NewPayee,
    NewSubmission, StoredClaim, StoredDecision, StoredDocument, StoredPayment, StoredPolicy,
    StoredSubmission,
};

pub(crate) use self::papers::money;
use self::papers::{ActContent, ActPayee, ClaimPaper, Earlier, PriorLine, RefusalContent, RequestContent};
use crate::claims::{date, deadline_facts, dmy, state_of, stored_date};
use crate::dto::{
    ApproveDto, DecisionViewDto, DeferDto, ExternalPaymentInputDto, IssuedDocumentDto, IssuedKindCode,
    PayeeInputDto, PayeeRoleCode, PaymentInputDto, RefuseDto,
};
use crate::error::invalid;
use crate::messages::text;
use crate::users::Permission;
use crate::{Desk, DeskError};

const GROUNDS: &str = include_str!("../../../../assets/decisions/refusal_grounds.toml");

static CATALOGUE: LazyLock<Result<Grounds, String>> =
    LazyLock::new(|| Grounds::from_toml(GROUNDS).map_err(|error| error.to_string()));

/// The shipped refusal grounds, read once (a file that does not read is a build defect the
/// tests catch, reported instead of a panic).
pub(crate) fn grounds() -> Result<&'static Grounds, DeskError> {
    CATALOGUE
        .as_ref()
        .map_err(|error| DeskError::Internal(format!("assets/decisions/refusal_grounds.toml: {error}")))
}

/// The sum of every payment the register knows of.
pub(crate) fn register_total(register: &[RegisterPayment]) -> Result<Money, DeskError> {
    Money::sum(register.iter().flat_map(|payment| &payment.parts).map(|part| part.amount)).ok_or_else(|| {
        DeskError::Internal("the register's payments add up to more than an amount holds".into())
    })
}

/// A part of a payment, by the item it paid for where the register knows it (D15, D19).
pub(crate) struct RegisterPart {
    pub item: Option<String>,
    pub amount: Money,
}

/// A payment the register knows of: a signed act on the policy, or one entered from outside.
pub(crate) struct RegisterPayment {
    pub source: String,
    pub paid_on: String,
    pub external: bool,
    pub parts: Vec<RegisterPart>,
}

impl IssuedKindCode {
    pub(crate) fn code(self) -> &'static str {
        match self {
            IssuedKindCode::Act => "act",
            IssuedKindCode::Refusal => "refusal",
            IssuedKindCode::Request => "request",
        }
    }

    /// The letter its numbers carry: далолатнома, рад этиш, сўров.
    fn mark(self) -> &'static str {
        match self {
            IssuedKindCode::Act => "Д",
            IssuedKindCode::Refusal => "Р",
            IssuedKindCode::Request => "С",
        }
    }

    pub(crate) fn from_code(code: &str) -> Option<IssuedKindCode> {
        [IssuedKindCode::Act, IssuedKindCode::Refusal, IssuedKindCode::Request]
            .into_iter()
            .find(|kind| kind.code() == code)
    }
}

impl From<PayeeRoleCode> for PayeeRole {
    fn from(code: PayeeRoleCode) -> Self {
        match code {
            PayeeRoleCode::Insured => PayeeRole::Insured,
            PayeeRoleCode::Bank => PayeeRole::Bank,
            PayeeRoleCode::Heir => PayeeRole::Heir,
            PayeeRoleCode::Other => PayeeRole::Other,
        }
    }
}

pub(crate) fn role_code(role: &str) -> PayeeRoleCode {
    match PayeeRole::from_code(role) {
        Some(PayeeRole::Bank) => PayeeRoleCode::Bank,
        Some(PayeeRole::Heir) => PayeeRoleCode::Heir,
        Some(PayeeRole::Other) => PayeeRoleCode::Other,
        Some(PayeeRole::Insured) | None => PayeeRoleCode::Insured,
    }
}

/// An approval as drafted, as the approval it re-checks and issues (amounts exact, in so'm).
pub(crate) fn approve_dto(record: &ApprovalRecord) -> Result<ApproveDto, String> {
    let language: Language =
        record.language.parse().map_err(|_| format!("language {:?}", record.language))?;
    Ok(ApproveDto {
        payees: record
            .payees
            .iter()
            .map(|payee| PayeeInputDto {
                role: role_code(&payee.role),
                name: payee.name.clone(),
                details: payee.details.clone(),
                amount: crate::dto::so_m(payee.amount_tiyin),
            })
            .collect(),
        decided_on: record.decided_on.to_string(),
        language: Some(language.into()),
    })
}

/// An amount typed by a person, named by its field when it does not read.
pub(crate) fn amount(field: &str, typed: &str, language: Language) -> Result<Money, DeskError> {
    Money::parse(typed).map_err(|error| {
        invalid(
            field,
            text(language, "decision_error.amount", &[("value", typed), ("problem", &error.to_string())]),
        )
    })
}

/// A day typed by a person (empty: today), not after today and not before the claim's last
/// step.
fn step_day(
    desk: &Desk,
    claim: &StoredClaim,
    field: &str,
    typed: &str,
    today: NaiveDate,
) -> Result<NaiveDate, DeskError> {
    let day = match typed.trim() {
        "" => today,
        typed => date(field, typed)?,
    };
    let language = desk.language();
    if day > today {
        return Err(invalid(
            field,
            text(language, "decision_error.future", &[("date", &dmy(day)), ("today", &dmy(today))]),
        ));
    }
    let last = desk.store.claim_events(claim.id)?.last().map(|event| stored_date(&event.on_date));
    if let Some(last) = last.filter(|last| day < *last) {
        return Err(invalid(
            field,
            text(language, "decision_error.before_last_step", &[("date", &dmy(day)), ("last", &dmy(last))]),
        ));
    }
    Ok(day)
}

/// What approving would write, checked: the calculation, the payees, the move.
struct Approval {
    claim: StoredClaim,
    policy: StoredPolicy,
    calculation_id: i64,
    calculation: CalculationRecord,
    payable_tiyin: i64,
    payees: Vec<NewPayee>,
    prior: Vec<RegisterPayment>,
    on: NaiveDate,
    language: Language,
}

/// The act's words for an approval (a preview has no number).
fn act_document(
    approval: &Approval,
    received: Vec<(String, String)>,
    officer: &str,
    approver: Option<&str>,
    number: &str,
    refers_to: Option<Earlier>,
    preview: bool,
) -> Result<tovon_print::Document, DeskError> {
    let prior = approval
        .prior
        .iter()
        .flat_map(|payment| {
            payment.parts.iter().map(|part| PriorLine {
                source: payment.source.clone(),
                paid_on: dmy(stored_date(&payment.paid_on)),
                item: part.item.clone(),
                amount_tiyin: part.amount.tiyin(),
            })
        })
        .collect();
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
                role: payee.role.clone(),
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

fn rendered(document: &tovon_print::Document) -> Result<Vec<u8>, DeskError> {
    tovon_print::render(document).map_err(|error| DeskError::Internal(error.to_string()))
}

/// Writes a decision through the store, the render's own error passed through.
fn store_decide<'r>(
    store: &mut tovon_store::Store,
    step: &ClaimMove<'_>,
    decision: &NewDecision<'_>,
    payees: &[NewPayee],
    document: Option<(&DocumentIssue<'_>, tovon_store::Render<'r, DeskError>)>,
) -> Result<bool, DeskError> {
    match store.decide(step, decision, payees, document) {
        Ok(written) => Ok(written.is_some()),
        Err(IssueError::Store(error)) => Err(error.into()),
        Err(IssueError::Render(error)) => Err(error),
    }
}

impl Desk {
    pub(crate) fn policy_of(&self, claim: &StoredClaim) -> Result<StoredPolicy, DeskError> {
        self.store
            .policy(claim.policy_id)?
            .ok_or_else(|| DeskError::NotFound(format!("policy {}", claim.policy_id)))
    }

    /// Every payment the register knows of to the claim's insured person under its policy:
    /// the acts signed (spread over their items, so D15 can deduct by item) and those
    /// entered from outside the desk.
    pub(crate) fn register_payments(&self, policy_id: i64) -> Result<Vec<RegisterPayment>, DeskError> {
        let mut payments = Vec::new();
        for approval in self.store.signed_approvals(policy_id)? {
            let lines: Vec<(String, Decimal)> = approval
                .result
                .lines
                .iter()
                .map(|line| (line.item.clone(), Money::from_tiyin(line.amount_tiyin).to_decimal()))
                .collect();
            let act = self
                .store
                .issued_documents(approval.claim_id)?
                .into_iter()
                .rev()
                .find(|document| document.decision_id == Some(approval.decision_id) && document.kind == "act")
                .map(|document| format!(" ({})", document.number))
                .unwrap_or_default();
            payments.push(RegisterPayment {
                source: format!("{}{act}", approval.claim_number),
                paid_on: approval.signed_on,
                external: false,
                parts: paid_by_item(&lines, Money::from_tiyin(approval.payable_tiyin).to_decimal())
                    .into_iter()
                    .map(|part| {
                        let amount = Money::from_decimal(part.amount).map_err(|error| {
                            DeskError::Internal(format!("decision {}: {error}", approval.decision_id))
                        })?;
                        Ok(RegisterPart { item: part.item, amount })
                    })
                    .collect::<Result<_, DeskError>>()?,
            });
        }
        for external in self.store.external_payments(policy_id)? {
            payments.push(RegisterPayment {
                source: external.reference,
                paid_on: external.paid_on,
                external: true,
                parts: vec![RegisterPart {
                    item: external.item,
                    amount: Money::from_tiyin(external.amount_tiyin),
                }],
            });
        }
        Ok(payments)
    }

    /// The register's payments as the calculator's `prior_payments`.
    pub(crate) fn prior_payments_json(&self, policy_id: i64) -> Result<serde_json::Value, DeskError> {
        let parts = self
            .register_payments(policy_id)?
            .into_iter()
            .flat_map(|payment| payment.parts)
            .map(|part| match part.item {
                Some(item) => serde_json::json!({"item": item, "amount": part.amount.to_string()}),
                None => serde_json::json!({"amount": part.amount.to_string()}),
            })
            .collect();
        Ok(serde_json::Value::Array(parts))
    }

    fn paper_language(&self, tag: Option<crate::dto::LanguageTag>) -> Language {
        tag.map_or(self.language(), Language::from)
    }

    fn approval(
        &self,
        id_or_number: &str,
        request: &ApproveDto,
        today: NaiveDate,
    ) -> Result<Approval, DeskError> {
        let language = self.language();
        let claim = self.find_claim(id_or_number)?;
        let state = state_of(&claim.progress.state)?;
        check_transition(state, ClaimState::Approved, "")?;
        let stored = self.store.latest_calculation(claim.id)?.ok_or_else(|| {
            invalid(
                "calculation",
                text(language, "decision_error.no_calculation", &[("number", &claim.number)]),
            )
        })?;
        let calculation = stored.result;
        let policy = self.policy_of(&claim)?;
        let prior = self.register_payments(policy.id)?;
        let register_total = register_total(&prior)?;
        let calculated_prior = Money::from_tiyin(calculation.prior_paid_tiyin);
        if register_total != calculated_prior {
            return Err(invalid(
                "calculation",
                text(
                    language,
                    "decision_error.prior_changed",
                    &[
                        ("register", &money(register_total.tiyin())),
                        ("calculation", &money(calculated_prior.tiyin())),
                    ],
                ),
            ));
        }
        if calculation.payable_tiyin <= 0 {
            return Err(invalid("payable", text(language, "decision_error.nothing_payable", &[])));
        }
        let mut payees = Vec::with_capacity(request.payees.len());
        for (index, payee) in request.payees.iter().enumerate() {
            payees.push(Payee {
                role: payee.role.into(),
                name: payee.name.trim().to_owned(),
                details: payee.details.trim().to_owned(),
                amount: amount(&format!("payees[{index}].amount"), &payee.amount, language)?,
            });
        }
        check_payees(Money::from_tiyin(calculation.payable_tiyin), &payees)
            .map_err(|error| payee_error(&error, language))?;
        let on = step_day(self, &claim, "decided_on", &request.decided_on, today)?;
        Ok(Approval {
            payees: payees
                .into_iter()
                .map(|payee| NewPayee {
                    role: payee.role.code().to_owned(),
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
    fn received_papers(&self, approval: &Approval) -> Result<Vec<(String, String)>, DeskError> {
        let language = approval.language;
        let stored = self.documents_of(&approval.claim)?;
        Ok(stored
            .receipts
            .iter()
            .filter_map(|receipt| {
                let key = tovon_core::documents::ItemKey::parse(&receipt.item)?;
                let kind = if receipt.copy { "paper.copy" } else { "paper.original" };
                Some((
                    stored.title(&key, language),
                    format!("{}, {}", dmy(stored_date(&receipt.received_on)), text(language, kind, &[])),
                ))
            })
            .collect())
    }

    /// The act as it would be issued, marked as a draft, without a number: nothing is saved.
    pub fn preview_act(
        &self,
        id_or_number: &str,
        request: &ApproveDto,
        today: NaiveDate,
    ) -> Result<Vec<u8>, DeskError> {
        self.session()?;
        let approval = self.approval(id_or_number, request, today)?;
        let received = self.received_papers(&approval)?;
        let officer = self.full_name_of(self.user())?;
        rendered(&act_document(&approval, received, &officer, None, "—", None, true)?)
    }

    /// The document this claim issued last of a kind: what a new one replaces, or (when its
    /// approval was signed) supplements.
    fn refers_to(&self, claim_id: i64, kind: IssuedKindCode) -> Result<Option<(i64, Earlier)>, DeskError> {
        let Some(last) =
            self.store.issued_documents(claim_id)?.into_iter().rev().find(|d| d.kind == kind.code())
        else {
            return Ok(None);
        };
        let signed = match last.decision_id {
            Some(decision_id) => self
                .store
                .decisions(claim_id)?
                .iter()
                .any(|decision| decision.id == decision_id && decision.signed.is_some()),
            None => false,
        };
        Ok(Some((last.id, (last.number, stored_date(&last.issued_on), signed))))
    }

    fn issue_of<'a>(
        user: &'a str,
        claim: &'a StoredClaim,
        kind: IssuedKindCode,
        language: Language,
        on: &'a str,
        refers_to: Option<i64>,
    ) -> DocumentIssue<'a> {
        DocumentIssue {
            kind: kind.code(),
            mark: kind.mark(),
            branch_code: &claim.branch_code,
            year: stored_date(on).year(),
            language: language.tag(),
            issued_on: on,
            refers_to,
            user,
        }
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
                        role: payee.role.clone(),
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
        let language = self.language();
        if submission.author.eq_ignore_ascii_case(&reviewer) {
            return Err(invalid("reviewer", text(language, "approval_error.own", &[])));
        }
        let recalculated = invalid("calculation", text(language, "approval_error.recalculated", &[]));
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
                return Err(invalid("note", text(self.language(), "approval_error.no_reason", &[])));
            }
            "returned"
        };
        if !self.store.close_submission(submission.id, state, &login, note)? {
            return Err(invalid(
                "state",
                text(self.language(), "claim_error.moved", &[("number", &claim.number)]),
            ));
        }
        self.decision_view(&claim.id.to_string(), today)
    }

    fn pending_of(&self, claim: &StoredClaim) -> Result<StoredSubmission, DeskError> {
        self.store.pending_submission(claim.id)?.ok_or_else(|| {
            DeskError::NotFound(text(self.language(), "approval_error.none", &[("number", &claim.number)]))
        })
    }

    fn awaiting_approval(&self, claim: &StoredClaim) -> DeskError {
        invalid("decision", text(self.language(), "approval_error.pending", &[("number", &claim.number)]))
    }

    /// No decision is made while an act waits for approval: it is approved, returned or
    /// withdrawn first.
    fn no_submission_pending(&self, claim: &StoredClaim) -> Result<(), DeskError> {
        match self.store.pending_submission(claim.id)? {
            Some(_) => Err(self.awaiting_approval(claim)),
            None => Ok(()),
        }
    }

    /// The user's full name as documents print it (the login when there is no such user).
    pub(crate) fn full_name_of(&self, login: &str) -> Result<String, DeskError> {
        Ok(self.store.user_by_login(login)?.map_or_else(|| login.to_owned(), |user| user.full_name))
    }

    /// Writes the approval, its payees and the numbered act in one transaction.
    fn issue_act(
        &mut self,
        approval: &Approval,
        author: &str,
        approves: Option<(i64, &str)>,
        today: NaiveDate,
    ) -> Result<DecisionViewDto, DeskError> {
        let claim = &approval.claim;
        let refers = self.refers_to(claim.id, IssuedKindCode::Act)?;
        let on = approval.on.to_string();
        let (progress, step) = self.step_to(claim, ClaimState::Approved, approval.on, "", today)?;
        let decision = NewDecision {
            kind: "approve",
            calculation_id: Some(approval.calculation_id),
            payable_tiyin: Some(approval.payable_tiyin),
            grounds: "[]",
            explanation: "",
            case_reference: "",
            decided_on: &on,
            user: author,
            approves,
        };
        let issue = Self::issue_of(
            author,
            claim,
            IssuedKindCode::Act,
            approval.language,
            &on,
            refers.as_ref().map(|(id, _)| *id),
        );
        let refers_to = refers.map(|(_, refers)| refers);
        let received = self.received_papers(approval)?;
        let officer = self.full_name_of(author)?;
        let approver = approves.map(|(_, reviewer)| self.full_name_of(reviewer)).transpose()?;
        let render = |number: &str, _decision: i64| -> Result<Vec<u8>, DeskError> {
            rendered(&act_document(
                approval,
                received,
                &officer,
                approver.as_deref(),
                number,
                refers_to,
                false,
            )?)
        };
        let from = claim.progress.state.clone();
        let step_move = ClaimMove { claim_id: claim.id, from: &from, progress: &progress, step: &step };
        let written = store_decide(
            &mut self.store,
            &step_move,
            &decision,
            &approval.payees,
            Some((&issue, Box::new(render))),
        )?;
        self.after_decision(claim, written, today)
    }

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
        let language = self.language();
        let claim = self.find_claim(id_or_number)?;
        let state = state_of(&claim.progress.state)?;
        check_transition(state, ClaimState::Refused, "-")?;
        self.no_submission_pending(&claim)?;
        let catalogue = grounds()?;
        if request.grounds.is_empty() {
            return Err(invalid("grounds", text(language, "decision_error.no_grounds", &[])));
        }
        let mut picked: Vec<&Ground> = Vec::new();
        for code in &request.grounds {
            let ground = catalogue.get(code.trim()).ok_or_else(|| {
                let known = catalogue.all().iter().map(|g| g.code.as_str()).collect::<Vec<_>>().join(", ");
                invalid(
                    "grounds",
                    text(language, "decision_error.unknown_ground", &[("code", code), ("known", &known)]),
                )
            })?;
            if !picked.iter().any(|seen| seen.code == ground.code) {
                picked.push(ground);
            }
        }
        let explanation = request.explanation.trim();
        if explanation.is_empty() {
            return Err(invalid("explanation", text(language, "decision_error.no_explanation", &[])));
        }
        let on_day = step_day(self, &claim, "decided_on", &request.decided_on, today)?;
        let on = on_day.to_string();
        let paper_language = self.paper_language(request.language);
        let (progress, step) = self.step_to(&claim, ClaimState::Refused, on_day, explanation, today)?;
        let codes = serde_json::to_string(&picked.iter().map(|g| g.code.as_str()).collect::<Vec<_>>())
            .map_err(|error| DeskError::Internal(error.to_string()))?;
        let decision = NewDecision {
            kind: "refuse",
            calculation_id: None,
            payable_tiyin: None,
            grounds: &codes,
            explanation,
            case_reference: "",
            decided_on: &on,
            user: &user,
            approves: None,
        };
        let refers = self.refers_to(claim.id, IssuedKindCode::Refusal)?;
        let issue = Self::issue_of(
            &user,
            &claim,
            IssuedKindCode::Refusal,
            paper_language,
            &on,
            refers.as_ref().map(|(id, _)| *id),
        );
        let policy = self.policy_of(&claim)?;
        let complete_on = crate::claims::stored_opt(&claim.progress.documents_complete_on);
        let refers_to = refers.map(|(_, refers)| (refers.0, refers.1, false));
        let render = |number: &str, _decision: i64| -> Result<Vec<u8>, DeskError> {
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
            tovon_print::render(&document).map_err(|error| DeskError::Internal(error.to_string()))
        };
        let from = claim.progress.state.clone();
        let step_move = ClaimMove { claim_id: claim.id, from: &from, progress: &progress, step: &step };
        let written =
            store_decide(&mut self.store, &step_move, &decision, &[], Some((&issue, Box::new(render))))?;
        self.after_decision(&claim, written, today)
    }

    /// Defers the decision until the ruling in the named case (6.7).
    pub fn defer_claim(
        &mut self,
        id_or_number: &str,
        request: &DeferDto,
        today: NaiveDate,
    ) -> Result<DecisionViewDto, DeskError> {
        let user = self.require(Permission::ClaimWork)?.login.clone();
        let language = self.language();
        let claim = self.find_claim(id_or_number)?;
        let state = state_of(&claim.progress.state)?;
        check_transition(state, ClaimState::Deferred, "-")?;
        self.no_submission_pending(&claim)?;
        let case_reference = request.case_reference.trim();
        if case_reference.is_empty() {
            return Err(invalid("case_reference", text(language, "decision_error.no_case", &[])));
        }
        let on_day = step_day(self, &claim, "decided_on", &request.decided_on, today)?;
        let on = on_day.to_string();
        let explanation = request.explanation.trim();
        let reason = if explanation.is_empty() {
            case_reference.to_owned()
        } else {
            format!("{case_reference}: {explanation}")
        };
        let (progress, step) = self.step_to(&claim, ClaimState::Deferred, on_day, &reason, today)?;
        let decision = NewDecision {
            kind: "defer",
            calculation_id: None,
            payable_tiyin: None,
            grounds: "[]",
            explanation,
            case_reference,
            decided_on: &on,
            user: &user,
            approves: None,
        };
        let from = claim.progress.state.clone();
        let step_move = ClaimMove { claim_id: claim.id, from: &from, progress: &progress, step: &step };
        let written = store_decide(&mut self.store, &step_move, &decision, &[], None)?;
        self.after_decision(&claim, written, today)
    }

    fn after_decision(
        &self,
        claim: &StoredClaim,
        written: bool,
        today: NaiveDate,
    ) -> Result<DecisionViewDto, DeskError> {
        if !written {
            return Err(invalid(
                "state",
                text(self.language(), "claim_error.moved", &[("number", &claim.number)]),
            ));
        }
        self.decision_view(&claim.id.to_string(), today)
    }

    /// The claim's progress and the step recording a move to `to` on `on`.
    fn step_to(
        &self,
        claim: &StoredClaim,
        to: ClaimState,
        on: NaiveDate,
        reason: &str,
        today: NaiveDate,
    ) -> Result<(tovon_store::ClaimProgress, ClaimStep), DeskError> {
        let from = state_of(&claim.progress.state)?;
        let transition = check_transition(from, to, reason)?;
        let latest = self.store.latest_calculation(claim.id)?;
        let mut facts = deadline_facts(claim, latest.as_ref());
        record_step(&mut facts, &transition, on);
        let progress =
            self.progress(to, &facts, crate::claims::stored_opt(&claim.progress.disability_set_on), today)?;
        let step = ClaimStep {
            user: self.user().to_owned(),
            on_date: on.to_string(),
            reason: reason.to_owned(),
            reopening: transition.reopening,
        };
        Ok((progress, step))
    }

    /// The approval the claim goes by: its latest decision, if that is an approval.
    fn current_approval(&self, claim: &StoredClaim) -> Result<StoredDecision, DeskError> {
        self.store
            .decisions(claim.id)?
            .into_iter()
            .next_back()
            .filter(|decision| decision.kind == "approve")
            .ok_or_else(|| {
                invalid(
                    "decision",
                    text(self.language(), "decision_error.no_approval", &[("number", &claim.number)]),
                )
            })
    }

    /// The act was signed by both sides on `on` (empty: today): 6.9's 5 bank days start.
    pub fn sign_act(
        &mut self,
        id_or_number: &str,
        on: &str,
        today: NaiveDate,
    ) -> Result<DecisionViewDto, DeskError> {
        self.require(Permission::ClaimWork)?;
        let claim = self.find_claim(id_or_number)?;
        let state = state_of(&claim.progress.state)?;
        check_transition(state, ClaimState::ActSigned, "")?;
        let decision = self.current_approval(&claim)?;
        let on_day = step_day(self, &claim, "signed_on", on, today)?;
        let (progress, step) = self.step_to(&claim, ClaimState::ActSigned, on_day, "", today)?;
        let from = claim.progress.state.clone();
        let written = self.store.sign_act(
            &ClaimMove { claim_id: claim.id, from: &from, progress: &progress, step: &step },
            decision.id,
        )?;
        self.after_decision(&claim, written, today)
    }

    /// A transfer to one of the act's payees; the claim becomes paid with the last part.
    pub fn record_payment(
        &mut self,
        id_or_number: &str,
        payment: &PaymentInputDto,
        today: NaiveDate,
    ) -> Result<DecisionViewDto, DeskError> {
        self.require(Permission::ClaimWork)?;
        let language = self.language();
        let claim = self.find_claim(id_or_number)?;
        let state = state_of(&claim.progress.state)?;
        if state != ClaimState::ActSigned {
            return Err(invalid(
                "state",
                text(
                    language,
                    "decision_error.not_signed",
                    &[
                        ("number", &claim.number),
                        ("state", &text(language, &format!("claim.state.{}", state.code()), &[])),
                    ],
                ),
            ));
        }
        let decision = self.current_approval(&claim)?;
        let payee = decision.payees.iter().find(|payee| payee.id == payment.payee_id).ok_or_else(|| {
            invalid(
                "payee_id",
                text(language, "decision_error.unknown_payee", &[("id", &payment.payee_id.to_string())]),
            )
        })?;
        let paid_now = amount("amount", &payment.amount, language)?.tiyin();
        let paid_before: i64 = payee.payments.iter().map(|p| p.amount_tiyin).sum();
        let owed = payee.amount_tiyin - paid_before;
        if paid_now <= 0 || paid_now > owed {
            return Err(invalid(
                "amount",
                text(
                    language,
                    "decision_error.payment_amount",
                    &[("amount", &money(paid_now)), ("owed", &money(owed)), ("name", &payee.name)],
                ),
            ));
        }
        let order_number = payment.order_number.trim();
        if order_number.is_empty() {
            return Err(invalid("order_number", text(language, "decision_error.no_order", &[])));
        }
        let paid_on = step_day(self, &claim, "paid_on", &payment.paid_on, today)?;
        let all_paid = decision.payees.iter().all(|other| {
            let paid: i64 = other.payments.iter().map(|p| p.amount_tiyin).sum();
            paid + if other.id == payee.id { paid_now } else { 0 } >= other.amount_tiyin
        });
        let paid_move =
            if all_paid { Some(self.step_to(&claim, ClaimState::Paid, paid_on, "", today)?) } else { None };
        let from = claim.progress.state.clone();
        let record = StoredPayment {
            id: 0,
            paid_on: paid_on.to_string(),
            amount_tiyin: paid_now,
            order_number: order_number.to_owned(),
            user: self.user().to_owned(),
        };
        let moved = paid_move.as_ref().map(|(progress, step)| ClaimMove {
            claim_id: claim.id,
            from: &from,
            progress,
            step,
        });
        let written = self.store.record_payment(payee.id, &record, moved.as_ref())?;
        self.after_decision(&claim, written, today)
    }

    /// A payment made outside the desk to the claim's insured person under its policy,
    /// entered once with its document reference; later calculations deduct it.
    pub fn add_external_payment(
        &mut self,
        id_or_number: &str,
        payment: &ExternalPaymentInputDto,
        today: NaiveDate,
    ) -> Result<DecisionViewDto, DeskError> {
        self.require(Permission::ClaimWork)?;
        let language = self.language();
        let claim = self.find_claim(id_or_number)?;
        let paid_on = date("paid_on", &payment.paid_on)?;
        if paid_on > today {
            return Err(invalid(
                "paid_on",
                text(language, "decision_error.future", &[("date", &dmy(paid_on)), ("today", &dmy(today))]),
            ));
        }
        let amount_tiyin = amount("amount", &payment.amount, language)?.tiyin();
        if amount_tiyin <= 0 {
            return Err(invalid(
                "amount",
                text(language, "decision_error.amount", &[("value", &payment.amount), ("problem", "0")]),
            ));
        }
        let item = payment.item.as_deref().map(str::trim).filter(|item| !item.is_empty()).map(str::to_owned);
        if let Some(item) = &item
            && !self.tables.iter().any(|table| table.item(item).is_some())
        {
            return Err(invalid("item", text(language, "decision_error.unknown_item", &[("item", item)])));
        }
        let reference = payment.reference.trim();
        if reference.is_empty() {
            return Err(invalid("reference", text(language, "decision_error.no_reference", &[])));
        }
        let added = self.store.add_external_payment(&NewExternalPayment {
            policy_id: claim.policy_id,
            paid_on: paid_on.to_string(),
            amount_tiyin,
            item,
            reference: reference.to_owned(),
            user: self.user().to_owned(),
        })?;
        if !added {
            return Err(invalid(
                "reference",
                text(language, "decision_error.reference_taken", &[("reference", reference)]),
            ));
        }
        self.decision_view(&claim.id.to_string(), today)
    }

    /// Issues the documents request: the required items still missing, their clauses and
    /// the deadline. The same request on the same day in the same language is the same
    /// document (reprinted); anything changed makes a new one that replaces it.
    pub fn issue_request(
        &mut self,
        id_or_number: &str,
        language: Option<crate::dto::LanguageTag>,
        today: NaiveDate,
    ) -> Result<IssuedDocumentDto, DeskError> {
        let user = self.require(Permission::ClaimWork)?.login.clone();
        let officer = self.full_name_of(&user)?;
        let claim = self.find_claim(id_or_number)?;
        let paper_language = self.paper_language(language);
        let stored = self.documents_of(&claim)?;
        let list = stored.checklist()?;
        let missing: Vec<_> = list.missing().collect();
        let Some(due) = missing.iter().map(|item| item.due).min() else {
            return Err(invalid(
                "documents",
                text(self.language(), "decision_error.nothing_missing", &[("number", &claim.number)]),
            ));
        };
        let content = RequestContent {
            missing: missing
                .iter()
                .map(|item| (stored.title(&item.key, paper_language), item.clauses.clone()))
                .collect(),
            due,
        };
        let policy = self.policy_of(&claim)?;
        let render = |number: &str, refers_to: Option<Earlier>| {
            let paper = ClaimPaper {
                claim: &claim,
                policy: &policy,
                language: paper_language,
                number,
                issued_on: today,
                officer: &officer,
                refers_to,
            };
            tovon_print::render(&paper.request(&content))
                .map_err(|error| DeskError::Internal(error.to_string()))
        };
        let last = self.store.issued_documents(claim.id)?.into_iter().rev().find(|d| d.kind == "request");
        if let Some(last) = &last
            && last.issued_on == today.to_string()
            && last.language == paper_language.tag()
        {
            let refers = match last.refers_to {
                Some(id) => self
                    .store
                    .issued_document(id)?
                    .map(|old| (old.number, stored_date(&old.issued_on), false)),
                None => None,
            };
            let again = render(&last.number, refers)?;
            if let Some((document, bytes)) = self.store.issued_pdf(last.id)?
                && bytes == again
            {
                return self.issued_dto(&document);
            }
        }
        let refers = last.as_ref().map(|last| (last.number.clone(), stored_date(&last.issued_on), false));
        let on = today.to_string();
        let issue = Self::issue_of(
            &user,
            &claim,
            IssuedKindCode::Request,
            paper_language,
            &on,
            last.as_ref().map(|last| last.id),
        );
        let id = match self
            .store
            .issue_document(claim.id, None, &issue, |number| render(number, refers.clone()))
        {
            Ok(id) => id,
            Err(IssueError::Store(error)) => return Err(error.into()),
            Err(IssueError::Render(error)) => return Err(error),
        };
        let document =
            self.store.issued_document(id)?.ok_or_else(|| DeskError::NotFound(format!("document {id}")))?;
        self.issued_dto(&document)
    }

    /// The latest document of a kind a claim issued, with its bytes exactly as issued.
    pub fn issued_document(
        &self,
        id_or_number: &str,
        kind: IssuedKindCode,
    ) -> Result<(IssuedDocumentDto, Vec<u8>), DeskError> {
        self.session()?;
        let claim = self.find_claim(id_or_number)?;
        let last = self
            .store
            .issued_documents(claim.id)?
            .into_iter()
            .rev()
            .find(|d| d.kind == kind.code())
            .ok_or_else(|| {
            DeskError::NotFound(text(
                self.language(),
                "decision_error.none_issued",
                &[
                    ("number", &claim.number),
                    ("kind", &text(self.language(), &format!("issued.kind.{}", kind.code()), &[])),
                ],
            ))
        })?;
        self.issued_pdf(last.id)
    }

    /// One issued document by id, with its bytes (checked against the stored SHA-256).
    pub fn issued_pdf(&self, document_id: i64) -> Result<(IssuedDocumentDto, Vec<u8>), DeskError> {
        self.session()?;
        let (document, bytes) = self
            .store
            .issued_pdf(document_id)?
            .ok_or_else(|| DeskError::NotFound(format!("document {document_id}")))?;
        let sha = crate::documents::attachments::sha256_hex(&bytes);
        if sha != document.sha256 {
            return Err(DeskError::Internal(text(
                self.language(),
                "decision_error.damaged",
                &[("number", &document.number)],
            )));
        }
        Ok((self.issued_dto(&document)?, bytes))
    }

    /// Writes an issued document's bytes to `path` (Save as), readable by the user only
    /// where the system has such permissions.
    pub fn save_issued_document(
        &self,
        document_id: i64,
        path: &std::path::Path,
    ) -> Result<IssuedDocumentDto, DeskError> {
        let (document, bytes) = self.issued_pdf(document_id)?;
        self.write_issued(path, &bytes)?;
        Ok(document)
    }

    fn write_issued(&self, path: &std::path::Path, bytes: &[u8]) -> Result<(), DeskError> {
        write_private(path, bytes).map_err(|error| {
            invalid(
                "path",
                text(
                    self.language(),
                    "decision_error.cannot_write",
                    &[("path", &path.display().to_string()), ("problem", &error.to_string())],
                ),
            )
        })
    }

    /// A copy of an issued document in `folder` under its number, for the system's viewer.
    pub fn viewing_copy(
        &self,
        document_id: i64,
        folder: &std::path::Path,
    ) -> Result<std::path::PathBuf, DeskError> {
        let (document, bytes) = self.issued_pdf(document_id)?;
        let path = folder.join(&document.file_name);
        std::fs::create_dir_all(folder)
            .map_err(|error| DeskError::Internal(format!("{}: {error}", folder.display())))?;
        self.write_issued(&path, &bytes)?;
        Ok(path)
    }

    pub(crate) fn issued_dto(&self, document: &StoredDocument) -> Result<IssuedDocumentDto, DeskError> {
        let refers_to = match document.refers_to {
            Some(id) => self.store.issued_document(id)?.map(|old| old.number),
            None => None,
        };
        Ok(IssuedDocumentDto {
            id: document.id,
            kind: IssuedKindCode::from_code(&document.kind).unwrap_or(IssuedKindCode::Act),
            number: document.number.clone(),
            language: document.language.parse::<Language>().unwrap_or_default().into(),
            issued_on: document.issued_on.clone(),
            sha256: document.sha256.clone(),
            size: document.size,
            refers_to,
            user: document.user.clone(),
            file_name: format!("{}.pdf", document.number),
        })
    }
}

fn payee_error(error: &PayeeError, language: Language) -> DeskError {
    match error {
        PayeeError::None => invalid("payees", text(language, "decision_error.no_payees", &[])),
        PayeeError::NoName { index } => invalid(
            &format!("payees[{index}].name"),
            text(language, "decision_error.payee_name", &[("n", &(index + 1).to_string())]),
        ),
        PayeeError::Amount { index, amount } => invalid(
            &format!("payees[{index}].amount"),
            text(
                language,
                "decision_error.payee_amount",
                &[("n", &(index + 1).to_string()), ("amount", &money(amount.tiyin()))],
            ),
        ),
        PayeeError::Overflow => invalid("payees", text(language, "decision_error.no_payees", &[])),
        PayeeError::Sum { sum, payable } => invalid(
            "payees",
            text(
                language,
                "decision_error.payee_sum",
                &[("sum", &money(sum.tiyin())), ("payable", &money(payable.tiyin()))],
            ),
        ),
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

/// Writes a file readable and writable by its owner only (0600 where permissions exist).
fn write_private(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}
