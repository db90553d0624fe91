//! Acts waiting for a supervisor's approval (`act_submission`): an act above the officer's
//! authority limit is drafted here, then approved (the decision and the act are written in
//! the same transaction as the approval, see `Store::decide`), returned or withdrawn, once.

use rusqlite::{OptionalExtension, Row, params};

use crate::{Store, StoreError};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSubmission<'a> {
    pub claim_id: i64,
    pub calculation_id: i64,
    pub payable_tiyin: i64,
    /// The approval as drafted (JSON).
    pub request: &'a str,
    pub author: &'a str,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredSubmission {
    pub id: i64,
    pub claim_id: i64,
    pub calculation_id: i64,
    pub payable_tiyin: i64,
    pub request: String,
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

fn stored_submission(row: &Row<'_>) -> rusqlite::Result<StoredSubmission> {
    Ok(StoredSubmission {
        id: row.get(0)?,
        claim_id: row.get(1)?,
        calculation_id: row.get(2)?,
        payable_tiyin: row.get(3)?,
        request: row.get(4)?,
        author: row.get(5)?,
        submitted_at: row.get(6)?,
        state: row.get(7)?,
        reviewer: row.get(8)?,
        reviewed_at: row.get(9)?,
        note: row.get(10)?,
        decision_id: row.get(11)?,
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
                submission.request,
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
        Ok(rows)
    }

    /// The claim's act waiting for approval, if any.
    pub fn pending_submission(&self, claim_id: i64) -> Result<Option<StoredSubmission>, StoreError> {
        Ok(self
            .conn
            .query_row(
                &format!("SELECT {SUBMISSION_COLUMNS} FROM act_submission WHERE claim_id = ?1 AND state = 'pending'"),
                [claim_id],
                stored_submission,
            )
            .optional()?)
    }

    /// Every act waiting for approval, oldest first: the supervisor's queue.
    pub fn pending_submissions(&self) -> Result<Vec<StoredSubmission>, StoreError> {
        let mut statement = self.conn.prepare(&format!(
            "SELECT {SUBMISSION_COLUMNS} FROM act_submission WHERE state = 'pending' ORDER BY id"
        ))?;
        let rows = statement.query_map([], stored_submission)?.collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
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
