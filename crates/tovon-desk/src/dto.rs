//! Data crossing the boundary to the UI (IPC) and out of the CLI (`--json`).
//!
//! Only these types derive serde and ts-rs; domain types stay free of UI concerns.
//! Their TypeScript twins live in `ui/src/lib/bindings/` and are regenerated and
//! compared by the `bindings` test (`TOVON_BLESS=1` rewrites them).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

mod audit;
mod claims;
mod decisions;
mod documents;
mod exchange;
mod users;
pub use audit::*;
pub use claims::*;
pub use decisions::*;
pub use documents::*;
pub use exchange::*;
pub use users::*;

use tovon_core::Language;
use tovon_store::records::{CalculationRecord, LineKindRecord};

/// The closed set of error codes the UI branches on. Add one only when the UI
/// must act differently on it; the message carries the rest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The user's input is wrong; `field` names it.
    InvalidInput,
    /// The database could not be opened, read or written.
    Storage,
    /// What was looked for does not exist (the UI shows an empty state, not an error).
    NotFound,
    /// A defect of the program.
    Internal,
    /// Nobody is signed in, or the window is locked: the UI shows the sign-in.
    SignedOut,
    /// The signed-in user's role may not do this.
    Forbidden,
    /// The person stopped it before it was done; nothing was saved.
    Cancelled,
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
    /// Where the desk's daily log is kept (thirty days), to send to whoever helps.
    pub log_folder: String,
}

/// A form whose half-filled content the desk keeps for its user (issue 19).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum FormCode {
    NewClaim,
}

/// The desk's preferences, kept in its database.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PreferencesDto {
    pub language: LanguageTag,
    /// The branch code this desk registered its last claim under (the New claim form's default).
    pub branch_code: String,
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

/// Built on the way out only: the store keeps the record, the window and `tovon calc` get this.
impl From<&CalculationRecord> for CalculationDto {
    fn from(record: &CalculationRecord) -> Self {
        CalculationDto {
            table_version: record.table_version,
            lines: record
                .lines
                .iter()
                .map(|line| CalcLineDto {
                    kind: match line.kind {
                        LineKindRecord::Item => CalcLineKind::Item,
                        LineKindRecord::Zeroed => CalcLineKind::Zeroed,
                        LineKindRecord::SurgeryAddon => CalcLineKind::SurgeryAddon,
                        LineKindRecord::Cap => CalcLineKind::Cap,
                        LineKindRecord::Outcome => CalcLineKind::Outcome,
                        LineKindRecord::Deduction => CalcLineKind::Deduction,
                    },
                    item: line.item.clone(),
                    text: line.text.clone(),
                    percent: line.percent.clone(),
                    amount: amount_text(line.amount_tiyin),
                    clause: line.clause.clone(),
                    reason: line.reason.clone(),
                })
                .collect(),
            warnings: record.warnings.clone(),
            deferred: record
                .deferred
                .iter()
                .map(|deferred| DeferredDto {
                    item: deferred.item.clone(),
                    earliest_date: deferred.earliest_date.to_string(),
                })
                .collect(),
            total_percent: record.total_percent.clone(),
            gross: amount_text(record.gross_tiyin),
            prior_paid: amount_text(record.prior_paid_tiyin),
            payable: amount_text(record.payable_tiyin),
        }
    }
}

/// Tiyin as the desk writes an amount to the window and the CLI: exact, two decimals
/// ("1800000.00").
pub(crate) fn amount_text(tiyin: i64) -> String {
    tovon_core::Money::from_tiyin(tiyin).to_string()
}

/// What an item needs besides its id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ItemParameterKind {
    None,
    /// Item 6: days of in-patient treatment.
    Days,
    /// 56в: the birth date (D16).
    Age,
    /// Item 20: acuity before and after (D8).
    Acuity,
    /// 37 from version 2 on: the bone, one injury each (D22).
    Bone,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AcuityCellDto {
    pub before: String,
    pub after: String,
    pub percent: String,
}

/// One item of the schedule as the Calculator shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ScheduleItemDto {
    /// The item's code as the schedule writes it ("97б"): what a request names.
    pub id: String,
    /// The code as the desk's script shows it ("97b" in Uzbek Latin, where "97б" reads as
    /// 976; issue 19).
    pub shown_id: String,
    pub article: u16,
    /// Article text and sub-item text.
    pub text: String,
    /// The sub-item's own text (or the article's, when it has none).
    pub label: String,
    pub heading: Option<String>,
    /// `None`: depends on parameters, or not payable until set (item 5, D6).
    pub percent: Option<String>,
    pub parameter: ItemParameterKind,
    pub acuity: Vec<AcuityCellDto>,
    /// D22: the bones' keys ("upper_jaw", …); the window names them from the catalogue.
    pub bones: Vec<String>,
    /// Finger items need the hand (D12).
    pub needs_side: bool,
    /// The surgery add-on the item's note gives, if any.
    pub surgery_percent: Option<String>,
    pub max_count: Option<u32>,
    pub hints: Vec<String>,
    pub decision: Option<String>,
    pub defects: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ScheduleSectionDto {
    pub id: String,
    pub title: String,
    /// D27: the largest single item percentage, the ceiling of a doctor's conclusion.
    pub max_percent: Option<String>,
    pub items: Vec<ScheduleItemDto>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ScheduleViewDto {
    pub version: u32,
    pub effective_from: String,
    pub sections: Vec<ScheduleSectionDto>,
}

/// One injury of a calculator request (the JSON the CLI reads; the UI sends the same).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct InjuryRequestDto {
    pub item: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub count: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional, type = "\"left\" | \"right\"")]
    pub side: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub surgery: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub acuity_before: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub acuity_after: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub days: Option<u32>,
    /// D22: the bone of item 37.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub bone: Option<String>,
    /// D27, item "7.1": the section's id, the conclusion's percentage and its reference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub section: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub percent: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub reference: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PriorPaymentRequestDto {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub item: Option<String>,
    pub amount: String,
}

