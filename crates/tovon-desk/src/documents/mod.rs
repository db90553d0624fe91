//! A claim's documents (6.2, 6.3, 6.4): the checklist its facts require from the catalogue
//! in `assets/documents/requirements.toml`, receipts, the insurer's requests, attached
//! scans; and the claim's move to review on the day the set is complete (6.6), or back to
//! awaiting documents when something required goes missing.

pub mod attachments;
mod error;
mod view;

use std::path::Path;
use std::sync::LazyLock;

use chrono::NaiveDate;
use serde_json::json;
use tovon_core::claim::{ClaimState, check_transition, record_step};
use tovon_core::documents::{
    Catalogue, Checklist, ChecklistFacts, DocOutcome, DocumentRequest, ItemKey, MedicalSource, Receipt,
    checklist,
};
use tovon_store::{
    ChecklistFactsRow, ClaimLogEntry, ClaimStep, DocumentWrite, NewAttachment, NewRequest, ProgressWrite,
    StoredClaim, StoredReceipt, StoredRequest,
};

pub use error::DocumentError;

use self::attachments::{AttachmentFolder, read_scan};
use crate::claims::{date, deadline_facts};
use crate::dto::{
    AttachmentDto, ChecklistDto, ClaimFactsDto, DocumentReceiptDto, DocumentRequestDto, MedicalSourceCode,
};
use crate::messages::text;
use crate::{Desk, DeskError};

const REQUIREMENTS: &str = include_str!("../../../../assets/documents/requirements.toml");

/// The shipped catalogue, read once; a catalogue that does not read is a build defect
/// (the tests read it), reported instead of a panic.
static CATALOGUE: LazyLock<Result<Catalogue, String>> =
    LazyLock::new(|| Catalogue::from_toml(REQUIREMENTS).map_err(|e| e.to_string()));

pub(crate) fn catalogue() -> Result<&'static Catalogue, DeskError> {
    CATALOGUE.as_ref().map_err(|e| DeskError::Internal(format!("assets/documents/requirements.toml: {e}")))
}

/// A claim's documents as stored, and the same in the domain's terms the checklist is
/// computed from.
pub(crate) struct Stored {
    pub claim: StoredClaim,
    pub receipts: Vec<StoredReceipt>,
    pub requests: Vec<StoredRequest>,
    core_receipts: Vec<Receipt>,
    core_requests: Vec<DocumentRequest>,
}

pub(crate) fn checklist_facts(claim: &StoredClaim) -> ChecklistFacts {
    ChecklistFacts {
        outcome: DocOutcome::from_code(&claim.facts.outcome).unwrap_or(DocOutcome::Injury),
        was_driving: claim.facts.was_driving,
        fracture: claim.facts.fracture,
        beneficiary_named: claim
            .facts
            .beneficiary_name
            .as_deref()
            .is_some_and(|name| !name.trim().is_empty()),
        notice_date: claim.facts.notice_date,
    }
}

/// A stored receipt for the checklist; a value that does not read is an error, not a skip.
fn core_receipt(receipt: &StoredReceipt) -> Result<Receipt, DeskError> {
    Ok(Receipt {
        key: ItemKey::parse(&receipt.item).ok_or_else(|| {
            DeskError::Internal(format!(
                "claim_document.item: the stored item {:?} does not read",
                receipt.item
            ))
        })?,
        received_on: receipt.received_on,
        copy: receipt.copy,
        source: receipt.source,
        verified_on: receipt.verified_on,
    })
}

fn core_request(request: &StoredRequest) -> Result<DocumentRequest, DeskError> {
    Ok(DocumentRequest {
        id: request.id,
        item: request.item.clone(),
        text: request.text.clone(),
        reason: request.reason.clone(),
        requested_on: request.requested_on,
    })
}

