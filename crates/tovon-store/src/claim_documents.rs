//! A claim's documents: receipts (`claim_document`), the insurer's requests, attachments
//! (marked removed, never deleted), the facts the requirements depend on, and the
//! `claim_log` every change is written to in the same transaction.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Row, Transaction, params};

use crate::claims::{add_event, write_progress};
use crate::typed::{TypedRow, iso};
use crate::{ClaimProgress, ClaimStep, Store, StoreError};

/// A document received for an item (a catalogue code or "extra-<request id>").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredReceipt {
    pub item: String,
    pub received_on: NaiveDate,
    pub copy: bool,
    pub received_by: String,
    pub note: String,
    /// Where a medical document came from (6.3, DOMAIN.md): none for other documents.
    pub source: Option<tovon_core::documents::MedicalSource>,
    pub verified_on: Option<NaiveDate>,
    pub verified_by: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredRequest {
    pub id: i64,
    pub item: Option<String>,
    pub text: String,
    pub reason: String,
    pub requested_on: NaiveDate,
    pub requested_by: String,
    pub entered_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewRequest {
    pub item: Option<String>,
    pub text: String,
    pub reason: String,
    pub requested_on: NaiveDate,
    pub requested_by: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredAttachment {
    pub id: i64,
    pub claim_id: i64,
    pub item: String,
    pub sha256: String,
    pub size: i64,
    pub media_type: String,
    pub file_name: String,
    pub added_by: String,
    pub added_at: String,
    /// When, by whom and why it was removed.
    pub removed: Option<(String, String, String)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAttachment {
    pub item: String,
    pub sha256: String,
    pub size: i64,
    pub media_type: String,
    pub file_name: String,
    pub added_by: String,
}

/// The facts of a claim its documents depend on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChecklistFactsRow {
    pub outcome: String,
    pub was_driving: bool,
    pub fracture: bool,
    pub beneficiary_name: Option<String>,
}

/// One change to a claim's documents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocumentWrite {
    /// Received, or its details corrected (the whole row is replaced).
    Receive(StoredReceipt),
    /// Not received after all (a mistake).
    Unreceive {
        item: String,
    },
    Request(NewRequest),
    Attach(NewAttachment),
    RemoveAttachment {
        id: i64,
        by: String,
        reason: String,
    },
    Facts(ChecklistFactsRow),
}

/// A line of the claim's log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimLogEntry {
    pub user: String,
    pub action: String,
    pub item: Option<String>,
    /// JSON: what it was and what it became.
    pub detail: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimLogRow {
    pub at: String,
    pub user: String,
    pub action: String,
    pub item: Option<String>,
    pub detail: String,
}

/// What the change does to the claim's state and dates: written while the claim is still
/// in `from`, with a lifecycle event when `step` is given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgressWrite {
    pub from: tovon_core::claim::ClaimState,
    pub progress: ClaimProgress,
    pub step: Option<ClaimStep>,
}

/// A receipt (the table is keyed by claim and item: a bad value names the claim).
fn receipt(row: &Row<'_>, claim_id: i64) -> rusqlite::Result<StoredReceipt> {
    let typed = TypedRow::keyed(row, "claim_document", claim_id);
    Ok(StoredReceipt {
        item: row.get("item")?,
        received_on: typed.date("received_on")?,
        copy: row.get("copy")?,
        received_by: row.get("received_by")?,
        note: row.get("note")?,
        source: typed.code_opt("source", "a medical source (in_person, online)")?,
        verified_on: typed.date_opt("verified_on")?,
        verified_by: row.get("verified_by")?,
    })
}

const ATTACHMENT_COLUMNS: &str = "id, claim_id, item, sha256, size, media_type, file_name, added_by, added_at, \
     removed_at, removed_by, removed_reason";

fn attachment(row: &Row<'_>) -> rusqlite::Result<StoredAttachment> {
    let removed_at: Option<String> = row.get("removed_at")?;
    let removed_by: Option<String> = row.get("removed_by")?;
    let removed_reason: Option<String> = row.get("removed_reason")?;
    Ok(StoredAttachment {
        id: row.get("id")?,
        claim_id: row.get("claim_id")?,
        item: row.get("item")?,
        sha256: row.get("sha256")?,
        size: row.get("size")?,
        media_type: row.get("media_type")?,
        file_name: row.get("file_name")?,
        added_by: row.get("added_by")?,
        added_at: row.get("added_at")?,
        removed: removed_at.zip(removed_by).zip(removed_reason).map(|((at, by), why)| (at, by, why)),
    })
}

