//! The head office (issue 20): the network's desks and, as the issue goes on, what they send
//! and what it sends them, kept in PostgreSQL. So far: the database opened and migrated
//! (embedded, forward-only, checksummed like the desk's), desks enrolled from their requests
//! under prefixes unique in the network, revoked, and listed.

mod desks;
mod identity;
mod ingest;
mod migrations;
mod outgoing;
mod reference;
mod register;
mod serve;
mod watch;

use postgres::{Client, NoTls};

pub use desks::{Desk, Enrolled};
pub use identity::identity;
pub use ingest::{Ingested, Refusal};
pub use migrations::{LATEST, MIGRATIONS};
pub use outgoing::{OWNED_SETTINGS, Outgoing};
pub use register::RegisterLoaded;
pub use serve::{Certificate, certificate, serve};
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
    #[error("the head office's server: {0}")]
    Serve(String),
    #[error("bundle refused: {0}")]
    Refused(ingest::Refusal),
    #[error("the head office's key file {path}: {problem}")]
    KeyFile { path: String, problem: String },
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
}
