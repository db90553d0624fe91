//! A desk restored from a backup while enrolled (issue 20: "A desk restored from a backup
//! older than its last bundle would re-issue numbers the head office already has. On its next
//! exchange the head office sends it back its own missing history ..., the desk replays it,
//! and its counters continue above the highest number the network has seen; until then the
//! desk warns and does not number documents"). The restore holds the desk from its own entry
//! on; its bundles then say so and carry nothing from there; the head office's answer brings
//! the entries it lost, checked to continue this desk's log, and they are replayed.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use tovon_exchange::{AuditLine, AuditRange, History, Member, members};

use super::error::ExchangeError;
use crate::{Desk, DeskError};

/// The exchange mark's first line; then the audit entry the log has reached beyond the desk
/// (sent in a bundle, or confirmed by the head office), the desk's prefix and its log's first
/// entry's hash (a mark beside another database is not its own).
const MARK_HEADER: &str = "tovon exchange mark 2";

/// The exchange mark of the database at `db`: `tovon.sqlite3` → `tovon.sqlite3.exchange-mark`.
/// Beside the database, never in it: a database put back from an older copy by hand has a
/// log that ends before it.
pub fn exchange_mark_path(db: &Path) -> PathBuf {
    let mut name = db.file_name().map(std::ffi::OsStr::to_os_string).unwrap_or_default();
    name.push(".exchange-mark");
    db.with_file_name(name)
}

/// How far a database's log has left the desk, as its mark says.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Mark {
    seq: i64,
    prefix: String,
    first_hash: String,
}

/// The mark at `path`; none when there is none. A mark that does not read is said in the
/// desk's log and not believed (it guards, it records nothing), and written anew.
fn read_mark(path: &Path) -> Option<Mark> {
    let text = std::fs::read_to_string(path).ok()?;
    let mut lines = text.lines();
    let mark = (lines.next() == Some(MARK_HEADER))
        .then(|| {
            Some(Mark {
                seq: lines.next()?.trim().parse().ok()?,
                prefix: lines.next()?.to_owned(),
                first_hash: lines.next()?.to_owned(),
            })
        })
        .flatten();
    if mark.is_none() {
        tracing::warn!(path = %path.display(), "the exchange mark does not read; it is written anew");
    }
    mark
}

impl Desk {
    /// This database's mark at `seq`: its prefix and its log's first entry.
    fn mark_at(&self, seq: i64) -> Result<Option<Mark>, DeskError> {
        let (Some(prefix), Some(first_hash)) = (self.numbering_prefix.clone(), self.store.audit_hash(1)?)
        else {
            return Ok(None);
        };
        Ok(Some(Mark { seq, prefix, first_hash }))
    }

    /// The mark beside this database when it is this database's own.
    fn own_mark(&self) -> Result<Option<Mark>, DeskError> {
        let Some(kept) = read_mark(&exchange_mark_path(self.store.path())) else { return Ok(None) };
        let ours = self.mark_at(kept.seq)?;
        Ok(ours.filter(|ours| *ours == kept))
    }

    /// Remembers beside the database that the log has left the desk up to entry `seq`; with
    /// `lower`, even below what the mark said (after a restore, what the head office holds
    /// is what left).
    pub(super) fn mark_left(&self, seq: i64, lower: bool) -> Result<(), DeskError> {
        if !lower && self.own_mark()?.is_some_and(|kept| kept.seq >= seq) {
            return Ok(());
        }
        let Some(mark) = self.mark_at(seq)? else { return Ok(()) };
        let path = exchange_mark_path(self.store.path());
        let partial = path.with_extension("exchange-mark.part");
        let text = format!("{MARK_HEADER}\n{}\n{}\n{}\n", mark.seq, mark.prefix, mark.first_hash);
        tovon_store::write_private(&partial, text.as_bytes())
            .and_then(|()| std::fs::rename(&partial, &path))
            .map_err(|source| tovon_store::StoreError::File { path: path.clone(), source })?;
        Ok(())
    }

    /// On open: an enrolled desk whose log, as the file was found, ends before the entry its
    /// mark says has left it was put back from an older copy by hand (not `tovon restore`):
    /// it holds as a restored desk does, from the entry after that end.
    pub(crate) fn hold_if_put_back(&self) -> Result<(), DeskError> {
        if self.store.exchange_state()?.restored_from.is_some() {
            return Ok(());
        }
        let (Some(left), Some(head)) = (self.own_mark()?, self.store.head_at_open()) else { return Ok(()) };
        if head >= left.seq {
            return Ok(());
        }
        self.store.hold_for_history(head + 1)?;
        let detail = serde_json::json!({ "put_back": { "log_ends": head, "left_the_desk": left.seq } });
        self.store.audit_event("database", "restore", None, &detail.to_string())?;
        tracing::warn!(
            head,
            left = left.seq,
            "the database's log ends before what left the desk: it waits for its history"
        );
        Ok(())
    }

