//! The desk's side of the exchange (issue 20): the audit entries from a point on, as a bundle
//! carries them; the policies typed by hand that travel with their claims; which entries each
//! bundle made carried; what the head office acknowledged and which of its bundles were
//! applied.

use rusqlite::{OptionalExtension, params};
use tovon_exchange::AuditLine;

use crate::typed::TypedRow;
use crate::{Store, StoreError};

/// A bundle made for the head office, as remembered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SentBundle {
    pub number: i64,
    pub first_seq: i64,
    pub last_seq: i64,
    pub last_hash: String,
    pub size: i64,
    pub made_at: String,
}

/// Where the exchange stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExchangeState {
    /// The desk's last bundle the head office applied (0: none).
    pub acknowledged: i64,
    /// The entry that bundle reached: the log is confirmed by the head office up to it.
    pub confirmed_seq: i64,
    pub confirmed_hash: String,
    pub acknowledged_at: Option<String>,
    /// The head office's last bundle applied here (0: none).
    pub applied: i64,
    pub applied_at: Option<String>,
    /// Restored from a backup while enrolled: the first entry made since, until the head
    /// office's copy of the history is replayed; and the restore's nonce, which the head
    /// office's answer must carry.
    pub restored_from: Option<i64>,
    pub restore_nonce: Option<String>,
}

/// An audit entry's columns in `AuditLine`'s order, as `audit_line` reads them.
pub(crate) const LINE_COLUMNS: &str =
    "seq, at, actor, entity, entity_key, claim_id, action, before, after, prev_hash, hash";

/// An audit entry selected as `LINE_COLUMNS`.
pub(crate) fn audit_line(row: &rusqlite::Row<'_>) -> rusqlite::Result<AuditLine> {
    Ok(AuditLine {
        seq: row.get(0)?,
        at: row.get(1)?,
        actor: row.get(2)?,
        entity: row.get(3)?,
        entity_key: row.get(4)?,
        claim_id: row.get(5)?,
        action: row.get(6)?,
        before: row.get(7)?,
        after: row.get(8)?,
        prev_hash: row.get(9)?,
        hash: row.get(10)?,
    })
}

impl Store {
    /// The audit entries after `after_seq`, at most `limit`, in order.
    pub fn audit_lines(&self, after_seq: i64, limit: i64) -> Result<Vec<AuditLine>, StoreError> {
        let mut statement = self.conn.prepare_cached(&format!(
            "SELECT {LINE_COLUMNS} FROM audit_log WHERE seq > ?1 ORDER BY seq LIMIT ?2"
        ))?;
        let rows = statement.query_map(params![after_seq, limit], audit_line)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The chain's head: its last entry's number and hash ((0, "") for an empty log).
    pub fn audit_head(&self) -> Result<(i64, String), StoreError> {
        Ok(self
            .conn
            .query_row("SELECT seq, hash FROM audit_head WHERE id = 1", [], |row| {
                Ok((row.get(0)?, row.get(1)?))
            })
            .optional()?
            .unwrap_or((0, String::new())))
    }

    /// The hash of entry `seq` ("" for entry 0, before the first).
    pub fn audit_hash(&self, seq: i64) -> Result<Option<String>, StoreError> {
        if seq == 0 {
            return Ok(Some(String::new()));
        }
        Ok(self
            .conn
            .query_row("SELECT hash FROM audit_log WHERE seq = ?1", [seq], |row| row.get(0))
            .optional()?)
    }

    /// A policy a claim is on, to travel with it, as a JSON object: one typed by hand (not
    /// from the register) with all its columns, a register's by its series and number (the
    /// head office has the register; a restored desk finds the row by them); `None` for none.
    pub fn hand_policy_json(&self, id: i64) -> Result<Option<String>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT CASE in_registry WHEN 0 THEN
                    json_object('id', id, 'series', series, 'number', number, 'issued_on', issued_on,
                        'starts_on', starts_on, 'ends_on', ends_on, 'premium_paid_on', premium_paid_on,
                        'sum_insured_tiyin', sum_insured_tiyin, 'full_name', full_name,
                        'birth_date', birth_date, 'pinfl', pinfl, 'passport', passport, 'phone', phone,
                        'address', address, 'loan_agreement', loan_agreement,
                        'loan_amount_tiyin', loan_amount_tiyin, 'branch', branch, 'in_registry', 0)
                    ELSE json_object('id', id, 'series', series, 'number', number, 'in_registry', 1) END
                 FROM policy WHERE id = ?1",
                [id],
                |row| row.get(0),
            )
            .optional()?)
    }

    /// The entry the head office confirmed and its hash as sent, if it confirmed any; none on
    /// a file from before the exchange (opened as found).
    pub fn head_office_confirmed(&self) -> Result<Option<(i64, String)>, StoreError> {
        let exists: bool = self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'exchange_state')",
            [],
            |row| row.get(0),
        )?;
        if !exists {
            return Ok(None);
        }
        Ok(self
            .conn
            .query_row(
                "SELECT confirmed_seq, confirmed_hash FROM exchange_state WHERE id = 1 AND confirmed_seq > 0",
                [],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .optional()?)
    }

    /// Remembers a bundle made: its number and the entries it carried.
    pub fn record_sent(&self, sent: &SentBundle) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT INTO exchange_sent (number, first_seq, last_seq, last_hash, size) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![sent.number, sent.first_seq, sent.last_seq, sent.last_hash, sent.size],
        )?;
        Ok(())
    }

    /// The last bundle made, if any.
    pub fn last_sent(&self) -> Result<Option<SentBundle>, StoreError> {
        self.sent_where("1 = 1 ORDER BY number DESC LIMIT 1", params![])
    }

    /// The bundle made under `number`, if any.
    pub fn sent(&self, number: i64) -> Result<Option<SentBundle>, StoreError> {
        self.sent_where("number = ?1", params![number])
    }

    fn sent_where(
        &self,
        condition: &str,
        values: &[&dyn rusqlite::ToSql],
    ) -> Result<Option<SentBundle>, StoreError> {
        let sql = format!(
            "SELECT number, first_seq, last_seq, last_hash, size, made_at FROM exchange_sent WHERE {condition}"
        );
        Ok(self
            .conn
            .query_row(&sql, values, |row| {
                let row = TypedRow::keyed(row, "exchange_sent", row.get("number")?);
                Ok(SentBundle {
                    number: row.get("number")?,
                    first_seq: row.get("first_seq")?,
                    last_seq: row.get("last_seq")?,
                    last_hash: row.get("last_hash")?,
                    size: row.get("size")?,
                    made_at: row.get("made_at")?,
                })
            })
            .optional()?)
    }

    /// Where the exchange stands.
    pub fn exchange_state(&self) -> Result<ExchangeState, StoreError> {
        Ok(self.conn.query_row(
            "SELECT acknowledged, confirmed_seq, confirmed_hash, acknowledged_at, applied, applied_at,
                    restored_from, restore_nonce
             FROM exchange_state WHERE id = 1",
            [],
            |row| {
                let row = TypedRow::keyed(row, "exchange_state", 1);
                Ok(ExchangeState {
                    acknowledged: row.get("acknowledged")?,
                    confirmed_seq: row.get("confirmed_seq")?,
                    confirmed_hash: row.get("confirmed_hash")?,
                    acknowledged_at: row.get("acknowledged_at")?,
                    applied: row.get("applied")?,
                    applied_at: row.get("applied_at")?,
                    restored_from: row.get("restored_from")?,
                    restore_nonce: row.get("restore_nonce")?,
                })
            },
        )?)
    }
}

