//! The checklist as the UI and the CLI see it: grouped by clause, titles in the user's
//! language, each item's receipt, request, attachments and due day.

use chrono::NaiveDate;
use tovon_core::claim::{DeadlineKind, DeadlineState, deadlines};
use tovon_core::documents::{ChecklistItem, Group, ItemKey, ItemState, MedicalSource};
use tovon_store::StoredAttachment;

use super::Stored;
use crate::claims::{deadline_dto, deadline_facts, outcome_of};
use crate::dto::{
    AttachmentDto, ChecklistDto, ChecklistGroupDto, ChecklistItemDto, ClaimFactsDto, DocumentLogDto,
    DocumentRequestInfoDto, DocumentStateCode, MedicalSourceCode,
};
use crate::messages::text;
use crate::{Desk, DeskError};

pub(crate) fn attachment_dto(a: StoredAttachment) -> AttachmentDto {
    let (removed_at, removed_by, removed_reason) = match a.removed {
        Some((at, by, why)) => (Some(at), Some(by), Some(why)),
        None => (None, None, None),
    };
    AttachmentDto {
        id: a.id,
        item: a.item,
        file_name: a.file_name,
        media_type: a.media_type,
        size: a.size,
        sha256: a.sha256,
        added_by: a.added_by,
        added_at: a.added_at,
        removed_at,
        removed_by,
        removed_reason,
    }
}

fn source_dto(source: MedicalSource) -> MedicalSourceCode {
    match source {
        MedicalSource::Online => MedicalSourceCode::Online,
        MedicalSource::InPerson => MedicalSourceCode::InPerson,
    }
}

impl Desk {
    pub(crate) fn checklist_dto(&self, stored: &Stored, today: NaiveDate) -> Result<ChecklistDto, DeskError> {
        let language = self.language();
        let list = stored.checklist()?;
        let mut attachments = self.store.attachments(stored.claim.id)?;
        let mut groups: Vec<ChecklistGroupDto> = Vec::new();
        let (mut required, mut missing) = (0, 0);
        for item in &list.items {
            let (mine, rest): (Vec<_>, Vec<_>) =
                attachments.into_iter().partition(|a| a.item == item.key.to_string());
            attachments = rest;
            let dto = item_dto(stored, item, mine, language, today);
            if item.required {
                required += 1;
                missing += u32::from(dto.state != DocumentStateCode::Received);
            }
            let clause = item.group.clause();
            match groups.iter_mut().find(|group| group.clause == crate::messages::clause(clause, language)) {
                Some(group) => group.items.push(dto),
                None => groups.push(ChecklistGroupDto {
                    clause: crate::messages::clause(clause, language),
                    title: text(language, &format!("document_group.{clause}"), &[]),
                    items: vec![dto],
                }),
            }
        }
        groups.sort_by_key(|group| {
            Group::ALL.iter().position(|g| crate::messages::clause(g.clause(), language) == group.clause)
        });
        let claim = &stored.claim;
        let f = &claim.facts;
        Ok(ChecklistDto {
            claim_id: claim.id,
            claim_number: claim.number.clone(),
            state: claim.progress.state.into(),
            facts: ClaimFactsDto {
                outcome: outcome_of(&f.outcome),
                was_driving: f.was_driving,
                fracture: f.fracture,
                beneficiary_name: f.beneficiary_name.clone(),
            },
            groups,
            required,
            missing,
            complete_on: list.complete_on.map(|day| day.to_string()),
            deadline: self.documents_deadline(stored, list.complete_on.is_some(), today)?,
            history: self.documents_history(stored)?,
        })
    }

    /// The deadline the checklist works to: 6.6's decision once the set is complete, before
    /// that the earliest of 6.1б (from the notice) and 5.3б (from a request) still open — the
    /// same one the claim's header shows as its next deadline.
    fn documents_deadline(
        &self,
        stored: &Stored,
        complete: bool,
        today: NaiveDate,
    ) -> Result<Option<crate::dto::DeadlineDto>, DeskError> {
        let claim = &stored.claim;
        let latest = self.store.latest_calculation(claim.id)?;
        let all = deadlines(&deadline_facts(claim, latest.as_ref()), &self.calendar()?, today)?;
        let deadline = if complete {
            all.iter().find(|d| d.kind == DeadlineKind::Decision)
        } else {
            all.iter()
                .filter(|d| matches!(d.kind, DeadlineKind::Documents | DeadlineKind::RequestedDocuments))
                .filter(|d| !matches!(d.state, DeadlineState::Met | DeadlineState::MetLate))
                .min_by_key(|d| d.due)
        };
        Ok(deadline.map(|deadline| deadline_dto(deadline, self.language())))
    }

    /// The documents' log, oldest first, each item named in the user's language.
    fn documents_history(&self, stored: &Stored) -> Result<Vec<DocumentLogDto>, DeskError> {
        let language = self.language();
        Ok(self
            .store
            .claim_log(stored.claim.id)?
            .into_iter()
            .map(|row| DocumentLogDto {
                title: row.item.as_deref().and_then(ItemKey::parse).map(|key| stored.title(&key, language)),
                at: row.at,
                user: row.user,
                action: row.action,
                item: row.item,
                detail: row.detail,
            })
            .collect())
    }
}

/// One item of the checklist: its state, receipt, request, attachments and due day.
fn item_dto(
    stored: &Stored,
    item: &ChecklistItem<'_>,
    attachments: Vec<StoredAttachment>,
    language: tovon_core::Language,
    today: NaiveDate,
) -> ChecklistItemDto {
    let receipt = stored.receipt(&item.key);
    let (state, counts_from) = match item.state {
        ItemState::Missing => (DocumentStateCode::Missing, None),
        ItemState::AwaitingVerification { .. } => (DocumentStateCode::AwaitingVerification, None),
        ItemState::Received { on } => (DocumentStateCode::Received, Some(on.to_string())),
    };
    let request = item.request.and_then(|request| {
        stored.requests.iter().find(|r| r.id == request.id).map(|r| DocumentRequestInfoDto {
            id: r.id,
            reason: r.reason.clone(),
            requested_on: r.requested_on.to_string(),
            requested_by: r.requested_by.clone(),
        })
    });
    ChecklistItemDto {
        title: stored.title(&item.key, language),
        key: item.key.to_string(),
        clauses: crate::messages::clause(&item.clauses, language),
        medical: item.medical,
        required: item.required,
        requestable: item.requestable,
        state,
        received_on: receipt.map(|r| r.received_on.to_string()),
        counts_from,
        copy: receipt.is_some_and(|r| r.copy),
        received_by: receipt.map(|r| r.received_by.clone()),
        note: receipt.map(|r| r.note.clone()).unwrap_or_default(),
        source: receipt.and_then(|r| r.source.map(source_dto)),
        verified_on: receipt.and_then(|r| r.verified_on.map(|day| day.to_string())),
        verified_by: receipt.and_then(|r| r.verified_by.clone()),
        due: item.due.to_string(),
        due_clause: crate::messages::clause(item.due_clause, language),
        overdue: item.required && state != DocumentStateCode::Received && item.due < today,
        request,
        attachments: attachments.into_iter().map(attachment_dto).collect(),
    }
}
