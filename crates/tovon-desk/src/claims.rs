//! Claims: registering an incident (checks and warnings first), showing one with its
//! deadlines and events, the list, and moving a claim along its lifecycle.

use chrono::{Datelike, NaiveDate};
use tovon_core::Language;
use tovon_core::claim::{
    ClaimState, Deadline, DeadlineFacts, DeadlineKind, DeadlineState, RegistrationFacts, RegistrationWarning,
    check_registration, check_transition, deadlines, next_due, record_step,
};
use tovon_core::policy::{Column, ColumnMap, parse_date, parse_row};
use tovon_core::translit::fold_for_search;
use tovon_store::{
    ClaimFacts, ClaimFilter, ClaimListRow, ClaimPolicy, ClaimProgress, ClaimQuery, ClaimSort, ClaimStep,
    DueFilter, StoredCalculation, StoredClaim, StoredPolicy,
};

use crate::decisions::DecisionError;
use crate::dto::{
    ClaimDraftDto, ClaimDto, ClaimEventDto, ClaimListDto, ClaimListQueryDto, ClaimOutcome, ClaimRowDto,
    ClaimSortCode, ClaimStateCode, ClaimTransitionDto, ClaimWarningDto, DeadlineDto, DeadlineKindCode,
    DeadlineStateCode, DueFilterCode, PolicyByHandDto, WaitCode,
};
use crate::error::{InputError, invalid};
use crate::messages::text;
use crate::policies::{record, row_problem_text, summary};
use crate::{Desk, DeskError};

/// The most rows one page of the list holds.
const PAGE_MAX: u32 = 500;

pub(crate) fn date(field: &str, value: &str) -> Result<NaiveDate, DeskError> {
    parse_date(value)
        .ok_or_else(|| InputError::NotADate { field: field.to_owned(), value: value.to_owned() }.into())
}

fn required(field: &str, value: &str) -> Result<String, DeskError> {
    let value = value.trim();
    if value.is_empty() {
        Err(InputError::Required { field: field.to_owned() }.into())
    } else {
        Ok(value.to_owned())
    }
}

fn optional(value: &str) -> Option<String> {
    let value = value.trim();
    (!value.is_empty()).then(|| value.to_owned())
}

/// Branch codes: 1 to 6 capital letters, Cyrillic or Latin ("ТШ", "SAM").
pub(crate) fn branch_code(value: &str) -> Result<String, DeskError> {
    let code = value.trim().to_uppercase();
    let count = code.chars().count();
    if (1..=6).contains(&count) && code.chars().all(char::is_alphabetic) {
        Ok(code)
    } else {
        Err(InputError::NotABranchCode { value: value.to_owned() }.into())
    }
}

impl From<ClaimState> for ClaimStateCode {
    fn from(state: ClaimState) -> Self {
        match state {
            ClaimState::Registered => ClaimStateCode::Registered,
            ClaimState::AwaitingDocuments => ClaimStateCode::AwaitingDocuments,
            ClaimState::UnderReview => ClaimStateCode::UnderReview,
            ClaimState::Approved => ClaimStateCode::Approved,
            ClaimState::Refused => ClaimStateCode::Refused,
            ClaimState::Deferred => ClaimStateCode::Deferred,
            ClaimState::ActSigned => ClaimStateCode::ActSigned,
            ClaimState::Paid => ClaimStateCode::Paid,
            ClaimState::Closed => ClaimStateCode::Closed,
        }
    }
}

impl From<ClaimStateCode> for ClaimState {
    fn from(code: ClaimStateCode) -> Self {
        match code {
            ClaimStateCode::Registered => ClaimState::Registered,
            ClaimStateCode::AwaitingDocuments => ClaimState::AwaitingDocuments,
            ClaimStateCode::UnderReview => ClaimState::UnderReview,
            ClaimStateCode::Approved => ClaimState::Approved,
            ClaimStateCode::Refused => ClaimState::Refused,
            ClaimStateCode::Deferred => ClaimState::Deferred,
            ClaimStateCode::ActSigned => ClaimState::ActSigned,
            ClaimStateCode::Paid => ClaimState::Paid,
            ClaimStateCode::Closed => ClaimState::Closed,
        }
    }
}