impl Stored {
    pub fn new(
        claim: StoredClaim,
        receipts: Vec<StoredReceipt>,
        requests: Vec<StoredRequest>,
    ) -> Result<Stored, DeskError> {
        let core_receipts = receipts.iter().map(core_receipt).collect::<Result<_, _>>()?;
        let core_requests = requests.iter().map(core_request).collect::<Result<_, _>>()?;
        Ok(Stored { claim, receipts, requests, core_receipts, core_requests })
    }

    /// The checklist of the claim's facts, receipts and requests.
    pub fn checklist(&self) -> Result<Checklist<'_>, DeskError> {
        Ok(checklist(catalogue()?, &checklist_facts(&self.claim), &self.core_receipts, &self.core_requests))
    }

    pub fn receipt(&self, key: &ItemKey) -> Option<&StoredReceipt> {
        let key = key.to_string();
        self.receipts.iter().find(|receipt| receipt.item == key)
    }

    /// An item's title in `language`: the catalogue's, or an extra request's own wording.
    pub fn title(&self, key: &ItemKey, language: tovon_core::Language) -> String {
        match key {
            ItemKey::Catalogue(code) => text(language, &format!("document.{code}"), &[]),
            ItemKey::Extra(id) => self
                .core_requests
                .iter()
                .find(|request| request.id == *id)
                .map_or_else(|| key.to_string(), |request| request.text.clone()),
        }
    }

    /// The titles of the required items still missing, "; "-separated.
    pub fn missing_titles(&self, list: &Checklist<'_>, language: tovon_core::Language) -> String {
        list.missing().map(|item| self.title(&item.key, language)).collect::<Vec<_>>().join("; ")
    }
}

fn source_code(source: Option<MedicalSourceCode>) -> MedicalSource {
    match source {
        Some(MedicalSourceCode::Online) => MedicalSource::Online,
        Some(MedicalSourceCode::InPerson) | None => MedicalSource::InPerson,
    }
}

/// A day typed by a person (empty: today), never after today.
fn day_or_today(field: &'static str, value: &str, today: NaiveDate) -> Result<NaiveDate, DeskError> {
    let day = match value.trim() {
        "" => today,
        typed => date(field, typed)?,
    };
    if day > today {
        return Err(
            DocumentError::DateInFuture { field, date: day.to_string(), today: today.to_string() }.into()
        );
    }
    Ok(day)
}

fn receipt_json(receipt: Option<&StoredReceipt>) -> serde_json::Value {
    receipt.map_or(serde_json::Value::Null, |r| {
        json!({
            "received_on": r.received_on.to_string(), "copy": r.copy, "note": r.note, "source": r.source.map(MedicalSource::code),
            "verified_on": r.verified_on.map(|day| day.to_string()), "verified_by": r.verified_by,
            "received_by": r.received_by,
        })
    })
}

/// What a change does to the claim's documents, before it is written.
struct Change {
    write: DocumentWrite,
    action: &'static str,
    item: Option<String>,
    detail: serde_json::Value,
    /// The day the change happened (an automatic step is dated by it when the set becomes
    /// incomplete, and a request by its date).
    on: NaiveDate,
}

impl Desk {
    pub(crate) fn stored_documents(&self, id_or_number: &str) -> Result<Stored, DeskError> {
        let claim = self.find_claim(id_or_number)?;
        self.documents_of(&claim)
    }

    /// `tovon claim docs ID`: the checklist with each item's state, as of `today`.
    pub fn documents(&self, id_or_number: &str, today: NaiveDate) -> Result<ChecklistDto, DeskError> {
        self.session()?;
        let stored = self.stored_documents(id_or_number)?;
        self.checklist_dto(&stored, today)
    }

