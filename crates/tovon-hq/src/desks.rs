//! The network's desks: enrolled from their requests under a numbering prefix unique in the
//! network (the branch's first desk keeps the branch code, the next ТШ2, ТШ3, …, never reused),
//! revoked, listed with their exchange state.

use tovon_exchange::EnrolmentRequest;

use crate::{Hq, HqError};

/// A desk as the head office keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Desk {
    pub prefix: String,
    pub branch: String,
    pub fingerprint: String,
    pub enrolled_at: String,
    pub revoked: bool,
    /// The desk's last bundle taken in, and how many whole days ago (none yet: `None`).
    pub last_in: i64,
    pub days_since_in: Option<i64>,
    /// The head office's last bundle made for the desk, and the last the desk acknowledged.
    pub out_number: i64,
    pub days_since_out: Option<i64>,
    pub last_out: i64,
    /// The desk's audit log is held, and confirmed, up to this entry.
    pub chain_seq: i64,
    /// The desk's newest bundle waits for earlier ones: the entries missing.
    pub waiting: Option<(i64, i64)>,
    /// Why its history was refused, when it was.
    pub refused: Option<String>,
    /// Restored from a backup: the entry its history is sent back from, until it has it.
    pub history_from: Option<i64>,
}

/// A desk just enrolled: the prefix it numbers under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Enrolled {
    pub prefix: String,
    pub fingerprint: String,
}

impl Hq {
    /// Enrols the desk of the request file `text` (checked: its fingerprint is its keys').
    /// One transaction: the prefix chosen and the desk stored, or nothing.
    pub fn enrol(&mut self, text: &[u8]) -> Result<Enrolled, HqError> {
        let (request, _) = EnrolmentRequest::read(text)?;
        let branch = request.branch.trim().to_uppercase();
        let mut tx = self.client.transaction()?;
        // One enrolment at a time: the prefix is chosen from what the table holds.
        tx.batch_execute("LOCK TABLE hq_desk IN EXCLUSIVE MODE")?;
        if let Some(prefix) = enrolled_keys(&mut tx, &request.verifying_key)? {
            return Err(HqError::AlreadyEnrolled { prefix });
        }
        let taken: Vec<String> = tx
            .query("SELECT prefix FROM hq_desk WHERE branch = $1", &[&branch])?
            .iter()
            .map(|row| row.get(0))
            .collect();
        let prefix = (1..)
            .map(|n: u32| if n == 1 { branch.clone() } else { format!("{branch}{n}") })
            .find(|prefix| !taken.contains(prefix))
            .unwrap_or_else(|| branch.clone());
        tx.execute(
            "INSERT INTO hq_desk (prefix, branch, verifying_key, recipient, fingerprint) VALUES ($1, $2, $3, $4, $5)",
            &[&prefix, &branch, &request.verifying_key, &request.recipient, &request.fingerprint],
        )?;
        tx.commit()?;
        Ok(Enrolled { prefix, fingerprint: request.fingerprint })
    }

