//! Importing the register: one thread reads and checks the rows while the calling thread
//! stores them, so a 1 000 000-row file uses both cores. Bad rows are reported (row,
//! column, value, problem in the user's language) and skipped; the good ones go into one
//! transaction, which an unreadable file rolls back whole.

use std::cell::RefCell;
use std::ops::ControlFlow;
use std::path::Path;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};

use tovon_core::Language;
use tovon_core::identity::IdentityError;
use tovon_core::policy::{
    ColumnMap, HeaderError, RowProblemKind, SavedMapping, detect_columns_with, parse_row,
};
use tovon_store::{PolicyRecord, StoreError};

use super::record;
use super::source::{Encoding, HeaderStep, Row, SourceError, Unreadable, Visitor, read_rows};
use crate::dto::{ImportPhase, ImportProgressDto, ImportReportDto, RowProblemDto};
use crate::error::invalid;
use crate::messages::text;
use crate::{Desk, DeskError};

/// The most bad rows a report lists (all are counted).
const PROBLEMS_LISTED: usize = 1000;
/// How often (in rows) an import tells its progress.
const PROGRESS_EVERY: i64 = 5000;
/// Rows handed from the reading thread to the storing one at a time.
const BATCH: usize = 1024;

/// Up to how many non-blank rows are tried as the header (a title may stand above it).
const HEADER_ROWS: usize = 10;

/// Finds the header among the first rows: the first one the column names (and the saved
/// mapping) recognise. When none is, the widest row tried stands for the header in the
/// message and on the mapping screen.
pub(crate) struct HeaderSearch<'a> {
    saved: &'a SavedMapping,
    tried: usize,
    widest: Option<(usize, Vec<String>, HeaderError)>,
}

pub(crate) enum Found {
    Header(ColumnMap),
    NotIt,
    GiveUp,
}

impl<'a> HeaderSearch<'a> {
    pub(crate) fn new(saved: &'a SavedMapping) -> HeaderSearch<'a> {
        HeaderSearch { saved, tried: 0, widest: None }
    }

    pub(crate) fn consider(&mut self, cells: &[&str]) -> Found {
        match detect_columns_with(cells, self.saved) {
            Ok(map) => Found::Header(map),
            Err(error) => {
                self.tried += 1;
                let width = cells.iter().filter(|cell| !cell.trim().is_empty()).count();
                if self.widest.as_ref().is_none_or(|(widest, _, _)| width > *widest) {
                    self.widest = Some((width, cells.iter().map(|cell| (*cell).to_owned()).collect(), error));
                }
                if self.tried >= HEADER_ROWS { Found::GiveUp } else { Found::NotIt }
            }
        }
    }

    /// The row that stands for the header when none was recognised, and why.
    pub(crate) fn best_guess(&mut self) -> Option<(Vec<String>, HeaderError)> {
        self.widest.take().map(|(_, cells, error)| (cells, error))
    }
}

/// From the reading thread to the storing one.
enum Message {
    /// The header is recognised: rows follow, `total` far (bytes of a CSV, rows of a sheet).
    Ready {
        total: u64,
    },
    Batch {
        records: Vec<PolicyRecord>,
        rows: i64,
        position: u64,
        total: u64,
    },
    Done(Tally),
    /// The file cannot be read (before or after Ready): nothing is to be stored.
    Failed(DeskError),
}

#[derive(Debug, Default)]
struct Tally {
    rows_read: i64,
    rejected: i64,
    problems: Vec<RowProblemDto>,
    /// The rejected rows as the file has them, with what is wrong (for the export).
    rejected_rows: Vec<RejectedRow>,
    /// The file's header row.
    header: Vec<String>,
}

/// A row of the file the import did not take: its number, its cells, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RejectedRow {
    pub row: i64,
    pub cells: Vec<String>,
    pub problems: String,
}

