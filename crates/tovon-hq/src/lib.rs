//! The head office (issue 20): the network's desks and what they send and are sent, kept in
//! PostgreSQL — the database opened and migrated (embedded, forward-only, checksummed like the
//! desk's), desks enrolled under prefixes unique in the network, their bundles taken in and
//! replayed into consolidated views, the bundles made for them (their terms, the register,
//! the calendar and schedule versions), served over HTTPS or from a watched folder, and the
//! head office's own users with their access log.

mod desks;
mod history;
mod identity;
mod ingest;
mod migrations;
mod outgoing;
mod reference;
mod register;
mod serve;
mod users;
mod watch;

use postgres::{Client, NoTls};

pub use desks::{Desk, Enrolled};
pub use identity::identity;
pub use ingest::{Ingested, Refusal};
pub use migrations::{LATEST, MIGRATIONS};
pub use outgoing::{OWNED_SETTINGS, Outgoing};
pub use register::RegisterLoaded;
pub use serve::{Certificate, certificate, serve};
pub use users::{HqRole, HqSession};
pub use watch::{Found, watch_once};

/// Why the head office cannot do what was asked.
#[derive(Debug, thiserror::Error)]
pub enum HqError {
    #[error("the head office's database: {0}")]
    Database(#[from] postgres::Error),
    #[error("migration {version} ({name}) was edited after it was applied")]
    MigrationEdited { version: i32, name: String },
    #[error("the database's schema {found} is newer than this program's {known}")]
    NewerSchema { found: i32, known: i32 },
    #[error(transparent)]
    Request(#[from] tovon_exchange::RequestError),
    #[error("this desk's keys are enrolled already, as {prefix}")]
    AlreadyEnrolled { prefix: String },
    #[error("no desk {prefix} in the network")]
    NoSuchDesk { prefix: String },
    #[error("desk {prefix} is of branch {branch}; the request is from branch {requested}")]
    OtherBranch { prefix: String, branch: String, requested: String },
    #[error("{key} is not a setting the head office owns")]
    NotOwnedSetting { key: String },
    #[error("{key}: {value:?} is not {expected}")]
    BadSetting { key: String, value: String, expected: &'static str },
    #[error("desk {prefix}'s keys as stored do not read")]
    DamagedDesk { prefix: String },
    #[error("{year} is not a calendar year the network keeps (2000 to 2100)")]
    BadYear { year: i32 },
    #[error("say what the version changes (--note)")]
    NoNote,
    #[error("the schedule version does not read: {0}")]
    Schedule(String),
    #[error("schedule version {version} is taken: the next is above {newest}")]
    ScheduleVersionTaken { version: u32, newest: u32 },
    #[error("a password has {min} to {max} characters")]
    Password { min: usize, max: usize },
    #[error("the head office has users already: an administrator adds more (user add)")]
    UsersExist,
    #[error("wrong login or password")]
    WrongCredentials,
    #[error("{login} may not do this: an administrator's work")]
    Forbidden { login: String },
    #[error("no scan or document with SHA-256 {sha256}")]
    NoSuchBlob { sha256: String },
    #[error("sign in: set TOVON_HQ_USER and TOVON_HQ_PASSWORD")]
    SignedOut,
    #[error("the head office's server: {0}")]
    Serve(String),
    #[error("bundle refused: {0}")]
    Refused(ingest::Refusal),
    #[error("the head office's key file {path}: {problem}")]
    KeyFile { path: String, problem: String },
}

/// The most a bundle file read here may hold (a part is 20 MB): a wrong file (a disk image,
/// /dev/zero) is refused instead of filling the memory.
pub const MAX_BUNDLE_FILE: u64 = 256 * 1024 * 1024;

/// A bundle file (or a part of one), read whole up to [`MAX_BUNDLE_FILE`].
pub fn read_bundle_file(path: &std::path::Path) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut bytes = Vec::new();
    std::fs::File::open(path)?.take(MAX_BUNDLE_FILE + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_BUNDLE_FILE {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!("more than {} MB", MAX_BUNDLE_FILE / 1024 / 1024),
        ));
    }
    Ok(bytes)
}

/// The head office's database, migrated.
pub struct Hq {
    pub(crate) client: Client,
}

impl Hq {
    /// Connects to `url` (a libpq connection string: `host=… port=… user=… dbname=…`, or a
    /// `postgresql://` URL) and brings the schema up to this program's.
    pub fn connect(url: &str) -> Result<Hq, HqError> {
        let mut client = Client::connect(url, NoTls)?;
        migrations::migrate(&mut client)?;
        Ok(Hq { client })
    }

    /// Another connection to a database this program has already brought up to date (the
    /// server's, one a request): no migration checked again.
    pub fn reconnect(url: &str) -> Result<Hq, HqError> {
        Ok(Hq { client: Client::connect(url, NoTls)? })
    }
}
