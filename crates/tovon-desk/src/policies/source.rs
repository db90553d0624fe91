//! The rows of a register file, CSV or XLSX, handed to a visitor as text cells with their
//! row number: rows offered as the header until one is taken, then each data row. CSV cells are borrowed from the file;
//! an XLSX sheet is streamed cell by cell (calamine), never held whole in memory.

use std::borrow::Cow;
use std::io::Cursor;
use std::ops::ControlFlow;

use calamine::{DataRef, Reader, Xlsx};

/// What a file holds, told from its first bytes rather than its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    Csv,
    Xlsx,
}

/// The text encoding a register was read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Encoding {
    Utf8,
    Utf16,
    /// Not UTF-8: read as Excel writes a CSV in a Russian locale. Only a guess until the
    /// header is recognised in it.
    Windows1251,
}

/// A CSV's bytes as UTF-8: UTF-8 (with or without a BOM) as they are; UTF-16 by its BOM
/// (Excel's "Unicode text"); anything else that is not UTF-8 as Windows-1251.
pub(crate) fn as_utf8(bytes: &[u8]) -> (Cow<'_, [u8]>, Encoding) {
    if let Some((encoding, _)) = encoding_rs::Encoding::for_bom(bytes)
        && encoding != encoding_rs::UTF_8
    {
        let (text, _) = encoding.decode_with_bom_removal(bytes);
        return (Cow::Owned(text.into_owned().into_bytes()), Encoding::Utf16);
    }
    // UTF-8 when the file is, or when it is mostly UTF-8 letters with a few bad bytes (those
    // rows are refused with their problem, not the whole file); else Windows-1251.
    if mostly_utf8(bytes) {
        return (Cow::Borrowed(bytes), Encoding::Utf8);
    }
    let (text, _, _) = encoding_rs::WINDOWS_1251.decode(bytes);
    (Cow::Owned(text.into_owned().into_bytes()), Encoding::Windows1251)
}

/// Whether `bytes` are UTF-8, or hold more well-formed UTF-8 letters beyond ASCII than
/// malformed sequences (a Windows-1251 file's Cyrillic is all malformed as UTF-8).
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut letters, mut malformed, mut rest) = (0usize, 0usize, bytes);
    loop {
        match std::str::from_utf8(rest) {
            Ok(valid) => {
                letters += valid.chars().filter(|c| !c.is_ascii()).count();
                return malformed == 0 || letters > malformed;
            }
            Err(error) => {
                let (valid, after) = rest.split_at(error.valid_up_to());
                letters += std::str::from_utf8(valid)
                    .map_or(0, |text| text.chars().filter(|c| !c.is_ascii()).count());
                malformed += 1;
                rest = &after[error.error_len().unwrap_or(after.len()).min(after.len())..];
            }
        }
    }
}

/// Why a file cannot be read at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum SourceError {
    Empty,
    /// The old binary Excel format (.xls), which the desk does not read.
    Xls,
    /// A ZIP that is not a readable workbook, or a sheet whose XML breaks off.
    Xlsx(String),
    Csv(String),
    /// Neither UTF-8, UTF-16 nor a Windows-1251 file whose header could be recognised.
    Encoding,
}

/// Why one row cannot be read as text cells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Unreadable {
    Csv(String),
    NotUtf8,
    /// A cell holding a spreadsheet error (#N/A, #REF!, …) at that position.
    CellError {
        at: usize,
        value: String,
    },
}

/// One data row: its number as the file shows it (a CSV's records counted from 1, blank
/// lines aside; a sheet row keeps its own number), how far into the file it is, and its cells.
pub(crate) struct Row<'a> {
    pub number: i64,
    pub position: u64,
    pub cells: Result<&'a [&'a str], Unreadable>,
}

/// What the visitor makes of a row offered as the header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum HeaderStep {
    /// The header: data rows follow.
    Taken,
    /// Not the header (a title, a note): offer the next row.
    NotIt,
    Stop,
}