/// The last import's rejected rows under the file's header, kept by the desk until the next
/// import so they can be exported to be corrected (issue 19).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct RejectedRows {
    pub file: String,
    pub header: Vec<String>,
    pub rows: Vec<RejectedRow>,
}

/// The most rejected rows kept for the export.
const REJECTED_KEPT: usize = 100_000;

/// The reading side: checks each row and sends the good ones on in batches.
struct Checker<'a> {
    search: HeaderSearch<'a>,
    taken: bool,
    language: Language,
    sender: SyncSender<Message>,
    header: Vec<String>,
    map: ColumnMap,
    total: u64,
    batch: Vec<PolicyRecord>,
    tally: Tally,
}

impl Checker<'_> {
    fn send(&mut self, message: Message) -> ControlFlow<()> {
        // A closed channel: the storing side stopped (its error is reported there).
        if self.sender.send(message).is_err() { ControlFlow::Break(()) } else { ControlFlow::Continue(()) }
    }

    fn reject(&mut self, row: i64, column: &str, value: &str, problem: String) {
        if self.tally.problems.len() < PROBLEMS_LISTED {
            self.tally.problems.push(RowProblemDto {
                row,
                column: column.to_owned(),
                value: value.to_owned(),
                problem,
            });
        }
    }

    fn header_name(&self, at: usize) -> String {
        self.header.get(at).cloned().unwrap_or_else(|| format!("#{}", at + 1))
    }
}

impl Visitor for Checker<'_> {
    fn header(&mut self, cells: &[&str], total: u64) -> HeaderStep {
        self.total = total;
        match self.search.consider(cells) {
            Found::Header(map) => {
                self.map = map;
                self.taken = true;
                self.header = cells.iter().map(|cell| (*cell).to_owned()).collect();
                match self.send(Message::Ready { total }) {
                    ControlFlow::Continue(()) => HeaderStep::Taken,
                    ControlFlow::Break(()) => HeaderStep::Stop,
                }
            }
            Found::NotIt => HeaderStep::NotIt,
            Found::GiveUp => HeaderStep::Stop,
        }
    }

    fn row(&mut self, row: Row<'_>) -> ControlFlow<()> {
        let language = self.language;
        match row.cells {
            Ok(cells) if cells.iter().all(|cell| cell.trim().is_empty()) => {} // a blank line is not a row
            Ok(cells) => {
                self.tally.rows_read += 1;
                match parse_row(cells, &self.map).map(record) {
                    Ok(policy) => self.batch.push(policy),
                    Err(problems) => {
                        self.tally.rejected += 1;
                        let mut said = Vec::with_capacity(problems.len());
                        for problem in problems {
                            let message = row_problem_text(&problem.kind, language);
                            // The file's own heading of the column (issue 19); a field the
                            // file has no column for by its label.
                            let heading = match self.map.position(problem.column) {
                                Some(at) => self.header_name(at),
                                None => {
                                    text(language, &format!("registry.field.{}", problem.column.name()), &[])
                                }
                            };
                            said.push(format!("{heading}: {message}"));
                            self.reject(row.number, &heading, &problem.value, message);
                        }
                        if self.tally.rejected_rows.len() < REJECTED_KEPT {
                            let cells = cells.iter().map(|cell| (*cell).to_owned()).collect();
                            let problems = said.join("; ");
                            self.tally.rejected_rows.push(RejectedRow { row: row.number, cells, problems });
                        }
                    }
                }
            }
            Err(unreadable) => {
                self.tally.rows_read += 1;
                self.tally.rejected += 1;
                let (column, value, problem) = match unreadable {
                    Unreadable::Csv(error) => (
                        String::new(),
                        String::new(),
                        text(language, "row_problem.not_csv", &[("detail", &error)]),
                    ),
                    Unreadable::NotUtf8 => {
                        (String::new(), String::new(), text(language, "row_problem.not_utf8", &[]))
                    }
                    Unreadable::CellError { at, value } => {
                        (self.header_name(at), value, text(language, "row_problem.cell_error", &[]))
                    }
                };
                if self.tally.rejected_rows.len() < REJECTED_KEPT {
                    let rejected = RejectedRow {
                        row: row.number,
                        cells: vec![value.clone()],
                        problems: problem.clone(),
                    };
                    self.tally.rejected_rows.push(rejected);
                }
                self.reject(row.number, &column, &value, problem);
            }
        }
        // Full batches, and one at each progress step, so the bar moves by whole steps.
        if self.batch.len() >= BATCH || self.tally.rows_read % PROGRESS_EVERY == 0 {
            let records = std::mem::replace(&mut self.batch, Vec::with_capacity(BATCH));
            let (rows, total) = (self.tally.rows_read, self.total);
            return self.send(Message::Batch { records, rows, position: row.position, total });
        }
        ControlFlow::Continue(())
    }
}

