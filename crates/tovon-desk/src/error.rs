//! The desk's errors, and how they cross to the UI as `{code, message, field?}`.

use tovon_core::calc::CalcError;
use tovon_core::calendar::CalendarError;
use tovon_core::claim::{RegistrationError, TransitionError};
use tovon_core::schedule::ScheduleError;
use tovon_core::{Language, UnknownLanguage};
use tovon_store::StoreError;

use crate::dto::{ErrorCode, ErrorDto};
use crate::messages::text;
use crate::users::AccessError;

#[derive(Debug, thiserror::Error)]
pub enum DeskError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("the platform has no data folder; set TOVON_DB or pass --db")]
    NoDataFolder,
    #[error(transparent)]
    UnknownLanguage(#[from] UnknownLanguage),
    /// A request field that cannot be read.
    #[error("{field}: {problem}")]
    InvalidInput { field: String, problem: String },
    #[error(transparent)]
    Calc(#[from] CalcError),
    #[error(transparent)]
    Calendar(#[from] CalendarError),
    /// A claim's dates that cannot be right.
    #[error(transparent)]
    Registration(#[from] RegistrationError),
    /// A move the lifecycle does not allow, or one without its reason.
    #[error(transparent)]
    Transition(#[from] TransitionError),
    /// A search or look-up that found nothing.
    #[error("{0}")]
    NotFound(String),
    /// The person stopped a long piece of work (an import) before it was done; nothing of it
    /// was saved.
    #[error("cancelled")]
    Cancelled,
    /// Something that should not happen did (its message already in the user's language).
    #[error("{0}")]
    Internal(String),
    /// A shipped schedule file that does not load: a defect of the build.
    #[error("the payment schedule does not load: {0}")]
    Schedule(ScheduleError),
    /// A document change that cannot be made (the checklist, attachments).
    #[error(transparent)]
    Documents(#[from] crate::documents::DocumentError),
    /// A form's value that cannot be taken.
    #[error(transparent)]
    Input(#[from] InputError),
    /// A field of a calculation request that does not read.
    #[error(transparent)]
    Request(#[from] crate::calc_request::RequestError),
    /// A decision, a payment or an approval that cannot be made as asked.
    #[error(transparent)]
    Decision(#[from] crate::decisions::DecisionError),
    /// The audit log's check found a broken link or a row changed behind it (its message
    /// already in the user's language).
    #[error("{0}")]
    AuditBroken(String),
    /// A bundle refused, or the exchange not set up (issue 20).
    #[error(transparent)]
    Exchange(#[from] crate::exchange::ExchangeError),
    /// Nobody signed in, the window locked, wrong credentials, or a role that may not.
    #[error(transparent)]
    Access(#[from] crate::users::AccessError),
}

/// A form's value that cannot be taken, worded from the catalogue at the edge.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    #[error("{field}: {value:?} is not a date (DD.MM.YYYY or YYYY-MM-DD)")]
    NotADate { field: String, value: String },
    #[error("{field} is required")]
    Required { field: String },
    #[error("{value:?} is not a branch code (1 to 6 letters)")]
    NotABranchCode { value: String },
    /// A claim typed with another branch than the desk's (issue 19).
    #[error("{value:?} is not this desk's branch {desk}")]
    NotTheDesksBranch { value: String, desk: String },
    #[error("no policy with id {id}")]
    UnknownPolicy { id: i64 },
    #[error("no policy: pick one from the register or enter it by hand")]
    NoPolicy,
    #[error("{field}: {value:?} is not one of {expected}")]
    NotOneOf { field: String, value: String, expected: String },
    #[error("{field}: {value:?} is not a whole number of 1 or more")]
    NotACount { field: String, value: String },
    #[error("{field}: {value:?} does not read as {shape}")]
    Shape { field: String, value: String, shape: String },
    #[error("there is no schedule version {version}")]
    NoScheduleVersion { field: String, version: String },
    #[error("{number} was issued in {issued}, asked for {asked}")]
    PrintedAsIssued { number: String, issued: String, asked: String },
    #[error("{path} cannot be written: {problem}")]
    CannotWrite { field: String, path: String, problem: String },
    #[error("{path} cannot be read: {problem}")]
    Unreadable { field: String, path: String, problem: String },
    #[error("{field}: more than {max_mb} MB")]
    TooLong { field: String, max_mb: u64 },
    /// A text (a form's draft) longer than it may be.
    #[error("{field} is longer than {max_kb} KB")]
    TextTooLong { field: String, max_kb: u64 },
}

impl InputError {
    fn field(&self) -> String {
        match self {
            InputError::NotADate { field, .. } | InputError::Required { field } => field.clone(),
            InputError::NotABranchCode { .. } | InputError::NotTheDesksBranch { .. } => {
                "branch_code".to_owned()
            }
            InputError::NotOneOf { field, .. }
            | InputError::NotACount { field, .. }
            | InputError::Shape { field, .. }
            | InputError::NoScheduleVersion { field, .. }
            | InputError::CannotWrite { field, .. }
            | InputError::Unreadable { field, .. }
            | InputError::TooLong { field, .. }
            | InputError::TextTooLong { field, .. } => field.clone(),
            InputError::PrintedAsIssued { .. } => "lang".to_owned(),
            InputError::UnknownPolicy { .. } => "policy_id".to_owned(),
            InputError::NoPolicy => "policy".to_owned(),
        }
    }

    fn message(&self, language: Language) -> String {
        let t = |key: &str, params: &[(&str, &str)]| text(language, &format!("input_error.{key}"), params);
        match self {
            InputError::NotADate { value, .. } => t("not_a_date", &[("value", value)]),
            InputError::Required { field } => {
                t("required", &[("field", &crate::labels::field_label(field, language))])
            }
            InputError::NotABranchCode { value } => t("not_a_branch_code", &[("value", value)]),
            InputError::NotTheDesksBranch { value, desk } => {
                t("not_the_desks_branch", &[("value", value), ("desk", desk)])
            }
            InputError::UnknownPolicy { id } => t("unknown_policy", &[("id", &id.to_string())]),
            InputError::NoPolicy => t("no_policy", &[]),
            InputError::NotOneOf { value, expected, .. } => {
                t("not_one_of", &[("value", value), ("expected", expected)])
            }
            InputError::NotACount { value, .. } => t("not_a_count", &[("value", value)]),
            InputError::Shape { value, shape, .. } => t("shape", &[("value", value), ("shape", shape)]),
            InputError::NoScheduleVersion { version, .. } => {
                t("no_schedule_version", &[("version", version)])
            }
            InputError::PrintedAsIssued { number, issued, asked } => {
                t("printed_as_issued", &[("number", number), ("issued", issued), ("asked", asked)])
            }
            InputError::CannotWrite { path, problem, .. } => {
                t("cannot_write", &[("path", path), ("problem", problem)])
            }
            InputError::Unreadable { path, problem, .. } => {
                t("unreadable", &[("path", path), ("problem", problem)])
            }
            InputError::TooLong { max_mb, .. } => t("too_long", &[("max", &max_mb.to_string())]),
            InputError::TextTooLong { max_kb, .. } => t("text_too_long", &[("max", &max_kb.to_string())]),
        }
    }
}

/// A request field that cannot be read, and why (already in the user's language where it
/// reaches a person).
pub(crate) fn invalid(field: &str, problem: impl Into<String>) -> DeskError {
    DeskError::InvalidInput { field: field.to_owned(), problem: problem.into() }
}

impl DeskError {
    /// The closed code the UI branches on.
    pub fn code(&self) -> ErrorCode {
        match self {
            DeskError::Store(_) | DeskError::NoDataFolder | DeskError::AuditBroken(_) => ErrorCode::Storage,
            DeskError::Cancelled => ErrorCode::Cancelled,
            DeskError::UnknownLanguage(_)
            | DeskError::InvalidInput { .. }
            | DeskError::Calc(_)
            | DeskError::Calendar(_)
            | DeskError::Registration(_)
            | DeskError::Transition(_) => ErrorCode::InvalidInput,
            DeskError::Schedule(_) | DeskError::Internal(_) => ErrorCode::Internal,
            DeskError::NotFound(_) => ErrorCode::NotFound,
            DeskError::Documents(error) => error.code(),
            // The head office not reached: nothing the person typed was wrong.
            DeskError::Exchange(crate::exchange::ExchangeError::Unreachable { .. }) => ErrorCode::Internal,
            DeskError::Decision(_) | DeskError::Input(_) | DeskError::Request(_) | DeskError::Exchange(_) => {
                ErrorCode::InvalidInput
            }
            DeskError::Access(AccessError::Forbidden { .. }) => ErrorCode::Forbidden,
            DeskError::Access(
                AccessError::WrongCredentials
                | AccessError::FirstUserExists
                | AccessError::TooManyAttempts { .. },
            ) => ErrorCode::InvalidInput,
            DeskError::Access(_) => ErrorCode::SignedOut,
        }
    }

    /// The input field the error is about, when there is one.
    pub fn field(&self) -> Option<String> {
        match self {
            DeskError::Cancelled => None,
            DeskError::UnknownLanguage(_) => Some("language".to_owned()),
            DeskError::InvalidInput { field, .. } => Some(field.clone()),
            DeskError::Calc(error) => Some(error.field()),
            DeskError::Calendar(CalendarError::CountBelowOne) => Some("N".to_owned()),
            DeskError::Calendar(CalendarError::NoBankDay(_)) => Some("calendar".to_owned()),
            DeskError::Registration(error) => Some(error.field().to_owned()),
            DeskError::Transition(TransitionError::ReasonRequired { .. }) => Some("reason".to_owned()),
            DeskError::Transition(_) => Some("state".to_owned()),
            DeskError::Documents(error) => error.field(),
            DeskError::Decision(error) => Some(error.field()),
            DeskError::Input(error) => Some(error.field()),
            DeskError::Request(error) => Some(error.field.clone()),
            // Over the network there is no file to point at.
            DeskError::Exchange(
                crate::exchange::ExchangeError::NoAddress
                | crate::exchange::ExchangeError::WrongCertificate { .. }
                | crate::exchange::ExchangeError::Unreachable { .. }
                | crate::exchange::ExchangeError::HeadOfficeRefused { .. },
            ) => None,
            DeskError::Exchange(_) => Some("file".to_owned()),
            DeskError::Access(AccessError::WrongCredentials | AccessError::TooManyAttempts { .. }) => {
                Some("password".to_owned())
            }
            DeskError::Access(_) => None,
            DeskError::Store(_)
            | DeskError::NoDataFolder
            | DeskError::Schedule(_)
            | DeskError::Internal(_)
            | DeskError::AuditBroken(_)
            | DeskError::NotFound(_) => None,
        }
    }

    /// The message for the person at the desk, in their language.
    pub fn message(&self, language: Language) -> String {
        match self {
            DeskError::Store(error) => store_message(error, language),
            DeskError::NoDataFolder => text(language, "error.no_data_folder", &[]),
            DeskError::UnknownLanguage(UnknownLanguage(value)) => {
                text(language, "error.unknown_language", &[("value", value)])
            }
            DeskError::Calc(error) => crate::calc_messages::calc_error_message(error, language),
            DeskError::NotFound(detail) => text(language, "error.not_found", &[("detail", detail)]),
            DeskError::Cancelled => text(language, "error.cancelled", &[]),
            // The problem alone: the field is the ErrorDto's `field`, never in the sentence.
            DeskError::InvalidInput { problem, .. } => {
                text(language, "error.invalid_input", &[("detail", problem)])
            }
            DeskError::Calendar(CalendarError::CountBelowOne) => {
                text(language, "calendar_error.count_below_one", &[])
            }
            DeskError::Calendar(CalendarError::NoBankDay(from)) => {
                text(language, "calendar_error.no_bank_day", &[("date", &crate::claims::dmy(*from))])
            }
            DeskError::Schedule(error) => text(language, "error.internal", &[("detail", &error.to_string())]),
            DeskError::Internal(detail) => text(language, "error.internal", &[("detail", detail)]),
            DeskError::AuditBroken(message) => message.clone(),
            DeskError::Registration(error) => registration_message(error, language),
            DeskError::Transition(error) => transition_message(error, language),
            DeskError::Documents(error) => error.message(language),
            DeskError::Decision(error) => error.message(language),
            DeskError::Input(error) => error.message(language),
            DeskError::Request(error) => error.message(language),
            DeskError::Exchange(error) => error.message(language),
            DeskError::Access(error) => error.message(language),
        }
    }

    pub fn to_dto(&self, language: Language) -> ErrorDto {
        ErrorDto { code: self.code(), message: self.message(language), field: self.field() }
    }
}

fn store_message(error: &StoreError, language: Language) -> String {
    match error {
        StoreError::CreateFolder { path, source } => text(
            language,
            "error.db_folder",
            &[("path", &path.display().to_string()), ("detail", &source.to_string())],
        ),
        StoreError::Open { path, source } => text(
            language,
            "error.db_open",
            &[("path", &path.display().to_string()), ("detail", &source.to_string())],
        ),
        StoreError::NewerSchema { path, found, known } => text(
            language,
            "error.db_newer",
            &[
                ("path", &path.display().to_string()),
                ("found", &found.to_string()),
                ("known", &known.to_string()),
            ],
        ),
        StoreError::OtherSchema { path, found, known } => text(
            language,
            "error.db_other_schema",
            &[
                ("path", &path.display().to_string()),
                ("found", &found.to_string()),
                ("known", &known.to_string()),
            ],
        ),
        StoreError::MigrationEdited { version, name } => {
            text(language, "error.migration_edited", &[("version", &version.to_string()), ("name", name)])
        }
        StoreError::Damaged { path, problems } => {
            text(language, "error.db_damaged", &[("path", &path.display().to_string()), ("detail", problems)])
        }
        StoreError::NotTovon { path } => {
            text(language, "error.db_not_tovon", &[("path", &path.display().to_string())])
        }
        StoreError::File { path, source } => text(
            language,
            "error.file",
            &[("path", &path.display().to_string()), ("detail", &source.to_string())],
        ),
        StoreError::BadValue(bad) => text(
            language,
            "error.record_unreadable",
            &[
                ("table", bad.table),
                ("id", &bad.id.to_string()),
                ("detail", &format!("{} «{}» — {}", bad.column, bad.value, bad.expected)),
            ],
        ),
        StoreError::Record { table, id, source } => text(
            language,
            "error.record_unreadable",
            &[("table", table), ("id", &id.to_string()), ("detail", &source.to_string())],
        ),
        StoreError::DeskKeyDamaged { path } => {
            text(language, "error.desk_key_damaged", &[("path", &path.display().to_string())])
        }
        StoreError::NoDeskKey => text(language, "error.no_desk_key", &[]),
        StoreError::NoAuditHead => text(language, "error.no_audit_head", &[]),
        StoreError::AuditPastHead => text(language, "error.audit_past_head", &[]),
        StoreError::History { seq, detail } => {
            tracing::warn!(seq, detail = %detail, "the history sent back does not replay");
            text(language, "error.history_not_replayed", &[("seq", &seq.to_string())])
        }
        StoreError::WalRefused { .. }
        | StoreError::Migration { .. }
        | StoreError::Sqlite(_)
        | StoreError::ImportStopped => text(language, "error.storage", &[("detail", &error.to_string())]),
    }
}

fn day(date: chrono::NaiveDate) -> String {
    date.format("%d.%m.%Y").to_string()
}

fn registration_message(error: &RegistrationError, language: Language) -> String {
    match error {
        RegistrationError::EventInFuture { event_date, today } => text(
            language,
            "claim_error.event_in_future",
            &[("event_date", &day(*event_date)), ("today", &day(*today))],
        ),
        RegistrationError::NoticeBeforeEvent { notice_date, event_date } => text(
            language,
            "claim_error.notice_before_event",
            &[("notice_date", &day(*notice_date)), ("event_date", &day(*event_date))],
        ),
        RegistrationError::NoticeInFuture { notice_date, today } => text(
            language,
            "claim_error.notice_in_future",
            &[("notice_date", &day(*notice_date)), ("today", &day(*today))],
        ),
    }
}

/// A state's name in the user's language.
pub(crate) fn state_name(state: tovon_core::claim::ClaimState, language: Language) -> String {
    text(language, &format!("claim.state.{}", state.code()), &[])
}

fn transition_message(error: &TransitionError, language: Language) -> String {
    match error {
        TransitionError::UnknownState(value) => {
            text(language, "claim_error.unknown_state", &[("value", value)])
        }
        TransitionError::Illegal { from, to, .. } => {
            let allowed =
                from.next().iter().map(|state| state_name(*state, language)).collect::<Vec<_>>().join(", ");
            text(
                language,
                "claim_error.illegal",
                &[
                    ("from", &state_name(*from, language)),
                    ("to", &state_name(*to, language)),
                    ("allowed", &allowed),
                ],
            )
        }
        TransitionError::ReasonRequired { from, to } => text(
            language,
            "claim_error.reason_required",
            &[("from", &state_name(*from, language)), ("to", &state_name(*to, language))],
        ),
    }
}
