//! A bundle: its manifest (who to whom, which number, what it acknowledges, which audit
//! entries, each member's size and SHA-256), signed by the sender, and its members' bytes —
//! all of it encrypted to the receiver. `open` believes nothing before every check holds.

use ed25519_dalek::{Signature, Signer};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::keys::{ExchangeIdentity, Party};

/// The format this program writes and reads (`docs/exchange.md`).
pub const FORMAT: u32 = 1;

/// The first bytes of a bundle's plain text.
const MAGIC: &[u8] = b"TOVON-BUNDLE\n";
const SIGNATURE_LEN: usize = 64;

/// The audit entries a bundle carries: from `first` to `last`, the hash before the first
/// (what they continue) and the last one's (the sender's chain head).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuditRange {
    pub first: i64,
    pub last: i64,
    pub previous_hash: String,
    pub last_hash: String,
}

/// One member as the manifest lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MemberInfo {
    pub name: String,
    pub size: u64,
    pub sha256: String,
}

/// What a bundle says of itself; signed by its sender.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    pub format: u32,
    /// The sender's database schema version: a receiver with an older one refuses the bundle.
    pub schema: i64,
    pub sender: String,
    pub receiver: String,
    /// The sender's bundle number to this receiver, from 1.
    pub number: u64,
    /// The receiver's last bundle the sender applied (0: none).
    pub acknowledges: u64,
    pub audit: Option<AuditRange>,
    pub members: Vec<MemberInfo>,
}

/// A named piece of a bundle: the audit entries, a PDF, a scan, a register.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// A bundle that passed every check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Opened {
    pub manifest: Manifest,
    pub members: Vec<Member>,
}

/// Why a received file is refused; nothing of it is to be applied.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BundleError {
    #[error("the bundle is encrypted to another receiver's key")]
    NotForUs,
    #[error("the bundle is damaged or cut short: {detail}")]
    Damaged { detail: String },
    #[error("the bundle's format {found} is newer than this program's {known}")]
    NewerFormat { found: u32, known: u32 },
    #[error("the sender's schema {found} is newer than this database's {known}: update the program")]
    NewerSchema { found: i64, known: i64 },
    #[error("the bundle is addressed to {named}, not to us")]
    OtherReceiver { named: String },
    #[error("the bundle comes from {sender}, which is not a known party")]
    UnknownSender { sender: String },
    #[error("the bundle's signature does not hold for {sender}")]
    BadSignature { sender: String },
    #[error("member {name} is not what the signed manifest says")]
    MemberChanged { name: String },
}

fn damaged(detail: impl Into<String>) -> BundleError {
    BundleError::Damaged { detail: detail.into() }
}

/// The SHA-256 of `bytes` in lower-case hex, as manifests and member names write it.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|byte| format!("{byte:02x}")).collect()
}

/// Signs `manifest` (its members listed from `members`) as `sender` and encrypts the whole to
/// `receiver`.
pub fn seal(
    mut manifest: Manifest,
    members: &[Member],
    sender: &ExchangeIdentity,
    receiver: &Party,
) -> Result<Vec<u8>, BundleError> {
    manifest.format = FORMAT;
    manifest.members = members
        .iter()
        .map(|member| MemberInfo {
            name: member.name.clone(),
            size: member.bytes.len() as u64,
            sha256: sha256_hex(&member.bytes),
        })
        .collect();
    let text = serde_json::to_vec(&manifest).map_err(|error| damaged(error.to_string()))?;
    let length = u32::try_from(text.len()).map_err(|_| damaged("a manifest over 4 GB"))?;
    let signature = sender.signing.sign(&text);
    let size = members.iter().map(|member| member.bytes.len()).sum::<usize>();
    let mut plain = Vec::with_capacity(MAGIC.len() + 4 + text.len() + SIGNATURE_LEN + size);
    plain.extend_from_slice(MAGIC);
    plain.extend_from_slice(&length.to_be_bytes());
    plain.extend_from_slice(&text);
    plain.extend_from_slice(&signature.to_bytes());
    for member in members {
        plain.extend_from_slice(&member.bytes);
    }
    age::encrypt(&receiver.recipient, &plain).map_err(|error| damaged(error.to_string()))
}

