//! A claim's History tab in words (issue 19): each entry of the audit log that belongs to the
//! claim said as what happened — "X-ray images received, original", "Under review → Approved"
//! — with field labels, states by name, documents by title, dates DD.MM.YYYY and amounts in
//! sums, in the user's language. The log itself, column by column, stays `tovon audit claim`.
//!
//! Not repeated here: the documents log's own lines (`claim_log`, the same receipts as the
//! `claim_document` entries) and a claim update that only mirrors a step (its state, with the
//! step's own entry beside it).

use std::collections::HashMap;

use chrono::NaiveDate;
use serde_json::{Map, Value};
use tovon_core::Language;
use tovon_core::documents::ItemKey;
use tovon_store::AuditEntry;

use crate::decisions::papers::money;
use crate::documents::Stored;
use crate::dto::{HistoryDetailDto, HistoryLineDto};
use crate::messages::text;
use crate::{Desk, DeskError};

/// How a claim column is shown, and its label's key.
#[derive(Clone, Copy)]
enum Shown {
    Text,
    Date,
    YesNo,
    Outcome,
}

/// The claim's columns a person may see change, with their labels. Bookkeeping (the search
/// name, the next deadline, numbering) and the state (said by the step) are not among them.
const CLAIM_FIELDS: &[(&str, &str, Shown)] = &[
    ("insured_name", "policy.field.full_name", Shown::Text),
    ("branch_code", "claim_form.branch_code", Shown::Text),
    ("claimant_name", "claim_form.claimant_name", Shown::Text),
    ("claimant_relation", "claim_form.claimant_relation", Shown::Text),
    ("claimant_phone", "claim_form.claimant_phone", Shown::Text),
    ("beneficiary_name", "claim_form.beneficiary_name", Shown::Text),
    ("event_date", "claim_form.event_date", Shown::Date),
    ("event_place", "claim_form.event_place", Shown::Text),
    ("circumstances", "claim_form.circumstances", Shown::Text),
    ("outcome", "claim_form.outcome", Shown::Outcome),
    ("notice_date", "claim_form.notice_date", Shown::Date),
    ("was_driving", "claim_form.was_driving", Shown::YesNo),
    ("fracture", "claim_form.fracture", Shown::YesNo),
    ("criminal_case", "claim_form.criminal_case", Shown::YesNo),
    ("suicide", "claim_form.suicide", Shown::YesNo),
    ("notes", "claim_form.notes", Shown::Text),
    ("documents_requested_on", "history.field.documents_requested_on", Shown::Date),
    ("documents_complete_on", "history.field.documents_complete_on", Shown::Date),
    ("decided_on", "history.field.decided_on", Shown::Date),
    ("act_signed_on", "history.field.act_signed_on", Shown::Date),
    ("paid_on", "history.field.paid_on", Shown::Date),
    ("disability_set_on", "history.field.disability_set_on", Shown::Date),
];

/// One entry's before and after, read as JSON objects.
struct Row {
    before: Map<String, Value>,
    after: Map<String, Value>,
}

impl Row {
    fn of(entry: &AuditEntry) -> Row {
        let object = |json: Option<&str>| match json.and_then(|json| serde_json::from_str(json).ok()) {
            Some(Value::Object(map)) => map,
            _ => Map::new(),
        };
        Row { before: object(entry.before.as_deref()), after: object(entry.after.as_deref()) }
    }

    /// The row as it is after the entry (before it, for a delete).
    fn now(&self) -> &Map<String, Value> {
        if self.after.is_empty() { &self.before } else { &self.after }
    }

    fn text(&self, column: &str) -> String {
        plain(self.now().get(column)).unwrap_or_default()
    }

    fn changed(&self, column: &str) -> bool {
        self.before.get(column) != self.after.get(column)
    }
}

fn plain(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::Null => None,
        Value::String(text) => Some(text.clone()),
        other => Some(other.to_string()),
    }
}

/// What the History says, with the claim's documents for their titles.
struct Speaker<'a> {
    language: Language,
    documents: &'a Stored,
    names: &'a HashMap<String, String>,
}

