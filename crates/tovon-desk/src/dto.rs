//! Data crossing the boundary to the UI (IPC) and out of the CLI (`--json`).
//!
//! Only these types derive serde and ts-rs; domain types stay free of UI concerns.
//! Their TypeScript twins live in `ui/src/lib/bindings/` and are regenerated and
//! compared by the `bindings` test (`TOVON_BLESS=1` rewrites them).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use tovon_core::Language;

/// The closed set of error codes the UI branches on. Add one only when the UI
/// must act differently on it; the message carries the rest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The user's input is wrong; `field` names it.
    InvalidInput,
    /// The database could not be opened, read or written.
    Storage,
    /// A defect of the program.
    Internal,
}

/// An error as the UI receives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ErrorDto {
    pub code: ErrorCode,
    /// In the user's language, saying what to do.
    pub message: String,
    /// The input field the error is about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub field: Option<String>,
}

/// A language tag as the UI knows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub enum LanguageTag {
    #[serde(rename = "uz-Cyrl")]
    UzCyrl,
    #[serde(rename = "uz-Latn")]
    UzLatn,
    #[serde(rename = "ru")]
    Ru,
}

impl From<Language> for LanguageTag {
    fn from(language: Language) -> Self {
        match language {
            Language::UzbekCyrillic => LanguageTag::UzCyrl,
            Language::UzbekLatin => LanguageTag::UzLatn,
            Language::Russian => LanguageTag::Ru,
        }
    }
}

impl From<LanguageTag> for Language {
    fn from(tag: LanguageTag) -> Self {
        match tag {
            LanguageTag::UzCyrl => Language::UzbekCyrillic,
            LanguageTag::UzLatn => Language::UzbekLatin,
            LanguageTag::Ru => Language::Russian,
        }
    }
}

/// What the About panel shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AboutDto {
    pub app_version: String,
    pub db_path: String,
    pub schema_version: u32,
    pub sqlite_version: String,
}

/// The desk's preferences, kept in its database.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PreferencesDto {
    pub language: LanguageTag,
}

/// One table and its row count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TableCountDto {
    pub table: String,
    #[ts(type = "number")]
    pub rows: u64,
}

/// The facts of the database file, for `tovon db info`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DbInfoDto {
    pub path: String,
    pub schema_version: u32,
    pub sqlite_version: String,
    pub tables: Vec<TableCountDto>,
}
