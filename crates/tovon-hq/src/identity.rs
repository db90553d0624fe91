//! The head office's own key pairs (issue 20): Ed25519 to sign what it sends, X25519 to open
//! what desks send it, in one key file its owner alone reads, made at first use and never
//! replaced; its public half is the party file a desk's administrator trusts.

use std::io::Write;
use std::path::Path;

use ed25519_dalek::SigningKey;
use tovon_exchange::ExchangeIdentity;

use crate::HqError;

/// The key file's first line; then the Ed25519 secret in hex, then the age identity.
const HEADER: &str = "tovon hq key 1";

/// The head office's identity from the key file at `path`, made there when there is none.
pub fn identity(path: &Path) -> Result<ExchangeIdentity, HqError> {
    let damaged = || HqError::KeyFile {
        path: path.display().to_string(),
        problem: "not a head office key file".to_owned(),
    };
    let file_error = |error: std::io::Error| HqError::KeyFile {
        path: path.display().to_string(),
        problem: error.to_string(),
    };
    match std::fs::read_to_string(path) {
        Ok(text) => {
            let mut lines = text.lines();
            if lines.next() != Some(HEADER) {
                return Err(damaged());
            }
            let secret = lines.next().map(str::trim).and_then(unhex32).ok_or_else(damaged)?;
            let decryption = lines.next().ok_or_else(damaged)?;
            ExchangeIdentity::new(SigningKey::from_bytes(&secret), decryption).ok_or_else(damaged)
        }
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            let signing = SigningKey::generate(&mut rand_core::OsRng);
            let secret: String = signing.as_bytes().iter().map(|byte| format!("{byte:02x}")).collect();
            let made = ExchangeIdentity::with_new_decryption(signing);
            write_private(path, format!("{HEADER}\n{secret}\n{}\n", made.decryption_text()).as_bytes())
                .map_err(file_error)?;
            Ok(made)
        }
        Err(error) => Err(file_error(error)),
    }
}

/// Writes a new file only its owner reads (0600), synced; never over an existing one.
pub(crate) fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

fn unhex32(text: &str) -> Option<[u8; 32]> {
    let bytes: Vec<u8> = (0..text.len())
        .step_by(2)
        .map(|at| text.get(at..at + 2).and_then(|pair| u8::from_str_radix(pair, 16).ok()))
        .collect::<Option<_>>()?;
    bytes.try_into().ok()
}
