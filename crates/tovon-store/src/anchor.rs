//! Anchors (issue 18): the audit chain's head — an entry's number and hash — signed with the
//! desk's key and kept outside the database: in every issued document, and in anchor files the
//! administrator keeps elsewhere. A later check says whether the log still holds that entry
//! with that hash; a log rewritten before it (even with every hash recomputed) contradicts it.
//!
//! One line of text, the same in a file and in a PDF's `Identifier`:
//! `tovon-anchor/1 key=<public key> entry=<seq> hash=<entry hash> at=<UTC time> sig=<Ed25519>`,
//! the signature over everything before ` sig=`.

use ed25519_dalek::{Signature, VerifyingKey};
use rusqlite::{Connection, OptionalExtension};

use crate::digest::unhex;
use crate::{DeskKey, Store, StoreError};

/// What every anchor line starts with (its format's version).
pub const ANCHOR_MARK: &str = "tovon-anchor/1";

/// The chain's head at one moment, signed by a desk key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Anchor {
    /// The signing desk's public key (hex).
    pub key: String,
    /// The entry the anchor vouches for: the log's last at the time.
    pub seq: i64,
    /// That entry's hash.
    pub hash: String,
    /// When it was signed, UTC (`2026-12-05T09:30:00Z`).
    pub at: String,
    pub signature: String,
}

/// Why a text holds no anchor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum AnchorProblem {
    #[error("no anchor found")]
    NotFound,
    #[error("the anchor is damaged")]
    Damaged,
}

/// What the log says to an anchor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AnchorCheck {
    /// The log holds the anchored entry with the anchored hash.
    Confirmed,
    /// The signature does not hold: the anchor was edited, or not made by a desk.
    BadSignature,
    /// Signed by a key this desk has never had (another desk's, or the keys were replaced).
    UnknownKey,
    /// The log's entry has another hash: the log was rewritten up to it.
    Contradicted,
    /// The log ends before the anchored entry (`last`): its tail was cut.
    Missing { last: i64 },
}

impl Anchor {
    /// The part the signature covers.
    fn signed_part(&self) -> String {
        format!("{ANCHOR_MARK} key={} entry={} hash={} at={}", self.key, self.seq, self.hash, self.at)
    }

    /// The anchor as one line of text.
    pub fn line(&self) -> String {
        format!("{} sig={}", self.signed_part(), self.signature)
    }

    /// Signs the head `(seq, hash)` at `at` with `key`.
    pub(crate) fn sign(key: &DeskKey, seq: i64, hash: &str, at: &str) -> Anchor {
        let mut anchor = Anchor {
            key: key.public_hex(),
            seq,
            hash: hash.to_owned(),
            at: at.to_owned(),
            signature: String::new(),
        };
        anchor.signature = key.sign(anchor.signed_part().as_bytes());
        anchor
    }

    /// Reads one anchor line (as `line` writes it).
    pub fn parse(line: &str) -> Result<Anchor, AnchorProblem> {
        let rest = line.trim().strip_prefix(ANCHOR_MARK).ok_or(AnchorProblem::NotFound)?;
        let mut fields = rest.split_ascii_whitespace();
        let mut field = |name: &str| {
            fields
                .next()
                .and_then(|field| field.strip_prefix(name))
                .and_then(|field| field.strip_prefix('='))
                .map(str::to_owned)
                .ok_or(AnchorProblem::Damaged)
        };
        let (key, seq, hash, at, signature) =
            (field("key")?, field("entry")?, field("hash")?, field("at")?, field("sig")?);
        if fields.next().is_some() || unhex::<32>(&key).is_none() || unhex::<32>(&hash).is_none() {
            return Err(AnchorProblem::Damaged);
        }
        let seq = seq.parse::<i64>().ok().filter(|seq| *seq >= 0).ok_or(AnchorProblem::Damaged)?;
        Ok(Anchor { key, seq, hash, at, signature })
    }