/// The reading thread: the whole file, then what it found.
fn check_file(bytes: &[u8], saved: &SavedMapping, language: Language, sender: SyncSender<Message>) {
    let mut checker = Checker {
        search: HeaderSearch::new(saved),
        taken: false,
        language,
        sender,
        header: Vec::new(),
        map: ColumnMap::default(),
        total: 0,
        batch: Vec::with_capacity(BATCH),
        tally: Tally::default(),
    };
    let result = read_rows(bytes, &mut checker);
    let last = match result {
        Err(error) => Message::Failed(source_error(&error, language)),
        // Not UTF-8, and no header in it as Windows-1251 either: the encoding is the problem.
        Ok(Encoding::Windows1251) if !checker.taken => {
            Message::Failed(source_error(&SourceError::Encoding, language))
        }
        Ok(_) if !checker.taken => Message::Failed(match checker.search.best_guess() {
            Some((_, error)) => header_error(&error, language),
            None => source_error(&SourceError::Empty, language),
        }),
        Ok(_) => {
            let records = std::mem::take(&mut checker.batch);
            let (rows, total) = (checker.tally.rows_read, checker.total);
            if checker.send(Message::Batch { records, rows, position: total, total }).is_break() {
                return;
            }
            checker.tally.header = checker.header.clone();
            Message::Done(std::mem::take(&mut checker.tally))
        }
    };
    let _ = checker.send(last);
}

impl Desk {
    /// Imports the register from a CSV or XLSX file: every row checked, bad rows reported
    /// and skipped, good rows upserted in one transaction. `mapping` names a saved column
    /// mapping for headers the built-in names do not cover.
    pub fn import_policies(
        &mut self,
        path: &Path,
        mapping: Option<&str>,
    ) -> Result<ImportReportDto, DeskError> {
        self.import_policies_with_progress(path, mapping, &mut |_| ControlFlow::Continue(()))
    }

    /// The same, telling `progress` how far it is (every few thousand rows, and when the
    /// rows are in and the indexes are being built), so a window can show a progress bar.
    /// `progress` answering `Break` while the rows are read cancels the import: nothing is
    /// stored, and the answer is `DeskError::Cancelled` (issue 19).
    pub fn import_policies_with_progress(
        &mut self,
        path: &Path,
        mapping: Option<&str>,
        progress: &mut dyn FnMut(ImportProgressDto) -> ControlFlow<()>,
    ) -> Result<ImportReportDto, DeskError> {
        self.require(crate::users::Permission::ClaimWork)?;
        // Once enrolled, the register is the head office's: it comes with its bundles.
        if self.numbering_prefix.is_some() {
            return Err(invalid("file", text(self.language(), "import_error.owned_by_head_office", &[])));
        }
        let language = self.language();
        let saved = self.saved_mapping(mapping)?;
        let bytes = read_file(path, language)?;
        let file_name = path.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default();
        self.import_register_bytes(&file_name, &bytes, &saved, progress)
    }

