//! The policy register: importing the insurer's file and finding a policy.

use std::cell::{Cell, RefCell};
use std::path::Path;

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use sha2::{Digest, Sha256};
use tovon_core::identity::{Passport, Pinfl};
use tovon_core::policy::{Policy, detect_columns, parse_row};
use tovon_core::translit::fold_for_search;
use tovon_store::{PolicyRecord, StoredPolicy};

use crate::dto::{ImportPhase, ImportProgressDto, ImportReportDto, PolicySummaryDto, RowProblemDto};
use crate::{Desk, DeskError};

/// The most bad rows a report lists (all are counted).
const PROBLEMS_LISTED: usize = 1000;
/// How often (in rows) an import tells its progress.
const PROGRESS_EVERY: i64 = 5000;
/// The most matches a search returns.
const MATCHES: u32 = 50;

fn invalid(field: &str, problem: String) -> DeskError {
    DeskError::InvalidInput { field: field.to_owned(), problem }
}

fn tiyin(amount: Decimal) -> Option<i64> {
    (amount * Decimal::ONE_HUNDRED).to_i64()
}

pub(crate) fn record(policy: Policy) -> Option<PolicyRecord> {
    Some(PolicyRecord {
        name_search: fold_for_search(&policy.full_name),
        series: policy.series,
        number: policy.number,
        issued_on: policy.issued_on.to_string(),
        starts_on: policy.starts_on.to_string(),
        ends_on: policy.ends_on.to_string(),
        premium_paid_on: policy.premium_paid_on.map(|day| day.to_string()),
        sum_insured_tiyin: tiyin(policy.sum_insured)?,
        full_name: policy.full_name,
        birth_date: policy.birth_date.to_string(),
        pinfl: policy.pinfl.as_str().to_owned(),
        passport: policy.passport.map(|passport| passport.as_str().to_owned()),
        phone: policy.phone,
        address: policy.address,
        loan_agreement: policy.loan_agreement,
        loan_amount_tiyin: match policy.loan_amount {
            Some(amount) => Some(tiyin(amount)?),
            None => None,
        },
        branch: policy.branch,
    })
}

/// Comma, semicolon (Excel in a Russian locale) or tab: whichever the header uses most.
fn delimiter(first_line: &[u8]) -> u8 {
    [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|d| first_line.iter().filter(|b| *b == d).count())
        .unwrap_or(b',')
}

impl Desk {
    /// Imports the register from a CSV file: every row checked, bad rows reported (row,
    /// column, value, problem) and skipped, good rows upserted in one transaction.
    pub fn import_policies(&mut self, path: &Path) -> Result<ImportReportDto, DeskError> {
        self.import_policies_with_progress(path, &mut |_| {})
    }

    /// The same, telling `progress` how far it is (every few thousand rows, and when the
    /// rows are in and the indexes are being built), so a window can show a progress bar.
    pub fn import_policies_with_progress(
        &mut self,
        path: &Path,
        progress: &mut dyn FnMut(ImportProgressDto),
    ) -> Result<ImportReportDto, DeskError> {
        let bytes = std::fs::read(path)
            .map_err(|error| invalid("FILE", format!("cannot read {}: {error}", path.display())))?;
        let sha256: String = Sha256::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect();
        let body = bytes.strip_prefix(b"\xEF\xBB\xBF".as_slice()).unwrap_or(&bytes);
        let first_line = body.split(|b| *b == b'\n').next().unwrap_or_default();
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter(first_line))
            .from_reader(body);
        let mut records = reader.byte_records();
        let header = match records.next() {
            Some(Ok(header)) => header,
            Some(Err(error)) => return Err(invalid("FILE", format!("row 1: {error}"))),
            None => return Err(invalid("FILE", format!("{} is empty", path.display()))),
        };
        let header_text: Vec<String> =
            header.iter().map(|cell| String::from_utf8_lossy(cell).into_owned()).collect();
        let header_cells: Vec<&str> = header_text.iter().map(String::as_str).collect();
        let map = detect_columns(&header_cells).map_err(|error| invalid("header", error.to_string()))?;

