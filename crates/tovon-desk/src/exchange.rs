//! The desk as a party to the exchange with the head office (issue 20): its exchange identity
//! (the audit key of issue 18 to sign, an X25519 key beside the database to open what is sent
//! to it), the enrolment request its administrator hands the head office, the bundles it
//! writes for the head office (its audit entries since the last the head office confirmed)
//! and the head office's bundles it applies (its numbering prefix, the settings it owns, its
//! acknowledgement).

use std::path::{Path, PathBuf};

use tovon_core::Language;
use tovon_exchange::{
    AuditLine, AuditRange, BundleError, DeskTerms, EnrolmentRequest, ExchangeIdentity, HEAD_OFFICE, Manifest,
    Member, Party, PartyFile, members, open, seal, write_lines,
};

use crate::dto::{
    BundleDto, ExchangeProgressDto, ExchangeStatusDto, ExchangeStep, ReceivedCode, ReceivedDto, SentDto,
};
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
const HQ_KEY: &str = "exchange.hq.verifying_key";
const HQ_RECIPIENT: &str = "exchange.hq.recipient";
const HQ_FINGERPRINT: &str = "exchange.hq.fingerprint";

/// The most a bundle file read here may hold, so a wrong file (a disk image, /dev/zero) is
/// refused instead of filling the memory.
const MAX_BUNDLE_MB: u64 = 256;

/// Where the head office's numbering prefix for this desk is kept (audited: set once, by
/// the enrolment answer).
pub(crate) const PREFIX_SETTING: &str = "exchange.prefix";

/// The settings the head office owns once a desk is enrolled; a head office bundle naming
/// another is refused.
const HEAD_OFFICE_SETTINGS: &[&str] = &[crate::users::OFFICER_LIMIT_SETTING, crate::users::IDLE_LOCK_SETTING];

/// A setting as a person reads it: the label of its field on the Settings screen (a key this
/// desk does not know is shown as the head office wrote it).
fn setting_label(key: &str, language: Language) -> String {
    match key {
        crate::users::OFFICER_LIMIT_SETTING => crate::labels::field_label("officer_limit", language),
        crate::users::IDLE_LOCK_SETTING => crate::labels::field_label("idle_lock_minutes", language),
        other => other.to_owned(),
    }
}

/// Whether a head office setting's value is one the desk reads.
fn setting_reads(key: &str, value: &str) -> bool {
    match key {
        crate::users::OFFICER_LIMIT_SETTING => value.parse::<i64>().is_ok_and(|limit| limit >= 0),
        crate::users::IDLE_LOCK_SETTING => {
            value.parse::<u32>().is_ok_and(|minutes| crate::users::IDLE_LOCK_RANGE.contains(&minutes))
        }
        _ => false,
    }
}