    /// Imports the register's rows in `bytes` (a file named `file_name`): the import itself,
    /// for a file the person chose or the register a head office bundle carries.
    pub(crate) fn import_register_bytes(
        &mut self,
        file_name: &str,
        bytes: &[u8],
        saved: &SavedMapping,
        progress: &mut dyn FnMut(ImportProgressDto) -> ControlFlow<()>,
    ) -> Result<ImportReportDto, DeskError> {
        let language = self.language();
        let file_name = file_name.to_owned();
        std::thread::scope(|scope| {
            let (sender, receiver) = sync_channel(8);
            scope.spawn(move || check_file(bytes, saved, language, sender));
            let total = match receiver.recv() {
                Ok(Message::Ready { total }) => total,
                Ok(Message::Failed(error)) => return Err(error),
                Ok(_) | Err(_) => return Err(reading_stopped(language)),
            };
            if progress(ImportProgressDto { phase: ImportPhase::Reading, rows: 0, done: 0, total }).is_break()
            {
                return Err(DeskError::Cancelled);
            }
            let sha256 = tovon_store::sha256_hex(bytes);
            let end: RefCell<Option<Result<Tally, DeskError>>> = RefCell::new(None);
            let records = stored_records(receiver, progress, total, &end, language);
            let stored = self.store.import_policies(&file_name, &sha256, records, || match &*end.borrow() {
                Some(Ok(tally)) => Ok((tally.rows_read, tally.rejected)),
                _ => Err(StoreError::ImportStopped),
            });
            let end = end.into_inner();
            let (counts, tally) = match (stored, end) {
                (Ok(counts), Some(Ok(tally))) => (counts, tally),
                (Err(StoreError::ImportStopped), Some(Err(error))) => return Err(error),
                (Err(error), _) => return Err(error.into()),
                (Ok(_), _) => return Err(reading_stopped(language)),
            };
            tracing::info!(
                rows = tally.rows_read,
                inserted = counts.inserted,
                updated = counts.updated,
                unchanged = counts.unchanged,
                rejected = tally.rejected,
                "register imported"
            );
            self.last_rejected = Some(RejectedRows {
                file: file_name.clone(),
                header: tally.header,
                rows: tally.rejected_rows,
            });
            Ok(ImportReportDto {
                file: file_name.clone(),
                rows_read: tally.rows_read,
                inserted: counts.inserted,
                updated: counts.updated,
                unchanged: counts.unchanged,
                rejected: tally.rejected,
                problems: tally.problems,
            })
        })
    }
}

/// The good rows as they arrive, telling the progress; at the end `end` holds the tally,
/// or the error that stopped the reading. Owns the receiver, so when the store stops early
/// the channel closes and the reading thread ends too.
fn stored_records<'a>(
    receiver: Receiver<Message>,
    progress: &'a mut dyn FnMut(ImportProgressDto) -> ControlFlow<()>,
    total: u64,
    end: &'a RefCell<Option<Result<Tally, DeskError>>>,
    language: Language,
) -> impl Iterator<Item = PolicyRecord> + 'a {
    let mut pending = Vec::new().into_iter();
    let mut told = 0;
    std::iter::from_fn(move || {
        loop {
            if let Some(record) = pending.next() {
                return Some(record);
            }
            match receiver.recv() {
                Ok(Message::Batch { records, rows, position, total }) => {
                    if rows / PROGRESS_EVERY > told {
                        told = rows / PROGRESS_EVERY;
                        let step =
                            ImportProgressDto { phase: ImportPhase::Reading, rows, done: position, total };
                        if progress(step).is_break() {
                            *end.borrow_mut() = Some(Err(DeskError::Cancelled));
                            return None;
                        }
                    }
                    pending = records.into_iter();
                }
                Ok(Message::Ready { .. }) => {}
                Ok(Message::Done(tally)) => {
                    let rows = tally.rows_read;
                    // Past the rows the import finishes: the index is built in the same transaction.
                    let _ = progress(ImportProgressDto {
                        phase: ImportPhase::Indexing,
                        rows,
                        done: total,
                        total,
                    });
                    *end.borrow_mut() = Some(Ok(tally));
                    return None;
                }
                Ok(Message::Failed(error)) => {
                    *end.borrow_mut() = Some(Err(error));
                    return None;
                }
                Err(_) => {
                    *end.borrow_mut() = Some(Err(reading_stopped(language)));
                    return None;
                }
            }
        }
    })
}

