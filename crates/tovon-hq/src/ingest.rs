//! A desk's bundle taken in (issue 20): opened and checked whole, then decided by its entries,
//! not its envelope. Entries the head office holds already are skipped (the same number with
//! the same hash); the first new one must continue the desk's last accepted chain head; the
//! rest are applied in one transaction — the entries kept, the rows they leave replayed, the
//! bytes they refer to stored — and the bundle logged with its outcome. An entry with a known
//! number and another hash is a rewritten history (or a second copy of the desk): refused,
//! and the desk marked for `tovon-hq status`; the history accepted first goes on being
//! accepted, the other never is (the copy must be enrolled as a desk of its own).

use std::collections::BTreeMap;

use postgres::Transaction;
use tovon_exchange::{
    AuditLine, BundleError, ChainError, ExchangeIdentity, HEAD_OFFICE, Member, Party, members,
};

use crate::{Hq, HqError};

/// What a bundle did at the head office.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ingested {
    /// Its new entries applied.
    Applied { desk: String, number: u64, first: i64, last: i64 },
    /// Nothing new in it (received before, or only entries already held).
    NoOp { desk: String, number: u64 },
    /// Its entries do not reach back to what the head office holds: an earlier bundle is
    /// missing. Nothing applied.
    Waiting { desk: String, number: u64, missing_first: i64, missing_last: i64, bundles: (u64, u64) },
}

/// Why a bundle is refused; nothing in it is applied.
#[derive(Debug, thiserror::Error)]
pub enum Refusal {
    #[error(transparent)]
    Bundle(#[from] BundleError),
    #[error("desk {desk} was revoked")]
    Revoked { desk: String },
    #[error("desk {desk}'s audit entries are not a chain: {error}")]
    Chain { desk: String, error: ChainError },
    #[error(
        "desk {desk} rewrote its history: entry {seq} is not the one received before (a log edited after a bundle left, or a second copy of the desk)"
    )]
    Rewritten { desk: String, seq: i64 },
    #[error("desk {desk}'s bundle member {member} does not read: {detail}")]
    Member { desk: String, member: String, detail: String },
}

impl Refusal {
    /// The refusal as a code a desk words in its own language (`tovon-refusal` over HTTPS).
    pub fn code(&self) -> &'static str {
        match self {
            Refusal::Bundle(BundleError::NotForUs) => "not_for_us",
            Refusal::Bundle(BundleError::Damaged { .. }) => "damaged",
            Refusal::Bundle(BundleError::NewerFormat { .. }) => "newer_format",
            Refusal::Bundle(BundleError::NewerSchema { .. }) => "newer_schema",
            Refusal::Bundle(BundleError::OtherReceiver { .. }) => "other_receiver",
            Refusal::Bundle(BundleError::UnknownSender { .. }) => "unknown_sender",
            Refusal::Bundle(BundleError::BadSignature { .. }) => "bad_signature",
            Refusal::Bundle(BundleError::MemberChanged { .. }) => "member_changed",
            Refusal::Revoked { .. } => "revoked",
            Refusal::Chain { .. } => "chain",
            Refusal::Rewritten { .. } => "rewritten",
            Refusal::Member { .. } => "member",
        }
    }
}

