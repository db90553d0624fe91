//! Exchange bundles between a branch's desk and the head office (issue 20), as files: what a
//! bundle is made of (`Manifest`, `Member`), how it is sealed (signed by its sender with
//! Ed25519, then encrypted to its receiver's X25519 key in the age format) and opened (every
//! check a received file must pass before anything in it is believed). The wire format is
//! specified in `docs/exchange.md`.
//!
//! **Invariant:** no IO and no clock: bytes in, bytes or a typed refusal out. What the
//! bundle's entries do to a database is the desk's and the head office's business.

mod bundle;
mod enrolment;
mod entries;
mod keys;
pub mod members;
mod parts;

pub use bundle::{
    AuditRange, BundleError, FORMAT, Manifest, Member, MemberInfo, Opened, open, seal, sha256_hex,
};
pub use enrolment::{EnrolmentRequest, PartyFile, RequestError};
pub use entries::{AuditLine, ChainError, check_chain, read_chain, write_lines};
pub use keys::{ExchangeIdentity, Party, fingerprint};
pub use members::{CalendarDay, DeskTerms, History, Reference, Restored, ScheduleVersion};
pub use parts::{
    PART_LIMIT, PartError, PartHeader, assemble, join, part_file_name, part_of, split, whole_file_name,
};

/// The desk's database schema this program's exchange reads and writes: a desk bundle from a
/// newer schema is refused by the head office, and the head office's bundles say it. Raised
/// with every desk migration (a store test holds the two equal), once the head office knows
/// what the migration's rows mean.
pub const DESK_SCHEMA: i64 = 21;

/// Where a desk posts its bundle on the head office's address, and reads the answer.
pub const EXCHANGE_PATH: &str = "/v1/exchange";

/// The head office's name as a party (a desk's is its numbering prefix).
pub const HEAD_OFFICE: &str = "HQ";
