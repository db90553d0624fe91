//! Acts waiting for a supervisor's approval (`act_submission`): an act above the officer's
//! authority limit is drafted here, then approved (the decision and the act are written in
//! the same transaction as the approval, see `Store::decide`), returned or withdrawn, once.

use rusqlite::{OptionalExtension, Row, params};

use crate::records::ApprovalRecord;
use crate::{Store, StoreError};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSubmission<'a> {
    pub claim_id: i64,
    pub calculation_id: i64,
    pub payable_tiyin: i64,
    /// The approval as drafted.
    pub request: &'a ApprovalRecord,
    pub author: &'a str,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredSubmission {
    pub id: i64,
    pub claim_id: i64,
    pub calculation_id: i64,
    pub payable_tiyin: i64,
    pub request: ApprovalRecord,
    pub author: String,
    pub submitted_at: String,
    /// pending, approved, returned or withdrawn.
    pub state: String,
    pub reviewer: Option<String>,
    pub reviewed_at: Option<String>,
    pub note: String,
    pub decision_id: Option<i64>,
}

const SUBMISSION_COLUMNS: &str = "id, claim_id, calculation_id, payable_tiyin, request, author, submitted_at, \
     state, reviewer, reviewed_at, note, decision_id";

/// A row read, its record still text; [`decoded`] reads the record, naming the row if it cannot.
struct RawSubmission {
    id: i64,
    claim_id: i64,
    calculation_id: i64,
    payable_tiyin: i64,
    request: String,
    author: String,
    submitted_at: String,
    state: String,
    reviewer: Option<String>,
    reviewed_at: Option<String>,
    note: String,
    decision_id: Option<i64>,
}

fn stored_submission(row: &Row<'_>) -> rusqlite::Result<RawSubmission> {
    Ok(RawSubmission {
        id: row.get("id")?,
        claim_id: row.get("claim_id")?,
        calculation_id: row.get("calculation_id")?,
        payable_tiyin: row.get("payable_tiyin")?,
        request: row.get("request")?,
        author: row.get("author")?,
        submitted_at: row.get("submitted_at")?,
        state: row.get("state")?,
        reviewer: row.get("reviewer")?,
        reviewed_at: row.get("reviewed_at")?,
        note: row.get("note")?,
        decision_id: row.get("decision_id")?,
    })
}

fn decoded(raw: RawSubmission) -> Result<StoredSubmission, StoreError> {
    let request = ApprovalRecord::decode(&raw.request).map_err(|source| StoreError::Record {
        table: "act_submission",
        id: raw.id,
        source,
    })?;
    Ok(StoredSubmission {
        id: raw.id,
        claim_id: raw.claim_id,
        calculation_id: raw.calculation_id,
        payable_tiyin: raw.payable_tiyin,
        request,
        author: raw.author,
        submitted_at: raw.submitted_at,
        state: raw.state,
        reviewer: raw.reviewer,
        reviewed_at: raw.reviewed_at,
        note: raw.note,
        decision_id: raw.decision_id,
    })
}

impl Store {
    /// Drafts an act for approval; `Ok(None)` when the claim already has one pending.
    pub fn submit_act(&mut self, submission: &NewSubmission<'_>) -> Result<Option<i64>, StoreError> {
        let added = self.conn.execute(
            "INSERT INTO act_submission (claim_id, calculation_id, payable_tiyin, request, author)
             VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO NOTHING",
            params![
                submission.claim_id,
                submission.calculation_id,
                submission.payable_tiyin,
                submission.request.encode(),
                submission.author
            ],
        )?;
        Ok((added == 1).then(|| self.conn.last_insert_rowid()))
    }

    /// A claim's submissions, oldest first.
    pub fn submissions(&self, claim_id: i64) -> Result<Vec<StoredSubmission>, StoreError> {
        let mut statement = self.conn.prepare(&format!(
            "SELECT {SUBMISSION_COLUMNS} FROM act_submission WHERE claim_id = ?1 ORDER BY id"
        ))?;
        let rows = statement.query_map([claim_id], stored_submission)?.collect::<Result<Vec<_>, _>>()?;
        rows.into_iter().map(decoded).collect()
    }

    /// The claim's act waiting for approval, if any.
    pub fn pending_submission(&self, claim_id: i64) -> Result<Option<StoredSubmission>, StoreError> {
        self.conn
            .query_row(
                &format!("SELECT {SUBMISSION_COLUMNS} FROM act_submission WHERE claim_id = ?1 AND state = 'pending'"),
                [claim_id],
                stored_submission,
            )
            .optional()?
            .map(decoded)
            .transpose()
    }

    /// Every act waiting for approval, oldest first: the supervisor's queue.
    pub fn pending_submissions(&self) -> Result<Vec<StoredSubmission>, StoreError> {
        let mut statement = self.conn.prepare(&format!(
            "SELECT {SUBMISSION_COLUMNS} FROM act_submission WHERE state = 'pending' ORDER BY id"
        ))?;
        let rows = statement.query_map([], stored_submission)?.collect::<Result<Vec<_>, _>>()?;
        rows.into_iter().map(decoded).collect()
    }

    /// Returns (a supervisor) or withdraws (its author) a pending submission; `false` when it
    /// is no longer pending.
    pub fn close_submission(
        &mut self,
        id: i64,
        state: &str,
        reviewer: &str,
        note: &str,
    ) -> Result<bool, StoreError> {
        Ok(self.conn.execute(
            "UPDATE act_submission SET state = ?2, reviewer = ?3, note = ?4,
                 reviewed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
             WHERE id = ?1 AND state = 'pending'",
            params![id, state, reviewer, note],
        )? == 1)
    }
}