impl Hq {
    /// Takes in a desk's bundle, `sealed`, opened with the head office's `identity`.
    pub fn ingest(&mut self, sealed: &[u8], identity: &ExchangeIdentity) -> Result<Ingested, HqError> {
        let parties = self.parties()?;
        let opened = tovon_exchange::open(
            sealed,
            identity,
            |name| name == HEAD_OFFICE,
            tovon_exchange::DESK_SCHEMA,
            |sender| parties.get(sender).cloned(),
        );
        let opened = match opened {
            Ok(opened) => opened,
            Err(error) => return self.refused(None, None, Refusal::Bundle(error)),
        };
        let desk = opened.manifest.sender.clone();
        let number = opened.manifest.number;
        let restored = match restored_member(&opened.members) {
            Ok(restored) => restored,
            Err(detail) => {
                let refusal =
                    Refusal::Member { desk: desk.clone(), member: members::RESTORED.to_owned(), detail };
                return self.refused(Some(&desk), Some(number), refusal);
            }
        };
        let lines = match &opened.manifest.audit {
            None => Vec::new(),
            Some(range) => match member(&opened.members, members::AUDIT)
                .and_then(|bytes| tovon_exchange::read_chain(bytes, range).map_err(Some))
            {
                Ok(lines) => lines,
                Err(error) => {
                    let error =
                        error.unwrap_or(ChainError::NotTheRange { detail: "no audit entries".to_owned() });
                    return self.refused(
                        Some(&desk),
                        Some(number),
                        Refusal::Chain { desk: desk.clone(), error },
                    );
                }
            },
        };
        // A restored desk's bundle carries nothing made since its restore.
        if let (Some(restored), Some(last)) = (&restored, lines.last())
            && last.seq >= restored.from
        {
            let from = restored.from;
            let detail = format!("entries from {from} on are carried, made since the restore");
            let refusal =
                Refusal::Member { desk: desk.clone(), member: members::RESTORED.to_owned(), detail };
            return self.refused(Some(&desk), Some(number), refusal);
        }
        let mut tx = self.client.transaction()?;
        let row = tx.query_one(
            "SELECT id, revoked_at IS NOT NULL, last_in, coalesce(chain_seq, 0), coalesce(chain_head, '')
             FROM hq_desk WHERE prefix = $1 FOR UPDATE",
            &[&desk],
        )?;
        let (desk_id, revoked): (i64, bool) = (row.get(0), row.get(1));
        let (last_in, chain_seq, chain_head): (i64, i64, String) = (row.get(2), row.get(3), row.get(4));
        // The desk's row stays locked to the commit: two bundles of one desk taken in at once
        // (the server and the watched folder) are decided one after the other.
        if revoked {
            drop(tx);
            return self.refused(Some(&desk), Some(number), Refusal::Revoked { desk: desk.clone() });
        }
        if let Some(seq) = rewritten(&mut tx, desk_id, &lines, chain_seq)? {
            drop(tx);
            return self.mark_rewritten(desk_id, &desk, number, seq);
        }
        let new: Vec<&AuditLine> = lines.iter().filter(|line| line.seq > chain_seq).collect();
        let outcome = match new.first() {
            None => {
                log(&mut tx, desk_id, &desk, number, "no_op", None, 0, "")?;
                Ingested::NoOp { desk: desk.clone(), number }
            }
            Some(first) if first.seq != chain_seq + 1 => {
                let bundles = (last_in as u64 + 1, number.saturating_sub(1).max(last_in as u64 + 1));
                let waiting = Ingested::Waiting {
                    desk: desk.clone(),
                    number,
                    missing_first: chain_seq + 1,
                    missing_last: first.seq - 1,
                    bundles,
                };
                log(
                    &mut tx,
                    desk_id,
                    &desk,
                    number,
                    "waiting",
                    Some((first.seq, lines.last().map_or(0, |l| l.seq))),
                    0,
                    "",
                )?;
                tx.commit()?;
                return Ok(waiting);
            }
            Some(first) if first.prev_hash != chain_head => {
                drop(tx);
                return self.mark_rewritten(desk_id, &desk, number, first.seq);
            }
            Some(first) => {
                let (first, last) = (first.seq, new.last().map_or(first.seq, |line| line.seq));
                apply(&mut tx, desk_id, number, &new)?;
                store_bytes(&mut tx, desk_id, &desk, &opened.members)?;
                tx.execute(
                    "UPDATE hq_desk SET chain_seq = $2, chain_head = $3 WHERE id = $1",
                    &[&desk_id, &last, &new.last().map(|line| line.hash.clone())],
                )?;
                log(&mut tx, desk_id, &desk, number, "applied", Some((first, last)), new.len() as i64, "")?;
                Ingested::Applied { desk: desk.clone(), number, first, last }
            }
        };
        // A restored desk's acknowledgement goes back to what its file applied: the next
        // bundle for it runs from there, with the history it lost (`history_from`).
        tx.execute(
            "UPDATE hq_desk SET last_in = greatest(last_in, $2), last_in_at = now(),
                 last_out = CASE WHEN $4::BIGINT IS NULL THEN greatest(last_out, $3) ELSE $3 END,
                 history_from = $4, history_nonce = $5
             WHERE id = $1",
            &[
                &desk_id,
                &(number as i64),
                &(opened.manifest.acknowledges as i64),
                &restored.as_ref().map(|restored| restored.from),
                &restored.as_ref().map(|restored| restored.nonce.clone()),
            ],
        )?;
        tx.commit()?;
        Ok(outcome)
    }

    /// Every enrolled desk's public keys by prefix (revoked ones too: their bundles are
    /// refused by name, not as from strangers).
    fn parties(&mut self) -> Result<BTreeMap<String, Party>, HqError> {
        let rows = self.client.query("SELECT prefix, verifying_key, recipient FROM hq_desk", &[])?;
        Ok(rows
            .iter()
            .filter_map(|row| {
                let party = Party::from_text(row.get(1), row.get(2))?;
                Some((row.get::<_, String>(0), party))
            })
            .collect())
    }