/// What a head office bundle does here, applied in one transaction.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct HeadOfficeChanges {
    /// The head office's bundle number.
    pub number: i64,
    /// Our bundle it acknowledges, with the entry that bundle reached.
    pub acknowledged: Option<(i64, i64, String)>,
    /// Settings the head office owns, each stored only when it differs.
    pub settings: Vec<(String, String)>,
}

impl Store {
    /// Holds the desk from entry `from` on (the first after the backup's own; an earlier one it
    /// held from already stands): restored from a backup while enrolled, it waits for the
    /// head office's copy of what it lost. A new nonce each time.
    pub fn hold_for_history(&self, from: i64) -> Result<(), StoreError> {
        hold(&self.conn, from)
    }

    /// Applies a head office bundle: the history it sends back to a restored desk (replayed,
    /// its own changes logged against `history.actor`; the hold ended), its settings, its
    /// acknowledgement, its number — all or nothing.
    pub fn apply_head_office(
        &mut self,
        changes: &HeadOfficeChanges,
        history: Option<&crate::History<'_>>,
    ) -> Result<Option<crate::Replayed>, StoreError> {
        let tx = self.conn.transaction()?;
        let replayed = match history {
            None => None,
            Some(history) => {
                let applying = std::mem::replace(
                    &mut *self.actor.lock().unwrap_or_else(std::sync::PoisonError::into_inner),
                    history.actor.to_owned(),
                );
                let replayed = crate::replay::replay(&tx, history);
                *self.actor.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = applying;
                let replayed = replayed?;
                tx.execute(
                    "UPDATE exchange_state SET restored_from = NULL, restore_nonce = NULL WHERE id = 1",
                    [],
                )?;
                Some(replayed)
            }
        };
        for (key, value) in &changes.settings {
            tx.execute(
                "INSERT INTO setting (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET
                     value = excluded.value,
                     updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
                 WHERE value IS NOT excluded.value",
                params![key, value],
            )?;
        }
        if let Some((number, seq, hash)) = &changes.acknowledged {
            tx.execute(
                "UPDATE exchange_state SET acknowledged = ?1, confirmed_seq = ?2, confirmed_hash = ?3,
                     acknowledged_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
                 WHERE id = 1 AND acknowledged < ?1",
                params![number, seq, hash],
            )?;
        }
        tx.execute(
            "UPDATE exchange_state SET applied = ?1, applied_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = 1",
            [changes.number],
        )?;
        tx.commit()?;
        Ok(replayed)
    }
}

/// Holds the database of `conn` from entry `from` (see `Store::hold_for_history`); a file from
/// before migration 0021 is held once it has it.
pub(crate) fn hold(conn: &rusqlite::Connection, from: i64) -> Result<(), StoreError> {
    let mut nonce = [0u8; 16];
    rand_core::RngCore::fill_bytes(&mut rand_core::OsRng, &mut nonce);
    conn.execute(
        "UPDATE exchange_state SET restored_from = min(coalesce(restored_from, ?1), ?1), restore_nonce = ?2
         WHERE id = 1",
        rusqlite::params![from, crate::digest::hex(&nonce)],
    )?;
    Ok(())
}