/// A calculator request as the UI builds it; decimals and dates (ISO) as strings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CalcRequestDto {
    pub sum_insured: String,
    pub event_date: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub calc_date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub birth_date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional, type = "\"injury\" | \"disability_1\" | \"disability_2\" | \"death\"")]
    pub outcome: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub outcome_date: Option<String>,
    pub prior_payments: Vec<PriorPaymentRequestDto>,
    pub injuries: Vec<InjuryRequestDto>,
}

/// One version of the payment schedule, shipped or added by an administrator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ScheduleVersionDto {
    pub version: u32,
    /// ISO date from which the version is in force.
    pub effective_from: String,
    pub shipped: bool,
    pub note: Option<String>,
    pub added_at: Option<String>,
    pub items: u32,
    /// Items the version gives no percentage for (item 5 in version 1, D6).
    pub unpayable_items: Vec<String>,
    /// Articles the version lists as missing (21–26 in version 1, D7).
    pub missing_articles: Vec<u16>,
    /// Set when this program cannot read the stored version.
    pub error: Option<String>,
}

/// A day of the bank-day calendar that differs from the five-day week.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CalendarDayDto {
    /// ISO date.
    pub date: String,
    /// A holiday (not a bank day); otherwise a working weekend day.
    pub holiday: bool,
    pub name: String,
    pub by_administrator: bool,
    /// A shipped date that is only an estimate (a hayit) for the administrator to confirm.
    pub estimate: bool,
}

/// Which years of the bank-day calendar an administrator has confirmed against the decrees
/// (a deadline counted into any other year says so).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CalendarStatusDto {
    pub confirmed: Vec<i32>,
    /// From November: next year's calendar is not confirmed yet.
    pub next_year_unconfirmed: Option<i32>,
}

/// One problem of an imported row: the row (the header is row 1), the column, the value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RowProblemDto {
    #[ts(type = "number")]
    pub row: i64,
    pub column: String,
    pub value: String,
    pub problem: String,
}

/// What an import of the register did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportReportDto {
    pub file: String,
    #[ts(type = "number")]
    pub rows_read: i64,
    #[ts(type = "number")]
    pub inserted: i64,
    #[ts(type = "number")]
    pub updated: i64,
    #[ts(type = "number")]
    pub unchanged: i64,
    #[ts(type = "number")]
    pub rejected: i64,
    /// The first 1000 problems (every rejected row is counted in `rejected`).
    pub problems: Vec<RowProblemDto>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ImportPhase {
    /// Rows are read, checked and stored.
    Reading,
    /// Every row is in; the indexes are being built.
    Indexing,
}

/// How far an import of the register is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportProgressDto {
    pub phase: ImportPhase,
    /// Rows read so far.
    #[ts(type = "number")]
    pub rows: i64,
    /// How far into the file, of `total` (bytes of a CSV, rows of a sheet): the bar.
    #[ts(type = "number")]
    pub done: u64,
    #[ts(type = "number")]
    pub total: u64,
}

/// A saved column mapping: which field each header cell of the insurer's wording holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ColumnMappingDto {
    pub name: String,
    pub pairs: Vec<ColumnPairDto>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ColumnPairDto {
    /// The header cell as the file writes it.
    pub header: String,
    /// The canonical field: `policy_series`, `pinfl`, …
    pub field: String,
}

/// The header of a register file as the desk reads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportHeaderDto {
    /// The header cells, in order.
    pub headers: Vec<String>,
    /// Every canonical field, with the header cell taken for it (its index), if any.
    pub fields: Vec<ImportFieldDto>,
    /// Why the file cannot be imported as it is (a required field unmapped, one twice).
    pub problem: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportFieldDto {
    pub field: String,
    pub required: bool,
    pub position: Option<u32>,
}

/// A file an export wrote: where, and how many rows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ExportDto {
    pub file: String,
    #[ts(type = "number")]
    pub rows: u64,
}

/// A registry search: the first policies found and how many match in all ("50 of 812").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PolicySearchDto {
    #[ts(type = "number")]
    pub total: i64,
    pub policies: Vec<PolicySummaryDto>,
}

/// A person's card (issue 19), opened from a registry result: the policy with every field,
/// the same person's other policies (by PINFL) and the claims on any of them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PersonCardDto {
    pub policy: PolicySummaryDto,
    pub issued_on: String,
    pub premium_paid_on: Option<String>,
    pub phone: Option<String>,
    pub address: Option<String>,
    pub loan_agreement: Option<String>,
    pub loan_amount: Option<String>,
    pub other_policies: Vec<PolicySummaryDto>,
    pub claims: Vec<ClaimRowDto>,
}

/// A policy as a search lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PolicySummaryDto {
    #[ts(type = "number")]
    pub id: i64,
    pub series: String,
    pub number: String,
    pub full_name: String,
    pub birth_date: String,
    pub pinfl: String,
    pub passport: Option<String>,
    pub starts_on: String,
    pub ends_on: String,
    pub sum_insured: String,
    pub branch: Option<String>,
    /// False for a policy entered by hand ("not in registry").
    pub in_registry: bool,
}