    /// Claim work stops while the desk waits for its history.
    pub(crate) fn not_awaiting_history(&self) -> Result<(), DeskError> {
        match self.store.exchange_state()?.restored_from {
            Some(from) => Err(ExchangeError::AwaitingHistory { from }.into()),
            None => Ok(()),
        }
    }

    /// After a restore: an enrolled desk holds from the first entry after the backup's last,
    /// `backup_head` (what opening the file logged — a new key pair on a new PC — is the
    /// desk's since the restore, like the restore's own entry). The restore wrote the hold
    /// into the file already unless the backup was from before migration 0021.
    pub(crate) fn hold_after_restore(&self, backup_head: Option<i64>) -> Result<Option<i64>, DeskError> {
        if let Some(from) = self.store.exchange_state()?.restored_from {
            return Ok(Some(from));
        }
        let (Some(_), Some(head)) = (&self.numbering_prefix, backup_head) else {
            return Ok(None);
        };
        let from = head + 1;
        self.store.hold_for_history(from)?;
        tracing::warn!(from, "restored while enrolled: claim work waits for the head office's history");
        Ok(Some(from))
    }

    /// Checks the history a head office bundle sent back continues this desk's log, and
    /// puts the scans it refers to back beside the database (harmless if applying then
    /// fails); returns the documents' bytes by SHA-256, for the replay.
    pub(super) fn prepare_history(
        &self,
        history: &History,
        members: &[Member],
    ) -> Result<BTreeMap<String, Vec<u8>>, DeskError> {
        self.history_is_ours(history)?;
        let mut blobs = BTreeMap::new();
        for member in members {
            if let Some(sha256) = member.name.strip_prefix(members::BLOB_PREFIX) {
                if tovon_store::sha256_hex(&member.bytes) != sha256 {
                    return Err(ExchangeError::Member {
                        member: member.name.clone(),
                        detail: "its bytes are not the SHA-256 it is named by".to_owned(),
                    }
                    .into());
                }
                blobs.insert(sha256.to_owned(), member.bytes.clone());
            }
        }
        self.put_back_scans(&history.lines, &blobs)?;
        Ok(blobs)
    }

    /// The history continues this desk's log where the restore held it, entry by entry.
    fn history_is_ours(&self, history: &History) -> Result<(), DeskError> {
        let not_ours = |detail: String| ExchangeError::HistoryNotOurs { detail };
        let previous = self
            .store
            .audit_hash(history.from - 1)?
            .ok_or_else(|| not_ours(format!("entry {} is not in this log", history.from - 1)))?;
        if history.lines.is_empty() {
            // Nothing lost: the head office holds no more than this desk had.
            return if history.head_seq < history.from {
                Ok(())
            } else {
                Err(not_ours(format!("entries {}–{} named, none sent", history.from, history.head_seq))
                    .into())
            };
        }
        let range = AuditRange {
            first: history.from,
            last: history.head_seq,
            previous_hash: previous,
            last_hash: history.head_hash.clone(),
        };
        tovon_exchange::check_chain(&history.lines, &range).map_err(|error| not_ours(error.to_string()))?;
        Ok(())
    }

    /// The scans the history's entries attached, back in the attachments folder.
    fn put_back_scans(
        &self,
        lines: &[AuditLine],
        blobs: &BTreeMap<String, Vec<u8>>,
    ) -> Result<(), DeskError> {
        let folder = self.attachment_folder();
        for line in lines.iter().filter(|line| line.entity == "claim_attachment" && line.action == "insert") {
            let unreadable = |detail: String| ExchangeError::HistoryNotOurs {
                detail: format!("entry {}: {detail}", line.seq),
            };
            let after: serde_json::Value = serde_json::from_str(line.after.as_deref().unwrap_or_default())
                .map_err(|error| unreadable(error.to_string()))?;
            let (Some(sha256), Some(file_name)) = (after["sha256"].as_str(), after["file_name"].as_str())
            else {
                return Err(unreadable("a scan without its SHA-256 or name".to_owned()).into());
            };
            let Some(bytes) = blobs.get(sha256) else {
                return Err(ExchangeError::MissingBytes {
                    what: file_name.to_owned(),
                    detail: "the head office did not send it back".to_owned(),
                }
                .into());
            };
            let scan = crate::documents::attachments::Scan {
                file_name: file_name.to_owned(),
                bytes: bytes.clone(),
                media_type: "",
                sha256: sha256.to_owned(),
            };
            folder.put(&scan).map_err(|error| ExchangeError::MissingBytes {
                what: file_name.to_owned(),
                detail: error.to_string(),
            })?;
        }
        Ok(())
    }
}
