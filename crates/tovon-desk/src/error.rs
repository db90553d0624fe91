//! The desk's errors, and how they cross to the UI as `{code, message, field?}`.

use tovon_core::{Language, UnknownLanguage};
use tovon_store::StoreError;

use crate::dto::{ErrorCode, ErrorDto};
use crate::messages::text;

#[derive(Debug, thiserror::Error)]
pub enum DeskError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("the platform has no data folder; set TOVON_DB or pass --db")]
    NoDataFolder,
    #[error(transparent)]
    UnknownLanguage(#[from] UnknownLanguage),
}

impl DeskError {
    /// The closed code the UI branches on.
    pub fn code(&self) -> ErrorCode {
        match self {
            DeskError::Store(_) | DeskError::NoDataFolder => ErrorCode::Storage,
            DeskError::UnknownLanguage(_) => ErrorCode::InvalidInput,
        }
    }

    /// The input field the error is about, when there is one.
    pub fn field(&self) -> Option<&'static str> {
        match self {
            DeskError::UnknownLanguage(_) => Some("language"),
            DeskError::Store(_) | DeskError::NoDataFolder => None,
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
        }
    }

    pub fn to_dto(&self, language: Language) -> ErrorDto {
        ErrorDto {
            code: self.code(),
            message: self.message(language),
            field: self.field().map(str::to_owned),
        }
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
        StoreError::MigrationEdited { version, name } => {
            text(language, "error.migration_edited", &[("version", &version.to_string()), ("name", name)])
        }
        StoreError::WalRefused { .. } | StoreError::Migration { .. } | StoreError::Sqlite(_) => {
            text(language, "error.storage", &[("detail", &error.to_string())])
        }
    }
}