fn kind_code(kind: DeadlineKind) -> DeadlineKindCode {
    match kind {
        DeadlineKind::Notice => DeadlineKindCode::Notice,
        DeadlineKind::Documents => DeadlineKindCode::Documents,
        DeadlineKind::RequestedDocuments => DeadlineKindCode::RequestedDocuments,
        DeadlineKind::Decision => DeadlineKindCode::Decision,
        DeadlineKind::Payment => DeadlineKindCode::Payment,
        DeadlineKind::DisabilityWindow => DeadlineKindCode::DisabilityWindow,
        DeadlineKind::Waiting => DeadlineKindCode::Waiting,
    }
}

/// The stored name of a deadline kind (snake case, as in the DTO).
fn state_code(state: DeadlineState) -> DeadlineStateCode {
    match state {
        DeadlineState::Ok => DeadlineStateCode::Ok,
        DeadlineState::DueSoon => DeadlineStateCode::DueSoon,
        DeadlineState::Overdue => DeadlineStateCode::Overdue,
        DeadlineState::Met => DeadlineStateCode::Met,
        DeadlineState::MetLate => DeadlineStateCode::MetLate,
        DeadlineState::Expired => DeadlineStateCode::Expired,
    }
}

pub(crate) fn deadline_dto(deadline: &Deadline, language: Language) -> DeadlineDto {
    DeadlineDto {
        kind: kind_code(deadline.kind),
        clause: crate::messages::clause(deadline.kind.clause(), language),
        basis: deadline.basis.to_string(),
        due: deadline.due.to_string(),
        state: state_code(deadline.state),
        days_left: deadline.days_left,
        item: deadline.item.clone(),
        unconfirmed_year: deadline.unconfirmed_year,
    }
}

pub(crate) fn outcome_of(code: &str) -> ClaimOutcome {
    match code {
        "disability" => ClaimOutcome::Disability,
        "death" => ClaimOutcome::Death,
        _ => ClaimOutcome::Injury,
    }
}

/// A hand-entered policy, checked by the same rules as a register row (field `policy.…`).
fn policy_by_hand(
    policy: &PolicyByHandDto,
    language: Language,
) -> Result<tovon_store::PolicyRecord, DeskError> {
    let cells: Vec<&str> = Column::ALL
        .iter()
        .map(|column| match column {
            Column::PolicySeries => policy.series.as_str(),
            Column::PolicyNumber => &policy.number,
            Column::IssuedOn => &policy.issued_on,
            Column::StartsOn => &policy.starts_on,
            Column::EndsOn => &policy.ends_on,
            Column::PremiumPaidOn => &policy.premium_paid_on,
            Column::SumInsured => &policy.sum_insured,
            Column::FullName => &policy.full_name,
            Column::BirthDate => &policy.birth_date,
            Column::Pinfl => &policy.pinfl,
            Column::Passport => &policy.passport,
            Column::Phone => &policy.phone,
            Column::Address => &policy.address,
            Column::LoanAgreement | Column::LoanAmount => "",
            Column::Branch => &policy.branch,
        })
        .collect();
    let map = ColumnMap::new(Column::ALL.iter().enumerate().map(|(at, column)| (*column, at)).collect());
    let parsed = parse_row(&cells, &map).map_err(|problems| match problems.first() {
        Some(problem) => invalid(
            &format!("policy.{}", problem.column.name()),
            format!("«{}» {}", problem.value, row_problem_text(&problem.kind, language)),
        ),
        None => invalid("policy", text(language, "row_problem.empty", &[])),
    })?;
    Ok(record(parsed))
}

/// The policy and dates of a draft.
struct Registration {
    policy: ClaimPolicy,
    stored_policy: Option<StoredPolicy>,
    record: tovon_store::PolicyRecord,
    facts: RegistrationFacts,
}

/// The checked parts of a draft.
struct Checked {
    policy: ClaimPolicy,
    registration: RegistrationFacts,
    facts: ClaimFacts,
    branch_code: String,
}