/// Why the exchange cannot go on; worded from the catalogue at the edge.
#[derive(Debug, thiserror::Error)]
pub enum ExchangeError {
    #[error("no head office is trusted yet: tovon exchange trust")]
    NotTrusted,
    #[error("the desk is not enrolled yet: import the head office's enrolment answer")]
    NotEnrolled,
    #[error(transparent)]
    Refused(#[from] BundleError),
    #[error("the bundle's {member} does not read: {detail}")]
    Member { member: String, detail: String },
    #[error("the head office numbers this desk {given}; it numbers under {kept}")]
    OtherPrefix { given: String, kept: String },
    #[error("the head office sets {key}, which it does not own")]
    NotItsSetting { key: String },
    #[error("the head office sets {key} to {value:?}, which does not read")]
    BadSetting { key: String, value: String },
    #[error("the head office acknowledges bundle {number}, which this desk has no record of")]
    UnknownAcknowledgement { number: u64 },
    #[error("{what} cannot be read for the bundle: {detail}")]
    MissingBytes { what: String, detail: String },
}

impl ExchangeError {
    pub(crate) fn message(&self, language: Language) -> String {
        let t = |key: &str, params: &[(&str, &str)]| text(language, &format!("exchange.error.{key}"), params);
        match self {
            ExchangeError::NotTrusted => t("not_trusted", &[]),
            ExchangeError::NotEnrolled => t("not_enrolled", &[]),
            ExchangeError::Refused(refusal) => refusal_message(refusal, language),
            ExchangeError::Member { member, detail } => {
                t("member", &[("member", member), ("detail", detail)])
            }
            ExchangeError::OtherPrefix { given, kept } => {
                t("other_prefix", &[("given", given), ("kept", kept)])
            }
            ExchangeError::NotItsSetting { key } => {
                t("not_its_setting", &[("key", &setting_label(key, language))])
            }
            ExchangeError::BadSetting { key, value } => {
                t("bad_setting", &[("key", &setting_label(key, language)), ("value", value)])
            }
            ExchangeError::UnknownAcknowledgement { number } => {
                t("unknown_acknowledgement", &[("number", &number.to_string())])
            }
            ExchangeError::MissingBytes { what, detail } => {
                t("missing_bytes", &[("what", what), ("detail", detail)])
            }
        }
    }
}

/// A refused bundle, said in the reader's language.
fn refusal_message(refusal: &BundleError, language: Language) -> String {
    let t = |key: &str, params: &[(&str, &str)]| text(language, &format!("exchange.refused.{key}"), params);
    match refusal {
        BundleError::NotForUs => t("not_for_us", &[]),
        BundleError::Damaged { detail } => t("damaged", &[("detail", detail)]),
        BundleError::NewerFormat { found, known } => {
            t("newer_format", &[("found", &found.to_string()), ("known", &known.to_string())])
        }
        BundleError::NewerSchema { found, known } => {
            t("newer_schema", &[("found", &found.to_string()), ("known", &known.to_string())])
        }
        BundleError::OtherReceiver { named } => t("other_receiver", &[("named", named)]),
        BundleError::UnknownSender { sender } => t("unknown_sender", &[("sender", sender)]),
        BundleError::BadSignature { sender } => t("bad_signature", &[("sender", sender)]),
        BundleError::MemberChanged { name } => t("member_changed", &[("name", name)]),
    }
}

/// A bundle written for the head office.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MadeBundle {
    pub path: PathBuf,
    pub number: u64,
    /// The audit entries carried, first to last (none: `first` is `last + 1`).
    pub first: i64,
    pub last: i64,
    /// Documents' and scans' bytes carried.
    pub blobs: usize,
    pub size: usize,
}

/// What a head office bundle did here; each has its own exit status in `tovon exchange
/// import`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Received {
    /// Applied: the head office's bundle `number`, acknowledging ours up to `confirmed_seq`.
    Applied { number: u64, confirmed_seq: i64 },
    /// Applied before: nothing done.
    AlreadyApplied { number: u64 },
    /// An earlier bundle is missing: nothing done until `expected` is imported.
    Waiting { number: u64, expected: u64 },
}

impl Desk {
    /// The prefix a document of a claim registered under `claims_own` is numbered under:
    /// the head office's for this desk once enrolled (issue 20), else the claim's own.
    pub(crate) fn numbering_prefix(&self, claims_own: &str) -> String {
        self.numbering_prefix.clone().unwrap_or_else(|| claims_own.to_owned())
    }

    /// The trusted head office as a party, or why there is none.
    fn head_office(&self) -> Result<Party, DeskError> {
        let key = self.store.setting(HQ_KEY)?;
        let recipient = self.store.setting(HQ_RECIPIENT)?;
        match (key, recipient) {
            (Some(key), Some(recipient)) => Party::from_text(&key, &recipient).ok_or_else(|| {
                DeskError::Store(tovon_store::StoreError::BadValue(tovon_store::BadValue {
                    table: "setting",
                    id: 0,
                    column: HQ_KEY,
                    value: key.clone(),
                    expected: "the head office's public keys",
                }))
            }),
            _ => Err(ExchangeError::NotTrusted.into()),
        }
    }

    /// Writes the next bundle for the head office into `folder`: every audit entry after the
    /// last one the head office confirmed (so an unacknowledged bundle's entries are carried
    /// again), the bytes they refer to, the hand-typed policies of their claims, and the
    /// acknowledgement of the head office's last bundle applied here.
    pub fn export_bundle(&mut self, folder: &Path) -> Result<MadeBundle, DeskError> {
        self.export_bundle_with_progress(folder, &mut |_| {})
    }

