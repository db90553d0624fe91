//! The audit log for the desk: a claim's history read from it, and the chain's check, in the
//! user's language (issue 7).

use tovon_store::{AuditBreak, AuditEntry};

use crate::dto::{
    AnchorFindingDto, AnchorOutcomeCode, AuditActionCode, AuditChangeDto, AuditCheckDto, AuditEntryDto,
};
use crate::messages::text;
use crate::{Desk, DeskError};
use tovon_core::Language;

/// Fields every update touches; a history line without them says what changed.
const BOOKKEEPING: &[&str] = &["updated_at", "name_search", "next_due", "next_due_kind"];

fn action_code(action: &str) -> AuditActionCode {
    match action {
        "insert" => AuditActionCode::Insert,
        "update" => AuditActionCode::Update,
        "delete" => AuditActionCode::Delete,
        "baseline" => AuditActionCode::Baseline,
        _ => AuditActionCode::Event,
    }
}

fn object(json: Option<&str>) -> serde_json::Map<String, serde_json::Value> {
    json.and_then(|json| serde_json::from_str::<serde_json::Value>(json).ok())
        .and_then(|value| match value {
            serde_json::Value::Object(map) => Some(map),
            _ => None,
        })
        .unwrap_or_default()
}

fn shown(value: Option<&serde_json::Value>) -> Option<String> {
    match value? {
        serde_json::Value::Null => None,
        serde_json::Value::String(text) => Some(text.clone()),
        other => Some(other.to_string()),
    }
}

/// An update's changed fields, or an event's details.
fn changes(entry: &AuditEntry) -> Vec<AuditChangeDto> {
    let (before, after) = (object(entry.before.as_deref()), object(entry.after.as_deref()));
    match entry.action.as_str() {
        "update" => after
            .iter()
            .filter(|(field, value)| {
                !BOOKKEEPING.contains(&field.as_str()) && before.get(*field) != Some(*value)
            })
            .map(|(field, value)| AuditChangeDto {
                field: field.clone(),
                before: shown(before.get(field)),
                after: shown(Some(value)),
            })
            .collect(),
        "event" => after
            .iter()
            .map(|(field, value)| AuditChangeDto {
                field: field.clone(),
                before: None,
                after: shown(Some(value)),
            })
            .collect(),
        _ => Vec::new(),
    }
}

impl Desk {
    /// A claim's history from the audit log: the claim and every row that belongs to it, oldest
    /// first.
    pub fn claim_history(&self, id_or_number: &str) -> Result<Vec<AuditEntryDto>, DeskError> {
        self.session()?;
        let claim = self.find_claim(id_or_number)?;
        let language = self.language();
        Ok(self
            .store
            .claim_audit(claim.id)?
            .into_iter()
            .map(|entry| AuditEntryDto {
                seq: entry.seq,
                changes: changes(&entry),
                entity_title: text(language, &format!("audit.entity.{}", entry.entity), &[]),
                action: action_code(&entry.action),
                at: entry.at,
                actor: entry.actor,
                entity: entry.entity,
                entity_key: entry.entity_key,
            })
            .collect())
    }

    /// Walks the hash chain and compares every logged row with the log (signed in: the
    /// window's check). `verify_audit_as_found` is the check made before anything writes.
    pub fn verify_audit(&self) -> Result<AuditCheckDto, DeskError> {
        self.session()?;
        let check = self.store.verify_audit()?;
        let witness = head_office_witness(&self.store)?;
        Ok(check_dto(check, self.language(), (Vec::new(), None), witness))
    }

    /// Records the result of a check made as found, once signed in.
    pub fn log_audit_check(&self, check: &AuditCheckDto) -> Result<(), DeskError> {
        let detail = serde_json::json!({ "verified": check.intact, "entries": check.entries, "broken_at": check.broken_at });
        Ok(self.store.audit_event("audit_log", "", None, &detail.to_string())?)
    }
}

/// `tovon audit verify`: the log checked as it was found, before anything is written. The
/// database is opened read-only (no migration, no trigger re-created, no sign-in appended
/// first) and the credentials are checked without logging; the caller signs in afterwards,
/// and that sign-in, the attempt if it fails, and the result are logged then.
/// Each of `anchors` (anchor files, issued PDFs) is checked against the log too.
pub fn verify_audit_as_found(
    path: &std::path::Path,
    login: &str,
    password: &str,
    anchors: &[std::path::PathBuf],
) -> Result<AuditCheckDto, DeskError> {
    let store = tovon_store::Store::open_as_found(path)?;
    let language = crate::desk::stored_language(&store)?;
    crate::users::check_credentials(&store, login, password)?;
    let check = store.verify_audit()?;
    let anchored = crate::anchors::check_anchors(&store, anchors, language)?;
    let witness = head_office_witness(&store)?;
    Ok(check_dto(check, language, anchored, witness))
}

