//! A restored desk's history sent back (issue 20: "On its next exchange the head office sends
//! it back its own missing history (the head office holds everything the desk sent)"): the
//! desk's entries from the one its restore holds from, as the desk made them, with the bytes
//! of the documents and scans they hold and the policies its claims are on.

use postgres::Transaction;
use tovon_exchange::{AuditLine, History, Member, members};

use crate::HqError;

/// The members that send `history` back: the history with its entries and policies, and the
/// bytes its documents and scans refer to.
pub(crate) fn history_members(
    tx: &mut Transaction<'_>,
    desk_id: i64,
    mut history: History,
) -> Result<Vec<Member>, HqError> {
    history.lines = tx
        .query(
            "SELECT seq, at, actor, entity, entity_key, claim_id, action, before, after, prev_hash, hash
             FROM hq_entry WHERE desk_id = $1 AND seq >= $2 ORDER BY seq",
            &[&desk_id, &history.from],
        )?
        .iter()
        .map(|row| AuditLine {
            seq: row.get(0),
            at: row.get(1),
            actor: row.get(2),
            entity: row.get(3),
            entity_key: row.get(4),
            claim_id: row.get(5),
            action: row.get(6),
            before: row.get(7),
            after: row.get(8),
            prev_hash: row.get(9),
            hash: row.get(10),
        })
        .collect();
    history.policies = tx
        .query("SELECT row FROM hq_hand_policy WHERE desk_id = $1 ORDER BY policy_id", &[&desk_id])?
        .iter()
        .map(|row| row.get::<_, serde_json::Value>(0))
        .collect();
    let mut carried = Vec::new();
    for row in tx.query(
        "SELECT b.sha256, b.bytes FROM hq_blob b
         WHERE b.sha256 IN (SELECT after::JSONB ->> 'sha256' FROM hq_entry
                            WHERE desk_id = $1 AND seq >= $2 AND action IN ('insert', 'baseline')
                              AND entity IN ('issued_document', 'claim_attachment'))",
        &[&desk_id, &history.from],
    )? {
        let sha256: String = row.get(0);
        carried.push(Member { name: members::blob_name(&sha256), bytes: row.get(1) });
    }
    // Strings, numbers and JSON values always serialize.
    let bytes = serde_json::to_vec(&history).unwrap_or_default();
    let mut sent = vec![Member { name: members::HISTORY.to_owned(), bytes }];
    sent.append(&mut carried);
    Ok(sent)
}