    /// The same, telling `progress` what it is doing (the files one by one).
    pub fn export_bundle_with_progress(
        &mut self,
        folder: &Path,
        progress: &mut dyn FnMut(ExchangeProgressDto),
    ) -> Result<MadeBundle, DeskError> {
        self.session()?;
        progress(ExchangeProgressDto { step: ExchangeStep::Entries, done: 0, total: 0 });
        let head_office = self.head_office()?;
        let prefix = self.numbering_prefix.clone().ok_or(ExchangeError::NotEnrolled)?;
        let state = self.store.exchange_state()?;
        let lines = self.store.audit_lines(state.confirmed_seq, i64::MAX)?;
        let mut members = vec![Member { name: members::AUDIT.to_owned(), bytes: write_lines(&lines) }];
        members.extend(self.carried_bytes(&lines, progress)?);
        let blobs = members.len() - 1;
        members.push(Member { name: members::HAND_POLICIES.to_owned(), bytes: self.hand_policies(&lines)? });
        let number = self.store.last_sent()?.map_or(1, |last| last.number + 1);
        let audit = lines.last().map(|last| AuditRange {
            first: state.confirmed_seq + 1,
            last: last.seq,
            previous_hash: state.confirmed_hash.clone(),
            last_hash: last.hash.clone(),
        });
        let manifest = Manifest {
            format: tovon_exchange::FORMAT,
            schema: tovon_store::LATEST_SCHEMA_VERSION,
            sender: prefix.clone(),
            receiver: HEAD_OFFICE.to_owned(),
            number: number as u64,
            acknowledges: state.applied as u64,
            audit: audit.clone(),
            members: vec![],
        };
        progress(ExchangeProgressDto { step: ExchangeStep::Sealing, done: 0, total: 0 });
        let sealed = seal(manifest, &members, &self.exchange_identity()?, &head_office)
            .map_err(ExchangeError::Refused)?;
        progress(ExchangeProgressDto { step: ExchangeStep::Writing, done: 0, total: sealed.len() as u64 });
        let name = members::file_name(&prefix, HEAD_OFFICE, number as u64);
        let path = folder.join(&name);
        // Whole or not at all under its name: a stick pulled out mid-write leaves a `.part`.
        let partial = folder.join(format!(".{name}.part"));
        self.write_file(&partial, &sealed)?;
        std::fs::rename(&partial, &path).map_err(|error| InputError::CannotWrite {
            field: "file".to_owned(),
            path: path.display().to_string(),
            problem: error.to_string(),
        })?;
        let (last, last_hash) =
            audit.map_or((state.confirmed_seq, state.confirmed_hash), |a| (a.last, a.last_hash));
        self.store.record_sent(&tovon_store::SentBundle {
            number,
            first_seq: state.confirmed_seq + 1,
            last_seq: last,
            last_hash,
            size: sealed.len() as i64,
            made_at: String::new(),
        })?;
        Ok(MadeBundle {
            path,
            number: number as u64,
            first: state.confirmed_seq + 1,
            last,
            blobs,
            size: sealed.len(),
        })
    }

    /// The bytes the entries refer to: each issued document's PDF and each scan, once.
    fn carried_bytes(
        &self,
        lines: &[AuditLine],
        progress: &mut dyn FnMut(ExchangeProgressDto),
    ) -> Result<Vec<Member>, DeskError> {
        let mut seen = std::collections::BTreeSet::new();
        let mut carried = Vec::new();
        let carrying = |line: &&AuditLine| {
            matches!(line.action.as_str(), "insert" | "baseline")
                && matches!(line.entity.as_str(), "issued_document" | "claim_attachment")
        };
        let total = lines.iter().filter(carrying).count() as u64;
        for (done, line) in lines.iter().filter(carrying).enumerate() {
            progress(ExchangeProgressDto { step: ExchangeStep::Files, done: done as u64, total });
            let after: serde_json::Value =
                line.after.as_deref().and_then(|after| serde_json::from_str(after).ok()).unwrap_or_default();
            let missing = |detail: String| ExchangeError::MissingBytes {
                what: format!("{} {}", line.entity, line.entity_key),
                detail,
            };
            let bytes = match line.entity.as_str() {
                "issued_document" => {
                    let id = line.entity_key.parse::<i64>().map_err(|error| missing(error.to_string()))?;
                    match self.store.issued_pdf(id)? {
                        Some((_, pdf)) => pdf,
                        None => return Err(missing("no such document".to_owned()).into()),
                    }
                }
                "claim_attachment" => {
                    let sha256 = after["sha256"].as_str().unwrap_or_default();
                    let name = after["file_name"].as_str().unwrap_or_default();
                    if seen.contains(sha256) {
                        continue;
                    }
                    self.attachment_folder().get(sha256, name).map_err(|error| missing(error.to_string()))?
                }
                _ => continue,
            };
            let sha256 = tovon_store::sha256_hex(&bytes);
            if seen.insert(sha256.clone()) {
                carried.push(Member { name: members::blob_name(&sha256), bytes });
            }
        }
        Ok(carried)
    }