pub(crate) trait Visitor {
    /// A row that may be the header (the first non-blank rows, until one is taken; a title
    /// above the header is passed over), and how far the file goes (bytes of a CSV, rows of
    /// a sheet).
    fn header(&mut self, cells: &[&str], total: u64) -> HeaderStep;
    fn row(&mut self, row: Row<'_>) -> ControlFlow<()>;
}

pub(crate) fn format_of(bytes: &[u8]) -> Result<Format, SourceError> {
    match bytes {
        [] => Err(SourceError::Empty),
        [b'P', b'K', 3, 4, ..] => Ok(Format::Xlsx),
        [0xD0, 0xCF, 0x11, 0xE0, ..] => Err(SourceError::Xls),
        _ => Ok(Format::Csv),
    }
}

/// Reads the file, header then rows, until the visitor breaks or the rows end; says which
/// encoding a CSV was read in.
pub(crate) fn read_rows(bytes: &[u8], visitor: &mut dyn Visitor) -> Result<Encoding, SourceError> {
    match format_of(bytes)? {
        Format::Csv => {
            let (text, encoding) = as_utf8(bytes);
            read_csv(&text, visitor).map(|()| encoding)
        }
        Format::Xlsx => read_xlsx(bytes, visitor).map(|()| Encoding::Utf8),
    }
}

/// Comma, semicolon (Excel in a Russian locale) or tab: whichever the header uses most.
fn delimiter(first_line: &[u8]) -> u8 {
    [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|d| first_line.iter().filter(|b| *b == d).count())
        .unwrap_or(b',')
}

fn read_csv(bytes: &[u8], visitor: &mut dyn Visitor) -> Result<(), SourceError> {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF".as_slice()).unwrap_or(bytes);
    let first_line = body.split(|b| *b == b'\n').next().unwrap_or_default();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter(first_line))
        .from_reader(body);
    // One record, read into again and again: no allocation a row.
    let mut record = csv::ByteRecord::new();
    let total = u64::try_from(body.len()).unwrap_or(u64::MAX);
    let mut header_taken = false;
    let mut spare: Vec<&str> = Vec::new();
    for index in 0i64.. {
        let number = index + 1;
        let result = reader.read_byte_record(&mut record);
        if matches!(result, Ok(false)) {
            break;
        }
        if !header_taken {
            if let Err(error) = result {
                return Err(SourceError::Csv(error.to_string()));
            }
            let text: Vec<String> =
                record.iter().map(|cell| String::from_utf8_lossy(cell).into_owned()).collect();
            let cells: Vec<&str> = text.iter().map(String::as_str).collect();
            if cells.iter().all(|cell| cell.trim().is_empty()) {
                continue;
            }
            match visitor.header(&cells, total) {
                HeaderStep::Taken => header_taken = true,
                HeaderStep::NotIt => {}
                HeaderStep::Stop => return Ok(()),
            }
            continue;
        }
        let (position, cells) = match result {
            Ok(_) => {
                let cells = &record;
                let position = cells.position().map_or(0, |at| at.byte());
                let mut texts = recycle(std::mem::take(&mut spare));
                let mut utf8 = true;
                for cell in cells.iter() {
                    match std::str::from_utf8(cell) {
                        Ok(text) => texts.push(text),
                        Err(_) => utf8 = false,
                    }
                }
                (position, if utf8 { Ok(texts) } else { Err(Unreadable::NotUtf8) })
            }
            Err(error) => (
                error.position().map_or(0, |at| at.byte()),
                Err(Unreadable::Csv(match error.kind() {
                    csv::ErrorKind::Utf8 { .. } => "UTF-8".to_owned(),
                    _ => error.to_string(),
                })),
            ),
        };
        let flow = visitor.row(Row { number, position, cells: cells.as_deref().map_err(Clone::clone) });
        if let Ok(texts) = cells {
            spare = recycle(texts);
        }
        if flow.is_break() {
            break;
        }
    }
    Ok(())
}

/// The same allocation, emptied, for borrows of another lifetime (an in-place collect).
fn recycle<'b>(texts: Vec<&str>) -> Vec<&'b str> {
    texts.into_iter().filter(|_| false).map(|_| "").collect()
}

/// The text a spreadsheet cell stands for: dates as YYYY-MM-DD, whole numbers without a
/// fraction (a PINFL typed as a number stays 14 digits), other numbers as written.
fn cell_text(value: &DataRef<'_>) -> Result<String, String> {
    Ok(match value {
        DataRef::Empty => String::new(),
        DataRef::String(text) => text.clone(),
        DataRef::SharedString(text) => (*text).to_owned(),
        DataRef::Int(number) => number.to_string(),
        DataRef::Float(number) => number_text(*number),
        DataRef::Bool(flag) => flag.to_string(),
        DataRef::DateTime(moment) => match moment.as_datetime() {
            Some(date_time) if moment.is_datetime() => date_time.date().to_string(),
            _ => number_text(moment.as_f64()),
        },
        DataRef::DateTimeIso(text) => text.split('T').next().unwrap_or_default().to_owned(),
        DataRef::DurationIso(text) => text.clone(),
        DataRef::Error(error) => return Err(error.to_string()),
    })
}

