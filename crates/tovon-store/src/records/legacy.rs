//! Version 0: what programs before records wrote into rows that are never updated — the
//! window's `CalculationDto` (amounts as display strings) and `ApproveDto` (amounts as the
//! person typed them). Read here into today's records, strictly; never written.

use chrono::NaiveDate;
use serde::Deserialize;

use super::money::tiyin_of_text;
use super::{ApprovalRecord, CalculationRecord, DeferredRecord, LineKindRecord, LineRecord, RecordError};

#[derive(Deserialize)]
struct LegacyCalculation {
    table_version: u32,
    lines: Vec<LegacyLine>,
    warnings: Vec<String>,
    deferred: Vec<LegacyDeferred>,
    total_percent: String,
    gross: String,
    prior_paid: String,
    payable: String,
}

#[derive(Deserialize)]
struct LegacyLine {
    kind: LineKindRecord,
    item: String,
    text: String,
    percent: Option<String>,
    amount: String,
    clause: String,
    reason: String,
}

#[derive(Deserialize)]
struct LegacyDeferred {
    item: String,
    earliest_date: String,
}

fn shape(error: serde_json::Error) -> RecordError {
    RecordError::Shape(format!("version 0: {error}"))
}

fn date(text: &str, what: &str) -> Result<NaiveDate, RecordError> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| RecordError::Date { what: what.to_owned(), value: text.to_owned() })
}

pub(super) fn calculation(value: serde_json::Value) -> Result<CalculationRecord, RecordError> {
    let old: LegacyCalculation = serde_json::from_value(value).map_err(shape)?;
    let lines = old
        .lines
        .into_iter()
        .enumerate()
        .map(|(at, line)| {
            Ok(LineRecord {
                kind: line.kind,
                item: line.item,
                text: line.text,
                percent: line.percent,
                amount_tiyin: tiyin_of_text(&line.amount, &format!("lines[{at}].amount"))?,
                clause: line.clause,
                reason: line.reason,
            })
        })
        .collect::<Result<Vec<_>, RecordError>>()?;
    let deferred = old
        .deferred
        .into_iter()
        .enumerate()
        .map(|(at, deferred)| {
            let earliest_date = date(&deferred.earliest_date, &format!("deferred[{at}].earliest_date"))?;
            Ok(DeferredRecord { item: deferred.item, earliest_date })
        })
        .collect::<Result<Vec<_>, RecordError>>()?;
    let mut record = CalculationRecord {
        version: 0,
        table_version: old.table_version,
        lines,
        warnings: old.warnings,
        deferred,
        total_percent: old.total_percent,
        gross_tiyin: tiyin_of_text(&old.gross, "gross")?,
        prior_paid_tiyin: tiyin_of_text(&old.prior_paid, "prior_paid")?,
        payable_tiyin: tiyin_of_text(&old.payable, "payable")?,
        decisions: Vec::new(),
    };
    record.decisions = super::decisions_named(&record);
    Ok(record)
}

#[derive(Deserialize)]
struct LegacyApproval {
    payees: Vec<LegacyPayee>,
    decided_on: String,
    language: Option<String>,
}

#[derive(Deserialize)]
struct LegacyPayee {
    role: String,
    name: String,
    #[serde(default)]
    details: String,
    amount: String,
}

pub(super) fn approval(value: serde_json::Value) -> Result<ApprovalRecord, RecordError> {
    let old: LegacyApproval = serde_json::from_value(value).map_err(shape)?;
    let payees = old
        .payees
        .into_iter()
        .enumerate()
        .map(|(at, payee)| {
            let what = format!("payees[{at}].amount");
            let amount = tovon_core::Money::parse(&payee.amount)
                .map_err(|_| RecordError::Money { what: what.clone(), value: payee.amount.clone() })?;
            Ok(super::PayeeRecord {
                role: payee.role,
                name: payee.name,
                details: payee.details,
                amount_tiyin: amount.tiyin(),
            })
        })
        .collect::<Result<Vec<_>, RecordError>>()?;
    Ok(ApprovalRecord {
        version: 0,
        payees,
        decided_on: date(&old.decided_on, "decided_on")?,
        // The drafting program always named the act's language; a row without one is refused.
        language: old
            .language
            .ok_or_else(|| RecordError::Code { what: "language".to_owned(), value: String::new() })?,
    })
}