    /// The policies typed by hand that the carried claims are on, one JSON line each.
    fn hand_policies(&self, lines: &[AuditLine]) -> Result<Vec<u8>, DeskError> {
        let mut seen = std::collections::BTreeSet::new();
        let mut bytes = Vec::new();
        for line in lines.iter().filter(|line| line.entity == "claim" && line.action != "delete") {
            let after: serde_json::Value =
                line.after.as_deref().and_then(|after| serde_json::from_str(after).ok()).unwrap_or_default();
            let Some(policy_id) = after["policy_id"].as_i64() else { continue };
            if !seen.insert(policy_id) {
                continue;
            }
            if let Some(policy) = self.store.hand_policy_json(policy_id)? {
                bytes.extend_from_slice(policy.as_bytes());
                bytes.push(b'\n');
            }
        }
        Ok(bytes)
    }

    /// Applies a head office bundle: checked whole first (every refusal names its reason and
    /// leaves the desk as it was), then in order — the number after the last applied, or it
    /// waits; one applied before is nothing to do.
    pub fn import_bundle(&mut self, sealed: &[u8]) -> Result<Received, DeskError> {
        self.import_bundle_with_progress(sealed, &mut |_| {})
    }

    /// The same, telling `progress` what it is doing.
    pub fn import_bundle_with_progress(
        &mut self,
        sealed: &[u8],
        progress: &mut dyn FnMut(ExchangeProgressDto),
    ) -> Result<Received, DeskError> {
        self.session()?;
        progress(ExchangeProgressDto { step: ExchangeStep::Opening, done: 0, total: sealed.len() as u64 });
        let head_office = self.head_office()?;
        let identity = self.exchange_identity()?;
        let branch = self.branch_code.clone();
        let prefix = self.numbering_prefix.clone();
        let is_us = |name: &str| match &prefix {
            Some(prefix) => name == prefix,
            // Not enrolled yet: the answer names the prefix it gives (ТШ, ТШ2) and opens only
            // with this desk's key.
            None => !branch.is_empty() && name.starts_with(&branch),
        };
        let opened = open(sealed, &identity, is_us, tovon_store::LATEST_SCHEMA_VERSION, |sender| {
            (sender == HEAD_OFFICE).then(|| head_office.clone())
        })
        .map_err(ExchangeError::Refused)?;
        let number = opened.manifest.number;
        let state = self.store.exchange_state()?;
        if number <= state.applied as u64 {
            return Ok(Received::AlreadyApplied { number });
        }
        if number > state.applied as u64 + 1 {
            return Ok(Received::Waiting { number, expected: state.applied as u64 + 1 });
        }
        let terms = desk_terms(&opened.members)?;
        if let Some(kept) = self.numbering_prefix.as_ref().filter(|kept| **kept != terms.prefix) {
            return Err(ExchangeError::OtherPrefix { given: terms.prefix, kept: kept.clone() }.into());
        }
        if let Some(key) = terms.settings.keys().find(|key| !HEAD_OFFICE_SETTINGS.contains(&key.as_str())) {
            return Err(ExchangeError::NotItsSetting { key: key.clone() }.into());
        }
        if let Some((key, value)) = terms.settings.iter().find(|(key, value)| !setting_reads(key, value)) {
            return Err(ExchangeError::BadSetting { key: key.clone(), value: value.clone() }.into());
        }
        let acknowledged = match opened.manifest.acknowledges {
            0 => None,
            ours => {
                let sent = self
                    .store
                    .sent(ours as i64)?
                    .ok_or(ExchangeError::UnknownAcknowledgement { number: ours })?;
                Some((sent.number, sent.last_seq, sent.last_hash))
            }
        };
        progress(ExchangeProgressDto { step: ExchangeStep::Applying, done: 0, total: 0 });
        let mut settings: Vec<(String, String)> = terms.settings.into_iter().collect();
        settings.push((PREFIX_SETTING.to_owned(), terms.prefix.clone()));
        // What the head office owns is recorded against its bundle, not the person importing.
        self.store.set_actor(&format!("{HEAD_OFFICE}#{number}"));
        let applied = self.store.apply_head_office(&tovon_store::HeadOfficeChanges {
            number: number as i64,
            acknowledged,
            settings,
        });
        self.store.set_actor(self.user());
        applied?;
        self.numbering_prefix = Some(terms.prefix);
        let confirmed_seq = self.store.exchange_state()?.confirmed_seq;
        Ok(Received::Applied { number, confirmed_seq })
    }
}

