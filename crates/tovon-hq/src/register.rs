//! The network's register at the head office (issue 20): loaded from the insurer's file with
//! the desk's own reader and checks, each policy kept as the line a desk's import reads, and
//! what a desk's next bundle carries of it — the whole register the first time, then only the
//! policies changed since the register its last acknowledged bundle carried.

use tovon_store::PolicyRecord;

use crate::{Hq, HqError};

/// What a load did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisterLoaded {
    pub load: i64,
    pub rows_read: i64,
    pub added: i64,
    pub changed: i64,
    pub unchanged: i64,
    pub rejected: i64,
}

/// Policies a time in one statement.
const BATCH: usize = 5_000;

impl Hq {
    /// Loads the checked policies of the file `file_name` (`sha256`; `rows_read` rows of which
    /// `rejected` were refused by the checks) in one transaction.
    pub fn load_register(
        &mut self,
        file_name: &str,
        sha256: &str,
        records: &[PolicyRecord],
        (rows_read, rejected): (i64, i64),
    ) -> Result<RegisterLoaded, HqError> {
        let mut tx = self.client.transaction()?;
        let load: i64 = tx
            .query_one(
                "INSERT INTO hq_register_load (file_name, sha256, rows_read, added, changed, unchanged, rejected)
                 VALUES ($1, $2, $3, 0, 0, 0, $4) RETURNING id",
                &[&file_name, &sha256, &rows_read, &rejected],
            )?
            .get(0);
        let (mut added, mut changed) = (0i64, 0i64);
        for batch in records.chunks(BATCH) {
            let column = |get: fn(&PolicyRecord) -> String| batch.iter().map(get).collect::<Vec<_>>();
            let lines: Vec<String> = batch.iter().map(tovon_desk::register_csv_line).collect();
            let rows = tx.query(
                "INSERT INTO hq_policy (series, number, pinfl, full_name, line, changed_in)
                 SELECT *, $5 FROM unnest($1::TEXT[], $2::TEXT[], $3::TEXT[], $4::TEXT[], $6::TEXT[])
                     AS p (series, number, pinfl, full_name, line)
                 ON CONFLICT (series, number) DO UPDATE
                     SET pinfl = excluded.pinfl, full_name = excluded.full_name, line = excluded.line,
                         changed_in = excluded.changed_in
                     WHERE hq_policy.line IS DISTINCT FROM excluded.line
                 RETURNING (xmax = 0)",
                &[
                    &column(|r| r.series.clone()),
                    &column(|r| r.number.clone()),
                    &column(|r| r.pinfl.clone()),
                    &column(|r| r.full_name.clone()),
                    &load,
                    &lines,
                ],
            )?;
            for row in rows {
                if row.get::<_, bool>(0) { added += 1 } else { changed += 1 }
            }
        }
        let unchanged = records.len() as i64 - added - changed;
        tx.execute(
            "UPDATE hq_register_load SET added = $2, changed = $3, unchanged = $4 WHERE id = $1",
            &[&load, &added, &changed, &unchanged],
        )?;
        tx.commit()?;
        Ok(RegisterLoaded { load, rows_read, added, changed, unchanged, rejected })
    }
}

/// The register's lines a desk's next bundle carries: those changed after the load its last
/// acknowledged bundle carried (`since`), with the newest load; none when nothing changed.
pub(crate) fn register_for(
    tx: &mut postgres::Transaction<'_>,
    since: i64,
) -> Result<(Option<Vec<u8>>, i64), HqError> {
    let newest: i64 = tx.query_one("SELECT coalesce(max(id), 0) FROM hq_register_load", &[])?.get(0);
    if newest <= since {
        return Ok((None, since));
    }
    let rows =
        tx.query("SELECT line FROM hq_policy WHERE changed_in > $1 ORDER BY series, number", &[&since])?;
    if rows.is_empty() {
        return Ok((None, newest));
    }
    let mut bytes = tovon_desk::register_csv_header().into_bytes();
    for row in rows {
        bytes.extend_from_slice(row.get::<_, &str>(0).as_bytes());
    }
    Ok((Some(bytes), newest))
}