pub(crate) fn read_file(path: &Path, language: Language) -> Result<Vec<u8>, DeskError> {
    std::fs::read(path).map_err(|error| {
        let file = path.display().to_string();
        invalid(
            "FILE",
            text(language, "import_error.unreadable", &[("file", &file), ("detail", &error.to_string())]),
        )
    })
}

fn reading_stopped(language: Language) -> DeskError {
    DeskError::Internal(text(language, "import_error.stopped", &[]))
}

pub(crate) fn source_error(error: &SourceError, language: Language) -> DeskError {
    let message = match error {
        SourceError::Empty => text(language, "import_error.empty", &[]),
        SourceError::Xls => text(language, "import_error.xls", &[]),
        SourceError::Xlsx(detail) => text(language, "import_error.xlsx", &[("detail", detail)]),
        SourceError::Csv(detail) => text(language, "import_error.csv", &[("detail", detail)]),
        SourceError::Encoding => text(language, "import_error.encoding", &[]),
    };
    invalid("FILE", message)
}

fn header_error(error: &HeaderError, language: Language) -> DeskError {
    invalid("header", header_message(error, language))
}

pub(crate) fn header_message(error: &HeaderError, language: Language) -> String {
    match error {
        HeaderError::Missing { missing, found } => {
            let missing: Vec<String> = missing.iter().map(|field| field_name(field, language)).collect();
            text(
                language,
                "import_error.header_missing",
                &[("missing", &missing.join(", ")), ("found", found)],
            )
        }
        HeaderError::Duplicate { column, first, second } => text(
            language,
            "import_error.header_duplicate",
            &[
                ("column", &field_name(column, language)),
                ("first", &first.to_string()),
                ("second", &second.to_string()),
            ],
        ),
    }
}

/// A field as the Registry screen names it, with its canonical name: "Берилган сана (issued_on)".
fn field_name(field: &str, language: Language) -> String {
    format!("{} ({field})", text(language, &format!("registry.field.{field}"), &[]))
}

/// A row problem in the user's language.
pub(crate) fn row_problem_text(kind: &RowProblemKind, language: Language) -> String {
    match kind {
        RowProblemKind::Empty => text(language, "row_problem.empty", &[]),
        RowProblemKind::NotADate => text(language, "row_problem.not_a_date", &[]),
        RowProblemKind::NotAnAmount => text(language, "row_problem.not_an_amount", &[]),
        RowProblemKind::TooPrecise => text(language, "row_problem.too_precise", &[]),
        RowProblemKind::TooLarge => text(language, "row_problem.too_large", &[]),
        RowProblemKind::NotPositive => text(language, "row_problem.not_positive", &[]),
        RowProblemKind::EndsBeforeStart { starts_on } => text(
            language,
            "row_problem.ends_before_start",
            &[("starts_on", &starts_on.format("%d.%m.%Y").to_string())],
        ),
        RowProblemKind::BirthDateNotInPinfl { pinfl } => {
            text(language, "row_problem.birth_date_not_in_pinfl", &[("pinfl", pinfl)])
        }
        RowProblemKind::Identity(error) => identity_text(error, language),
    }
}

