//! A claim's checklist: the catalogue's items its facts require, the insurer's requests
//! (6.3 forensic report, 6.4 extras), what was received, and the day the set was complete.

use std::fmt;

use chrono::{Months, NaiveDate};

use super::{Catalogue, Condition, DocOutcome, Group, Requirement};

/// Which checklist item a receipt or attachment belongs to: a catalogue code, or an extra
/// document the insurer asked for under 6.4 (by its request's id).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ItemKey {
    Catalogue(String),
    Extra(i64),
}

impl ItemKey {
    /// The key as stored and typed: "policy_original", "extra-3".
    pub fn parse(text: &str) -> Option<ItemKey> {
        let text = text.trim();
        match text.strip_prefix("extra-") {
            Some(id) => id.parse().ok().filter(|id| *id > 0).map(ItemKey::Extra),
            None if !text.is_empty() => Some(ItemKey::Catalogue(text.to_owned())),
            None => None,
        }
    }
}

impl fmt::Display for ItemKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ItemKey::Catalogue(code) => f.write_str(code),
            ItemKey::Extra(id) => write!(f, "extra-{id}"),
        }
    }
}

/// Where a medical document comes from (DOMAIN.md, "Medical evidence from online services").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MedicalSource {
    /// A medical institution seen in person: certified and sealed as 6.3 asks.
    InPerson,
    /// An online (telemedicine) service, not licensed as such: counts once verified.
    Online,
}

impl MedicalSource {
    pub fn code(self) -> &'static str {
        match self {
            MedicalSource::InPerson => "in_person",
            MedicalSource::Online => "online",
        }
    }

    pub fn from_code(code: &str) -> Option<MedicalSource> {
        [MedicalSource::InPerson, MedicalSource::Online].into_iter().find(|source| source.code() == code)
    }
}

impl std::str::FromStr for MedicalSource {
    type Err = crate::decision::UnknownKind;

    fn from_str(code: &str) -> Result<Self, Self::Err> {
        MedicalSource::from_code(code).ok_or_else(|| crate::decision::UnknownKind(code.to_owned()))
    }
}

/// A document as received for an item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Receipt {
    pub key: ItemKey,
    pub received_on: NaiveDate,
    /// A copy rather than the original.
    pub copy: bool,
    /// For medical documents.
    pub source: Option<MedicalSource>,
    /// For a certificate from an online service: the day someone verified it.
    pub verified_on: Option<NaiveDate>,
}

impl Receipt {
    /// The day it counts as received: an online service's certificate only once verified.
    pub fn counts_from(&self) -> Option<NaiveDate> {
        match self.source {
            Some(MedicalSource::Online) => self.verified_on.map(|verified| verified.max(self.received_on)),
            _ => Some(self.received_on),
        }
    }
}

/// A document the insurer asked for: a catalogue item kept for requests (the forensic
/// report of 6.3), or an extra one under 6.4 with its own wording.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentRequest {
    pub id: i64,
    /// The catalogue item asked for; `None` for an extra document.
    pub item: Option<String>,
    pub text: String,
    pub reason: String,
    pub requested_on: NaiveDate,
}

/// The facts of a claim its requirements depend on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChecklistFacts {
    pub outcome: DocOutcome,
    pub was_driving: bool,
    pub fracture: bool,
    pub beneficiary_named: bool,
    /// 6.1б counts the 3 months from the notice.
    pub notice_date: NaiveDate,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemState {
    Missing,
    /// An online service's certificate received but not yet verified.
    AwaitingVerification {
        received_on: NaiveDate,
    },
    /// Counts as received from this day.
    Received {
        on: NaiveDate,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChecklistItem<'a> {
    pub key: ItemKey,
    /// The catalogue's entry; `None` for an extra document (6.4).
    pub requirement: Option<&'a Requirement>,
    /// The insurer's request that made it required, if one did.
    pub request: Option<&'a DocumentRequest>,
    pub group: Group,
    pub clauses: String,
    pub medical: bool,
    /// Required by the claim's facts or by a request. An item received and then no longer
    /// required (the facts changed) stays on the list as received, not required.
    pub required: bool,
    /// Not required, but the insurer may ask for it (6.3 forensic report).
    pub requestable: bool,
    pub state: ItemState,
    /// The day the document is due by: 3 months from the notice (6.1б), or from the
    /// insurer's request (5.3б).
    pub due: NaiveDate,
    pub due_clause: &'static str,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checklist<'a> {
    pub items: Vec<ChecklistItem<'a>>,
    /// The day the last required item counted as received, once none is missing: the
    /// "documents complete" date the decision's 15 days count from (6.6).
    pub complete_on: Option<NaiveDate>,
}

impl Checklist<'_> {
    pub fn missing(&self) -> impl Iterator<Item = &ChecklistItem<'_>> {
        self.items.iter().filter(|item| item.required && !matches!(item.state, ItemState::Received { .. }))
    }
}