/// The head office's terms for this desk, from its bundle.
fn desk_terms(members: &[Member]) -> Result<DeskTerms, ExchangeError> {
    let member = members.iter().find(|member| member.name == members::DESK_TERMS).ok_or_else(|| {
        ExchangeError::Member { member: members::DESK_TERMS.to_owned(), detail: "missing".to_owned() }
    })?;
    serde_json::from_slice(&member.bytes).map_err(|error| ExchangeError::Member {
        member: members::DESK_TERMS.to_owned(),
        detail: error.to_string(),
    })
}

impl MadeBundle {
    /// What was written, said in `language` (the file by its name: the window never shows
    /// a path).
    pub fn said(&self, language: Language) -> SentDto {
        let file_name =
            self.path.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default();
        let message = text(
            language,
            "exchange.bundle_written",
            &[
                ("number", &self.number.to_string()),
                ("path", &file_name),
                ("size", &self.size.to_string()),
                ("first", &self.first.to_string()),
                ("last", &self.last.to_string()),
                ("blobs", &self.blobs.to_string()),
            ],
        );
        SentDto { file_name, message }
    }
}

impl Received {
    /// What applying did, said in `language`.
    pub fn said(&self, language: Language) -> ReceivedDto {
        match self {
            Received::Applied { number, confirmed_seq } => {
                let key = if *confirmed_seq == 0 {
                    "exchange.applied_nothing_confirmed"
                } else {
                    "exchange.applied"
                };
                let message = text(
                    language,
                    key,
                    &[("number", &number.to_string()), ("confirmed", &confirmed_seq.to_string())],
                );
                ReceivedDto { outcome: ReceivedCode::Applied, message }
            }
            Received::AlreadyApplied { number } => ReceivedDto {
                outcome: ReceivedCode::AlreadyApplied,
                message: text(language, "exchange.already_applied", &[("number", &number.to_string())]),
            },
            Received::Waiting { number, expected } => ReceivedDto {
                outcome: ReceivedCode::Waiting,
                message: text(
                    language,
                    "exchange.waiting",
                    &[("number", &number.to_string()), ("expected", &expected.to_string())],
                ),
            },
        }
    }
}

impl Desk {
    /// Where the exchange stands, for the Settings panel and the header's reminder.
    pub fn exchange_status(&self, today: chrono::NaiveDate) -> Result<ExchangeStatusDto, DeskError> {
        self.session()?;
        let state = self.store.exchange_state()?;
        let last_sent = self.store.last_sent()?;
        let (head, _) = self.store.audit_head()?;
        let waiting_entries = (head - state.confirmed_seq).max(0);
        let day_of = |at: &str| chrono::DateTime::parse_from_rfc3339(at).ok().map(|at| at.date_naive());
        let since = last_sent.as_ref().map(|sent| sent.made_at.clone()).or_else(|| state.applied_at.clone());
        let days_unsent = since
            .as_deref()
            .and_then(day_of)
            .filter(|_| self.numbering_prefix.is_some() && waiting_entries > 0)
            .map(|day| (today - day).num_days().max(0));
        Ok(ExchangeStatusDto {
            own_fingerprint: tovon_exchange::fingerprint(&self.exchange_identity()?.public()),
            head_office_fingerprint: self.store.setting(HQ_FINGERPRINT)?,
            prefix: self.numbering_prefix.clone(),
            last_sent: last_sent.map(|sent| BundleDto { number: sent.number, at: sent.made_at }),
            acknowledged: state.acknowledged,
            confirmed_seq: state.confirmed_seq,
            waiting_entries,
            last_received: state
                .applied_at
                .filter(|_| state.applied > 0)
                .map(|at| BundleDto { number: state.applied, at }),
            days_unsent,
        })
    }
}