fn apply(tx: &Transaction<'_>, claim_id: i64, write: &DocumentWrite) -> Result<i64, StoreError> {
    match write {
        DocumentWrite::Receive(r) => {
            tx.execute(
                "INSERT OR REPLACE INTO claim_document
                     (claim_id, item, received_on, copy, received_by, note, source, verified_on, verified_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![
                    claim_id,
                    r.item,
                    iso(r.received_on),
                    r.copy,
                    r.received_by,
                    r.note,
                    r.source.map(|source| source.code()),
                    r.verified_on.map(iso),
                    r.verified_by
                ],
            )?;
            Ok(0)
        }
        DocumentWrite::Unreceive { item } => {
            tx.execute(
                "DELETE FROM claim_document WHERE claim_id = ?1 AND item = ?2",
                params![claim_id, item],
            )?;
            Ok(0)
        }
        DocumentWrite::Request(r) => {
            tx.execute(
                "INSERT INTO claim_document_request (claim_id, item, text, reason, requested_on, requested_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![claim_id, r.item, r.text, r.reason, iso(r.requested_on), r.requested_by],
            )?;
            Ok(tx.last_insert_rowid())
        }
        DocumentWrite::Attach(a) => {
            tx.execute(
                "INSERT INTO claim_attachment (claim_id, item, sha256, size, media_type, file_name, added_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![claim_id, a.item, a.sha256, a.size, a.media_type, a.file_name, a.added_by],
            )?;
            Ok(tx.last_insert_rowid())
        }
        DocumentWrite::RemoveAttachment { id, by, reason } => {
            tx.execute(
                "UPDATE claim_attachment
                 SET removed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), removed_by = ?3, removed_reason = ?4
                 WHERE id = ?1 AND claim_id = ?2",
                params![id, claim_id, by, reason],
            )?;
            Ok(*id)
        }
        DocumentWrite::Facts(f) => {
            tx.execute(
                "UPDATE claim SET outcome = ?2, was_driving = ?3, fracture = ?4, beneficiary_name = ?5 WHERE id = ?1",
                params![claim_id, f.outcome, f.was_driving, f.fracture, f.beneficiary_name],
            )?;
            Ok(0)
        }
    }
}

impl Store {
    /// One change to a claim's documents, its log line and what it does to the claim's
    /// progress, in one transaction. Returns the new row's id (a request or attachment),
    /// else 0; `None`: the claim moved meanwhile and nothing was written.
    pub fn write_documents(
        &mut self,
        claim_id: i64,
        write: &DocumentWrite,
        log: &ClaimLogEntry,
        progress: Option<&ProgressWrite>,
    ) -> Result<Option<i64>, StoreError> {
        let tx = self.conn.transaction()?;
        let id = apply(&tx, claim_id, write)?;
        if let Some(change) = progress {
            if write_progress(&tx, claim_id, change.from, &change.progress)? == 0 {
                return Ok(None);
            }
            if let Some(step) = &change.step {
                add_event(&tx, claim_id, Some(change.from), change.progress.state, step)?;
            }
        }
        tx.execute(
            "INSERT INTO claim_log (claim_id, user_name, action, item, detail) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![claim_id, log.user, log.action, log.item, log.detail],
        )?;
        tx.commit()?;
        Ok(Some(id))
    }

    pub fn receipts(&self, claim_id: i64) -> Result<Vec<StoredReceipt>, StoreError> {
        let mut statement = self.conn.prepare_cached(
            "SELECT item, received_on, copy, received_by, note, source, verified_on, verified_by
             FROM claim_document WHERE claim_id = ?1 ORDER BY item",
        )?;
        let rows =
            statement.query_map([claim_id], |row| receipt(row, claim_id))?.collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }

    pub fn document_requests(&self, claim_id: i64) -> Result<Vec<StoredRequest>, StoreError> {
        let mut statement = self.conn.prepare_cached(
            "SELECT id, item, text, reason, requested_on, requested_by, entered_at
             FROM claim_document_request WHERE claim_id = ?1 ORDER BY id",
        )?;
        let rows = statement
            .query_map([claim_id], |row| {
                let typed = TypedRow::new(row, "claim_document_request")?;
                Ok(StoredRequest {
                    id: typed.id(),
                    item: row.get("item")?,
                    text: row.get("text")?,
                    reason: row.get("reason")?,
                    requested_on: typed.date("requested_on")?,
                    requested_by: row.get("requested_by")?,
                    entered_at: row.get("entered_at")?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }

    /// A claim's attachments, removed ones included, in the order they were added.
    pub fn attachments(&self, claim_id: i64) -> Result<Vec<StoredAttachment>, StoreError> {
        let sql =
            format!("SELECT {ATTACHMENT_COLUMNS} FROM claim_attachment WHERE claim_id = ?1 ORDER BY id");
        let mut statement = self.conn.prepare_cached(&sql)?;
        let rows = statement.query_map([claim_id], attachment)?.collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }

    pub fn attachment(&self, id: i64) -> Result<Option<StoredAttachment>, StoreError> {
        let sql = format!("SELECT {ATTACHMENT_COLUMNS} FROM claim_attachment WHERE id = ?1");
        Ok(self.conn.query_row(&sql, [id], attachment).optional()?)
    }

    pub fn claim_log(&self, claim_id: i64) -> Result<Vec<ClaimLogRow>, StoreError> {
        let mut statement = self.conn.prepare_cached(
            "SELECT at, user_name, action, item, detail FROM claim_log WHERE claim_id = ?1 ORDER BY id",
        )?;
        let rows = statement
            .query_map([claim_id], |row| {
                Ok(ClaimLogRow {
                    at: row.get("at")?,
                    user: row.get("user_name")?,
                    action: row.get("action")?,
                    item: row.get("item")?,
                    detail: row.get("detail")?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }
}