fn plus_three_months(day: NaiveDate) -> NaiveDate {
    day.checked_add_months(Months::new(3)).unwrap_or(NaiveDate::MAX)
}

fn applies(requirement: &Requirement, facts: &ChecklistFacts) -> bool {
    requirement.outcomes.contains(&facts.outcome)
        && match requirement.condition {
            Condition::Always => true,
            Condition::WasDriving => facts.was_driving,
            Condition::Fracture => facts.fracture,
            Condition::BeneficiaryNamed => facts.beneficiary_named,
            Condition::NoBeneficiary => !facts.beneficiary_named,
            Condition::OnRequest => false,
        }
}

/// The clause an item is listed under for this outcome. The catalogue files the papers
/// every claim needs (application, policy, passport) under 6.2.1; on a death claim that
/// heading (bodily injury) would mislead, so they go under 6.2.3 when it cites them
/// (the policy, 6.2.3а) and under 6.3 otherwise.
fn shown_under(requirement: &Requirement, outcome: DocOutcome) -> Group {
    if outcome != DocOutcome::Death || requirement.group != Group::Injury {
        return requirement.group;
    }
    if requirement.clauses.split(", ").any(|clause| clause.starts_with(Group::Death.clause())) {
        Group::Death
    } else {
        Group::Attached
    }
}

fn state_of(receipt: Option<&Receipt>) -> ItemState {
    match receipt {
        None => ItemState::Missing,
        Some(receipt) => match receipt.counts_from() {
            Some(on) => ItemState::Received { on },
            None => ItemState::AwaitingVerification { received_on: receipt.received_on },
        },
    }
}

/// The checklist of a claim with these facts, receipts and requests: the catalogue's items
/// in its order, then the extra documents in the order they were asked for.
pub fn checklist<'a>(
    catalogue: &'a Catalogue,
    facts: &ChecklistFacts,
    receipts: &[Receipt],
    requests: &'a [DocumentRequest],
) -> Checklist<'a> {
    let receipt = |key: &ItemKey| receipts.iter().find(|receipt| receipt.key == *key);
    let by_notice = (plus_three_months(facts.notice_date), "6.1б");
    let mut items = Vec::new();
    for requirement in &catalogue.requirements {
        let key = ItemKey::Catalogue(requirement.code.clone());
        let request = requests.iter().find(|request| request.item.as_deref() == Some(&requirement.code));
        let received = receipt(&key);
        let required = applies(requirement, facts) || request.is_some();
        let requestable = !required
            && requirement.condition == Condition::OnRequest
            && requirement.outcomes.contains(&facts.outcome);
        if !required && !requestable && received.is_none() {
            continue;
        }
        let (due, due_clause) = request.map_or(by_notice, |r| (plus_three_months(r.requested_on), "5.3б"));
        items.push(ChecklistItem {
            key,
            requirement: Some(requirement),
            request,
            group: shown_under(requirement, facts.outcome),
            clauses: requirement.clauses.clone(),
            medical: requirement.medical,
            required,
            requestable,
            state: state_of(received),
            due,
            due_clause,
        });
    }
    for request in requests.iter().filter(|request| request.item.is_none()) {
        let key = ItemKey::Extra(request.id);
        let state = state_of(receipt(&key));
        items.push(ChecklistItem {
            key,
            requirement: None,
            request: Some(request),
            group: Group::Extra,
            clauses: Group::Extra.clause().to_owned(),
            medical: false,
            required: true,
            requestable: false,
            state,
            due: plus_three_months(request.requested_on),
            due_clause: "5.3б",
        });
    }
    let mut complete_on = None;
    for item in items.iter().filter(|item| item.required) {
        match item.state {
            ItemState::Received { on } => complete_on = complete_on.max(Some(on)),
            _ => return Checklist { items, complete_on: None },
        }
    }
    Checklist { items, complete_on }
}