impl Speaker<'_> {
    fn say(&self, key: &str, params: &[(&str, &str)]) -> String {
        text(self.language, key, params)
    }

    fn day(&self, value: &str) -> String {
        value.parse::<NaiveDate>().map(crate::claims::dmy).unwrap_or_else(|_| value.to_owned())
    }

    fn amount(&self, value: &str) -> String {
        let tiyin = value.parse::<i64>().map(money).unwrap_or_else(|_| value.to_owned());
        self.say("history.amount", &[("amount", &tiyin)])
    }

    fn state(&self, code: &str) -> String {
        self.say(&format!("claim.state.{code}"), &[])
    }

    /// A document's title from the claim's checklist ("1/xray_images" → "Рентген тасвирлари").
    fn title(&self, item: &str) -> String {
        match ItemKey::parse(item) {
            Some(key) => self.documents.title(&key, self.language),
            None => item.to_owned(),
        }
    }

    fn shown(&self, value: Option<&Value>, how: Shown) -> Option<String> {
        let value = plain(value)?;
        Some(match how {
            Shown::Text => value,
            Shown::Date => self.day(&value),
            Shown::YesNo => {
                self.say(if value == "1" || value == "true" { "history.yes" } else { "history.no" }, &[])
            }
            Shown::Outcome => self.say(&format!("claim.outcome.{value}"), &[]),
        })
    }
}

impl Desk {
    /// The claim's History in words, oldest first (issue 19).
    pub fn claim_history_in_words(&self, id_or_number: &str) -> Result<Vec<HistoryLineDto>, DeskError> {
        self.session()?;
        let claim = self.find_claim(id_or_number)?;
        let documents = self.documents_of(&claim)?;
        let names: HashMap<String, String> =
            self.store.users()?.into_iter().map(|user| (user.login, user.full_name)).collect();
        let speaker = Speaker { language: self.language(), documents: &documents, names: &names };
        Ok(self.store.claim_audit(claim.id)?.iter().filter_map(|entry| line(&speaker, entry)).collect())
    }
}

/// One entry in words, or nothing when another entry already says it.
fn line(say: &Speaker<'_>, entry: &AuditEntry) -> Option<HistoryLineDto> {
    let row = Row::of(entry);
    let (text, details) = match (entry.entity.as_str(), entry.action.as_str()) {
        ("claim_log", _) => return None,
        (_, "baseline") => {
            let entity = say.say(&format!("audit.entity.{}", entry.entity), &[]);
            (say.say("history.baseline", &[("entity", &entity)]), vec![])
        }
        ("claim", "insert") => (say.say("history.claim.insert", &[("number", &row.text("number"))]), vec![]),
        ("claim", "update") => {
            let details = claim_changes(say, &row);
            if details.is_empty() {
                return None;
            }
            (say.say("history.claim.update", &[]), details)
        }
        ("claim_event", "insert") => step(say, &row),
        (entity, action) => (other(say, entity, action, &row, &entry.entity_key), vec![]),
    };
    let actor = match say.names.get(&entry.actor) {
        Some(name) => format!("{name} ({})", entry.actor),
        None => entry.actor.clone(),
    };
    Some(HistoryLineDto { seq: entry.seq, at: entry.at.clone(), actor, text, details })
}

/// The claim's own fields that changed, labelled, their values as a person reads them.
fn claim_changes(say: &Speaker<'_>, row: &Row) -> Vec<HistoryDetailDto> {
    CLAIM_FIELDS
        .iter()
        .filter(|(column, _, _)| row.changed(column))
        .map(|(column, label, how)| HistoryDetailDto {
            label: say.say(label, &[]),
            before: say.shown(row.before.get(*column), *how),
            after: say.shown(row.after.get(*column), *how),
        })
        .collect()
}

/// A step of the lifecycle: from → to, on its day, and why.
fn step(say: &Speaker<'_>, row: &Row) -> (String, Vec<HistoryDetailDto>) {
    let to = say.state(&row.text("to_state"));
    let on = say.day(&row.text("on_date"));
    let text = match plain(row.after.get("from_state")) {
        Some(from) => say.say("history.step", &[("from", &say.state(&from)), ("to", &to), ("on", &on)]),
        None => say.say("history.step_first", &[("to", &to), ("on", &on)]),
    };
    let reason =
        crate::messages::in_language(&row.text("reason"), say.language, crate::messages::STEP_REASONS);
    let details = match reason.is_empty() {
        true => vec![],
        false => {
            vec![HistoryDetailDto {
                label: say.say("history.reason", &[]),
                before: None,
                after: Some(reason),
            }]
        }
    };
    (text, details)
}