    /// Refuses a desk's rewritten history: logged, and the desk marked (`tovon-hq status`
    /// exits 6 while it is not revoked).
    fn mark_rewritten(
        &mut self,
        desk_id: i64,
        desk: &str,
        number: u64,
        seq: i64,
    ) -> Result<Ingested, HqError> {
        let refusal = Refusal::Rewritten { desk: desk.to_owned(), seq };
        self.client.execute(
            "UPDATE hq_desk SET refused_at = now(), refused_why = $2 WHERE id = $1",
            &[&desk_id, &refusal.to_string()],
        )?;
        self.refused(Some(desk), Some(number), refusal)
    }

    /// Logs a refused bundle and returns the refusal.
    fn refused(
        &mut self,
        desk: Option<&str>,
        number: Option<u64>,
        refusal: Refusal,
    ) -> Result<Ingested, HqError> {
        self.client.execute(
            "INSERT INTO hq_bundle_in (desk_id, sender, number, outcome, detail)
             VALUES ((SELECT id FROM hq_desk WHERE prefix = $1), $1, $2, 'refused', $3)",
            &[&desk, &number.map(|number| number as i64), &refusal.to_string()],
        )?;
        Err(HqError::Refused(refusal))
    }
}

/// The first carried entry the head office holds under the same number with another hash.
fn rewritten(
    tx: &mut Transaction<'_>,
    desk_id: i64,
    lines: &[AuditLine],
    chain_seq: i64,
) -> Result<Option<i64>, HqError> {
    let known: Vec<&AuditLine> = lines.iter().filter(|line| line.seq <= chain_seq).collect();
    let (Some(first), Some(last)) = (known.first(), known.last()) else { return Ok(None) };
    let held: BTreeMap<i64, String> = tx
        .query(
            "SELECT seq, hash FROM hq_entry WHERE desk_id = $1 AND seq BETWEEN $2 AND $3",
            &[&desk_id, &first.seq, &last.seq],
        )?
        .iter()
        .map(|row| (row.get(0), row.get(1)))
        .collect();
    Ok(known.iter().find(|line| held.get(&line.seq) != Some(&line.hash)).map(|line| line.seq))
}

/// What a restored desk's bundle says of its restore: the entry its own history is gone
/// from, and the restore's nonce.
fn restored_member(carried: &[Member]) -> Result<Option<tovon_exchange::Restored>, String> {
    let Some(member) = carried.iter().find(|member| member.name == members::RESTORED) else {
        return Ok(None);
    };
    let restored: tovon_exchange::Restored =
        serde_json::from_slice(&member.bytes).map_err(|error| error.to_string())?;
    if restored.from < 1 {
        return Err(format!("entry {} does not exist", restored.from));
    }
    if restored.nonce.len() != 32
        || !restored.nonce.bytes().all(|byte| matches!(byte, b'0'..=b'9' | b'a'..=b'f'))
    {
        return Err("its nonce is not 32 hex digits".to_owned());
    }
    Ok(Some(restored))
}

fn member<'a>(members: &'a [Member], name: &str) -> Result<&'a [u8], Option<ChainError>> {
    members.iter().find(|member| member.name == name).map(|member| member.bytes.as_slice()).ok_or(None)
}

#[allow(clippy::too_many_arguments)]
fn log(
    tx: &mut Transaction<'_>,
    desk_id: i64,
    desk: &str,
    number: u64,
    outcome: &str,
    range: Option<(i64, i64)>,
    applied: i64,
    detail: &str,
) -> Result<(), HqError> {
    tx.execute(
        "INSERT INTO hq_bundle_in (desk_id, sender, number, outcome, first_seq, last_seq, applied, detail)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        &[
            &desk_id,
            &desk,
            &(number as i64),
            &outcome,
            &range.map(|range| range.0),
            &range.map(|range| range.1),
            &applied,
            &detail,
        ],
    )?;
    Ok(())
}