impl Desk {
    /// The policy and the dates of a draft: what the warnings need.
    fn registration_of(&self, draft: &ClaimDraftDto, today: NaiveDate) -> Result<Registration, DeskError> {
        let (policy, stored_policy, record) = match (&draft.policy_id, &draft.policy_by_hand) {
            (Some(id), _) => {
                let stored = self.store.policy(*id)?.ok_or(InputError::UnknownPolicy { id: *id })?;
                let record = stored.record.clone();
                (ClaimPolicy::Stored(*id), Some(stored), record)
            }
            (None, Some(by_hand)) => {
                let record = policy_by_hand(by_hand, self.language())?;
                match self.store.policy_by_series_number(&record.series, &record.number)? {
                    // Already stored (the register or an earlier claim): the stored one counts.
                    Some(stored) => {
                        let record = stored.record.clone();
                        (ClaimPolicy::Stored(stored.id), Some(stored), record)
                    }
                    None => (ClaimPolicy::ByHand(Box::new(record.clone())), None, record),
                }
            }
            (None, None) => {
                return Err(InputError::NoPolicy.into());
            }
        };
        let facts = RegistrationFacts {
            event_date: date("event_date", &draft.event_date)?,
            notice_date: date("notice_date", &draft.notice_date)?,
            today,
            policy_issued_on: record.issued_on,
            policy_starts_on: record.starts_on,
            policy_ends_on: record.ends_on,
            premium_paid_on: record.premium_paid_on,
            suicide: draft.suicide,
        };
        Ok(Registration { policy, stored_policy, record, facts })
    }

    /// The whole draft checked: every required field, the branch code.
    fn check_draft(&self, draft: &ClaimDraftDto, today: NaiveDate) -> Result<Checked, DeskError> {
        let registration = self.registration_of(draft, today)?;
        let record = &registration.record;
        let facts = ClaimFacts {
            name_search: record.name_search.clone(),
            insured_name: record.full_name.clone(),
            claimant_name: required("claimant_name", &draft.claimant_name)?,
            claimant_relation: required("claimant_relation", &draft.claimant_relation)?,
            claimant_phone: optional(&draft.claimant_phone),
            beneficiary_name: optional(&draft.beneficiary_name),
            event_date: registration.facts.event_date,
            event_place: required("event_place", &draft.event_place)?,
            circumstances: required("circumstances", &draft.circumstances)?,
            outcome: draft.outcome.code().to_owned(),
            notice_date: registration.facts.notice_date,
            was_driving: draft.was_driving,
            fracture: draft.fracture,
            criminal_case: draft.criminal_case,
            suicide: draft.suicide,
            notes: draft.notes.trim().to_owned(),
        };
        Ok(Checked {
            policy: registration.policy,
            registration: registration.facts,
            facts,
            branch_code: self.claim_branch(&draft.branch_code)?,
        })
    }

    /// The branch a new claim is registered under (issue 19): the desk's, set once by the
    /// administrator; a code typed on the form must be that one. A desk with none set yet
    /// takes the code typed. An enrolled desk numbers under the prefix the head office gave
    /// it (issue 20), which the claim keeps as its code.
    fn claim_branch(&self, typed: &str) -> Result<String, DeskError> {
        if self.branch_code.is_empty() {
            return branch_code(typed);
        }
        if let Some(prefix) = &self.numbering_prefix {
            let code = typed.trim().to_uppercase();
            if !code.is_empty() && code != self.branch_code && code != *prefix {
                return Err(
                    InputError::NotTheDesksBranch { value: typed.to_owned(), desk: prefix.clone() }.into()
                );
            }
            return Ok(prefix.clone());
        }
        if !typed.trim().is_empty() && branch_code(typed)? != self.branch_code {
            return Err(InputError::NotTheDesksBranch {
                value: typed.to_owned(),
                desk: self.branch_code.clone(),
            }
            .into());
        }
        Ok(self.branch_code.clone())
    }

