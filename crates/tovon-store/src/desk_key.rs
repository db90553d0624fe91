//! The desk's signing key (issue 18): an Ed25519 pair made at first start. The private key is
//! a file beside the database, the owner's alone — not in the database, so never in one of its
//! backups; every public key the desk has had is kept in the audited `desk_key` table, so what
//! an earlier key signed still verifies after the key file is lost.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use ed25519_dalek::{Signer, SigningKey};
use rusqlite::{Connection, params};

use crate::StoreError;
use crate::digest::{hex, unhex};

/// The key file's first line; the second is the 32-byte secret in hex.
const HEADER: &str = "tovon desk key 1";
/// A key file is two short lines: anything longer is not one.
const MOST_BYTES: u64 = 1024;

/// Why the desk has a key the database did not know yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyReason {
    /// The desk's first start.
    FirstStart,
    /// The key file was missing (a database restored on new hardware, the file deleted): a
    /// new pair was made.
    KeyMissing,
    /// A key file the database did not know (a database replaced by an older copy).
    KeyUnknown,
}

impl KeyReason {
    pub fn code(self) -> &'static str {
        match self {
            KeyReason::FirstStart => "first_start",
            KeyReason::KeyMissing => "key_missing",
            KeyReason::KeyUnknown => "key_unknown",
        }
    }
}

impl FromStr for KeyReason {
    type Err = ();

    fn from_str(code: &str) -> Result<Self, ()> {
        [KeyReason::FirstStart, KeyReason::KeyMissing, KeyReason::KeyUnknown]
            .into_iter()
            .find(|reason| reason.code() == code)
            .ok_or(())
    }
}

/// The private key, held while the store is open.
pub struct DeskKey {
    signing: SigningKey,
}

impl std::fmt::Debug for DeskKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "DeskKey({})", self.public_hex())
    }
}

impl DeskKey {
    /// A new pair from the operating system's randomness.
    pub fn generate() -> DeskKey {
        DeskKey { signing: SigningKey::generate(&mut rand_core::OsRng) }
    }

    /// The public key, 64 lower-case hex digits.
    pub fn public_hex(&self) -> String {
        hex(self.signing.verifying_key().as_bytes())
    }

    /// The Ed25519 signature of `message`, 128 hex digits.
    pub(crate) fn sign(&self, message: &[u8]) -> String {
        hex(&self.signing.sign(message).to_bytes())
    }

    /// The private key itself, for signing exchange bundles (issue 20).
    pub fn signing_key(&self) -> SigningKey {
        self.signing.clone()
    }
}

/// A public key the desk has had.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnownKey {
    pub public_key: String,
    pub made_at: String,
    pub reason: KeyReason,
}

/// The key file of the database at `db`: `tovon.sqlite3` → `tovon.sqlite3.key`.
pub fn key_path(db: &Path) -> PathBuf {
    let mut name = db.file_name().map(std::ffi::OsStr::to_os_string).unwrap_or_default();
    name.push(".key");
    db.with_file_name(name)
}

/// The secret line of the key file at `path` whose first line is `header`; `None` when there
/// is no such file. A file that is not such a key file is an error naming it, never replaced.
fn read_secret(path: &Path, header: &str) -> Result<Option<String>, StoreError> {
    let file_error = |source| StoreError::File { path: path.to_owned(), source };
    let file = match std::fs::File::open(path) {
        Ok(file) => file,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(error) => return Err(file_error(error)),
    };
    let mut text = String::new();
    let damaged = || StoreError::DeskKeyDamaged { path: path.to_owned() };
    file.take(MOST_BYTES + 1).read_to_string(&mut text).map_err(|_| damaged())?;
    let mut lines = text.lines();
    if lines.next() != Some(header) {
        return Err(damaged());
    }
    let secret = lines.next().map(str::trim).filter(|line| !line.is_empty()).ok_or_else(damaged)?.to_owned();
    if text.len() as u64 > MOST_BYTES || lines.any(|line| !line.trim().is_empty()) {
        return Err(damaged());
    }
    Ok(Some(secret))
}

/// Writes a new key file (`header`, then `secret`) to `path` unless another process wrote one
/// first (then that one is read): the file appears whole or not at all, the owner's alone
/// from its first byte. Returns the secret the file holds.
fn write_secret(path: &Path, header: &str, secret: &str) -> Result<String, StoreError> {
    let file_error = |source| StoreError::File { path: path.to_owned(), source };
    let name = path.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default();
    let partial = path.with_file_name(format!("{name}.partial-{}", std::process::id()));
    crate::private::write_private(&partial, format!("{header}\n{secret}\n").as_bytes())
        .map_err(file_error)?;
    let linked = std::fs::hard_link(&partial, path);
    let _ = std::fs::remove_file(&partial);
    match linked {
        Ok(()) => Ok(secret.to_owned()),
        Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => {
            read_secret(path, header)?.ok_or_else(|| StoreError::DeskKeyDamaged { path: path.to_owned() })
        }
        Err(error) => Err(file_error(error)),
    }
}

