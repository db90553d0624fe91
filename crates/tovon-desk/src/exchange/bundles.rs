//! The bundles: the desk's next one for the head office, from its audit log (every entry the
//! head office has not confirmed, the bytes they refer to, the policies typed by hand), and
//! the head office's applied here in order (its terms, the settings it owns, its
//! acknowledgement).

use std::path::{Path, PathBuf};

use tovon_core::Language;
use tovon_exchange::{
    AuditLine, AuditRange, DeskTerms, HEAD_OFFICE, History, Manifest, Member, Party, Restored, members, open,
    seal, write_lines,
};

use super::error::{ExchangeError, setting_reads};
use super::{HEAD_OFFICE_SETTINGS, HQ_ADDRESS, HQ_CERTIFICATE, HQ_KEY, HQ_RECIPIENT, PREFIX_SETTING};
use crate::dto::{ExchangeProgressDto, ExchangeStep, ReceivedCode, ReceivedDto, SentDto};
use crate::error::InputError;
use crate::messages::text;
use crate::{Desk, DeskError};

/// A bundle written for the head office.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MadeBundle {
    /// Where it was written (empty when it went over the network).
    pub path: PathBuf,
    /// The desk's prefix, its sender name.
    pub prefix: String,
    pub number: u64,
    /// The audit entries carried, first to last (none: `first` is `last + 1`).
    pub first: i64,
    pub last: i64,
    pub last_hash: String,
    /// Documents' and scans' bytes carried.
    pub blobs: usize,
    pub size: usize,
    /// The files it was written as: 1, or its parts when above what e-mail carries.
    pub parts: usize,
}

