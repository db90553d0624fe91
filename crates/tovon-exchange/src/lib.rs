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
mod keys;

pub use bundle::{AuditRange, BundleError, FORMAT, Manifest, Member, MemberInfo, Opened, open, seal};
pub use enrolment::{EnrolmentRequest, PartyFile, RequestError};
pub use keys::{ExchangeIdentity, Party, fingerprint};
