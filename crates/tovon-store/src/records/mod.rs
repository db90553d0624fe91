//! Versioned records kept as JSON in rows that are never updated (`claim_calculation.result`
//! and `.deferred`, `act_submission.request`): domain values with integer money (tiyin) and
//! codes, never a DTO of display strings. Each carries its `version`. A row without one was
//! written by an earlier program as the window's DTO: "version 0", read by [`legacy`] into
//! today's record and never written again. A value that does not read is an error naming
//! what, never a default.

mod legacy;
mod money;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use tovon_core::calc::{Calculation, Deferred, Line, LineKind};

pub use money::tiyin_of;

/// The version this program writes.
pub const RECORD_VERSION: u32 = 1;

/// Why a record cannot be made or read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RecordError {
    #[error("{what}: {value} is not an amount in tiyin")]
    Money { what: String, value: String },
    #[error("{what}: {value:?} is not a date (YYYY-MM-DD)")]
    Date { what: String, value: String },
    #[error("{what}: {value:?} is not a percentage")]
    Percent { what: String, value: String },
    #[error("{what}: {value:?} is not a known code")]
    Code { what: String, value: String },
    #[error("record version {0} is newer than this program knows ({RECORD_VERSION})")]
    NewerVersion(u32),
    #[error("not a record: {0}")]
    Shape(String),
}

/// What a line of a calculation is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LineKindRecord {
    Item,
    Zeroed,
    SurgeryAddon,
    Cap,
    Outcome,
    Deduction,
}

/// One line of a calculation, in the schedule's own script (Uzbek Cyrillic).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LineRecord {
    pub kind: LineKindRecord,
    pub item: String,
    pub text: String,
    /// Exact ("15", "12.5", "-5"); none for a deduction.
    pub percent: Option<String>,
    pub amount_tiyin: i64,
    pub clause: String,
    pub reason: String,
}

/// An item not payable yet (D14) and the first day it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeferredRecord {
    pub item: String,
    #[serde(with = "iso_date")]
    pub earliest_date: NaiveDate,
}

/// A claim's calculation as it was made: what the act and the Decision tab read back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CalculationRecord {
    pub version: u32,
    pub table_version: u32,
    pub lines: Vec<LineRecord>,
    pub warnings: Vec<String>,
    pub deferred: Vec<DeferredRecord>,
    /// The percentage the lines add up to, exact.
    pub total_percent: String,
    pub gross_tiyin: i64,
    pub prior_paid_tiyin: i64,
    pub payable_tiyin: i64,
    /// The decisions of DOMAIN.md its lines and warnings name ("D14", "D22"), in order.
    pub decisions: Vec<String>,
}

impl CalculationRecord {
    /// The record of a calculation made now.
    pub fn of(calculation: &Calculation) -> Result<CalculationRecord, RecordError> {
        let lines = calculation
            .lines
            .iter()
            .enumerate()
            .map(|(at, line)| line_record(at, line))
            .collect::<Result<Vec<_>, _>>()?;
        let mut record = CalculationRecord {
            version: RECORD_VERSION,
            table_version: calculation.table_version,
            lines,
            warnings: calculation.warnings.clone(),
            deferred: calculation.deferred.iter().map(deferred_record).collect(),
            total_percent: calculation.total_percent.normalize().to_string(),
            gross_tiyin: tiyin_of(calculation.gross, "gross")?,
            prior_paid_tiyin: tiyin_of(calculation.prior_paid, "prior_paid")?,
            payable_tiyin: tiyin_of(calculation.payable, "payable")?,
            decisions: Vec::new(),
        };
        record.decisions = decisions_named(&record);
        Ok(record)
    }

    /// The record as stored: JSON with its version.
    pub fn encode(&self) -> String {
        encode(self)
    }

    /// A stored record of any version this program knows.
    pub fn decode(text: &str) -> Result<CalculationRecord, RecordError> {
        let record: CalculationRecord = decode(text, legacy::calculation)?;
        money::check_percent(&record.total_percent, "total_percent")?;
        for (at, line) in record.lines.iter().enumerate() {
            if let Some(percent) = &line.percent {
                money::check_percent(percent, &format!("lines[{at}].percent"))?;
            }
        }
        Ok(record)
    }

    /// The `deferred` column: the deferred items alone, for a reader of the table.
    pub fn encode_deferred(&self) -> String {
        serde_json::to_string(&self.deferred).unwrap_or_else(|_| unreachable!("dates and strings encode"))
    }
}

/// A record as JSON (its fields are strings, integers and lists: it always encodes).
fn encode<T: Serialize>(record: &T) -> String {
    serde_json::to_string(record).unwrap_or_else(|_| unreachable!("a record of strings and integers encodes"))
}

/// A stored record: today's shape when it names its version, else version 0 by `legacy`.
fn decode<T: serde::de::DeserializeOwned>(
    text: &str,
    legacy: fn(serde_json::Value) -> Result<T, RecordError>,
) -> Result<T, RecordError> {
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| RecordError::Shape(e.to_string()))?;
    match version_of(&value)? {
        None => legacy(value),
        Some(_) => serde_json::from_value(value).map_err(|e| RecordError::Shape(e.to_string())),
    }
}