/// What a head office bundle did here; each has its own exit status in `tovon exchange
/// import`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Received {
    /// Applied: the head office's bundle `number`, acknowledging ours up to `confirmed_seq`,
    /// with what its register did here when it carried one, and what replaying the history
    /// it sent back did (a restored desk).
    Applied {
        number: u64,
        confirmed_seq: i64,
        register: Option<crate::dto::ImportReportDto>,
        replayed: Option<tovon_store::Replayed>,
    },
    /// Applied before: nothing done.
    AlreadyApplied { number: u64 },
    /// An earlier bundle is missing: nothing done until `expected` is imported.
    Waiting { number: u64, expected: u64 },
    /// Restored: this bundle is not the head office's answer with the history lost (made
    /// before it knew); nothing done.
    AwaitingHistory { number: u64 },
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
        let (mut made, sealed) = self.next_bundle(progress)?;
        let files = tovon_exchange::split(&sealed, tovon_exchange::PART_LIMIT);
        let name = made.file_name();
        let count = files.len() as u32;
        for (at, bytes) in files.iter().enumerate() {
            progress(ExchangeProgressDto {
                step: ExchangeStep::Writing,
                done: at as u64,
                total: count as u64,
            });
            let file = if count == 1 {
                name.clone()
            } else {
                tovon_exchange::part_file_name(&name, at as u32 + 1, count)
            };
            let path = folder.join(&file);
            // Whole or not at all under its name: a stick pulled out mid-write leaves a `.part`.
            let partial = folder.join(format!(".{file}.part"));
            self.write_file(&partial, bytes)?;
            std::fs::rename(&partial, &path).map_err(|error| InputError::CannotWrite {
                field: "file".to_owned(),
                path: path.display().to_string(),
                problem: error.to_string(),
            })?;
            if at == 0 {
                made.path = path;
            }
        }
        made.parts = files.len();
        self.remember_sent(&made)?;
        Ok(made)
    }

    /// The next bundle for the head office, sealed, with what it carries; not yet remembered
    /// as sent.
    pub(super) fn next_bundle(
        &mut self,
        progress: &mut dyn FnMut(ExchangeProgressDto),
    ) -> Result<(MadeBundle, Vec<u8>), DeskError> {
        self.session()?;
        progress(ExchangeProgressDto { step: ExchangeStep::Entries, done: 0, total: 0 });
        let head_office = self.head_office()?;
        let prefix = self.numbering_prefix.clone().ok_or(ExchangeError::NotEnrolled)?;
        let state = self.store.exchange_state()?;
        // Restored: its own history ends before the restore; what came after waits for the
        // head office's copy of what was lost, and the bundle asks for it.
        let count = state.restored_from.map_or(i64::MAX, |from| (from - 1 - state.confirmed_seq).max(0));
        let lines = self.store.audit_lines(state.confirmed_seq, count)?;
        let mut members = vec![Member { name: members::AUDIT.to_owned(), bytes: write_lines(&lines) }];
        members.extend(self.carried_bytes(&lines, progress)?);
        let blobs = members.len() - 1;
        members.push(Member { name: members::HAND_POLICIES.to_owned(), bytes: self.hand_policies(&lines)? });
        if let Some(from) = state.restored_from {
            let nonce = state.restore_nonce.clone().ok_or_else(|| {
                tovon_store::StoreError::BadValue(tovon_store::BadValue {
                    table: "exchange_state",
                    id: 1,
                    column: "restore_nonce",
                    value: String::new(),
                    expected: "the restore's nonce, 32 hex digits",
                })
            })?;
            let restored = serde_json::to_vec(&Restored { from, nonce }).unwrap_or_default();
            members.push(Member { name: members::RESTORED.to_owned(), bytes: restored });
        }
        // Above the last the head office took in, even when this file forgot it (restored).
        let number = self.store.last_sent()?.map_or(0, |last| last.number).max(state.acknowledged) + 1;
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
        let (last, last_hash) =
            audit.map_or((state.confirmed_seq, state.confirmed_hash), |a| (a.last, a.last_hash));
        let made = MadeBundle {
            path: PathBuf::new(),
            prefix,
            number: number as u64,
            first: state.confirmed_seq + 1,
            last,
            last_hash,
            blobs,
            size: sealed.len(),
            parts: 1,
        };
        Ok((made, sealed))
    }

    /// Remembers a bundle as sent, with the entries it carried: the head office's
    /// acknowledgement of its number confirms them.
    pub(super) fn remember_sent(&self, made: &MadeBundle) -> Result<(), DeskError> {
        self.store.record_sent(&tovon_store::SentBundle {
            number: made.number as i64,
            first_seq: made.first,
            last_seq: made.last,
            last_hash: made.last_hash.clone(),
            size: made.size as i64,
            made_at: String::new(),
        })?;
        self.mark_left(made.last, false)
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

    /// The policies the carried claims and outside payments are on, one JSON line each: one
    /// typed by hand whole, a register's by its series and number (a restored desk finds it
    /// by them when its history comes back).
    fn hand_policies(&self, lines: &[AuditLine]) -> Result<Vec<u8>, DeskError> {
        let mut seen = std::collections::BTreeSet::new();
        let mut bytes = Vec::new();
        let on_policy = |line: &&AuditLine| {
            matches!(line.entity.as_str(), "claim" | "external_payment") && line.action != "delete"
        };
        for line in lines.iter().filter(on_policy) {
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
        let history = history_member(&opened.members)?;
        // A restored desk applies only the head office's answer to its restore: its changes
        // run from the last bundle the restored file applied, whatever its number.
        let history = match (state.restored_from, history) {
            (None, _) => None,
            (Some(from), Some(history))
                if history.from == from
                    && Some(&history.nonce) == state.restore_nonce.as_ref()
                    && history.since == state.applied as u64 =>
            {
                Some(history)
            }
            (Some(_), _) => return Ok(Received::AwaitingHistory { number }),
        };
        if history.is_none() && number > state.applied as u64 + 1 {
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
        let acknowledged = match (opened.manifest.acknowledges, &history) {
            (0, _) => None,
            // What the head office took in before the restore is confirmed by its history.
            (_, Some(history)) => Some((history.last_in as i64, history.head_seq, history.head_hash.clone())),
            // Ours the head office took in before it answered a restore: confirmed already.
            (ours, None) if ours as i64 <= state.acknowledged => None,
            (ours, None) => {
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
        // Where to reach it over HTTPS, and the certificate to believe there.
        settings.extend(terms.address.map(|address| (HQ_ADDRESS.to_owned(), address)));
        settings.extend(terms.certificate.map(|certificate| (HQ_CERTIFICATE.to_owned(), certificate)));
        // What the head office owns is recorded against its bundle, not the person importing.
        self.store.set_actor(&format!("{HEAD_OFFICE}#{number}"));
        let applied =
            self.apply_terms(number, &opened.members, history.as_ref(), acknowledged, settings, progress);
        self.store.set_actor(self.user());
        let (register, replayed) = applied?;
        if let Some(replayed) = &replayed {
            tracing::info!(
                entries = replayed.entries,
                moved = replayed.moved,
                relinked = replayed.relinked,
                users_reset = replayed.users_reset.len(),
                "the history the head office sent back was replayed"
            );
        }
        self.numbering_prefix = Some(terms.prefix);
        let confirmed_seq = self.store.exchange_state()?.confirmed_seq;
        // After a restore what the head office holds is what has left the desk.
        self.mark_left(confirmed_seq, replayed.is_some())?;
        Ok(Received::Applied { number, confirmed_seq, register, replayed })
    }

    /// The register the bundle carries (its own transaction: applying it twice changes nothing
    /// the second time), its calendar and schedule versions (likewise), the history it sends
    /// back to a restored desk (one transaction, which ends the hold), then the settings, the
    /// acknowledgement and the bundle's number in one.
    /// A crash between them leaves the number where it was: the bundle applies again whole.
    fn apply_terms(
        &mut self,
        number: u64,
        members: &[Member],
        history: Option<&History>,
        acknowledged: Option<(i64, i64, String)>,
        settings: Vec<(String, String)>,
        progress: &mut dyn FnMut(ExchangeProgressDto),
    ) -> Result<(Option<crate::dto::ImportReportDto>, Option<tovon_store::Replayed>), DeskError> {
        let register = match members.iter().find(|member| member.name == members::REGISTER) {
            None => None,
            Some(member) => {
                let name = format!("{HEAD_OFFICE}-{number}/{}", members::REGISTER);
                let total = member.bytes.len() as u64;
                let report = self.import_register_bytes(
                    &name,
                    &member.bytes,
                    &tovon_core::policy::SavedMapping::default(),
                    &mut |step| {
                        progress(ExchangeProgressDto {
                            step: ExchangeStep::Register,
                            done: step.done,
                            total,
                        });
                        std::ops::ControlFlow::Continue(())
                    },
                )?;
                Some(report)
            }
        };
        if let Some(member) = members.iter().find(|member| member.name == members::REFERENCE) {
            let reference: tovon_exchange::Reference =
                serde_json::from_slice(&member.bytes).map_err(|error| ExchangeError::Member {
                    member: members::REFERENCE.to_owned(),
                    detail: error.to_string(),
                })?;
            self.apply_reference(&reference)?;
        }
        let changes = tovon_store::HeadOfficeChanges { number: number as i64, acknowledged, settings };
        let replayed = match history {
            Some(history) => {
                progress(ExchangeProgressDto {
                    step: ExchangeStep::History,
                    done: 0,
                    total: history.lines.len() as u64,
                });
                let blobs = self.prepare_history(history, members)?;
                // Replaying is the desk's own repair: what it relinks is logged against the
                // person applying, so it travels back to the head office with the next bundle.
                let user = self.user().to_owned();
                let replay = tovon_store::History {
                    from: history.from,
                    lines: &history.lines,
                    blobs: &blobs,
                    policies: &history.policies,
                    actor: &user,
                };
                self.store.apply_head_office(&changes, Some(&replay))?
            }
            None => self.store.apply_head_office(&changes, None)?,
        };
        Ok((register, replayed))
    }
}

/// The history a head office bundle sends back to a restored desk, if it carries one.
fn history_member(members: &[Member]) -> Result<Option<History>, ExchangeError> {
    let Some(member) = members.iter().find(|member| member.name == members::HISTORY) else { return Ok(None) };
    serde_json::from_slice(&member.bytes).map(Some).map_err(|error| ExchangeError::Member {
        member: members::HISTORY.to_owned(),
        detail: error.to_string(),
    })
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
    /// Its file's name: `ТШ2-000041.tovon`.
    pub fn file_name(&self) -> String {
        members::file_name(&self.prefix, HEAD_OFFICE, self.number)
    }

    /// What was written, said in `language` (the file by its name: the window never shows
    /// a path).
    pub fn said(&self, language: Language) -> SentDto {
        let file_name =
            self.path.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default();
        let key =
            if self.path.as_os_str().is_empty() { "exchange.bundle_sent" } else { "exchange.bundle_written" };
        let message = text(
            language,
            key,
            &[
                ("number", &self.number.to_string()),
                ("path", &file_name),
                ("size", &self.size.to_string()),
                ("first", &self.first.to_string()),
                ("last", &self.last.to_string()),
                ("blobs", &self.blobs.to_string()),
                ("parts", &self.parts.to_string()),
            ],
        );
        SentDto { file_name, message }
    }
}

impl Received {
    /// What applying did, said in `language`.
    pub fn said(&self, language: Language) -> ReceivedDto {
        match self {
            Received::Applied { number, confirmed_seq, register, replayed } => {
                let key = if *confirmed_seq == 0 {
                    "exchange.applied_nothing_confirmed"
                } else {
                    "exchange.applied"
                };
                let mut message = text(
                    language,
                    key,
                    &[("number", &number.to_string()), ("confirmed", &confirmed_seq.to_string())],
                );
                if let Some(report) = register {
                    let said = text(
                        language,
                        "exchange.register_applied",
                        &[
                            ("inserted", &report.inserted.to_string()),
                            ("updated", &report.updated.to_string()),
                            ("unchanged", &report.unchanged.to_string()),
                            ("rejected", &report.rejected.to_string()),
                        ],
                    );
                    message = format!("{message} {said}");
                }
                if let Some(replayed) = replayed {
                    message = format!("{message} {}", replayed_said(replayed, language));
                }
                ReceivedDto { outcome: ReceivedCode::Applied, message }
            }
            Received::AlreadyApplied { number } => ReceivedDto {
                outcome: ReceivedCode::AlreadyApplied,
                message: text(language, "exchange.already_applied", &[("number", &number.to_string())]),
            },
            Received::AwaitingHistory { number } => ReceivedDto {
                outcome: ReceivedCode::Waiting,
                message: text(language, "exchange.awaiting_history", &[("number", &number.to_string())]),
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

/// What replaying a restored desk's history did, said in `language`.
fn replayed_said(replayed: &tovon_store::Replayed, language: Language) -> String {
    if replayed.entries == 0 {
        return text(language, "exchange.history_whole", &[]);
    }
    let mut said = text(
        language,
        "exchange.history_replayed",
        &[("entries", &replayed.entries.to_string()), ("moved", &replayed.moved.to_string())],
    );
    if !replayed.users_reset.is_empty() {
        let users =
            text(language, "exchange.history_users_reset", &[("logins", &replayed.users_reset.join(", "))]);
        said = format!("{said} {users}");
    }
    said
}