    /// A document received (or its details corrected): date (default today), original or
    /// copy, note, and for a medical one its source.
    pub fn receive_document(
        &mut self,
        id_or_number: &str,
        receipt: &DocumentReceiptDto,
        today: NaiveDate,
    ) -> Result<ChecklistDto, DeskError> {
        self.require(crate::users::Permission::ClaimWork)?;
        let stored = self.stored_documents(id_or_number)?;
        let (key, medical) = self.checklist_item(&stored, &receipt.item)?;
        let received_on = day_or_today("received_on", &receipt.received_on, today)?;
        let event_date = stored.claim.facts.event_date;
        if received_on < event_date {
            return Err(DocumentError::DateTooEarly {
                field: "received_on",
                date: received_on.to_string(),
                earlier: event_date.to_string(),
                what: "documents.field.event_date",
            }
            .into());
        }
        if receipt.source.is_some() && !medical {
            return Err(DocumentError::NotMedical { item: stored.title(&key, self.language()) }.into());
        }
        let before = stored.receipt(&key);
        let source = medical.then(|| source_code(receipt.source));
        // A correction keeps the verification unless the source changed from online.
        let (verified_on, verified_by) = match before {
            Some(b) if source == Some(MedicalSource::Online) && b.source == Some(MedicalSource::Online) => {
                (b.verified_on, b.verified_by.clone())
            }
            _ => (None, None),
        };
        let after = StoredReceipt {
            item: key.to_string(),
            received_on,
            copy: receipt.copy,
            received_by: self.user().to_owned(),
            note: receipt.note.trim().to_owned(),
            source,
            verified_on,
            verified_by,
        };
        let change = Change {
            action: if before.is_some() { "changed" } else { "received" },
            item: Some(key.to_string()),
            detail: json!({ "before": receipt_json(before), "after": receipt_json(Some(&after)) }),
            write: DocumentWrite::Receive(after),
            on: today,
        };
        self.apply_change(stored, change, today)
    }

    /// Not received after all (ticked by mistake): the row goes, the log keeps it.
    pub fn unreceive_document(
        &mut self,
        id_or_number: &str,
        item: &str,
        today: NaiveDate,
    ) -> Result<ChecklistDto, DeskError> {
        self.require(crate::users::Permission::ClaimWork)?;
        let stored = self.stored_documents(id_or_number)?;
        let (key, _) = self.checklist_item(&stored, item)?;
        let before = stored
            .receipt(&key)
            .ok_or_else(|| DocumentError::NotReceived { item: stored.title(&key, self.language()) })?;
        let change = Change {
            action: "unreceived",
            item: Some(key.to_string()),
            detail: json!({ "before": receipt_json(Some(before)), "after": null }),
            write: DocumentWrite::Unreceive { item: key.to_string() },
            on: today,
        };
        self.apply_change(stored, change, today)
    }

    /// An online service's certificate checked (DOMAIN.md): from `on` it counts as received.
    pub fn verify_document(
        &mut self,
        id_or_number: &str,
        item: &str,
        on: &str,
        today: NaiveDate,
    ) -> Result<ChecklistDto, DeskError> {
        self.require(crate::users::Permission::ClaimWork)?;
        let stored = self.stored_documents(id_or_number)?;
        let (key, _) = self.checklist_item(&stored, item)?;
        let before = stored
            .receipt(&key)
            .ok_or_else(|| DocumentError::NotReceived { item: stored.title(&key, self.language()) })?;
        if before.source != Some(MedicalSource::Online) {
            return Err(DocumentError::NotOnline { item: stored.title(&key, self.language()) }.into());
        }
        let verified_on = day_or_today("verified_on", on, today)?;
        if verified_on < before.received_on {
            return Err(DocumentError::DateTooEarly {
                field: "verified_on",
                date: verified_on.to_string(),
                earlier: before.received_on.to_string(),
                what: "documents.field.received_on",
            }
            .into());
        }
        let after = StoredReceipt {
            verified_on: Some(verified_on),
            verified_by: Some(self.user().to_owned()),
            ..before.clone()
        };
        let change = Change {
            action: "verified",
            item: Some(key.to_string()),
            detail: json!({ "before": receipt_json(Some(before)), "after": receipt_json(Some(&after)) }),
            write: DocumentWrite::Receive(after),
            on: today,
        };
        self.apply_change(stored, change, today)
    }

