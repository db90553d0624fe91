//! The desk as a party to the exchange with the head office (issue 20): its exchange identity
//! (the audit key of issue 18 to sign, an X25519 key beside the database to open what is sent
//! to it), the enrolment request its administrator hands the head office, the bundles it
//! writes for the head office (its audit entries since the last the head office confirmed)
//! and the head office's bundles it applies (its numbering prefix, the settings it owns, its
//! acknowledgement).

use std::path::{Path, PathBuf};

use tovon_exchange::{EnrolmentRequest, ExchangeIdentity, PartyFile};

use crate::error::{InputError, invalid};
use crate::messages::text;
use crate::users::Permission;
use crate::{Desk, DeskError};

mod bundles;
mod error;
mod reference;
mod restored;
mod status;
mod sync;
pub mod transport;

pub use bundles::{MadeBundle, Received};
pub use error::ExchangeError;
pub use sync::Synced;

/// The exchange key file's first line; the second is the age identity.
const HEADER: &str = "tovon exchange key 1";

/// The exchange key file of the database at `db`: `tovon.sqlite3` → `tovon.sqlite3.exchange-key`.
pub fn exchange_key_path(db: &Path) -> PathBuf {
    let mut name = db.file_name().map(std::ffi::OsStr::to_os_string).unwrap_or_default();
    name.push(".exchange-key");
    db.with_file_name(name)
}

impl Desk {
    /// The desk's exchange identity; its X25519 key is made, the owner's alone, when the desk
    /// first needs it. A damaged key file is an error naming it, never replaced.
    pub(crate) fn exchange_identity(&self) -> Result<ExchangeIdentity, DeskError> {
        let signing = self.store.desk_signing_key()?;
        let path = exchange_key_path(self.store.path());
        let made = || ExchangeIdentity::with_new_decryption(signing.clone()).decryption_text();
        let text = tovon_store::secret_file(&path, HEADER, made)?;
        ExchangeIdentity::new(signing.clone(), &text)
            .ok_or_else(|| DeskError::Store(tovon_store::StoreError::DeskKeyDamaged { path }))
    }

    /// What the head office needs to enrol this desk: its branch and its public keys, with
    /// the fingerprint to read out over the phone (the administrator's).
    pub fn enrolment_request(&self) -> Result<EnrolmentRequest, DeskError> {
        self.require(Permission::Administer)?;
        if self.branch_code.is_empty() {
            return Err(InputError::Required { field: "branch_code".to_owned() }.into());
        }
        Ok(EnrolmentRequest::of(&self.branch_code, &self.exchange_identity()?.public()))
    }

    /// Refuses a change to what the head office owns once the desk is enrolled (the calendar,
    /// the schedule versions), naming `field`.
    pub(crate) fn not_the_head_offices(&self, field: &str) -> Result<(), DeskError> {
        if self.numbering_prefix.is_some() {
            return Err(invalid(
                field,
                text(self.language(), "settings.reference_owned_by_head_office", &[]),
            ));
        }
        Ok(())
    }

    /// A bundle or keys file the person chose, read whole up to [`MAX_BUNDLE_MB`].
    pub fn read_chosen_file(&self, path: &Path) -> Result<Vec<u8>, DeskError> {
        use std::io::Read;
        let unreadable = |error: std::io::Error| InputError::Unreadable {
            field: "file".to_owned(),
            path: path.display().to_string(),
            problem: error.to_string(),
        };
        let file = std::fs::File::open(path).map_err(unreadable)?;
        let mut bytes = Vec::new();
        file.take(MAX_BUNDLE_MB * 1024 * 1024 + 1).read_to_end(&mut bytes).map_err(unreadable)?;
        if bytes.len() as u64 > MAX_BUNDLE_MB * 1024 * 1024 {
            return Err(InputError::TooLong { field: "file".to_owned(), max_mb: MAX_BUNDLE_MB }.into());
        }
        Ok(bytes)
    }

    /// A bundle file the person chose: itself, or when it is one part of a bundle cut for
    /// e-mail, the parts beside it joined (every part must be there).
    pub fn read_bundle_file(&self, path: &Path) -> Result<Vec<u8>, DeskError> {
        let bytes = self.read_chosen_file(path)?;
        let name = path.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default();
        let folder = path.parent().unwrap_or(Path::new("."));
        tovon_exchange::assemble(&name, bytes, |sibling| self.read_chosen_file(&folder.join(sibling)).ok())
            .map_err(|error| ExchangeError::Parts(error).into())
    }

    /// Writes the enrolment request to `path` (JSON, `docs/exchange.md`), the owner's alone;
    /// returns it, for its fingerprint to be read out.
    pub fn write_enrolment_request(&self, path: &Path) -> Result<EnrolmentRequest, DeskError> {
        let request = self.enrolment_request()?;
        let text = serde_json::to_string_pretty(&request).unwrap_or_default();
        self.write_file(path, format!("{text}\n").as_bytes())?;
        Ok(request)
    }

    /// The administrator trusts the head office whose public keys are `file` (from
    /// `tovon-hq identity`), once the fingerprint they read from paper or over the phone,
    /// `typed`, is those keys'. A desk trusts one head office: another is refused.
    pub fn trust_head_office(&mut self, file: &[u8], typed: &str) -> Result<PartyFile, DeskError> {
        self.require(Permission::Administer)?;
        let language = self.language();
        let (party_file, _) = PartyFile::read(file).map_err(|error| {
            invalid("file", text(language, "exchange.not_a_party_file", &[("detail", &error.to_string())]))
        })?;
        let compact = |fingerprint: &str| fingerprint.split_whitespace().collect::<String>().to_lowercase();
        if compact(typed) != compact(&party_file.fingerprint) {
            return Err(invalid("fingerprint", text(language, "exchange.fingerprint_differs", &[])));
        }
        if let Some(trusted) = self.store.setting(HQ_KEY)? {
            if trusted != party_file.verifying_key {
                return Err(invalid("file", text(language, "exchange.other_head_office", &[])));
            }
            return Ok(party_file);
        }
        self.store.set_setting(HQ_RECIPIENT, &party_file.recipient)?;
        self.store.set_setting(HQ_FINGERPRINT, &party_file.fingerprint)?;
        self.store.set_setting(HQ_KEY, &party_file.verifying_key)?;
        Ok(party_file)
    }
}

/// Where the trusted head office's public keys are kept (settings: audited).
pub(super) const HQ_KEY: &str = "exchange.hq.verifying_key";
pub(super) const HQ_RECIPIENT: &str = "exchange.hq.recipient";
pub(super) const HQ_FINGERPRINT: &str = "exchange.hq.fingerprint";
/// Where the head office is reached over HTTPS and its certificate's SHA-256, from its terms.
pub(super) const HQ_ADDRESS: &str = "exchange.hq.address";
pub(super) const HQ_CERTIFICATE: &str = "exchange.hq.certificate";

/// The most a bundle file read here may hold, so a wrong file (a disk image, /dev/zero) is
/// refused instead of filling the memory.
const MAX_BUNDLE_MB: u64 = 256;

/// Where the head office's numbering prefix for this desk is kept (audited: set once, by
/// the enrolment answer).
pub(crate) const PREFIX_SETTING: &str = "exchange.prefix";

/// The settings the head office owns once a desk is enrolled; a head office bundle naming
/// another is refused.
pub(super) const HEAD_OFFICE_SETTINGS: &[&str] =
    &[crate::users::OFFICER_LIMIT_SETTING, crate::users::IDLE_LOCK_SETTING];
