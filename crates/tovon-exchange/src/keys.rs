//! The two key pairs of a party to the exchange: Ed25519 to sign what it sends (the desk's
//! audit key of issue 18), X25519 to open what is sent to it; and the public half another
//! party keeps, with the fingerprint people compare on paper or over the phone.

use age::secrecy::ExposeSecret;
use ed25519_dalek::{SigningKey, VerifyingKey};
use sha2::{Digest, Sha256};

/// What a party holds privately.
pub struct ExchangeIdentity {
    pub(crate) signing: SigningKey,
    pub(crate) decryption: age::x25519::Identity,
}

impl ExchangeIdentity {
    /// A party's identity from its signing key and its decryption key as written by
    /// [`ExchangeIdentity::decryption_text`] ("AGE-SECRET-KEY-1…"); `None` when that text is
    /// not such a key.
    pub fn new(signing: SigningKey, decryption: &str) -> Option<ExchangeIdentity> {
        let decryption = decryption.trim().parse::<age::x25519::Identity>().ok()?;
        Some(ExchangeIdentity { signing, decryption })
    }

    /// A new decryption key from the operating system's randomness, for a party whose
    /// signing key exists already.
    pub fn with_new_decryption(signing: SigningKey) -> ExchangeIdentity {
        ExchangeIdentity { signing, decryption: age::x25519::Identity::generate() }
    }

    /// The decryption key as text, to be kept in a file only its owner reads.
    pub fn decryption_text(&self) -> String {
        self.decryption.to_string().expose_secret().to_owned()
    }

    /// What another party keeps of this one.
    pub fn public(&self) -> Party {
        Party { verifying: self.signing.verifying_key(), recipient: self.decryption.to_public() }
    }
}

/// A party as another knows it: the key its bundles are signed with, the key to encrypt to.
#[derive(Clone)]
pub struct Party {
    pub verifying: VerifyingKey,
    pub recipient: age::x25519::Recipient,
}

impl std::fmt::Debug for Party {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Party({})", fingerprint(self))
    }
}

impl Party {
    /// A party from its public keys as text: the Ed25519 key in hex, the X25519 one as age
    /// writes it ("age1…").
    pub fn from_text(verifying_hex: &str, recipient: &str) -> Option<Party> {
        let bytes: Vec<u8> = (0..verifying_hex.len())
            .step_by(2)
            .map(|at| verifying_hex.get(at..at + 2).and_then(|pair| u8::from_str_radix(pair, 16).ok()))
            .collect::<Option<_>>()?;
        let verifying = VerifyingKey::from_bytes(&bytes.try_into().ok()?).ok()?;
        let recipient = recipient.trim().parse::<age::x25519::Recipient>().ok()?;
        Some(Party { verifying, recipient })
    }

    pub fn verifying_hex(&self) -> String {
        self.verifying.as_bytes().iter().map(|byte| format!("{byte:02x}")).collect()
    }

    pub fn recipient_text(&self) -> String {
        self.recipient.to_string()
    }
}

/// The fingerprint of a party's public keys: SHA-256 over both, its first 16 bytes in groups
/// of four hex digits ("3f2a 9c01 …"), short enough to read out over the phone.
pub fn fingerprint(party: &Party) -> String {
    let digest = Sha256::new()
        .chain_update(party.verifying.as_bytes())
        .chain_update(party.recipient_text().as_bytes())
        .finalize();
    let hex: Vec<String> =
        digest[..16].chunks(2).map(|pair| format!("{:02x}{:02x}", pair[0], pair[1])).collect();
    hex.join(" ")
}
