//! The decision on a claim (6.5–6.7) and what follows it: approve draws up the incident act
//! from the claim's latest calculation and its payees (1.1.3); refuse issues the reasoned
//! letter on grounds from `assets/decisions/refusal_grounds.toml` (6.6); defer names the
//! case (6.7); the act's signing starts the 5 bank days of 6.9; each payee's transfer is
//! recorded and the claim is paid when every part is. Earlier payments come from the
//! register (signed acts, payments entered once from outside), never from memory.
//!
//! One room per thing a user does: `approve`, `submission` (four eyes), `refuse`, `defer`,
//! `payments` (signing, transfers, payments from outside), `issued` (the documents request
//! and every issued PDF), `register` (earlier payments); `papers` composes the documents and
//! `view` the Decision tab. What they share — the grounds catalogue, the day a step is
//! taken, the move of the claim — stays here.

mod approve;
mod defer;
mod error;
mod issued;
pub(crate) mod papers;
mod payments;
mod preview;
mod refuse;
mod register;
mod submission;
mod view;

pub(crate) use self::approve::default_payees;
pub use self::error::DecisionError;
pub(crate) use self::error::money_problem;
pub use self::preview::Preview;
pub(crate) use self::register::{RegisterPayment, register_total};
pub(crate) use self::submission::approve_dto;

use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use tovon_core::claim::{ClaimState, check_move, check_transition, record_step};
use tovon_core::decision::{
    DecisionKind, DocumentKind, Ground, Grounds, Payee, PayeeError, PayeeRole, check_payees, paid_by_item,
};
use tovon_core::{Language, Money};
use tovon_store::records::{ApprovalRecord, CalculationRecord, PayeeRecord};
use tovon_store::{
    ClaimMove, ClaimStep, DocumentIssue, IssueError, NewDecision, NewExternalPayment, NewPayee,
    NewSubmission, StoredClaim, StoredDecision, StoredDocument, StoredPayment, StoredPolicy,
    StoredSubmission,
};

use self::papers::{ActContent, ActPayee, ClaimPaper, Earlier, PriorLine, RefusalContent, RequestContent};
use crate::claims::{date, deadline_facts, dmy};
use crate::dto::{
    ApproveDto, DecisionViewDto, DeferDto, ExternalPaymentInputDto, IssuedDocumentDto, IssuedKindCode,
    PayeeInputDto, PayeeRoleCode, PaymentInputDto, RefuseDto,
};
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

impl From<DocumentKind> for IssuedKindCode {
    fn from(kind: DocumentKind) -> Self {
        match kind {
            DocumentKind::Act => IssuedKindCode::Act,
            DocumentKind::Refusal => IssuedKindCode::Refusal,
            DocumentKind::Request => IssuedKindCode::Request,
        }
    }
}

impl From<IssuedKindCode> for DocumentKind {
    fn from(code: IssuedKindCode) -> Self {
        match code {
            IssuedKindCode::Act => DocumentKind::Act,
            IssuedKindCode::Refusal => DocumentKind::Refusal,
            IssuedKindCode::Request => DocumentKind::Request,
        }
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

pub(crate) fn role_code(role: PayeeRole) -> PayeeRoleCode {
    match role {
        PayeeRole::Insured => PayeeRoleCode::Insured,
        PayeeRole::Bank => PayeeRoleCode::Bank,
        PayeeRole::Heir => PayeeRoleCode::Heir,
        PayeeRole::Other => PayeeRoleCode::Other,
    }
}

/// An amount typed by a person, named by its field when it does not read.
pub(crate) fn amount(field: &str, typed: &str) -> Result<Money, DeskError> {
    Money::parse(typed).map_err(|problem| {
        DecisionError::Amount { field: field.to_owned(), typed: typed.to_owned(), problem }.into()
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
    if day > today {
        return Err(DecisionError::Future { field: field.to_owned(), date: day, today }.into());
    }
    let last = desk.store.claim_events(claim.id)?.last().map(|event| event.on_date);
    if let Some(last) = last.filter(|last| day < *last) {
        return Err(DecisionError::BeforeLastStep { field: field.to_owned(), date: day, last }.into());
    }
    Ok(day)
}

/// Lays a document out carrying `anchor`, the desk's signed audit head at issue (issue 18;
/// empty on a preview).
fn rendered(mut document: tovon_print::Document, anchor: &str) -> Result<Vec<u8>, DeskError> {
    document.anchor = anchor.to_owned();
    tovon_print::render(&document).map_err(|error| DeskError::Internal(error.to_string()))
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
        self.store.policy(claim.policy_id)?.ok_or_else(|| self.policy_not_found(claim.policy_id))
    }

    fn paper_language(&self, tag: Option<crate::dto::LanguageTag>) -> Language {
        tag.map_or(self.language(), Language::from)
    }

    /// The document this claim issued last of a kind: what a new one replaces, or (when its
    /// approval was signed) supplements.
    fn refers_to(&self, claim_id: i64, kind: DocumentKind) -> Result<Option<(i64, Earlier)>, DeskError> {
        let Some(last) = self.store.issued_documents(claim_id)?.into_iter().rev().find(|d| d.kind == kind)
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
        Ok(Some((last.id, (last.number, last.issued_on, signed))))
    }

    fn issue_of<'a>(
        user: &'a str,
        prefix: &'a str,
        kind: DocumentKind,
        language: Language,
        on: NaiveDate,
        refers_to: Option<i64>,
    ) -> DocumentIssue<'a> {
        DocumentIssue { kind, branch_code: prefix, year: on.year(), language, issued_on: on, refers_to, user }
    }

    /// The user's full name as documents print it (the login when there is no such user).
    pub(crate) fn full_name_of(&self, login: &str) -> Result<String, DeskError> {
        Ok(self.store.user_by_login(login)?.map_or_else(|| login.to_owned(), |user| user.full_name))
    }

    fn after_decision(
        &self,
        claim: &StoredClaim,
        written: bool,
        today: NaiveDate,
    ) -> Result<DecisionViewDto, DeskError> {
        if !written {
            return Err(DecisionError::Moved { claim: claim.number.clone() }.into());
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
        let from = claim.progress.state;
        let transition = check_transition(from, to, reason)?;
        let latest = self.store.latest_calculation(claim.id)?;
        let mut facts = deadline_facts(claim, latest.as_ref());
        record_step(&mut facts, &transition, on);
        let progress = self.progress(to, &facts, claim.progress.disability_set_on, today)?;
        let step = ClaimStep {
            user: self.user().to_owned(),
            on_date: on,
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
            .filter(|decision| decision.kind == DecisionKind::Approve)
            .ok_or_else(|| DecisionError::NoApproval { claim: claim.number.clone() }.into())
    }
}
