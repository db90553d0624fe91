//! The desk as a party to the exchange with the head office (issue 20): its exchange identity
//! (the audit key of issue 18 to sign, an X25519 key beside the database to open what is sent
//! to it) and the enrolment request its administrator hands the head office.

use std::path::{Path, PathBuf};

use tovon_exchange::{EnrolmentRequest, ExchangeIdentity, PartyFile};

use crate::error::{InputError, invalid};
use crate::messages::text;
use crate::users::Permission;
use crate::{Desk, DeskError};

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
const HQ_KEY: &str = "exchange.hq.verifying_key";
const HQ_RECIPIENT: &str = "exchange.hq.recipient";
const HQ_FINGERPRINT: &str = "exchange.hq.fingerprint";