    /// `tovon claim doc-request`: the insurer asks for a catalogue item kept for requests
    /// (the forensic report, 6.3) or, with any other wording, an extra document (6.4).
    pub fn request_document(
        &mut self,
        id_or_number: &str,
        request: &DocumentRequestDto,
        today: NaiveDate,
    ) -> Result<ChecklistDto, DeskError> {
        self.require(crate::users::Permission::ClaimWork)?;
        let stored = self.stored_documents(id_or_number)?;
        let wording = request.item.trim();
        if wording.is_empty() {
            return Err(DocumentError::Required { field: "item" }.into());
        }
        let reason = request.reason.trim();
        if reason.is_empty() {
            return Err(DocumentError::Required { field: "reason" }.into());
        }
        let requested_on = day_or_today("requested_on", &request.requested_on, today)?;
        let catalogue = catalogue()?;
        let item = match catalogue.get(wording) {
            Some(requirement) => {
                let list = stored.checklist()?;
                let listed =
                    list.items.iter().find(|i| i.key == ItemKey::Catalogue(requirement.code.clone()));
                if listed.is_some_and(|i| i.request.is_some()) {
                    return Err(DocumentError::AlreadyRequested {
                        item: stored.title(&ItemKey::Catalogue(requirement.code.clone()), self.language()),
                    }
                    .into());
                }
                if listed.is_some_and(|i| i.required) {
                    return Err(DocumentError::AlreadyRequired {
                        item: stored.title(&ItemKey::Catalogue(requirement.code.clone()), self.language()),
                    }
                    .into());
                }
                Some(requirement.code.clone())
            }
            None => None,
        };
        let new = NewRequest {
            item: item.clone(),
            text: if item.is_some() { String::new() } else { wording.to_owned() },
            reason: reason.to_owned(),
            requested_on,
            requested_by: self.user().to_owned(),
        };
        let change = Change {
            action: "requested",
            item,
            detail: json!({ "text": new.text, "reason": new.reason, "requested_on": new.requested_on.to_string() }),
            write: DocumentWrite::Request(new),
            on: requested_on,
        };
        self.apply_change(stored, change, today)
    }

    /// The facts the required documents depend on; the set is recomputed, and what was
    /// received stays received.
    pub fn change_claim_facts(
        &mut self,
        id_or_number: &str,
        facts: &ClaimFactsDto,
        today: NaiveDate,
    ) -> Result<ChecklistDto, DeskError> {
        self.require(crate::users::Permission::ClaimWork)?;
        let stored = self.stored_documents(id_or_number)?;
        let f = &stored.claim.facts;
        let after = ChecklistFactsRow {
            outcome: facts.outcome.code().to_owned(),
            was_driving: facts.was_driving,
            fracture: facts.fracture,
            beneficiary_name: facts
                .beneficiary_name
                .as_deref()
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .map(str::to_owned),
        };
        let detail = json!({
            "before": { "outcome": f.outcome, "was_driving": f.was_driving, "fracture": f.fracture,
                        "beneficiary_name": f.beneficiary_name },
            "after": { "outcome": after.outcome, "was_driving": after.was_driving, "fracture": after.fracture,
                       "beneficiary_name": after.beneficiary_name },
        });
        let change = Change {
            action: "facts_changed",
            item: None,
            detail,
            write: DocumentWrite::Facts(after),
            on: today,
        };
        self.apply_change(stored, change, today)
    }

