//! Exports for the people downstream (issue 19): the claims list as filtered and the payments
//! register to XLSX, the last import's rejected rows to CSV or XLSX. Headings in the user's
//! language, dates DD.MM.YYYY, amounts as numbers with two decimals. A PINFL or passport is
//! masked as on screen unless the user asks to reveal them, which the audit log records.
//! Every file is written whole and readable by its owner alone.

use std::collections::HashMap;
use std::path::Path;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{Format, Workbook, XlsxError};

use crate::claims::dmy;
use crate::dto::{ClaimListQueryDto, ExportDto};
use crate::error::InputError;
use crate::messages::text;
use crate::policies::masked;
use crate::{Desk, DeskError};

/// The most claims one export writes (the list's own filter narrows it).
const CLAIMS_MAX: u32 = 1_000_000;

/// A cell of an exported table.
pub(crate) enum Cell {
    Text(String),
    /// Tiyin, written as a number of sums with two decimals.
    Money(i64),
    Day(NaiveDate),
}

impl From<String> for Cell {
    fn from(text: String) -> Cell {
        Cell::Text(text)
    }
}

impl From<&str> for Cell {
    fn from(text: &str) -> Cell {
        Cell::Text(text.to_owned())
    }
}

/// One sheet: a heading row, then the rows.
pub(crate) struct Table {
    pub sheet: String,
    pub headings: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    fn xlsx(&self) -> Result<Vec<u8>, XlsxError> {
        let mut workbook = Workbook::new();
        let sheet = workbook.add_worksheet();
        // A sheet's name is at most 31 characters, without []:*?/\.
        let name: String = self.sheet.chars().filter(|c| !"[]:*?/\\".contains(*c)).take(31).collect();
        sheet.set_name(name)?;
        let bold = Format::new().set_bold();
        let sums = Format::new().set_num_format("# ##0.00");
        for (column, heading) in self.headings.iter().enumerate() {
            let column = u16::try_from(column).unwrap_or(u16::MAX);
            sheet.write_string_with_format(0, column, heading, &bold)?;
            sheet.set_column_width(column, (heading.chars().count() as f64).clamp(10.0, 40.0))?;
        }
        for (index, row) in self.rows.iter().enumerate() {
            let at = u32::try_from(index + 1).unwrap_or(u32::MAX);
            for (column, cell) in row.iter().enumerate() {
                let column = u16::try_from(column).unwrap_or(u16::MAX);
                match cell {
                    Cell::Text(text) => sheet.write_string(at, column, text)?,
                    // The spreadsheet's number is a double: exact to the tiyin far beyond any
                    // sum insured (D25's ceiling is 10^14 tiyin < 2^53).
                    Cell::Money(tiyin) => {
                        let amount = Decimal::new(*tiyin, 2).to_f64().unwrap_or_default();
                        sheet.write_number_with_format(at, column, amount, &sums)?
                    }
                    Cell::Day(day) => sheet.write_string(at, column, dmy(*day))?,
                };
            }
        }
        sheet.set_freeze_panes(1, 0)?;
        if !self.rows.is_empty() {
            let last_column = u16::try_from(self.headings.len().saturating_sub(1)).unwrap_or(u16::MAX);
            let last_row = u32::try_from(self.rows.len()).unwrap_or(u32::MAX);
            sheet.autofilter(0, 0, last_row, last_column)?;
        }
        workbook.save_to_buffer()
    }

    /// UTF-8 with a byte-order mark (so a spreadsheet opens the Cyrillic right), comma-separated.
    fn csv(&self) -> Result<Vec<u8>, csv::Error> {
        let mut writer = csv::Writer::from_writer(vec![0xEF, 0xBB, 0xBF]);
        writer.write_record(&self.headings)?;
        for row in &self.rows {
            writer.write_record(row.iter().map(|cell| match cell {
                Cell::Text(text) => text.clone(),
                Cell::Money(tiyin) => Decimal::new(*tiyin, 2).to_string(),
                Cell::Day(day) => dmy(*day),
            }))?;
        }
        writer.into_inner().map_err(|error| error.into_error().into())
    }
}

impl Desk {
    /// Writes `table` to `path`, as CSV when its name ends in .csv, else as XLSX.
    pub(crate) fn write_table(&self, table: &Table, path: &Path) -> Result<ExportDto, DeskError> {
        let csv = path.extension().is_some_and(|extension| extension.eq_ignore_ascii_case("csv"));
        let bytes = match csv {
            true => table.csv().map_err(|error| error.to_string()),
            false => table.xlsx().map_err(|error| error.to_string()),
        }
        .map_err(|problem| cannot_write(path, problem))?;
        self.write_file(path, &bytes)?;
        Ok(ExportDto { file: path.display().to_string(), rows: table.rows.len() as u64 })
    }

    /// Writes `bytes` to `path` whole, owner-only (a PDF the person chose where to keep).
    pub fn write_file(&self, path: &Path, bytes: &[u8]) -> Result<(), DeskError> {
        self.session()?;
        tovon_store::write_private(path, bytes).map_err(|error| cannot_write(path, error.to_string()).into())
    }

