//! Tovon's SQLite database: one file, opened with the pragmas the desk relies on,
//! migrated forward by the SQL embedded in this crate.

mod anchor;
mod audit;
mod backup;
mod calendar;
mod claim_calculations;
mod claim_documents;
mod claims;
mod column_mappings;
mod decisions;
mod desk_key;
mod digest;
mod error;
mod exchange;
mod form_drafts;
mod migrations;
mod payments_register;
mod policies;
mod policy_changes;
mod private;
pub mod records;
mod replay;
mod replay_rows;
mod schedule_versions;
mod settings;
mod store;
mod submissions;
mod typed;
mod users;
mod work_queues;

pub use anchor::{ANCHOR_MARK, Anchor, AnchorCheck, AnchorProblem};
pub use audit::{AuditBreak, AuditCheck, AuditEntry, NOT_AUDITED, SYSTEM_ACTOR, audited_tables};
pub use backup::{CheckedFile, Restored, check_file, restore};
pub use calendar::{CalendarDayRow, DaySource};
pub use claim_calculations::{NewCalculation, StoredCalculation};
pub use claim_documents::{
    ChecklistFactsRow, ClaimLogEntry, ClaimLogRow, DocumentWrite, NewAttachment, NewRequest, ProgressWrite,
    StoredAttachment, StoredReceipt, StoredRequest,
};
pub use claims::{
    ClaimEventRow, ClaimFacts, ClaimFilter, ClaimListRow, ClaimPolicy, ClaimProgress, ClaimQuery, ClaimSort,
    ClaimStep, DueFilter, StoredClaim, claim_number,
};
pub use column_mappings::StoredColumnMapping;
pub use decisions::{
    ClaimMove, DocumentIssue, IssueError, NewDecision, NewExternalPayment, NewPayee, Render, SignedApproval,
    StoredDecision, StoredDocument, StoredExternalPayment, StoredPayee, StoredPayment, document_number,
};
pub use desk_key::{DeskKey, KeyReason, KnownKey, key_path, secret_file};
pub use digest::sha256_hex;
pub use error::StoreError;
pub use exchange::{ExchangeState, HeadOfficeChanges, SentBundle};
pub use migrations::{LATEST_SCHEMA_VERSION, MIGRATIONS, Migration};
pub use payments_register::RegisterPayment;
pub use policies::{ImportCounts, PolicyMatches, PolicyRecord, StoredPolicy};
pub use private::{create_private, owner_only, private_folder, write_private};
pub use replay::{History, Replayed};
pub use schedule_versions::StoredScheduleVersion;
pub use store::{Store, TableCount};
pub use submissions::{NewSubmission, StoredSubmission};
pub use typed::{BadValue, iso};
pub use users::{NewUser, StoredUser};
pub use work_queues::WorkQueue;