/// Decrypts a received file as `us` (a name `is_us` takes as ours, at schema `our_schema`) and
/// checks it: addressed to us, a format and a schema we read, from a party `sender_of` knows,
/// its signature, every member against the signed manifest, nothing missing and nothing after.
pub fn open(
    sealed: &[u8],
    us: &ExchangeIdentity,
    is_us: impl Fn(&str) -> bool,
    our_schema: i64,
    sender_of: impl Fn(&str) -> Option<Party>,
) -> Result<Opened, BundleError> {
    let plain = age::decrypt(&us.decryption, sealed).map_err(|error| match error {
        age::DecryptError::NoMatchingKeys => BundleError::NotForUs,
        other => damaged(other.to_string()),
    })?;
    let rest = plain.strip_prefix(MAGIC).ok_or_else(|| damaged("not a Tovon bundle"))?;
    let (length, rest) = rest.split_first_chunk::<4>().ok_or_else(|| damaged("cut short in its header"))?;
    let length = u32::from_be_bytes(*length) as usize;
    if rest.len() < length + SIGNATURE_LEN {
        return Err(damaged("cut short in its manifest"));
    }
    let (text, rest) = rest.split_at(length);
    let (signature, mut body) = rest.split_at(SIGNATURE_LEN);
    let manifest = manifest_of(text, our_schema)?;
    if !is_us(&manifest.receiver) {
        return Err(BundleError::OtherReceiver { named: manifest.receiver });
    }
    let sender = sender_of(&manifest.sender)
        .ok_or_else(|| BundleError::UnknownSender { sender: manifest.sender.clone() })?;
    let signature =
        Signature::from_slice(signature).map_err(|_| damaged("a signature of the wrong length"))?;
    if sender.verifying.verify_strict(text, &signature).is_err() {
        return Err(BundleError::BadSignature { sender: manifest.sender });
    }
    let mut members = Vec::with_capacity(manifest.members.len());
    for info in &manifest.members {
        let size = usize::try_from(info.size).map_err(|_| damaged("a member too large"))?;
        if body.len() < size {
            return Err(damaged(format!("cut short in member {}", info.name)));
        }
        let (bytes, after) = body.split_at(size);
        if sha256_hex(bytes) != info.sha256 {
            return Err(BundleError::MemberChanged { name: info.name.clone() });
        }
        members.push(Member { name: info.name.clone(), bytes: bytes.to_vec() });
        body = after;
    }
    if !body.is_empty() {
        return Err(damaged("bytes after its last member"));
    }
    Ok(Opened { manifest, members })
}

/// The manifest, after its format and schema are seen to be ones we read.
fn manifest_of(text: &[u8], our_schema: i64) -> Result<Manifest, BundleError> {
    let value: serde_json::Value =
        serde_json::from_slice(text).map_err(|error| damaged(format!("its manifest: {error}")))?;
    let found = value.get("format").and_then(serde_json::Value::as_u64).unwrap_or(0);
    if found > u64::from(FORMAT) {
        return Err(BundleError::NewerFormat {
            found: u32::try_from(found).unwrap_or(u32::MAX),
            known: FORMAT,
        });
    }
    let schema = value.get("schema").and_then(serde_json::Value::as_i64).unwrap_or(0);
    if schema > our_schema {
        return Err(BundleError::NewerSchema { found: schema, known: our_schema });
    }
    serde_json::from_value(value).map_err(|error| damaged(format!("its manifest: {error}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A bundle's plain text changed by `edit`, encrypted again to the same receiver: what a
    /// sender holding the receiver's public key (anyone) could make without the signing key.
    fn tampered(edit: impl Fn(&mut Vec<u8>)) -> Result<Opened, BundleError> {
        let desk = ExchangeIdentity::with_new_decryption(ed25519_dalek::SigningKey::from_bytes(&[7; 32]));
        let hq = ExchangeIdentity::with_new_decryption(ed25519_dalek::SigningKey::from_bytes(&[9; 32]));
        let manifest = Manifest {
            format: 0,
            schema: 1,
            sender: "ТШ".to_owned(),
            receiver: "HQ".to_owned(),
            number: 1,
            acknowledges: 0,
            audit: None,
            members: vec![],
        };
        let member = Member { name: "audit.jsonl".to_owned(), bytes: b"{\"seq\":1}\n".to_vec() };
        let sealed =
            seal(manifest, &[member], &desk, &hq.public()).map_err(|error| damaged(error.to_string()))?;
        let mut plain = age::decrypt(&hq.decryption, &sealed).map_err(|error| damaged(error.to_string()))?;
        edit(&mut plain);
        let again =
            age::encrypt(&hq.public().recipient, &plain).map_err(|error| damaged(error.to_string()))?;
        let known = desk.public();
        open(&again, &hq, |name| name == "HQ", 1, |_| Some(known.clone()))
    }

    #[test]
    fn a_member_changed_under_its_signed_manifest_is_refused_by_name() {
        let changed = tampered(|plain| {
            if let Some(last) = plain.last_mut() {
                *last ^= 1;
            }
        });
        assert_eq!(changed, Err(BundleError::MemberChanged { name: "audit.jsonl".to_owned() }));
    }

    #[test]
    fn bytes_added_after_the_last_member_or_a_manifest_edited_are_refused() {
        assert!(matches!(tampered(|plain| plain.push(b'x')), Err(BundleError::Damaged { .. })));
        let edited = tampered(|plain| {
            let at = plain.windows(9).position(|window| window == b"\"number\":").unwrap_or(0) + 9;
            plain[at] = b'7';
        });
        assert_eq!(edited, Err(BundleError::BadSignature { sender: "ТШ".to_owned() }));
        let newer = tampered(|plain| {
            let at = plain.windows(9).position(|window| window == b"\"format\":").unwrap_or(0) + 9;
            plain[at] = b'9';
        });
        assert_eq!(newer, Err(BundleError::NewerFormat { found: 9, known: FORMAT }));
    }
}
