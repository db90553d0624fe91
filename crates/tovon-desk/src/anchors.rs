//! The audit chain's witnesses outside the database (issue 18): `tovon audit anchor` writes
//! the chain's head signed by the desk's key to a file the administrator keeps elsewhere;
//! `tovon audit verify --anchor` reads anchor files and issued PDFs back and says up to which
//! entry the log is confirmed, or which anchor a rewritten or cut log contradicts.

use std::io::Read;
use std::path::{Path, PathBuf};

use tovon_core::Language;
use tovon_store::{Anchor, AnchorCheck, AnchorProblem, KeyReason, Store};

use crate::dto::{AnchorDto, AnchorFindingDto, AnchorOutcomeCode, DeskKeyDto};
use crate::messages::text;
use crate::{Desk, DeskError, Permission};

/// The most an anchor file or issued PDF given to the check may hold.
const MAX_ANCHOR_FILE_BYTES: u64 = 20 * 1024 * 1024;

impl Desk {
    /// Writes the chain's head, signed, to `path` for the administrator to keep away from
    /// the desk. The anchor's writing is itself on the log, and covered by the anchor.
    pub fn write_anchor(&self, path: &Path) -> Result<AnchorDto, DeskError> {
        self.require(Permission::Administer)?;
        // Restored and waiting for its history: the entries since the restore move after it,
        // so an anchor on them now would be contradicted by the log it is meant to confirm.
        self.not_awaiting_history()?;
        let detail = serde_json::json!({ "anchor_written": path.display().to_string() });
        self.store.audit_event("audit_log", "", None, &detail.to_string())?;
        let anchor = self.store.anchor()?;
        let header = text(self.language(), "audit.anchor.file_header", &[("seq", &anchor.seq.to_string())]);
        let file = format!("# {header}\n# tovon audit verify --anchor FILE\n{}\n", anchor.line());
        tovon_store::write_private(path, file.as_bytes()).map_err(|error| {
            DeskError::Store(tovon_store::StoreError::File { path: path.to_owned(), source: error })
        })?;
        Ok(AnchorDto {
            path: path.display().to_string(),
            seq: anchor.seq,
            signed_at: anchor.at,
            public_key: anchor.key,
        })
    }

    /// Every public key the desk has had, for Settings.
    pub fn desk_keys(&self) -> Result<Vec<DeskKeyDto>, DeskError> {
        self.session()?;
        let (keys, current) = self.store.desk_keys()?;
        Ok(keys
            .into_iter()
            .map(|key| DeskKeyDto {
                current: current.as_deref() == Some(key.public_key.as_str()),
                reason: text(self.language(), &format!("desk_key.reason.{}", key.reason.code()), &[]),
                public_key: key.public_key,
                made_at: key.made_at,
            })
            .collect())
    }

    /// When this start gave the desk a key its database did not know because the key file was
    /// missing or foreign: what happened, in the desk's language.
    pub fn new_key_notice(&self) -> Option<String> {
        let path = tovon_store::key_path(self.store.path()).display().to_string();
        match self.store.new_desk_key()? {
            KeyReason::FirstStart => None,
            reason => {
                Some(text(self.language(), &format!("desk_key.notice.{}", reason.code()), &[("path", &path)]))
            }
        }
    }
}

/// Why a file given to the check yields no anchor.
enum NotAnAnchor {
    /// The file does not read (its error as the system gives it).
    Unreadable(String),
    /// It reads, and holds no anchor or a damaged one.
    Problem(AnchorProblem),
}

/// Reads the anchor in `path` (an anchor file or an issued PDF).
fn read_anchor(path: &Path) -> Result<Anchor, NotAnAnchor> {
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|file| file.take(MAX_ANCHOR_FILE_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|error| NotAnAnchor::Unreadable(error.to_string()))?;
    Anchor::find_in(&bytes).map_err(NotAnAnchor::Problem)
}

/// What each anchor file says to the log of `store`, and the last entry they confirm.
pub(crate) fn check_anchors(
    store: &Store,
    files: &[PathBuf],
    language: Language,
) -> Result<(Vec<AnchorFindingDto>, Option<i64>), DeskError> {
    let mut findings = Vec::with_capacity(files.len());
    for file in files {
        let name = file.display().to_string();
        let anchor = match read_anchor(file) {
            Ok(anchor) => anchor,
            Err(why) => {
                let message = match why {
                    NotAnAnchor::Unreadable(detail) => {
                        text(language, "error.file", &[("path", &name), ("detail", &detail)])
                    }
                    NotAnAnchor::Problem(AnchorProblem::NotFound) => {
                        text(language, "audit.anchor.not_found", &[("file", &name)])
                    }
                    NotAnAnchor::Problem(AnchorProblem::Damaged) => {
                        text(language, "audit.anchor.damaged", &[("file", &name)])
                    }
                };
                findings.push(AnchorFindingDto {
                    file: name,
                    outcome: AnchorOutcomeCode::NotAnAnchor,
                    seq: None,
                    signed_at: None,
                    message,
                });
                continue;
            }
        };
        let (outcome, key, last) = match store.check_anchor(&anchor)? {
            AnchorCheck::Confirmed => (AnchorOutcomeCode::Confirmed, "confirmed", 0),
            AnchorCheck::BadSignature => (AnchorOutcomeCode::BadSignature, "bad_signature", 0),
            AnchorCheck::UnknownKey => (AnchorOutcomeCode::UnknownKey, "unknown_key", 0),
            AnchorCheck::Contradicted => (AnchorOutcomeCode::Contradicted, "contradicted", 0),
            AnchorCheck::Missing { last } => (AnchorOutcomeCode::Missing, "missing", last),
        };
        let message = text(
            language,
            &format!("audit.anchor.{key}"),
            &[
                ("file", &name),
                ("seq", &anchor.seq.to_string()),
                ("at", &anchor.at.replace('T', " ").replace('Z', " UTC")),
                ("last", &last.to_string()),
            ],
        );
        findings.push(AnchorFindingDto {
            file: name,
            outcome,
            seq: Some(anchor.seq),
            signed_at: Some(anchor.at),
            message,
        });
    }
    let confirmed = findings
        .iter()
        .filter(|finding| finding.outcome == AnchorOutcomeCode::Confirmed)
        .filter_map(|finding| finding.seq)
        .max();
    Ok((findings, confirmed))
}