    /// The first anchor in `bytes`: an anchor file (its comment lines skipped) or an issued
    /// PDF (the anchor is its `Identifier`, a literal string).
    pub fn find_in(bytes: &[u8]) -> Result<Anchor, AnchorProblem> {
        let mark = ANCHOR_MARK.as_bytes();
        let start =
            bytes.windows(mark.len()).position(|window| window == mark).ok_or(AnchorProblem::NotFound)?;
        let line: Vec<u8> = bytes[start..]
            .iter()
            .copied()
            .take_while(|byte| !matches!(byte, b')' | b'\n' | b'\r') && byte.is_ascii())
            .take(1024)
            .collect();
        Anchor::parse(std::str::from_utf8(&line).map_err(|_| AnchorProblem::Damaged)?)
    }

    /// Whether the signature is the anchor key's over the anchor.
    pub fn signature_holds(&self) -> bool {
        let (Some(key), Some(signature)) = (unhex::<32>(&self.key), unhex::<64>(&self.signature)) else {
            return false;
        };
        let Ok(key) = VerifyingKey::from_bytes(&key) else {
            return false;
        };
        key.verify_strict(self.signed_part().as_bytes(), &Signature::from_bytes(&signature)).is_ok()
    }
}

/// The chain's head as `conn` sees it (inside a transaction: with its writes so far), signed
/// now by `key`.
pub(crate) fn anchor_head(conn: &Connection, key: &DeskKey) -> Result<Anchor, StoreError> {
    let (seq, hash, at): (i64, String, String) = conn
        .query_row(
            "SELECT seq, hash, strftime('%Y-%m-%dT%H:%M:%SZ', 'now') FROM audit_head WHERE id = 1",
            [],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
        )
        .optional()?
        .ok_or(StoreError::NoAuditHead)?;
    Ok(Anchor::sign(key, seq, &hash, &at))
}

impl Store {
    /// The chain's head now, signed by the desk's key (`tovon audit anchor`).
    pub fn anchor(&self) -> Result<Anchor, StoreError> {
        anchor_head(&self.conn, self.desk_key()?)
    }

    /// What the log says to `anchor`.
    pub fn check_anchor(&self, anchor: &Anchor) -> Result<AnchorCheck, StoreError> {
        if !anchor.signature_holds() {
            return Ok(AnchorCheck::BadSignature);
        }
        let known: bool = self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM desk_key WHERE public_key = ?1)",
            [&anchor.key],
            |row| row.get(0),
        )?;
        if !known {
            return Ok(AnchorCheck::UnknownKey);
        }
        let found: Option<String> = self
            .conn
            .query_row("SELECT hash FROM audit_log WHERE seq = ?1", [anchor.seq], |row| row.get(0))
            .optional()?;
        Ok(match found {
            Some(hash) if hash == anchor.hash => AnchorCheck::Confirmed,
            Some(_) => AnchorCheck::Contradicted,
            None => AnchorCheck::Missing {
                last: self
                    .conn
                    .query_row("SELECT coalesce(max(seq), 0) FROM audit_log", [], |row| row.get(0))?,
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_anchor_reads_back_from_its_line_and_any_edit_breaks_its_signature() {
        let key = DeskKey::generate();
        let anchor = Anchor::sign(&key, 42, &"ab".repeat(32), "2026-12-05T09:30:00Z");
        assert!(anchor.signature_holds());
        let line = anchor.line();
        assert_eq!(Anchor::parse(&line), Ok(anchor.clone()));
        let in_pdf = format!("<< /Identifier ({line}) /Title <FEFF> >>");
        assert_eq!(Anchor::find_in(in_pdf.as_bytes()), Ok(anchor.clone()));
        let file = format!("# a comment\n{line}\n");
        assert_eq!(Anchor::find_in(file.as_bytes()), Ok(anchor.clone()));
        let edited = Anchor::parse(&line.replace("entry=42", "entry=43")).expect("parses");
        assert!(!edited.signature_holds());
        assert_eq!(Anchor::find_in(b"%PDF-1.7 nothing"), Err(AnchorProblem::NotFound));
        assert_eq!(Anchor::parse("tovon-anchor/1 key=00"), Err(AnchorProblem::Damaged));
        assert_eq!(Anchor::parse(&line.replace("entry=42", "entry=-1")), Err(AnchorProblem::Damaged));
    }
}
