//! A desk's enrolment request (issue 20): the file its administrator hands the head office,
//! with the branch and the desk's public keys, and their fingerprint to compare by phone.

use serde::{Deserialize, Serialize};

use crate::keys::{Party, fingerprint};

/// The request as written to its file (JSON, `docs/exchange.md`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnrolmentRequest {
    pub format: u32,
    /// The desk's branch code ("ТШ").
    pub branch: String,
    /// Ed25519, 64 hex digits: what the desk's bundles are signed with.
    pub verifying_key: String,
    /// X25519 as age writes it ("age1…"): what the head office encrypts to.
    pub recipient: String,
    pub fingerprint: String,
}

/// Why a request is not taken.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RequestError {
    #[error("not an enrolment request: {detail}")]
    NotARequest { detail: String },
    #[error("the request's format {found} is newer than this program's {known}")]
    NewerFormat { found: u32, known: u32 },
    #[error("the request has no branch code")]
    NoBranch,
    #[error("the request's keys do not read")]
    BadKeys,
    #[error("the request's fingerprint {written} is not its keys' {computed}")]
    WrongFingerprint { written: String, computed: String },
}

impl EnrolmentRequest {
    /// The request of the party `public` in `branch`.
    pub fn of(branch: &str, public: &Party) -> EnrolmentRequest {
        EnrolmentRequest {
            format: crate::FORMAT,
            branch: branch.to_owned(),
            verifying_key: public.verifying_hex(),
            recipient: public.recipient_text(),
            fingerprint: fingerprint(public),
        }
    }

    /// A request read from its file and checked: a format we read, a branch, keys that read,
    /// and a fingerprint that is theirs. Returns it with the desk as a party.
    pub fn read(text: &[u8]) -> Result<(EnrolmentRequest, Party), RequestError> {
        let request: EnrolmentRequest = serde_json::from_slice(text)
            .map_err(|error| RequestError::NotARequest { detail: error.to_string() })?;
        let party = checked(
            request.format,
            &request.branch,
            &request.verifying_key,
            &request.recipient,
            &request.fingerprint,
        )?;
        Ok((request, party))
    }
}

/// The head office's public keys as it hands them to a desk's administrator (issue 20); the
/// desk trusts them once the fingerprint read from paper or over the phone is theirs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PartyFile {
    pub format: u32,
    pub name: String,
    pub verifying_key: String,
    pub recipient: String,
    pub fingerprint: String,
}

impl PartyFile {
    pub fn of(name: &str, public: &Party) -> PartyFile {
        PartyFile {
            format: crate::FORMAT,
            name: name.to_owned(),
            verifying_key: public.verifying_hex(),
            recipient: public.recipient_text(),
            fingerprint: fingerprint(public),
        }
    }

    /// A party file read and checked as a request is; returns the party.
    pub fn read(text: &[u8]) -> Result<(PartyFile, Party), RequestError> {
        let file: PartyFile = serde_json::from_slice(text)
            .map_err(|error| RequestError::NotARequest { detail: error.to_string() })?;
        let party =
            checked(file.format, &file.name, &file.verifying_key, &file.recipient, &file.fingerprint)?;
        Ok((file, party))
    }
}

/// The checks a file of public keys passes: its format, a name, keys that read, a
/// fingerprint that is theirs.
fn checked(
    format: u32,
    name: &str,
    verifying: &str,
    recipient: &str,
    written: &str,
) -> Result<Party, RequestError> {
    if format > crate::FORMAT {
        return Err(RequestError::NewerFormat { found: format, known: crate::FORMAT });
    }
    if name.trim().is_empty() {
        return Err(RequestError::NoBranch);
    }
    let party = Party::from_text(verifying, recipient).ok_or(RequestError::BadKeys)?;
    let computed = fingerprint(&party);
    if computed != written {
        return Err(RequestError::WrongFingerprint { written: written.to_owned(), computed });
    }
    Ok(party)
}