/// Every other entry: documents, calculations, decisions, payees, payments, papers and
/// submissions, each as its sentence.
fn other(say: &Speaker<'_>, entity: &str, action: &str, row: &Row, key: &str) -> String {
    let v = |column: &str| row.text(column);
    let item_of_key = key.split_once('/').map_or("", |(_, item)| item);
    match (entity, action) {
        ("claim_document", "insert") => {
            let copy = say.say(if v("copy") == "1" { "documents.copy" } else { "documents.original" }, &[]);
            let params =
                [("title", say.title(item_of_key)), ("copy", copy), ("on", say.day(&v("received_on")))];
            say.say("history.document.received", &pairs(&params))
        }
        ("claim_document", "update") if row.changed("verified_on") && !v("verified_on").is_empty() => {
            let params = [("title", say.title(item_of_key)), ("on", say.day(&v("verified_on")))];
            say.say("history.document.verified", &pairs(&params))
        }
        ("claim_document", "update") => {
            say.say("history.document.changed", &[("title", &say.title(item_of_key))])
        }
        ("claim_document", "delete") => {
            say.say("history.document.unreceived", &[("title", &say.title(item_of_key))])
        }
        ("claim_document_request", "insert") => {
            let params = [("text", v("text")), ("on", say.day(&v("requested_on")))];
            say.say("history.document.requested", &pairs(&params))
        }
        ("claim_attachment", "insert") => {
            let params = [("title", say.title(&v("item"))), ("file", v("file_name"))];
            say.say("history.attachment.added", &pairs(&params))
        }
        ("claim_attachment", "update") if !v("removed_at").is_empty() => {
            let params =
                [("title", say.title(&v("item"))), ("file", v("file_name")), ("reason", v("removed_reason"))];
            say.say("history.attachment.removed", &pairs(&params))
        }
        ("claim_calculation", "insert") => {
            let params = [("amount", say.amount(&v("payable_tiyin"))), ("version", v("table_version"))];
            say.say("history.calculation", &pairs(&params))
        }
        ("claim_decision", "insert") => decision(say, row),
        ("claim_decision", "update") if row.changed("signed_on") && !v("signed_on").is_empty() => {
            say.say("history.decision.signed", &[("on", &say.day(&v("signed_on")))])
        }
        ("claim_payee", "insert") => {
            let role = say.say(&format!("payee.role.{}", v("role")), &[]);
            let params = [("name", v("name")), ("role", role), ("amount", say.amount(&v("amount_tiyin")))];
            say.say("history.payee", &pairs(&params))
        }
        ("claim_payment", "insert") => {
            let params = [
                ("amount", say.amount(&v("amount_tiyin"))),
                ("on", say.day(&v("paid_on"))),
                ("order", v("order_number")),
            ];
            say.say("history.payment", &pairs(&params))
        }
        ("issued_document", "insert") => {
            let kind = say.say(&format!("issued.kind.{}", v("kind")), &[]);
            let params = [("kind", kind), ("number", v("number")), ("on", say.day(&v("issued_on")))];
            say.say("history.issued", &pairs(&params))
        }
        ("act_submission", "insert") => {
            say.say("history.submission.sent", &[("amount", &say.amount(&v("payable_tiyin")))])
        }
        ("act_submission", "update") if row.changed("state") => {
            let reviewer = v("reviewer");
            let reviewer = say.names.get(&reviewer).cloned().unwrap_or(reviewer);
            let params = [("reviewer", reviewer), ("note", v("note"))];
            say.say(&format!("history.submission.{}", v("state")), &pairs(&params))
        }
        (_, "event") if row.after.contains_key("revealed") => say.say("history.revealed", &[]),
        _ => {
            let entity = say.say(&format!("audit.entity.{entity}"), &[]);
            let action = say.say(&format!("audit.action.{action}"), &[]);
            say.say("history.other", &[("entity", &entity), ("action", &action)])
        }
    }
}

fn decision(say: &Speaker<'_>, row: &Row) -> String {
    let on = say.day(&row.text("decided_on"));
    match row.text("kind").as_str() {
        "approve" => say.say(
            "history.decision.approve",
            &[("amount", &say.amount(&row.text("payable_tiyin"))), ("on", &on)],
        ),
        "refuse" => {
            let grounds: Vec<String> =
                serde_json::from_str::<Vec<String>>(&row.text("grounds")).unwrap_or_default();
            // Each ground by its clause as printed, in the reader's letters ("3.1ж", "3.1j").
            let catalogue = crate::decisions::grounds().ok();
            let grounds = grounds
                .iter()
                .map(|code| match catalogue.and_then(|all| all.get(code)) {
                    Some(ground) => crate::messages::clause(&ground.clause, say.language),
                    None => say.say(&format!("refusal_ground.{code}"), &[]),
                })
                .collect::<Vec<_>>();
            say.say("history.decision.refuse", &[("grounds", &grounds.join(", ")), ("on", &on)])
        }
        _ => say.say("history.decision.defer", &[("case", &row.text("case_reference")), ("on", &on)]),
    }
}

fn pairs<'a>(params: &'a [(&'a str, String)]) -> Vec<(&'a str, &'a str)> {
    params.iter().map(|(name, value)| (*name, value.as_str())).collect()
}