    fn warnings(
        &self,
        registration: &RegistrationFacts,
        policy_id: Option<i64>,
        except: Option<i64>,
    ) -> Result<Vec<ClaimWarningDto>, DeskError> {
        let language = self.language();
        let mut warnings: Vec<ClaimWarningDto> =
            check_registration(registration)?.iter().map(|warning| warning_dto(warning, language)).collect();
        if let Some(policy_id) = policy_id {
            for (id, number) in self.store.claims_on(policy_id, registration.event_date)? {
                if Some(id) != except {
                    warnings.push(ClaimWarningDto {
                        code: "likely_duplicate".to_owned(),
                        clause: String::new(),
                        message: text(language, "claim.warning.likely_duplicate", &[("number", &number)]),
                    });
                }
            }
        }
        Ok(warnings)
    }

    /// What registering this draft would warn about (the form shows it as it is filled):
    /// needs the policy and the two dates only.
    pub fn check_claim(
        &self,
        draft: &ClaimDraftDto,
        today: NaiveDate,
    ) -> Result<Vec<ClaimWarningDto>, DeskError> {
        self.session()?;
        let registration = self.registration_of(draft, today)?;
        self.warnings(&registration.facts, registration.stored_policy.map(|policy| policy.id), None)
    }

    /// Registers the incident under the next number of its branch and year.
    pub fn register_claim(&mut self, draft: &ClaimDraftDto, today: NaiveDate) -> Result<ClaimDto, DeskError> {
        self.require(crate::users::Permission::ClaimWork)?;
        let checked = self.check_draft(draft, today)?;
        // Impossible dates never reach the database; the warnings were the form's to show.
        check_registration(&checked.registration)?;
        let facts = DeadlineFacts {
            event_date: checked.registration.event_date,
            notice_date: checked.registration.notice_date,
            ..DeadlineFacts::default()
        };
        let progress = self.progress(ClaimState::Registered, &facts, None, today)?;
        // The claim exists from the written notice: steps entered afterwards may date back to it.
        let step = ClaimStep {
            user: self.user().to_owned(),
            on_date: checked.registration.notice_date,
            reason: String::new(),
            reopening: false,
        };
        let (id, _) = self.store.register_claim(
            &checked.policy,
            &checked.branch_code,
            today.year(),
            &checked.facts,
            &progress,
            &step,
        )?;
        // The form became this claim: its draft is done with (issue 19).
        self.discard_form_draft(crate::dto::FormCode::NewClaim)?;
        self.claim(&id.to_string(), today)
    }

    /// The stored progress of a claim in `state` with these dates: its next deadline too.
    pub(crate) fn progress(
        &self,
        state: ClaimState,
        facts: &DeadlineFacts,
        disability_set_on: Option<NaiveDate>,
        today: NaiveDate,
    ) -> Result<ClaimProgress, DeskError> {
        let all = deadlines(facts, &self.calendar()?, today)?;
        Ok(ClaimProgress {
            state,
            documents_requested_on: facts.documents_requested_on,
            documents_complete_on: facts.documents_complete_on,
            decided_on: facts.decided_on,
            act_signed_on: facts.act_signed_on,
            paid_on: facts.paid_on,
            disability_set_on,
            next_due: next_due(&all, state).map(|next| (next.due, next.kind)),
        })
    }

    pub(crate) fn find_claim(&self, id_or_number: &str) -> Result<StoredClaim, DeskError> {
        let key = id_or_number.trim();
        let found = match key.parse::<i64>() {
            Ok(id) => self.store.claim(id)?,
            Err(_) => self.store.claim_by_number(&key.to_uppercase())?,
        };
        found.ok_or_else(|| DeskError::NotFound(text(self.language(), "not_found.claim", &[("key", key)])))
    }