/// Keeps the new entries and replays the rows they leave: an insert, update or baseline
/// leaves the row as after; a delete removes it; an event changes no row.
fn apply(tx: &mut Transaction<'_>, desk_id: i64, number: u64, new: &[&AuditLine]) -> Result<(), HqError> {
    let column = |get: fn(&AuditLine) -> Option<String>| new.iter().map(|line| get(line)).collect::<Vec<_>>();
    let seqs: Vec<i64> = new.iter().map(|line| line.seq).collect();
    let claims: Vec<Option<i64>> = new.iter().map(|line| line.claim_id).collect();
    tx.execute(
        "INSERT INTO hq_entry (desk_id, seq, at, actor, entity, entity_key, claim_id, action, before, after,
                               prev_hash, hash, bundle)
         SELECT $1, * , $13 FROM unnest($2::BIGINT[], $3::TEXT[], $4::TEXT[], $5::TEXT[], $6::TEXT[],
                                       $7::BIGINT[], $8::TEXT[], $9::TEXT[], $10::TEXT[], $11::TEXT[], $12::TEXT[])",
        &[
            &desk_id,
            &seqs,
            &column(|line| Some(line.at.clone())),
            &column(|line| Some(line.actor.clone())),
            &column(|line| Some(line.entity.clone())),
            &column(|line| Some(line.entity_key.clone())),
            &claims,
            &column(|line| Some(line.action.clone())),
            &column(|line| line.before.clone()),
            &column(|line| line.after.clone()),
            &column(|line| Some(line.prev_hash.clone())),
            &column(|line| Some(line.hash.clone())),
            &(number as i64),
        ],
    )?;
    // The rows as the last of these entries leaves each.
    let mut last: BTreeMap<(&str, &str), &AuditLine> = BTreeMap::new();
    // What a head office bundle did at the desk (actor `HQ#n`) is the head office's own:
    // kept in the chain, never replayed back into its records.
    for line in new.iter().filter(|line| line.action != "event" && !line.actor.starts_with("HQ#")) {
        last.insert((&line.entity, &line.entity_key), line);
    }
    let (gone, kept): (Vec<&AuditLine>, Vec<&AuditLine>) =
        last.into_values().partition(|line| line.action == "delete" || line.after.is_none());
    let pick = |lines: &[&AuditLine], get: fn(&AuditLine) -> Option<String>| {
        lines.iter().map(|line| get(line)).collect::<Vec<_>>()
    };
    tx.execute(
        "DELETE FROM hq_row r USING unnest($2::TEXT[], $3::TEXT[]) AS g (entity, entity_key)
         WHERE r.desk_id = $1 AND r.entity = g.entity AND r.entity_key = g.entity_key",
        &[&desk_id, &pick(&gone, |l| Some(l.entity.clone())), &pick(&gone, |l| Some(l.entity_key.clone()))],
    )?;
    tx.execute(
        "INSERT INTO hq_row (desk_id, entity, entity_key, claim_id, row, seq)
         SELECT $1, entity, entity_key, claim_id, row::JSONB, seq
         FROM unnest($2::TEXT[], $3::TEXT[], $4::BIGINT[], $5::TEXT[], $6::BIGINT[])
              AS k (entity, entity_key, claim_id, row, seq)
         ON CONFLICT (desk_id, entity, entity_key)
         DO UPDATE SET claim_id = excluded.claim_id, row = excluded.row, seq = excluded.seq",
        &[
            &desk_id,
            &pick(&kept, |l| Some(l.entity.clone())),
            &pick(&kept, |l| Some(l.entity_key.clone())),
            &kept.iter().map(|line| line.claim_id).collect::<Vec<_>>(),
            &pick(&kept, |l| l.after.clone()),
            &kept.iter().map(|line| line.seq).collect::<Vec<_>>(),
        ],
    )?;
    Ok(())
}

/// Stores the documents' and scans' bytes (each named by its own SHA-256) and the policies
/// typed by hand.
fn store_bytes(
    tx: &mut Transaction<'_>,
    desk_id: i64,
    desk: &str,
    carried: &[Member],
) -> Result<(), HqError> {
    let refuse = |member: &str, detail: String| {
        HqError::Refused(Refusal::Member { desk: desk.to_owned(), member: member.to_owned(), detail })
    };
    for member in carried {
        if let Some(sha256) = member.name.strip_prefix(members::BLOB_PREFIX) {
            if tovon_exchange::sha256_hex(&member.bytes) != sha256 {
                return Err(refuse(&member.name, "its bytes are not the SHA-256 it is named by".to_owned()));
            }
            tx.execute(
                "INSERT INTO hq_blob (sha256, bytes) VALUES ($1, $2) ON CONFLICT (sha256) DO NOTHING",
                &[&sha256, &member.bytes],
            )?;
        } else if member.name == members::HAND_POLICIES {
            for (index, line) in member.bytes.split(|byte| *byte == b'\n').enumerate() {
                if line.is_empty() {
                    continue;
                }
                let policy: serde_json::Value = serde_json::from_slice(line)
                    .map_err(|error| refuse(&member.name, format!("line {}: {error}", index + 1)))?;
                let id = policy["id"]
                    .as_i64()
                    .ok_or_else(|| refuse(&member.name, format!("line {}: no id", index + 1)))?;
                tx.execute(
                    "INSERT INTO hq_hand_policy (desk_id, policy_id, row) VALUES ($1, $2, $3)
                     ON CONFLICT (desk_id, policy_id) DO UPDATE SET row = excluded.row",
                    &[&desk_id, &id, &policy],
                )?;
            }
        }
    }
    Ok(())
}