    /// A scan attached to an item: checked (PDF, JPEG or PNG, at most 20 MB), stored
    /// under its SHA-256 beside the database, recorded with the hash.
    pub fn attach_document(
        &mut self,
        id_or_number: &str,
        item: &str,
        path: &Path,
        today: NaiveDate,
    ) -> Result<ChecklistDto, DeskError> {
        self.require(crate::users::Permission::ClaimWork)?;
        let stored = self.stored_documents(id_or_number)?;
        let (key, _) = self.checklist_item(&stored, item)?;
        let scan = read_scan(path).map_err(DocumentError::from)?;
        self.attachment_folder().put(&scan).map_err(DocumentError::from)?;
        let new = NewAttachment {
            item: key.to_string(),
            sha256: scan.sha256.clone(),
            size: i64::try_from(scan.bytes.len()).unwrap_or(i64::MAX),
            media_type: scan.media_type.to_owned(),
            file_name: scan.file_name.clone(),
            added_by: self.user().to_owned(),
        };
        let change = Change {
            action: "attached",
            item: Some(key.to_string()),
            detail: json!({ "file_name": new.file_name, "sha256": new.sha256, "size": new.size,
                            "media_type": new.media_type }),
            write: DocumentWrite::Attach(new),
            on: today,
        };
        self.apply_change(stored, change, today)
    }