    /// One claim by id or number, with its deadlines as of `today`, warnings and events.
    pub fn claim(&self, id_or_number: &str, today: NaiveDate) -> Result<ClaimDto, DeskError> {
        self.session()?;
        let claim = self.find_claim(id_or_number)?;
        let policy =
            self.store.policy(claim.policy_id)?.ok_or_else(|| self.policy_not_found(claim.policy_id))?;
        let state = claim.progress.state;
        let latest = self.store.latest_calculation(claim.id)?;
        let facts = deadline_facts(&claim, latest.as_ref());
        let all = deadlines(&facts, &self.calendar()?, today)?;
        let record = &policy.record;
        let registration = RegistrationFacts {
            event_date: facts.event_date,
            notice_date: facts.notice_date,
            // As registered: the dates were checked against the day of registration.
            today: facts.notice_date.max(facts.event_date),
            policy_issued_on: record.issued_on,
            policy_starts_on: record.starts_on,
            policy_ends_on: record.ends_on,
            premium_paid_on: record.premium_paid_on,
            suicide: claim.facts.suicide,
        };
        let warnings = self.warnings(&registration, Some(policy.id), Some(claim.id))?;
        let events = self
            .store
            .claim_events(claim.id)?
            .into_iter()
            .map(|event| {
                Ok(ClaimEventDto {
                    at: event.at,
                    user: event.user,
                    from_state: event.from_state.map(Into::into),
                    to_state: event.to_state.into(),
                    on_date: event.on_date.to_string(),
                    reason: crate::messages::in_language(
                        &event.reason,
                        self.language(),
                        crate::messages::STEP_REASONS,
                    ),
                    reopening: event.reopening,
                })
            })
            .collect::<Result<Vec<_>, DeskError>>()?;
        let (documents_required, documents_missing) = self.document_counts(&claim)?;
        let awaiting_approval =
            self.store.submissions(claim.id)?.iter().any(|submission| submission.state == "pending");
        let waits_on = waits_on(state, awaiting_approval, documents_missing, latest.is_some(), &all);
        let f = claim.facts;
        Ok(ClaimDto {
            id: claim.id,
            number: claim.number,
            state: state.into(),
            awaiting_approval,
            next_states: state.next().iter().map(|next| (*next).into()).collect(),
            hand_moves: state.hand_moves().into_iter().map(Into::into).collect(),
            undecided: state.is_undecided(),
            policy: summary(policy),
            insured_name: f.insured_name,
            claimant_name: f.claimant_name,
            claimant_relation: crate::messages::in_language(
                &f.claimant_relation,
                self.language(),
                &["claim_form.relation_self"],
            ),
            claimant_phone: f.claimant_phone,
            beneficiary_name: f.beneficiary_name,
            event_date: f.event_date.to_string(),
            event_place: f.event_place,
            circumstances: f.circumstances,
            outcome: outcome_of(&f.outcome),
            notice_date: f.notice_date.to_string(),
            was_driving: f.was_driving,
            fracture: f.fracture,
            criminal_case: f.criminal_case,
            suicide: f.suicide,
            notes: f.notes,
            registered_at: claim.registered_at,
            next_due: next_due(&all, state).map(|next| deadline_dto(next, self.language())),
            deadlines: all.iter().map(|deadline| deadline_dto(deadline, self.language())).collect(),
            warnings,
            events,
            calculation: latest
                .map(|saved| crate::claim_calc::calculation_dto(saved, self.language()))
                .transpose()?,
            documents_required,
            documents_missing,
            waits_on,
        })
    }