    /// The claims list filtered as `query` says (every page), to `path` (issue 19).
    pub fn export_claims(
        &self,
        query: &ClaimListQueryDto,
        reveal: bool,
        path: &Path,
        today: NaiveDate,
    ) -> Result<ExportDto, DeskError> {
        self.session()?;
        let filter =
            tovon_store::ClaimFilter { limit: CLAIMS_MAX, offset: 0, ..self.claim_filter(query, today)? };
        let (_, rows) = self.store.list_claims(&filter)?;
        let language = self.language();
        let t = |key: &str| text(language, key, &[]);
        let mut policies = HashMap::new();
        let mut table = Table {
            sheet: t("screen.claims.heading"),
            headings: [
                "claims.col.number",
                "claims.col.insured",
                "claims.col.policy",
                "policy.field.pinfl",
                "policy.field.passport",
                "claims.col.event_date",
                "claim_form.outcome",
                "claims.col.state",
                "claims.col.next_due",
                "export.due_kind",
                "claims.awaiting_approval",
            ]
            .iter()
            .map(|key| t(key))
            .collect(),
            rows: Vec::with_capacity(rows.len()),
        };
        for row in rows {
            let record = match policies.entry(row.policy_id) {
                std::collections::hash_map::Entry::Occupied(known) => known.into_mut(),
                std::collections::hash_map::Entry::Vacant(new) => {
                    let policy = self
                        .store
                        .policy(row.policy_id)?
                        .ok_or_else(|| self.policy_not_found(row.policy_id))?;
                    new.insert(policy.record)
                }
            };
            let (pinfl, passport) = identifiers(&record.pinfl, record.passport.as_deref(), reveal);
            table.rows.push(vec![
                row.number.into(),
                row.insured_name.into(),
                row.policy.into(),
                pinfl.into(),
                passport.into(),
                Cell::Day(row.event_date),
                t(&format!("claim.outcome.{}", row.outcome)).into(),
                t(&format!("claim.state.{}", row.state.code())).into(),
                row.next_due.map_or(Cell::from(""), |(due, _)| Cell::Day(due)),
                row.next_due
                    .map_or(String::new(), |(_, kind)| t(&format!("deadline.kind.{}", kind.code())))
                    .into(),
                t(if row.awaiting_approval { "history.yes" } else { "history.no" }).into(),
            ]);
        }
        if reveal {
            let detail = serde_json::json!({ "revealed": ["pinfl", "passport"], "export": "claims", "rows": table.rows.len() });
            self.store.audit_event("policy", "export", None, &detail.to_string())?;
        }
        self.write_table(&table, path)
    }

    /// The payments recorded from `from` to `to` (DD.MM.YYYY or ISO), to `path` (issue 19).
    pub fn export_payments(
        &self,
        from: &str,
        to: &str,
        reveal: bool,
        path: &Path,
    ) -> Result<ExportDto, DeskError> {
        self.session()?;
        let (from, to) = (crate::claims::date("from", from)?, crate::claims::date("to", to)?);
        let language = self.language();
        let t = |key: &str| text(language, key, &[]);
        let payments = self.store.payments_between(from, to)?;
        let mut table = Table {
            sheet: t("export.payments_sheet"),
            headings: [
                "decision.external_paid_on",
                "decision.payee_amount",
                "decision.order_number",
                "decision.payee_name",
                "decision.payee_role",
                "claims.col.number",
                "export.act_number",
                "claims.col.insured",
                "claims.col.policy",
                "policy.field.pinfl",
                "policy.field.passport",
                "export.recorded_by",
            ]
            .iter()
            .map(|key| t(key))
            .collect(),
            rows: Vec::with_capacity(payments.len()),
        };
        for payment in payments {
            let (pinfl, passport) = identifiers(&payment.pinfl, payment.passport.as_deref(), reveal);
            table.rows.push(vec![
                Cell::Day(payment.paid_on),
                Cell::Money(payment.amount_tiyin),
                payment.order_number.into(),
                payment.payee_name.into(),
                t(&format!("payee.role.{}", payment.payee_role.code())).into(),
                payment.claim_number.into(),
                payment.act_number.unwrap_or_default().into(),
                payment.insured_name.into(),
                payment.policy.into(),
                pinfl.into(),
                passport.into(),
                payment.user.into(),
            ]);
        }
        if reveal {
            let detail = serde_json::json!({ "revealed": ["pinfl", "passport"], "export": "payments", "rows": table.rows.len() });
            self.store.audit_event("policy", "export", None, &detail.to_string())?;
        }
        self.write_table(&table, path)
    }

    /// The last import's rejected rows, as the file had them with a column saying what is
    /// wrong, to `path` (CSV or XLSX) to be corrected and imported again (issue 19).
    pub fn export_rejected_rows(&self, path: &Path) -> Result<ExportDto, DeskError> {
        self.session()?;
        let language = self.language();
        let rejected = self
            .last_rejected
            .as_ref()
            .filter(|rejected| !rejected.rows.is_empty())
            .ok_or_else(|| DeskError::NotFound(text(language, "export.no_rejected_rows", &[])))?;
        let mut headings = vec![text(language, "registry.col.row", &[])];
        headings.extend(rejected.header.iter().cloned());
        headings.push(text(language, "registry.col.problem", &[]));
        let rows = rejected
            .rows
            .iter()
            .map(|row| {
                let mut cells = vec![Cell::Text(row.row.to_string())];
                cells.extend(
                    (0..rejected.header.len())
                        .map(|at| Cell::Text(row.cells.get(at).cloned().unwrap_or_default())),
                );
                cells.push(Cell::Text(row.problems.clone()));
                cells
            })
            .collect();
        let sheet = text(language, "export.rejected_sheet", &[]);
        self.write_table(&Table { sheet, headings, rows }, path)
    }
}

fn cannot_write(path: &Path, problem: String) -> InputError {
    InputError::CannotWrite { field: "file".to_owned(), path: path.display().to_string(), problem }
}

/// A PINFL and passport as the export shows them: masked as lists show them, or in full.
fn identifiers(pinfl: &str, passport: Option<&str>, reveal: bool) -> (String, String) {
    match reveal {
        true => (pinfl.to_owned(), passport.unwrap_or_default().to_owned()),
        false => (masked(pinfl, 0, 4), passport.map(|passport| masked(passport, 2, 2)).unwrap_or_default()),
    }
}