/// `None`: version 0 (no `version` field); a newer version than this program's is refused.
fn version_of(value: &serde_json::Value) -> Result<Option<u32>, RecordError> {
    let Some(version) = value.get("version") else { return Ok(None) };
    let version = version
        .as_u64()
        .and_then(|v| u32::try_from(v).ok())
        .ok_or_else(|| RecordError::Shape(format!("version {version}")))?;
    if version > RECORD_VERSION {
        return Err(RecordError::NewerVersion(version));
    }
    Ok(Some(version))
}

fn line_record(at: usize, line: &Line) -> Result<LineRecord, RecordError> {
    Ok(LineRecord {
        kind: match line.kind {
            LineKind::Item => LineKindRecord::Item,
            LineKind::Zeroed => LineKindRecord::Zeroed,
            LineKind::SurgeryAddon => LineKindRecord::SurgeryAddon,
            LineKind::Cap => LineKindRecord::Cap,
            LineKind::Outcome => LineKindRecord::Outcome,
            LineKind::Deduction => LineKindRecord::Deduction,
        },
        item: line.item.clone(),
        text: line.text.clone(),
        percent: line.percent.map(|percent| percent.normalize().to_string()),
        amount_tiyin: tiyin_of(line.amount, &format!("lines[{at}].amount"))?,
        clause: line.clause.clone(),
        reason: line.reason.clone(),
    })
}

fn deferred_record(deferred: &Deferred) -> DeferredRecord {
    DeferredRecord { item: deferred.item.clone(), earliest_date: deferred.earliest_date }
}

/// "D14", "D22" … as the clauses, reasons and warnings name them, each once, in order.
fn decisions_named(record: &CalculationRecord) -> Vec<String> {
    let texts = record
        .lines
        .iter()
        .flat_map(|line| [line.clause.as_str(), line.reason.as_str()])
        .chain(record.warnings.iter().map(String::as_str));
    let mut named = Vec::new();
    for text in texts {
        let chars: Vec<char> = text.chars().collect();
        for at in 0..chars.len() {
            let starts = chars[at] == 'D' && (at == 0 || !chars[at - 1].is_alphanumeric());
            let digits: String = chars[at + 1..].iter().take_while(|c| c.is_ascii_digit()).collect();
            let ends = chars.get(at + 1 + digits.len()).is_none_or(|c| !c.is_alphanumeric());
            let name = format!("D{digits}");
            if starts && !digits.is_empty() && ends && !named.contains(&name) {
                named.push(name);
            }
        }
    }
    named
}

/// One payee of an approval as drafted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PayeeRecord {
    /// insured, bank, heir or other.
    pub role: String,
    pub name: String,
    pub details: String,
    pub amount_tiyin: i64,
}

/// An approval drafted above the officer's authority limit (`act_submission.request`): what
/// the supervisor's approval issues, checked when it was drafted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApprovalRecord {
    pub version: u32,
    pub payees: Vec<PayeeRecord>,
    #[serde(with = "iso_date")]
    pub decided_on: NaiveDate,
    /// The act's language tag (uz-Cyrl, uz-Latn, ru).
    pub language: String,
}

/// The payee roles of 1.1.3 an approval names.
pub const PAYEE_ROLES: [&str; 4] = ["insured", "bank", "heir", "other"];

/// The act languages a record names.
pub const LANGUAGE_TAGS: [&str; 3] = ["uz-Cyrl", "uz-Latn", "ru"];

impl ApprovalRecord {
    pub fn encode(&self) -> String {
        encode(self)
    }

    pub fn decode(text: &str) -> Result<ApprovalRecord, RecordError> {
        let record: ApprovalRecord = decode(text, legacy::approval)?;
        record.check()?;
        Ok(record)
    }

    /// Codes this program knows: a role of 1.1.3, a language of the documents.
    pub fn check(&self) -> Result<(), RecordError> {
        for (at, payee) in self.payees.iter().enumerate() {
            if !PAYEE_ROLES.contains(&payee.role.as_str()) {
                return Err(RecordError::Code {
                    what: format!("payees[{at}].role"),
                    value: payee.role.clone(),
                });
            }
        }
        if !LANGUAGE_TAGS.contains(&self.language.as_str()) {
            return Err(RecordError::Code { what: "language".to_owned(), value: self.language.clone() });
        }
        Ok(())
    }
}

/// Dates in records as ISO text, read strictly.
mod iso_date {
    use chrono::NaiveDate;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(date: &NaiveDate, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&date.format("%Y-%m-%d").to_string())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<NaiveDate, D::Error> {
        let text = String::deserialize(deserializer)?;
        NaiveDate::parse_from_str(&text, "%Y-%m-%d")
            .map_err(|_| serde::de::Error::custom(format!("{text:?} is not a date (YYYY-MM-DD)")))
    }
}