    /// Moves a claim along its lifecycle; an illegal move or a missing reason is refused.
    pub fn transition_claim(
        &mut self,
        id_or_number: &str,
        request: &ClaimTransitionDto,
        today: NaiveDate,
    ) -> Result<ClaimDto, DeskError> {
        self.require(crate::users::Permission::ClaimWork)?;
        let claim = self.find_claim(id_or_number)?;
        let from = claim.progress.state;
        let transition = check_transition(from, request.to.into(), &request.reason)?;
        // A decision, a signing and a payment are recorded with what they rest on (the
        // act, the grounds, the case, the transfers): through `decide`, `sign`, `pay`.
        if matches!(
            transition.to,
            ClaimState::Approved
                | ClaimState::Refused
                | ClaimState::Deferred
                | ClaimState::ActSigned
                | ClaimState::Paid
        ) {
            return Err(invalid(
                "to",
                text(
                    self.language(),
                    "claim_error.use_decision",
                    &[(
                        "state",
                        &text(self.language(), &format!("claim.state.{}", transition.to.code()), &[]),
                    )],
                ),
            ));
        }
        // 6.6: review starts when the documents are complete, which the checklist records
        // itself; a hand move there with documents missing is refused.
        if transition.to == ClaimState::UnderReview
            && matches!(from, ClaimState::Registered | ClaimState::AwaitingDocuments)
        {
            self.require_complete(&claim)?;
        }
        let on = match request.on_date.trim() {
            "" => today,
            text => date("on_date", text)?,
        };
        if on > today {
            return Err(DecisionError::Future { field: "on_date".to_owned(), date: on, today }.into());
        }
        let last = self.store.claim_events(claim.id)?.last().map(|event| event.on_date);
        if let Some(last) = last.filter(|last| on < *last) {
            return Err(DecisionError::BeforeLastStep { field: "on_date".to_owned(), date: on, last }.into());
        }
        let latest = self.store.latest_calculation(claim.id)?;
        let mut facts = deadline_facts(&claim, latest.as_ref());
        record_step(&mut facts, &transition, on);
        let progress = self.progress(transition.to, &facts, claim.progress.disability_set_on, today)?;
        let step = ClaimStep {
            user: self.user().to_owned(),
            on_date: on,
            reason: request.reason.trim().to_owned(),
            reopening: transition.reopening,
        };
        if !self.store.move_claim(claim.id, from, &progress, &step)? {
            return Err(DecisionError::Moved { claim: claim.number.clone() }.into());
        }
        self.claim(&claim.id.to_string(), today)
    }

    /// The store's filter for the list as asked: its queue for the signed-in user, its
    /// search in every form (number in either script, name key), one page at most `PAGE_MAX`.
    pub(crate) fn claim_filter(
        &self,
        query: &ClaimListQueryDto,
        today: NaiveDate,
    ) -> Result<ClaimFilter, DeskError> {
        let text = query.query.trim();
        Ok(ClaimFilter {
            state: query.state.map(ClaimState::from),
            due: query.due.map(|due| match due {
                DueFilterCode::Overdue => DueFilter::Overdue,
                DueFilterCode::DueSoon => DueFilter::DueSoon,
                DueFilterCode::Ok => DueFilter::Ok,
                DueFilterCode::None => DueFilter::None,
            }),
            awaiting_approval: query.awaiting_approval,
            queue: query.queue.map(|code| self.work_queue(code, today)).transpose()?,
            query: (!text.is_empty()).then(|| ClaimQuery {
                text: text.to_uppercase(),
                folded: fold_for_search(text),
                cyrillic: tovon_core::translit::code_to_cyrillic(text),
                name_key: tovon_core::names::name_key(text),
            }),
            today,
            sort: match query.sort {
                ClaimSortCode::NextDue => ClaimSort::NextDue,
                ClaimSortCode::Newest => ClaimSort::Newest,
                ClaimSortCode::EventDate => ClaimSort::EventDate,
                ClaimSortCode::Number => ClaimSort::Number,
            },
            limit: query.limit.clamp(1, PAGE_MAX),
            offset: query.offset,
        })
    }

    /// One page of the claims list, with each claim's next deadline as of `today`.
    pub fn list_claims(
        &self,
        query: &ClaimListQueryDto,
        today: NaiveDate,
    ) -> Result<ClaimListDto, DeskError> {
        self.session()?;
        let filter = self.claim_filter(query, today)?;
        let (total, rows) = self.store.list_claims(&filter)?;
        let rows = rows.into_iter().map(|row| row_dto(row, today)).collect();
        Ok(ClaimListDto { total, rows })
    }
}

