//! What can be wrong with a document change, worded for the person at the desk.

use tovon_core::Language;

use super::attachments::AttachmentError;
use crate::dto::ErrorCode;
use crate::messages::text;

#[derive(Debug, thiserror::Error)]
pub enum DocumentError {
    #[error("item {item:?} is not on this claim's checklist")]
    UnknownItem { item: String },
    #[error("{item} has not been received")]
    NotReceived { item: String },
    #[error("{item} is not from an online service: nothing to verify")]
    NotOnline { item: String },
    #[error("{item} is not a medical document: it has no source")]
    NotMedical { item: String },
    #[error("{field}: {date} is after today ({today})")]
    DateInFuture { field: &'static str, date: String, today: String },
    #[error("{field}: {date} is before {earlier} ({what})")]
    DateTooEarly { field: &'static str, date: String, earlier: String, what: &'static str },
    #[error("{field} is required")]
    Required { field: &'static str },
    #[error("{item} was asked for already")]
    AlreadyRequested { item: String },
    #[error("{item} is required by the claim's facts already; no request needed")]
    AlreadyRequired { item: String },
    #[error("attachment {id} was removed already")]
    AlreadyRemoved { id: i64 },
    #[error("the documents are not complete: {missing}")]
    Incomplete { missing: String },
    #[error(transparent)]
    Attachment(#[from] AttachmentError),
}

fn day(iso: &str) -> String {
    tovon_core::policy::parse_date(iso).map_or_else(|| iso.to_owned(), crate::claims::dmy)
}

impl DocumentError {
    pub fn code(&self) -> ErrorCode {
        match self {
            DocumentError::Attachment(AttachmentError::Missing { .. } | AttachmentError::Tampered { .. }) => {
                ErrorCode::Storage
            }
            DocumentError::Attachment(AttachmentError::Write { .. }) => ErrorCode::Storage,
            _ => ErrorCode::InvalidInput,
        }
    }

    pub fn field(&self) -> Option<String> {
        let field = match self {
            DocumentError::UnknownItem { .. }
            | DocumentError::NotReceived { .. }
            | DocumentError::NotOnline { .. }
            | DocumentError::AlreadyRequested { .. }
            | DocumentError::AlreadyRequired { .. } => "item",
            DocumentError::NotMedical { .. } => "source",
            DocumentError::DateInFuture { field, .. }
            | DocumentError::DateTooEarly { field, .. }
            | DocumentError::Required { field } => field,
            DocumentError::AlreadyRemoved { .. } => "attachment",
            DocumentError::Incomplete { .. } => "state",
            DocumentError::Attachment(_) => "file",
        };
        Some(field.to_owned())
    }

    pub fn message(&self, language: Language) -> String {
        let t =
            |key: &str, params: &[(&str, &str)]| text(language, &format!("documents_error.{key}"), params);
        match self {
            DocumentError::UnknownItem { item } => t("unknown_item", &[("item", item)]),
            DocumentError::NotReceived { item } => t("not_received", &[("item", item)]),
            DocumentError::NotOnline { item } => t("not_online", &[("item", item)]),
            DocumentError::NotMedical { item } => t("not_medical", &[("item", item)]),
            DocumentError::DateInFuture { date, today, .. } => {
                t("date_in_future", &[("date", &day(date)), ("today", &day(today))])
            }
            DocumentError::DateTooEarly { date, earlier, what, .. } => t(
                "date_too_early",
                &[("date", &day(date)), ("earlier", &day(earlier)), ("what", &text(language, what, &[]))],
            ),
            DocumentError::Required { field } => {
                t("required", &[("field", &crate::labels::field_label(field, language))])
            }
            DocumentError::AlreadyRequested { item } => t("already_requested", &[("item", item)]),
            DocumentError::AlreadyRequired { item } => t("already_required", &[("item", item)]),
            DocumentError::AlreadyRemoved { id } => t("already_removed", &[("id", &id.to_string())]),
            DocumentError::Incomplete { missing } => t("incomplete", &[("missing", missing)]),
            DocumentError::Attachment(error) => attachment_message(error, language),
        }
    }
}

fn attachment_message(error: &AttachmentError, language: Language) -> String {
    let t = |key: &str, params: &[(&str, &str)]| text(language, &format!("attachment_error.{key}"), params);
    let mb = |bytes: u64| format!("{:.1}", bytes as f64 / (1024.0 * 1024.0));
    match error {
        AttachmentError::Unreadable { file, detail } => {
            t("unreadable", &[("file", file), ("detail", detail)])
        }
        AttachmentError::Empty { file } => t("empty", &[("file", file)]),
        AttachmentError::TooLarge { file, size, max } => {
            t("too_large", &[("file", file), ("size", &mb(*size)), ("max", &mb(*max))])
        }
        AttachmentError::NotAScan { file } => t("not_a_scan", &[("file", file)]),
        AttachmentError::NotAFile { file } => t("not_a_file", &[("file", file)]),
        AttachmentError::Missing { file, path } => t("missing", &[("file", file), ("path", path)]),
        AttachmentError::Tampered { file, .. } => t("tampered", &[("file", file)]),
        AttachmentError::Write { file, detail } => t("write", &[("file", file), ("detail", detail)]),
    }
}