        let read = Cell::new(0i64);
        let rejected = Cell::new(0i64);
        let problems: RefCell<Vec<RowProblemDto>> = RefCell::new(Vec::new());
        let report = |row: i64, column: &str, value: &str, problem: String| {
            rejected.set(rejected.get() + 1);
            let mut listed = problems.borrow_mut();
            if listed.len() < PROBLEMS_LISTED {
                listed.push(RowProblemDto {
                    row,
                    column: column.to_owned(),
                    value: value.to_owned(),
                    problem,
                });
            }
        };
        let total_bytes = u64::try_from(body.len()).unwrap_or(u64::MAX);
        let progress = RefCell::new(progress);
        let tell = |phase: ImportPhase, bytes: u64| {
            (progress.borrow_mut())(ImportProgressDto { phase, rows: read.get(), bytes, total_bytes })
        };
        tell(ImportPhase::Reading, 0);
        let good = records.filter_map(|result| {
            read.set(read.get() + 1);
            let row = read.get() + 1; // the header is row 1
            if read.get() % PROGRESS_EVERY == 0 {
                let bytes = result.as_ref().ok().and_then(|cells| cells.position()).map_or(0, |at| at.byte());
                tell(ImportPhase::Reading, bytes);
            }
            let cells = match result {
                Ok(cells) => cells,
                Err(error) => {
                    report(row, "", "", format!("cannot be read as CSV: {error}"));
                    return None;
                }
            };
            let Ok(texts) = cells.iter().map(std::str::from_utf8).collect::<Result<Vec<&str>, _>>() else {
                report(row, "", "", "is not UTF-8 text; save the file as \"CSV UTF-8\"".to_owned());
                return None;
            };
            if texts.iter().all(|cell| cell.trim().is_empty()) {
                read.set(read.get() - 1); // a blank line is not a row
                return None;
            }
            match parse_row(&texts, &map) {
                Ok(policy) => record(policy).or_else(|| {
                    report(row, "sum_insured", "", "is too large".to_owned());
                    None
                }),
                Err(row_problems) => {
                    rejected.set(rejected.get() + 1);
                    let mut listed = problems.borrow_mut();
                    for problem in row_problems.into_iter().take(PROBLEMS_LISTED.saturating_sub(listed.len()))
                    {
                        listed.push(RowProblemDto {
                            row,
                            column: problem.column.to_owned(),
                            value: problem.value,
                            problem: problem.problem,
                        });
                    }
                    None
                }
            }
        });
        let file_name = path.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default();
        // Reached when every row is in: what is left is building the indexes.
        let indexing = std::iter::from_fn(|| {
            tell(ImportPhase::Indexing, total_bytes);
            None
        });
        let counts = self
            .store
            .import_policies(&file_name, &sha256, good.chain(indexing), || (read.get(), rejected.get()))?;
        Ok(ImportReportDto {
            file: file_name,
            rows_read: read.get(),
            inserted: counts.inserted,
            updated: counts.updated,
            unchanged: counts.unchanged,
            rejected: rejected.get(),
            problems: problems.into_inner(),
        })
    }

    /// Finds policies by series and number, number, PINFL, passport, or name (either script).
    pub fn find_policies(&self, query: &str) -> Result<Vec<PolicySummaryDto>, DeskError> {
        let query = query.trim();
        if query.is_empty() {
            return Ok(Vec::new());
        }
        let found = if let Ok(pinfl) = Pinfl::parse(query) {
            self.store.policies_where("pinfl", pinfl.as_str(), MATCHES)?
        } else if let Ok(passport) = Passport::parse(query) {
            self.store.policies_where("passport", passport.as_str(), MATCHES)?
        } else if query.chars().any(|c| c.is_ascii_digit()) {
            let parts: Vec<&str> =
                query.split([' ', '-', '/', '№']).filter(|part| !part.is_empty()).collect();
            match parts.as_slice() {
                [series, number] => self.store.policy_by_series_number(series, number)?.into_iter().collect(),
                _ => self.store.policies_where("number", query, MATCHES)?,
            }
        } else {
            self.store.policies_by_name(&fold_for_search(query), MATCHES)?
        };
        Ok(found.into_iter().map(summary).collect())
    }
}

pub(crate) fn summary(policy: StoredPolicy) -> PolicySummaryDto {
    let record = policy.record;
    PolicySummaryDto {
        id: policy.id,
        series: record.series,
        number: record.number,
        full_name: record.full_name,
        birth_date: record.birth_date,
        pinfl: record.pinfl,
        passport: record.passport,
        starts_on: record.starts_on,
        ends_on: record.ends_on,
        sum_insured: (Decimal::new(record.sum_insured_tiyin, 2)).to_string(),
        branch: record.branch,
        in_registry: policy.in_registry,
    }
}
