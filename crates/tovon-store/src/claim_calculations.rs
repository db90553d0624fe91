//! The `claim_calculation` table: a claim's calculations as immutable snapshots (triggers
//! refuse UPDATE and DELETE); the latest is the one the claim goes by. The result is a
//! [`CalculationRecord`]; the payable, the table version and the deferred items are written
//! from it, so they cannot disagree.

use rusqlite::{OptionalExtension, Row, params};

use crate::claims::write_progress;
use crate::records::CalculationRecord;
use crate::{ClaimProgress, Store, StoreError};

/// A calculation to save: the request as sent (the calculator's JSON contract, with the
/// claim's facts put in) and the record of its result.
#[derive(Debug, Clone)]
pub struct NewCalculation<'a> {
    pub request: &'a str,
    pub result: &'a CalculationRecord,
    pub calculated_on: &'a str,
    pub user: &'a str,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredCalculation {
    pub id: i64,
    pub claim_id: i64,
    pub request: String,
    pub result: CalculationRecord,
    pub calculated_on: String,
    pub user: String,
    pub entered_at: String,
    /// How many calculations the claim has, this one included.
    pub count: i64,
}

const COLUMNS: &str = "id, claim_id, request, table_version, result, payable_tiyin, calculated_on, user_name, \
     entered_at, (SELECT count(*) FROM claim_calculation c WHERE c.claim_id = ?1) AS count";

/// The row as read, its record still text.
struct RawCalculation {
    id: i64,
    claim_id: i64,
    request: String,
    table_version: i64,
    result: String,
    payable_tiyin: i64,
    calculated_on: String,
    user: String,
    entered_at: String,
    count: i64,
}

fn read(row: &Row<'_>) -> rusqlite::Result<RawCalculation> {
    Ok(RawCalculation {
        id: row.get("id")?,
        claim_id: row.get("claim_id")?,
        request: row.get("request")?,
        table_version: row.get("table_version")?,
        result: row.get("result")?,
        payable_tiyin: row.get("payable_tiyin")?,
        calculated_on: row.get("calculated_on")?,
        user: row.get("user_name")?,
        entered_at: row.get("entered_at")?,
        count: row.get("count")?,
    })
}

/// The record read and checked against the row's own columns.
fn stored(row: RawCalculation) -> Result<StoredCalculation, StoreError> {
    let broken = |source| StoreError::Record { table: "claim_calculation", id: row.id, source };
    let result = CalculationRecord::decode(&row.result).map_err(broken)?;
    if i64::from(result.table_version) != row.table_version || result.payable_tiyin != row.payable_tiyin {
        return Err(broken(crate::records::RecordError::Shape(format!(
            "the record says table version {} and payable {} tiyin, the row {} and {}",
            result.table_version, result.payable_tiyin, row.table_version, row.payable_tiyin
        ))));
    }
    Ok(StoredCalculation {
        id: row.id,
        claim_id: row.claim_id,
        request: row.request,
        result,
        calculated_on: row.calculated_on,
        user: row.user,
        entered_at: row.entered_at,
        count: row.count,
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
        let record = calculation.result;
        let tx = self.conn.transaction()?;
        if write_progress(&tx, claim_id, progress.state, progress)? == 0 {
            return Ok(None);
        }
        tx.execute(
            "INSERT INTO claim_calculation (claim_id, request, table_version, result, payable_tiyin, deferred,
                 calculated_on, user_name)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                claim_id,
                calculation.request,
                i64::from(record.table_version),
                record.encode(),
                record.payable_tiyin,
                record.encode_deferred(),
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
        self.conn.query_row(&sql, params![claim_id, id], read).optional()?.map(stored).transpose()
    }

    /// The calculation the claim goes by: its latest (with how many there are).
    pub fn latest_calculation(&self, claim_id: i64) -> Result<Option<StoredCalculation>, StoreError> {
        let sql =
            format!("SELECT {COLUMNS} FROM claim_calculation WHERE claim_id = ?1 ORDER BY id DESC LIMIT 1");
        self.conn.query_row(&sql, [claim_id], read).optional()?.map(stored).transpose()
    }

    /// Every stored calculation's record, oldest first, each with its row id: for checks
    /// that every row reads (a row that does not is an error naming it).
    pub fn calculation_records(&self) -> Result<Vec<(i64, CalculationRecord)>, StoreError> {
        let mut statement = self.conn.prepare("SELECT id, result FROM claim_calculation ORDER BY id")?;
        let rows = statement
            .query_map([], |row| Ok((row.get::<_, i64>("id")?, row.get::<_, String>("result")?)))?
            .collect::<Result<Vec<_>, _>>()?;
        rows.into_iter()
            .map(|(id, text)| {
                CalculationRecord::decode(&text)
                    .map(|record| (id, record))
                    .map_err(|source| StoreError::Record { table: "claim_calculation", id, source })
            })
            .collect()
    }
}