pub(crate) fn identity_text(error: &IdentityError, language: Language) -> String {
    match error {
        IdentityError::PinflShape(_) => text(language, "identity.pinfl_shape", &[]),
        IdentityError::PinflCentury { digit, .. } => {
            text(language, "identity.pinfl_century", &[("digit", &digit.to_string())])
        }
        IdentityError::PinflBirthDate { .. } => text(language, "identity.pinfl_birth_date", &[]),
        IdentityError::PinflCheckDigit { found, expected, .. } => text(
            language,
            "identity.pinfl_check_digit",
            &[("found", &found.to_string()), ("expected", &expected.to_string())],
        ),
        IdentityError::PassportShape(_) => text(language, "identity.passport_shape", &[]),
    }
}

/// A register file read and checked as an import reads it, with no database (the head office
/// loads the network's register with it, issue 20).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisterRead {
    pub records: Vec<PolicyRecord>,
    pub rows_read: i64,
    pub rejected: i64,
    /// The first rejected rows' problems, said in the language asked for.
    pub problems: Vec<RowProblemDto>,
}

/// Reads and checks the register in `bytes` with the built-in column names.
pub fn read_register(bytes: &[u8], language: Language) -> Result<RegisterRead, DeskError> {
    let saved = SavedMapping::default();
    std::thread::scope(|scope| {
        let (sender, receiver) = sync_channel(8);
        let saved = &saved;
        scope.spawn(move || check_file(bytes, saved, language, sender));
        let mut records = Vec::new();
        for message in receiver {
            match message {
                Message::Ready { .. } => {}
                Message::Batch { records: batch, .. } => records.extend(batch),
                Message::Failed(error) => return Err(error),
                Message::Done(tally) => {
                    return Ok(RegisterRead {
                        records,
                        rows_read: tally.rows_read,
                        rejected: tally.rejected,
                        problems: tally.problems,
                    });
                }
            }
        }
        Err(reading_stopped(language))
    })
}

/// The policies as a register file in the built-in column names, which `read_register` and
/// an import read back as they were (the register a head office bundle carries).
pub fn register_csv(records: &[PolicyRecord]) -> Vec<u8> {
    let mut bytes = register_csv_header().into_bytes();
    for record in records {
        bytes.extend_from_slice(register_csv_line(record).as_bytes());
    }
    bytes
}

/// The header line of `register_csv`.
pub fn register_csv_header() -> String {
    format!("{}\n", REGISTER_COLUMNS.join(","))
}

/// One policy as a line of `register_csv`, quoted as CSV needs, ending in a newline.
pub fn register_csv_line(r: &PolicyRecord) -> String {
    let date = |day: &chrono::NaiveDate| day.format("%Y-%m-%d").to_string();
    let money = |tiyin: i64| tovon_core::Money::from_tiyin(tiyin).to_string();
    let mut writer =
        csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(Vec::new());
    // Writing strings to memory cannot fail.
    let _ = writer.write_record([
        r.series.clone(),
        r.number.clone(),
        date(&r.issued_on),
        date(&r.starts_on),
        date(&r.ends_on),
        r.premium_paid_on.as_ref().map(date).unwrap_or_default(),
        money(r.sum_insured_tiyin),
        r.full_name.clone(),
        date(&r.birth_date),
        r.pinfl.clone(),
        r.passport.clone().unwrap_or_default(),
        r.phone.clone().unwrap_or_default(),
        r.address.clone().unwrap_or_default(),
        r.loan_agreement.clone().unwrap_or_default(),
        r.loan_amount_tiyin.map(money).unwrap_or_default(),
        r.branch.clone().unwrap_or_default(),
    ]);
    String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// The register's built-in column names, in the order `register_csv` writes them.
pub const REGISTER_COLUMNS: [&str; 16] = [
    "policy_series",
    "policy_number",
    "issued_on",
    "starts_on",
    "ends_on",
    "premium_paid_on",
    "sum_insured",
    "full_name",
    "birth_date",
    "pinfl",
    "passport",
    "phone",
    "address",
    "loan_agreement",
    "loan_amount",
    "branch",
];