    /// Removes an attachment from the checklist: an audited mark with its reason; the row
    /// and the stored file stay.
    pub fn remove_attachment(
        &mut self,
        id_or_number: &str,
        attachment_id: i64,
        reason: &str,
        today: NaiveDate,
    ) -> Result<ChecklistDto, DeskError> {
        self.require(crate::users::Permission::ClaimWork)?;
        let stored = self.stored_documents(id_or_number)?;
        let attachment =
            self.store.attachment(attachment_id)?.filter(|a| a.claim_id == stored.claim.id).ok_or_else(
                || {
                    DeskError::NotFound(text(
                        self.language(),
                        "not_found.attachment",
                        &[("id", &attachment_id.to_string())],
                    ))
                },
            )?;
        if attachment.removed.is_some() {
            return Err(DocumentError::AlreadyRemoved { id: attachment_id }.into());
        }
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(DocumentError::Required { field: "reason" }.into());
        }
        let change = Change {
            action: "attachment_removed",
            item: Some(attachment.item.clone()),
            detail: json!({ "attachment": attachment_id, "file_name": attachment.file_name,
                            "sha256": attachment.sha256, "reason": reason }),
            write: DocumentWrite::RemoveAttachment {
                id: attachment_id,
                by: self.user().to_owned(),
                reason: reason.to_owned(),
            },
            on: today,
        };
        self.apply_change(stored, change, today)
    }

    /// An attachment's bytes for a preview or saving, checked against their SHA-256: a
    /// file changed on disk is reported, never shown.
    pub fn attachment_content(&self, attachment_id: i64) -> Result<(AttachmentDto, Vec<u8>), DeskError> {
        self.session()?;
        let attachment = self.store.attachment(attachment_id)?.ok_or_else(|| {
            DeskError::NotFound(text(
                self.language(),
                "not_found.attachment",
                &[("id", &attachment_id.to_string())],
            ))
        })?;
        let bytes = self
            .attachment_folder()
            .get(&attachment.sha256, &attachment.file_name)
            .map_err(DocumentError::from)?;
        Ok((view::attachment_dto(attachment), bytes))
    }

    /// A copy of an attachment (checked against its hash, as a preview is) in `folder`, the
    /// owner's alone, for the system's viewer where the window shows no PDF (issue 19).
    pub fn attachment_viewing_copy(
        &self,
        attachment_id: i64,
        folder: &std::path::Path,
    ) -> Result<std::path::PathBuf, DeskError> {
        let (attachment, bytes) = self.attachment_content(attachment_id)?;
        tovon_store::private_folder(folder)
            .map_err(|error| DeskError::Internal(format!("{}: {error}", folder.display())))?;
        let path = folder.join(format!("{}-{}", attachment.id, attachment.file_name));
        self.write_file(&path, &bytes)?;
        Ok(path)
    }

    /// Every live attachment of a claim checked against its hash: the ones that fail.
    pub fn check_attachments(&self, id_or_number: &str) -> Result<Vec<(AttachmentDto, String)>, DeskError> {
        self.session()?;
        let claim = self.find_claim(id_or_number)?;
        let folder = self.attachment_folder();
        let mut failed = Vec::new();
        for attachment in self.store.attachments(claim.id)?.into_iter().filter(|a| a.removed.is_none()) {
            if let Err(error) = folder.get(&attachment.sha256, &attachment.file_name) {
                let message = DocumentError::from(error).message(self.language());
                failed.push((view::attachment_dto(attachment), message));
            }
        }
        Ok(failed)
    }

    pub(crate) fn attachment_folder(&self) -> AttachmentFolder {
        AttachmentFolder::beside(self.store.path())
    }

    /// The item a person named: on the claim's checklist (required, requestable or
    /// received). Returns its key and whether it is medical.
    fn checklist_item(&self, stored: &Stored, item: &str) -> Result<(ItemKey, bool), DeskError> {
        let unknown = || DocumentError::UnknownItem { item: item.trim().to_owned() };
        let key = ItemKey::parse(item).ok_or_else(unknown)?;
        let list = stored.checklist()?;
        let listed = list.items.iter().find(|listed| listed.key == key).ok_or_else(unknown)?;
        Ok((key, listed.medical))
    }

    /// Writes a change with its log line and what it does to the claim: the day the set
    /// becomes complete a claim registered or awaiting documents goes to review (the 15
    /// days of 6.6 count from that day); a claim under review that is missing something
    /// now (a request, changed facts, a receipt taken back) goes back to awaiting
    /// documents; a request on a registered claim starts 5.3б's 3 months.
    fn apply_change(
        &mut self,
        stored: Stored,
        change: Change,
        today: NaiveDate,
    ) -> Result<ChecklistDto, DeskError> {
        let Stored { claim, mut receipts, mut requests, .. } = stored;
        let mut facts_row = None;
        match &change.write {
            DocumentWrite::Receive(receipt) => {
                receipts.retain(|r| r.item != receipt.item);
                receipts.push(receipt.clone());
            }
            DocumentWrite::Unreceive { item } => receipts.retain(|r| r.item != *item),
            DocumentWrite::Request(request) => requests.push(StoredRequest {
                // Not yet stored: an id no stored request has.
                id: requests.iter().map(|r| r.id).max().unwrap_or(0) + 1,
                item: request.item.clone(),
                text: request.text.clone(),
                reason: request.reason.clone(),
                requested_on: request.requested_on,
                requested_by: request.requested_by.clone(),
                entered_at: String::new(),
            }),
            DocumentWrite::Facts(row) => facts_row = Some(row.clone()),
            DocumentWrite::Attach(_) | DocumentWrite::RemoveAttachment { .. } => {}
        }
        let mut after = claim.clone();
        if let Some(row) = facts_row {
            after.facts.outcome = row.outcome;
            after.facts.was_driving = row.was_driving;
            after.facts.fracture = row.fracture;
            after.facts.beneficiary_name = row.beneficiary_name;
        }
        let next = Stored::new(after, receipts, requests)?;
        let list = next.checklist()?;
        let progress = self.progress_after(&claim, &next, &list, &change, today)?;
        let log = ClaimLogEntry {
            user: self.user().to_owned(),
            action: change.action.to_owned(),
            item: change.item.clone(),
            detail: change.detail.to_string(),
        };
        if self.store.write_documents(claim.id, &change.write, &log, Some(&progress))?.is_none() {
            return Err(crate::error::invalid(
                "state",
                text(self.language(), "documents_error.changed_meanwhile", &[("number", &claim.number)]),
            ));
        }
        self.documents(&claim.id.to_string(), today)
    }

    fn progress_after(
        &self,
        claim: &StoredClaim,
        next: &Stored,
        list: &Checklist<'_>,
        change: &Change,
        today: NaiveDate,
    ) -> Result<ProgressWrite, DeskError> {
        use ClaimState::*;
        let from = claim.progress.state;
        let latest = self.store.latest_calculation(claim.id)?;
        let mut facts = deadline_facts(claim, latest.as_ref());
        let last_step = self.store.claim_events(claim.id)?.last().map(|e| (e.from_state, e.on_date));
        let last_day = last_step.as_ref().map_or(NaiveDate::MIN, |(_, day)| *day);
        let is_request = matches!(change.write, DocumentWrite::Request(_));
        let language = self.language();
        let missing_titles = || next.missing_titles(list, language);
        let (to, on, reason) = match (from, list.complete_on) {
            (Registered | AwaitingDocuments, Some(complete)) => {
                (UnderReview, complete.max(last_day), text(language, "documents.step_complete", &[]))
            }
            (Registered, None) if is_request => (
                AwaitingDocuments,
                change.on.max(last_day),
                text(language, "documents.step_missing", &[("items", &missing_titles())]),
            ),
            (UnderReview, None) if facts.decided_on.is_none() => (
                AwaitingDocuments,
                change.on.max(last_day),
                text(language, "documents.step_missing", &[("items", &missing_titles())]),
            ),
            _ => {
                // No step; the dates may still move: a later request restarts 5.3б, and a
                // corrected receipt date moves the completion the claim went to review on.
                if from == AwaitingDocuments && is_request {
                    facts.documents_requested_on = facts.documents_requested_on.max(Some(change.on));
                }
                let completed_by_checklist = from == UnderReview
                    && facts.decided_on.is_none()
                    && last_step
                        .as_ref()
                        .is_some_and(|(before, _)| matches!(before, Some(Registered | AwaitingDocuments)));
                if let (true, Some(complete)) = (completed_by_checklist, list.complete_on) {
                    facts.documents_complete_on = Some(complete);
                }
                let progress = self.progress(from, &facts, claim.progress.disability_set_on, today)?;
                return Ok(ProgressWrite { from, progress, step: None });
            }
        };
        let transition = check_transition(from, to, &reason)?;
        record_step(&mut facts, &transition, on);
        let progress = self.progress(to, &facts, claim.progress.disability_set_on, today)?;
        let step = ClaimStep { user: self.user().to_owned(), on_date: on, reason, reopening: false };
        Ok(ProgressWrite { from, progress, step: Some(step) })
    }

    /// A claim's documents as stored, for a claim already read.
    pub(crate) fn documents_of(&self, claim: &StoredClaim) -> Result<Stored, DeskError> {
        let receipts = self.store.receipts(claim.id)?;
        let requests = self.store.document_requests(claim.id)?;
        Stored::new(claim.clone(), receipts, requests)
    }

    /// How many documents the claim's facts and requests require, and how many of them
    /// have not come in (for the claim's summary).
    pub(crate) fn document_counts(&self, claim: &StoredClaim) -> Result<(u32, u32), DeskError> {
        let stored = self.documents_of(claim)?;
        let list = stored.checklist()?;
        let required = list.items.iter().filter(|item| item.required).count();
        let missing = list.missing().count();
        Ok((u32::try_from(required).unwrap_or(u32::MAX), u32::try_from(missing).unwrap_or(u32::MAX)))
    }

    /// For a manual move to review: the set must be complete (the checklist moves the
    /// claim itself the day it is).
    pub(crate) fn require_complete(&self, claim: &StoredClaim) -> Result<(), DeskError> {
        let stored = self.documents_of(claim)?;
        let list = stored.checklist()?;
        if list.complete_on.is_some() {
            return Ok(());
        }
        Err(DocumentError::Incomplete { missing: stored.missing_titles(&list, self.language()) }.into())
    }
}
