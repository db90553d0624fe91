//! The audit entries a desk's bundle carries (`audit.jsonl`): one JSON object a line, each as
//! the desk's log holds it, and the chain they must form. The head office recomputes every
//! entry's hash the way the desk's log made it, so an entry's content is believed only when
//! its hash is its own and it continues the one before.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::bundle::AuditRange;

/// One entry of a desk's audit log, field for field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuditLine {
    pub seq: i64,
    pub at: String,
    pub actor: String,
    pub entity: String,
    pub entity_key: String,
    pub claim_id: Option<i64>,
    pub action: String,
    /// The row before, as the log's JSON text (kept as text: the hash covers its bytes).
    pub before: Option<String>,
    pub after: Option<String>,
    pub prev_hash: String,
    pub hash: String,
}

/// Why carried entries are not a chain.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChainError {
    #[error("line {line} of the audit entries does not read: {detail}")]
    Unreadable { line: usize, detail: String },
    #[error("entry {seq}'s hash is not its own: it was changed")]
    Altered { seq: i64 },
    #[error("entry {seq} does not continue entry {previous}")]
    Unlinked { seq: i64, previous: i64 },
    #[error("the entries are not the range the manifest names: {detail}")]
    NotTheRange { detail: String },
}

/// A hasher fed the way the desk's `link_hash` is: a null as `n;`, an integer as `i<n>;`, a
/// text as `t<length>:<bytes>;`.
struct Link(Sha256);

impl Link {
    fn integer(&mut self, value: i64) {
        self.0.update(format!("i{value};").as_bytes());
    }

    fn text(&mut self, value: Option<&str>) {
        match value {
            None => self.0.update(b"n;"),
            Some(value) => {
                self.0.update(format!("t{}:", value.len()).as_bytes());
                self.0.update(value.as_bytes());
                self.0.update(b";");
            }
        }
    }
}

impl AuditLine {
    /// The entry's hash as the desk's log computes it (`tovon_audit_hash`): seq, the previous
    /// hash, at, actor, entity, key, claim, action, before, after.
    pub fn computed_hash(&self) -> String {
        let mut link = Link(Sha256::new());
        link.integer(self.seq);
        link.text(Some(&self.prev_hash));
        link.text(Some(&self.at));
        link.text(Some(&self.actor));
        link.text(Some(&self.entity));
        link.text(Some(&self.entity_key));
        match self.claim_id {
            Some(claim) => link.integer(claim),
            None => link.text(None),
        }
        link.text(Some(&self.action));
        link.text(self.before.as_deref());
        link.text(self.after.as_deref());
        link.0.finalize().iter().map(|byte| format!("{byte:02x}")).collect()
    }
}

/// The entries as a member's bytes.
pub fn write_lines(lines: &[AuditLine]) -> Vec<u8> {
    let mut bytes = Vec::new();
    for line in lines {
        // A struct of strings and integers always serializes.
        bytes.extend_from_slice(serde_json::to_string(line).unwrap_or_default().as_bytes());
        bytes.push(b'\n');
    }
    bytes
}

/// The entries of a member, checked: each line reads, each hash is its entry's own, each
/// entry continues the one before, and together they are exactly `range`.
pub fn read_chain(bytes: &[u8], range: &AuditRange) -> Result<Vec<AuditLine>, ChainError> {
    let mut lines = Vec::new();
    for (index, line) in bytes.split(|byte| *byte == b'\n').enumerate() {
        if line.is_empty() {
            continue;
        }
        let entry: AuditLine = serde_json::from_slice(line)
            .map_err(|error| ChainError::Unreadable { line: index + 1, detail: error.to_string() })?;
        lines.push(entry);
    }
    check_chain(&lines, range)?;
    Ok(lines)
}

/// Entries already read, checked: each hash is its entry's own, each entry continues the one
/// before, and together they are exactly `range`.
pub fn check_chain(lines: &[AuditLine], range: &AuditRange) -> Result<(), ChainError> {
    let (mut previous_seq, mut previous_hash) = (range.first - 1, range.previous_hash.as_str());
    for entry in lines {
        if entry.seq != previous_seq + 1 || entry.prev_hash != previous_hash {
            return Err(ChainError::Unlinked { seq: entry.seq, previous: previous_seq });
        }
        if entry.computed_hash() != entry.hash {
            return Err(ChainError::Altered { seq: entry.seq });
        }
        previous_seq = entry.seq;
        previous_hash = &entry.hash;
    }
    if previous_seq != range.last || previous_hash != range.last_hash {
        return Err(ChainError::NotTheRange {
            detail: format!("{}–{} named, {} carried", range.first, range.last, lines.len()),
        });
    }
    Ok(())
}
