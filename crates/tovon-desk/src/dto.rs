//! Data crossing the boundary to the UI (IPC) and out of the CLI (`--json`).
//!
//! Only these types derive serde and ts-rs; domain types stay free of UI concerns.
//! Their TypeScript twins live in `ui/src/lib/bindings/` and are regenerated and
//! compared by the `bindings` test (`TOVON_BLESS=1` rewrites them).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use tovon_core::Language;
use tovon_core::calc::{Calculation, LineKind};

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

/// What a calculation line is (the UI styles them differently).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CalcLineKind {
    Item,
    Zeroed,
    SurgeryAddon,
    Cap,
    Outcome,
    Deduction,
}

/// One line of a calculation; decimals as strings, amounts with two decimals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CalcLineDto {
    pub kind: CalcLineKind,
    pub item: String,
    pub text: String,
    pub percent: Option<String>,
    pub amount: String,
    pub clause: String,
    pub reason: String,
}

/// An item not payable yet (D14), with the first day it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DeferredDto {
    pub item: String,
    /// ISO date.
    pub earliest_date: String,
}

/// The answer of `tovon calc` and the Calculator screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CalculationDto {
    pub table_version: u32,
    pub lines: Vec<CalcLineDto>,
    pub warnings: Vec<String>,
    pub deferred: Vec<DeferredDto>,
    pub total_percent: String,
    pub gross: String,
    pub prior_paid: String,
    pub payable: String,
}

impl From<Calculation> for CalculationDto {
    fn from(calculation: Calculation) -> Self {
        CalculationDto {
            table_version: calculation.table_version,
            lines: calculation
                .lines
                .into_iter()
                .map(|line| CalcLineDto {
                    kind: match line.kind {
                        LineKind::Item => CalcLineKind::Item,
                        LineKind::Zeroed => CalcLineKind::Zeroed,
                        LineKind::SurgeryAddon => CalcLineKind::SurgeryAddon,
                        LineKind::Cap => CalcLineKind::Cap,
                        LineKind::Outcome => CalcLineKind::Outcome,
                        LineKind::Deduction => CalcLineKind::Deduction,
                    },
                    item: line.item,
                    text: line.text,
                    percent: line.percent.map(|percent| percent.normalize().to_string()),
                    amount: line.amount.to_string(),
                    clause: line.clause,
                    reason: line.reason,
                })
                .collect(),
            warnings: calculation.warnings,
            deferred: calculation
                .deferred
                .into_iter()
                .map(|deferred| DeferredDto {
                    item: deferred.item,
                    earliest_date: deferred.earliest_date.to_string(),
                })
                .collect(),
            total_percent: calculation.total_percent.normalize().to_string(),
            gross: calculation.gross.to_string(),
            prior_paid: calculation.prior_paid.to_string(),
            payable: calculation.payable.to_string(),
        }
    }
}