/// What the claim waits on, for its header (issue 19): the act's approval first, then what
/// the state asks for.
fn waits_on(
    state: ClaimState,
    awaiting_approval: bool,
    documents_missing: u32,
    calculated: bool,
    deadlines: &[Deadline],
) -> WaitCode {
    use ClaimState::*;
    match state {
        _ if awaiting_approval => WaitCode::Approval,
        Registered | AwaitingDocuments | UnderReview if documents_missing > 0 => WaitCode::Documents,
        Registered | AwaitingDocuments | UnderReview if !calculated => WaitCode::Calculation,
        Registered | AwaitingDocuments | UnderReview => WaitCode::Decision,
        Approved => WaitCode::Signing,
        ActSigned => WaitCode::Payment,
        Deferred => WaitCode::Case,
        Paid if deadlines
            .iter()
            .any(|deadline| deadline.kind == DeadlineKind::Waiting && deadline.is_open()) =>
        {
            WaitCode::DeferredItem
        }
        Paid | Refused | Closed => WaitCode::Nothing,
    }
}

/// A claim as the list shows it, its next deadline counted to `today`.
pub(crate) fn row_dto(row: ClaimListRow, today: NaiveDate) -> ClaimRowDto {
    let due = row.next_due.as_ref().map(|(due, _)| *due);
    let days_left = due.map(|due| (due - today).num_days());
    ClaimRowDto {
        id: row.id,
        number: row.number,
        insured_name: row.insured_name,
        policy: row.policy,
        event_date: row.event_date.to_string(),
        outcome: outcome_of(&row.outcome),
        state: row.state.into(),
        next_due_kind: row.next_due.map(|(_, kind)| kind_code(kind)),
        next_due: row.next_due.map(|(due, _)| due.to_string()),
        due_state: days_left.map(|left| match left {
            ..0 => DeadlineStateCode::Overdue,
            0..=3 => DeadlineStateCode::DueSoon,
            _ => DeadlineStateCode::Ok,
        }),
        days_left,
        awaiting_approval: row.awaiting_approval,
    }
}

/// The dates a claim's deadlines count from, and the items its latest calculation deferred
/// (D14).
pub(crate) fn deadline_facts(claim: &StoredClaim, latest: Option<&StoredCalculation>) -> DeadlineFacts {
    let p = &claim.progress;
    DeadlineFacts {
        event_date: claim.facts.event_date,
        notice_date: claim.facts.notice_date,
        documents_requested_on: p.documents_requested_on,
        documents_complete_on: p.documents_complete_on,
        decided_on: p.decided_on,
        act_signed_on: p.act_signed_on,
        paid_on: p.paid_on,
        disability_set_on: p.disability_set_on,
        waiting: latest.map(crate::claim_calc::waiting_of).unwrap_or_default(),
    }
}

fn warning_dto(warning: &RegistrationWarning, language: Language) -> ClaimWarningDto {
    let (code, message) = match warning {
        RegistrationWarning::OutsidePeriod { starts_on, ends_on } => (
            "outside_period",
            text(
                language,
                "claim.warning.outside_period",
                &[("starts_on", &dmy(*starts_on)), ("ends_on", &dmy(*ends_on))],
            ),
        ),
        RegistrationWarning::PremiumLate { issued_on, paid_on, days_late } => (
            "premium_late",
            match paid_on {
                Some(paid_on) => text(
                    language,
                    "claim.warning.premium_late",
                    &[
                        ("issued_on", &dmy(*issued_on)),
                        ("paid_on", &dmy(*paid_on)),
                        ("days", &days_late.to_string()),
                    ],
                ),
                None => text(language, "claim.warning.premium_unpaid", &[("issued_on", &dmy(*issued_on))]),
            },
        ),
        RegistrationWarning::LateNotice { due, days_late } => (
            "late_notice",
            text(
                language,
                "claim.warning.late_notice",
                &[("due", &dmy(*due)), ("days", &days_late.to_string())],
            ),
        ),
        RegistrationWarning::SuicideWithinTwoYears { two_years_on } => (
            "suicide_two_years",
            text(language, "claim.warning.suicide_two_years", &[("date", &dmy(*two_years_on))]),
        ),
    };
    ClaimWarningDto {
        code: code.to_owned(),
        clause: crate::messages::clause(warning.clause(), language),
        message,
    }
}

/// DD.MM.YYYY, as every desk reads dates.
pub(crate) fn dmy(day: NaiveDate) -> String {
    day.format("%d.%m.%Y").to_string()
}