/// What the head office confirmed of the log (issue 20): the last entry of the desk's last
/// bundle it acknowledged, and whether the log still holds that entry with the hash sent.
struct Witness {
    seq: i64,
    holds: bool,
}

fn head_office_witness(store: &tovon_store::Store) -> Result<Option<Witness>, DeskError> {
    let Some((seq, hash)) = store.head_office_confirmed()? else { return Ok(None) };
    let holds = store.audit_hash(seq)?.is_some_and(|held| held == hash);
    Ok(Some(Witness { seq, holds }))
}

/// What a check found, in the user's words, with what its anchors said.
fn check_dto(
    check: tovon_store::AuditCheck,
    language: Language,
    (anchors, confirmed_up_to): (Vec<AnchorFindingDto>, Option<i64>),
    witness: Option<Witness>,
) -> AuditCheckDto {
    let entries = i64::try_from(check.entries).unwrap_or(i64::MAX);
    let outside = |message: &str, entity: &str, key: &str| {
        let title = text(language, &format!("audit.entity.{entity}"), &[]);
        text(language, message, &[("entity", &title), ("key", key)])
    };
    let (broken_at, message) = match &check.broken {
        None => (None, text(language, "audit.intact", &[("entries", &entries.to_string())])),
        Some(AuditBreak::Altered { seq }) => {
            (Some(*seq), text(language, "audit.break.altered", &[("seq", &seq.to_string())]))
        }
        Some(AuditBreak::Unlinked { seq, previous }) => (
            Some(*seq),
            text(
                language,
                "audit.break.unlinked",
                &[("seq", &seq.to_string()), ("previous", &previous.to_string())],
            ),
        ),
        Some(AuditBreak::Truncated { seq, head }) => (
            Some(seq + 1),
            text(
                language,
                "audit.break.truncated",
                &[("seq", &seq.to_string()), ("head", &head.to_string())],
            ),
        ),
        Some(AuditBreak::PastHead { head, last }) => (
            Some(head + 1),
            text(
                language,
                "audit.break.past_head",
                &[("head", &head.to_string()), ("last", &last.to_string())],
            ),
        ),
        Some(AuditBreak::ChangedOutside { entity, key }) => {
            (None, outside("audit.break.changed_outside", entity, key))
        }
        Some(AuditBreak::DeletedOutside { entity, key }) => {
            (None, outside("audit.break.deleted_outside", entity, key))
        }
        Some(AuditBreak::PoliciesChangedOutside) => (None, text(language, "audit.break.policies", &[])),
        Some(AuditBreak::PolicyChangesOutside) => (None, text(language, "audit.break.policy_changes", &[])),
    };
    let intact = check.broken.is_none();
    let contradicted = anchors.iter().any(|finding| {
        matches!(finding.outcome, AnchorOutcomeCode::Contradicted | AnchorOutcomeCode::Missing)
    });
    // A chain whole in itself that an anchor contradicts was rewritten consistently: never "intact".
    let message = if intact && contradicted {
        text(language, "audit.whole_but_contradicted", &[("entries", &entries.to_string())])
    } else {
        message
    };
    let message = match confirmed_up_to.filter(|_| intact) {
        Some(seq) => {
            let after = (check.last_seq - seq).max(0).to_string();
            let confirmed =
                text(language, "audit.confirmed_up_to", &[("seq", &seq.to_string()), ("after", &after)]);
            format!("{message}\n{confirmed}")
        }
        None => message,
    };
    // The head office's copy is a witness outside the desk: a log that no longer holds the
    // entry the head office confirmed was rewritten after it left.
    let contradicted_by_head_office = witness.as_ref().is_some_and(|witness| !witness.holds);
    let message = match &witness {
        Some(Witness { seq, holds: true }) => {
            let after = (check.last_seq - seq).max(0).to_string();
            let said = text(
                language,
                "audit.head_office_confirmed",
                &[("seq", &seq.to_string()), ("after", &after)],
            );
            format!("{message}\n{said}")
        }
        Some(Witness { seq, holds: false }) => {
            let said = text(language, "audit.head_office_contradicted", &[("seq", &seq.to_string())]);
            format!("{message}\n{said}")
        }
        None => message,
    };
    AuditCheckDto {
        entries,
        last_seq: check.last_seq,
        intact: intact && !contradicted_by_head_office,
        broken_at,
        message,
        anchors,
        confirmed_up_to,
        head_office_confirmed: witness.filter(|witness| witness.holds).map(|witness| witness.seq),
    }
}