    /// Re-enrols the desk numbering under `prefix` with the keys of the request file `text`
    /// (issue 20: "the head office can revoke a desk and enrol its replacement"; "Key loss:
    /// re-enrol; the head office keeps old public keys to verify old papers"). The desk keeps
    /// its prefix, its history and its exchange state; its keys until now go to
    /// `hq_desk_key`. A revoked desk is enrolled again this way.
    pub fn replace_keys(&mut self, text: &[u8], prefix: &str) -> Result<Enrolled, HqError> {
        let (request, _) = EnrolmentRequest::read(text)?;
        let mut tx = self.client.transaction()?;
        tx.batch_execute("LOCK TABLE hq_desk IN EXCLUSIVE MODE")?;
        if let Some(prefix) = enrolled_keys(&mut tx, &request.verifying_key)? {
            return Err(HqError::AlreadyEnrolled { prefix });
        }
        let row = tx
            .query_opt("SELECT id, branch FROM hq_desk WHERE prefix = $1", &[&prefix])?
            .ok_or_else(|| HqError::NoSuchDesk { prefix: prefix.to_owned() })?;
        let (desk_id, branch): (i64, String) = (row.get(0), row.get(1));
        let requested = request.branch.trim().to_uppercase();
        if requested != branch {
            return Err(HqError::OtherBranch { prefix: prefix.to_owned(), branch, requested });
        }
        tx.execute(
            "INSERT INTO hq_desk_key (desk_id, verifying_key, recipient, fingerprint, enrolled_at)
             SELECT id, verifying_key, recipient, fingerprint, enrolled_at FROM hq_desk WHERE id = $1",
            &[&desk_id],
        )?;
        tx.execute(
            "UPDATE hq_desk SET verifying_key = $2, recipient = $3, fingerprint = $4, enrolled_at = now(),
                 revoked_at = NULL
             WHERE id = $1",
            &[&desk_id, &request.verifying_key, &request.recipient, &request.fingerprint],
        )?;
        tx.commit()?;
        Ok(Enrolled { prefix: prefix.to_owned(), fingerprint: request.fingerprint })
    }

    /// Revokes the desk numbering under `prefix`: its bundles are no longer accepted; its
    /// prefix is not given to another desk.
    pub fn revoke(&mut self, prefix: &str) -> Result<(), HqError> {
        let changed = self.client.execute(
            "UPDATE hq_desk SET revoked_at = now() WHERE prefix = $1 AND revoked_at IS NULL",
            &[&prefix],
        )?;
        if changed == 0 {
            return Err(HqError::NoSuchDesk { prefix: prefix.to_owned() });
        }
        Ok(())
    }

    /// Every desk, by branch and prefix.
    pub fn desks(&mut self) -> Result<Vec<Desk>, HqError> {
        let rows = self.client.query(
            "SELECT prefix, branch, fingerprint, to_char(enrolled_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),
                    revoked_at IS NOT NULL, last_in, last_out, out_number, coalesce(chain_seq, 0), refused_why,
                    extract(day FROM now() - last_in_at)::BIGINT, extract(day FROM now() - last_out_at)::BIGINT,
                    (SELECT b.outcome = 'waiting' FROM hq_bundle_in b WHERE b.desk_id = d.id
                     AND b.outcome <> 'refused' ORDER BY b.id DESC LIMIT 1),
                    (SELECT b.first_seq - 1 FROM hq_bundle_in b WHERE b.desk_id = d.id
                     AND b.outcome <> 'refused' ORDER BY b.id DESC LIMIT 1),
                    history_from
             FROM hq_desk d ORDER BY branch, id",
            &[],
        )?;
        Ok(rows
            .iter()
            .map(|row| Desk {
                prefix: row.get(0),
                branch: row.get(1),
                fingerprint: row.get(2),
                enrolled_at: row.get(3),
                revoked: row.get(4),
                last_in: row.get(5),
                last_out: row.get(6),
                out_number: row.get(7),
                chain_seq: row.get(8),
                refused: row.get(9),
                days_since_in: row.get(10),
                days_since_out: row.get(11),
                waiting: match row.get::<_, Option<bool>>(12) {
                    Some(true) => row.get::<_, Option<i64>>(13).map(|last| (row.get::<_, i64>(8) + 1, last)),
                    _ => None,
                },
                history_from: row.get(14),
            })
            .collect())
    }
}

/// The desk whose keys, now or before a re-enrolment, `verifying_key` is.
fn enrolled_keys(tx: &mut postgres::Transaction<'_>, verifying_key: &str) -> Result<Option<String>, HqError> {
    let row = tx.query_opt(
        "SELECT prefix FROM hq_desk WHERE verifying_key = $1
         UNION ALL
         SELECT d.prefix FROM hq_desk_key k JOIN hq_desk d ON d.id = k.desk_id WHERE k.verifying_key = $1
         LIMIT 1",
        &[&verifying_key],
    )?;
    Ok(row.map(|row| row.get(0)))
}
