//! The `claim_calculation` table: a claim's calculations as immutable snapshots (triggers
//! refuse UPDATE and DELETE); the latest is the one the claim goes by.

use rusqlite::{OptionalExtension, Row, params};

use crate::claims::write_progress;
use crate::{ClaimProgress, Store, StoreError};

/// A calculation to save: the request as sent, the result as shown, both JSON.
#[derive(Debug, Clone)]
pub struct NewCalculation<'a> {
    pub request: &'a str,
    pub table_version: i64,
    pub result: &'a str,
    pub payable_tiyin: i64,
    /// The items deferred by a waiting period (D14), JSON.
    pub deferred: &'a str,
    pub calculated_on: &'a str,
    pub user: &'a str,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredCalculation {
    pub id: i64,
    pub claim_id: i64,
    pub request: String,
    pub table_version: i64,
    pub result: String,
    pub payable_tiyin: i64,
    pub deferred: String,
    pub calculated_on: String,
    pub user: String,
    pub entered_at: String,
    /// How many calculations the claim has, this one included.
    pub count: i64,
}

const COLUMNS: &str = "id, claim_id, request, table_version, result, payable_tiyin, deferred, calculated_on, \
     user_name, entered_at, (SELECT count(*) FROM claim_calculation c WHERE c.claim_id = ?1)";

fn stored(row: &Row<'_>) -> rusqlite::Result<StoredCalculation> {
    Ok(StoredCalculation {
        id: row.get(0)?,
        claim_id: row.get(1)?,
        request: row.get(2)?,
        table_version: row.get(3)?,
        result: row.get(4)?,
        payable_tiyin: row.get(5)?,
        deferred: row.get(6)?,
        calculated_on: row.get(7)?,
        user: row.get(8)?,
        entered_at: row.get(9)?,
        count: row.get(10)?,
    })
}

impl Store {
    /// Saves a calculation and the claim's progress with it (the deadline it waits on may
    /// now be a deferred item's), in one transaction, while the claim is still in
    /// `progress.state`. `None`: the claim moved meanwhile, nothing was saved.
    pub fn save_calculation(
        &mut self,
        claim_id: i64,
        calculation: &NewCalculation<'_>,
        progress: &ClaimProgress,
    ) -> Result<Option<i64>, StoreError> {
        let tx = self.conn.transaction()?;
        if write_progress(&tx, claim_id, &progress.state, progress)? == 0 {
            return Ok(None);
        }
        tx.execute(
            "INSERT INTO claim_calculation (claim_id, request, table_version, result, payable_tiyin, deferred,
                 calculated_on, user_name)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                claim_id,
                calculation.request,
                calculation.table_version,
                calculation.result,
                calculation.payable_tiyin,
                calculation.deferred,
                calculation.calculated_on,
                calculation.user
            ],
        )?;
        let id = tx.last_insert_rowid();
        tx.commit()?;
        Ok(Some(id))
    }

    /// One saved calculation by id (the one a decision was drawn from).
    pub fn calculation(&self, claim_id: i64, id: i64) -> Result<Option<StoredCalculation>, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM claim_calculation WHERE claim_id = ?1 AND id = ?2");
        Ok(self.conn.query_row(&sql, params![claim_id, id], stored).optional()?)
    }

    /// The calculation the claim goes by: its latest (with how many there are).
    pub fn latest_calculation(&self, claim_id: i64) -> Result<Option<StoredCalculation>, StoreError> {
        let sql =
            format!("SELECT {COLUMNS} FROM claim_calculation WHERE claim_id = ?1 ORDER BY id DESC LIMIT 1");
        Ok(self.conn.query_row(&sql, [claim_id], stored).optional()?)
    }
}
