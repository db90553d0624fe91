//! The register's change log on the record (issue 18, migration 0016): `policy_change` rows are
//! not logged one by one (a refresh may write a hundred thousand); the audited one-row
//! `policy_change_digest` keeps the XOR of each row's SHA-256, updated once per import, and
//! `tovon audit verify` recomputes it.

use rusqlite::Connection;
use sha2::{Digest as _, Sha256};

use crate::StoreError;
use crate::digest::{hex, unhex};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct ChangeDigest([u8; 32]);

impl ChangeDigest {
    /// Adds a change row (or takes it out again): each field length-prefixed.
    pub(crate) fn toggle(&mut self, id: i64, policy_id: i64, import_id: i64, before: &str, after: &str) {
        let mut hasher = Sha256::new();
        for number in [id, policy_id, import_id] {
            hasher.update(number.to_le_bytes());
        }
        for text in [before, after] {
            hasher.update((text.len() as u64).to_le_bytes());
            hasher.update(text.as_bytes());
        }
        for (byte, with) in self.0.iter_mut().zip(hasher.finalize()) {
            *byte ^= with;
        }
    }

    /// The digest as kept; `None` before the program first computed it.
    pub(crate) fn kept(conn: &Connection) -> rusqlite::Result<Option<String>> {
        let kept: String =
            conn.query_row("SELECT digest FROM policy_change_digest WHERE id = 1", [], |row| row.get(0))?;
        Ok((kept != "pending").then_some(kept))
    }

    /// The digest of the change rows as they are now.
    pub(crate) fn of_table(conn: &Connection) -> Result<ChangeDigest, StoreError> {
        let mut digest = ChangeDigest::default();
        let mut statement =
            conn.prepare("SELECT id, policy_id, import_id, before, after FROM policy_change")?;
        let mut rows = statement.query([])?;
        while let Some(row) = rows.next()? {
            let (before, after): (String, String) = (row.get(3)?, row.get(4)?);
            digest.toggle(row.get(0)?, row.get(1)?, row.get(2)?, &before, &after);
        }
        Ok(digest)
    }

    /// The digest an import starts from (computed when still pending).
    pub(crate) fn current(tx: &Connection) -> Result<ChangeDigest, StoreError> {
        match ChangeDigest::kept(tx)? {
            Some(text) => unhex::<32>(&text).map(ChangeDigest).ok_or_else(|| {
                StoreError::BadValue(crate::BadValue {
                    table: "policy_change_digest",
                    id: 1,
                    column: "digest",
                    value: text,
                    expected: "a SHA-256 in hex",
                })
            }),
            None => ChangeDigest::of_table(tx),
        }
    }

    pub(crate) fn hex(&self) -> String {
        hex(&self.0)
    }

    /// Keeps the digest (an audited change: one entry of the chain).
    pub(crate) fn keep(&self, tx: &Connection) -> rusqlite::Result<()> {
        tx.execute(
            "UPDATE policy_change_digest SET digest = ?1 WHERE id = 1 AND digest IS NOT ?1",
            [self.hex()],
        )?;
        Ok(())
    }
}