/// The secret of the key file at `path` (first line `header`), made by `make` and written
/// whole when there is none yet (issue 20: the desk's exchange key). A damaged file is an
/// error naming it.
pub fn secret_file(path: &Path, header: &str, make: impl FnOnce() -> String) -> Result<String, StoreError> {
    match read_secret(path, header)? {
        Some(secret) => Ok(secret),
        None => write_secret(path, header, &make()),
    }
}

/// The key in `path`; `None` when there is no such file.
fn read_key(path: &Path) -> Result<Option<DeskKey>, StoreError> {
    let Some(secret) = read_secret(path, HEADER)? else { return Ok(None) };
    let secret = unhex::<32>(&secret).ok_or_else(|| StoreError::DeskKeyDamaged { path: path.to_owned() })?;
    Ok(Some(DeskKey { signing: SigningKey::from_bytes(&secret) }))
}

/// Writes a new key to `path` unless another process wrote one first (then that one is read).
fn write_key(path: &Path, key: DeskKey) -> Result<DeskKey, StoreError> {
    let written = write_secret(path, HEADER, &hex(key.signing.as_bytes()))?;
    let secret = unhex::<32>(&written).ok_or_else(|| StoreError::DeskKeyDamaged { path: path.to_owned() })?;
    Ok(DeskKey { signing: SigningKey::from_bytes(&secret) })
}

/// Loads the desk's key, making a pair when there is no key file; a public key the database
/// does not know yet is recorded (an audited insert) with why. Returns the key, and the
/// reason when it is new to the database.
pub(crate) fn attach(conn: &Connection, db: &Path) -> Result<(DeskKey, Option<KeyReason>), StoreError> {
    let path = key_path(db);
    let (key, made) = match read_key(&path)? {
        Some(key) => (key, false),
        None => (write_key(&path, DeskKey::generate())?, true),
    };
    let public = key.public_hex();
    let (known, any): (bool, bool) = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM desk_key WHERE public_key = ?1), EXISTS (SELECT 1 FROM desk_key)",
        [&public],
        |row| Ok((row.get(0)?, row.get(1)?)),
    )?;
    if known {
        return Ok((key, None));
    }
    let reason = match (any, made) {
        (false, _) => KeyReason::FirstStart,
        (true, true) => KeyReason::KeyMissing,
        (true, false) => KeyReason::KeyUnknown,
    };
    conn.execute(
        "INSERT INTO desk_key (public_key, reason) VALUES (?1, ?2)",
        params![public, reason.code()],
    )?;
    Ok((key, Some(reason)))
}

/// Every public key the desk has had, oldest first.
pub(crate) fn known_keys(conn: &Connection) -> Result<Vec<KnownKey>, StoreError> {
    let mut statement = conn.prepare("SELECT id, public_key, made_at, reason FROM desk_key ORDER BY id")?;
    let rows = statement.query_map([], |row| {
        let row = crate::typed::TypedRow::new(row, "desk_key")?;
        Ok(KnownKey {
            public_key: row.get("public_key")?,
            made_at: row.get("made_at")?,
            reason: row.code("reason", "why a key was made (first_start, key_missing, key_unknown)")?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_file_reads_back_as_the_same_key_and_refuses_anything_else() {
        let dir = tempfile::tempdir().expect("temp");
        let path = dir.path().join("tovon.sqlite3.key");
        let key = write_key(&path, DeskKey::generate()).expect("write");
        assert_eq!(read_key(&path).expect("read").expect("a key").public_hex(), key.public_hex());
        // Another process's key written meanwhile wins: the one on disk is read.
        let again = write_key(&path, DeskKey::generate()).expect("second write");
        assert_eq!(again.public_hex(), key.public_hex());
        for damaged in ["", "tovon desk key 1\n", "tovon desk key 1\nzz\n", "something else\n00\n"] {
            std::fs::write(&path, damaged).expect("write");
            assert!(matches!(read_key(&path), Err(StoreError::DeskKeyDamaged { .. })), "{damaged:?}");
        }
        assert!(read_key(&dir.path().join("none.key")).expect("missing").is_none());
        assert_eq!(key_path(Path::new("/a/tovon.sqlite3")), Path::new("/a/tovon.sqlite3.key"));
    }
}