fn number_text(number: f64) -> String {
    if number.fract() == 0.0 && number.abs() < 1e15 {
        // Exact: a whole f64 below 10^15 converts without loss.
        #[allow(clippy::cast_possible_truncation)]
        let whole = number as i64;
        whole.to_string()
    } else {
        number.to_string()
    }
}

/// The cells of one sheet row, by column, and the first error cell in it.
#[derive(Default)]
struct SheetRow {
    number: u32,
    cells: Vec<String>,
    error: Option<(usize, String)>,
}

impl SheetRow {
    fn is_blank(&self) -> bool {
        self.error.is_none() && self.cells.iter().all(|cell| cell.trim().is_empty())
    }

    fn set(&mut self, column: usize, value: Result<String, String>) {
        if self.cells.len() <= column {
            self.cells.resize(column + 1, String::new());
        }
        match value {
            Ok(text) => self.cells[column] = text,
            Err(error) => {
                self.error.get_or_insert((column, error));
            }
        }
    }
}

fn read_xlsx(bytes: &[u8], visitor: &mut dyn Visitor) -> Result<(), SourceError> {
    let broken = |error: calamine::XlsxError| SourceError::Xlsx(error.to_string());
    let mut workbook = Xlsx::new(Cursor::new(bytes)).map_err(broken)?;
    let first = workbook.sheet_names().into_iter().next().ok_or(SourceError::Empty)?;
    let mut reader = workbook.worksheet_cells_reader(&first).map_err(broken)?;
    let total = u64::from(reader.dimensions().end.0) + 1;
    let mut header_taken = false;
    let mut row = SheetRow::default();
    // Hands one finished row to the visitor: as a header until one is taken, then as data.
    let mut hand_over = |row: &SheetRow, visitor: &mut dyn Visitor| -> ControlFlow<()> {
        if row.is_blank() {
            return ControlFlow::Continue(());
        }
        let cells: Vec<&str> = row.cells.iter().map(String::as_str).collect();
        if !header_taken {
            return match visitor.header(&cells, total) {
                HeaderStep::Taken => {
                    header_taken = true;
                    ControlFlow::Continue(())
                }
                HeaderStep::NotIt => ControlFlow::Continue(()),
                HeaderStep::Stop => ControlFlow::Break(()),
            };
        }
        let cells = match &row.error {
            Some((at, value)) => Err(Unreadable::CellError { at: *at, value: value.clone() }),
            None => Ok(cells.as_slice()),
        };
        visitor.row(Row { number: i64::from(row.number) + 1, position: u64::from(row.number), cells })
    };
    while let Some(cell) = reader.next_cell().map_err(broken)? {
        let (number, column) = cell.get_position();
        if number != row.number {
            if hand_over(&row, visitor).is_break() {
                return Ok(());
            }
            row = SheetRow { number, ..SheetRow::default() };
        }
        let column = usize::try_from(column).unwrap_or(usize::MAX);
        row.set(column, cell_text(cell.get_value()));
    }
    let _ = hand_over(&row, visitor);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_format_comes_from_the_first_bytes() {
        assert_eq!(format_of(b"PK\x03\x04rest"), Ok(Format::Xlsx));
        assert_eq!(format_of(b"\xD0\xCF\x11\xE0rest"), Err(SourceError::Xls));
        assert_eq!(format_of(b"policy_series;policy_number"), Ok(Format::Csv));
        assert_eq!(format_of(b""), Err(SourceError::Empty));
    }

    #[test]
    fn whole_numbers_keep_every_digit_and_fractions_stay() {
        assert_eq!(number_text(31_210_632_040_244.0), "31210632040244");
        assert_eq!(number_text(10_000_000.5), "10000000.5");
        assert_eq!(number_text(0.1 + 0.2), "0.30000000000000004");
    }

    #[test]
    fn the_delimiter_is_the_one_the_header_uses_most() {
        assert_eq!(delimiter(b"a;b;c"), b';');
        assert_eq!(delimiter(b"a,b\tc,d"), b',');
        assert_eq!(delimiter(b"a\tb\tc"), b'\t');
    }
}
