//! Typed columns: dates as dates and claim states as states, read strictly. A stored value
//! that does not parse is an error naming its table, row and column — never a default such
//! as the earliest date or an empty state.

use std::fmt;

use chrono::NaiveDate;
use rusqlite::Row;
use rusqlite::types::Type;
use tovon_core::claim::ClaimState;

/// A stored value that does not read as what its column holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadValue {
    pub table: &'static str,
    pub id: i64,
    pub column: &'static str,
    pub value: String,
    /// What the column holds: "a date (YYYY-MM-DD)", "a claim state".
    pub expected: &'static str,
}

impl fmt::Display for BadValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} row {}: {} {:?} is not {}", self.table, self.id, self.column, self.value, self.expected)
    }
}

impl std::error::Error for BadValue {}

/// A row of `table` whose `id` names it in any error.
pub(crate) struct TypedRow<'r, 's> {
    row: &'r Row<'s>,
    table: &'static str,
    id: i64,
}

impl<'r, 's> TypedRow<'r, 's> {
    /// The row, named by its `id` column.
    pub fn new(row: &'r Row<'s>, table: &'static str) -> rusqlite::Result<TypedRow<'r, 's>> {
        Ok(TypedRow { row, table, id: row.get("id")? })
    }

    /// A row named by another key (a table without an `id`: its claim's).
    pub fn keyed(row: &'r Row<'s>, table: &'static str, id: i64) -> TypedRow<'r, 's> {
        TypedRow { row, table, id }
    }

    pub fn id(&self) -> i64 {
        self.id
    }

    fn bad(&self, column: &'static str, value: &str, expected: &'static str) -> rusqlite::Error {
        let bad = BadValue { table: self.table, id: self.id, column, value: value.to_owned(), expected };
        rusqlite::Error::FromSqlConversionFailure(0, Type::Text, Box::new(bad))
    }

    pub fn date(&self, column: &'static str) -> rusqlite::Result<NaiveDate> {
        let text: String = self.row.get(column)?;
        parse_date(&text).ok_or_else(|| self.bad(column, &text, "a date (YYYY-MM-DD)"))
    }

    pub fn date_opt(&self, column: &'static str) -> rusqlite::Result<Option<NaiveDate>> {
        let text: Option<String> = self.row.get(column)?;
        text.map(|text| parse_date(&text).ok_or_else(|| self.bad(column, &text, "a date (YYYY-MM-DD)")))
            .transpose()
    }

    pub fn state(&self, column: &'static str) -> rusqlite::Result<ClaimState> {
        let text: String = self.row.get(column)?;
        text.parse().map_err(|_| self.bad(column, &text, "a claim state"))
    }

    pub fn state_opt(&self, column: &'static str) -> rusqlite::Result<Option<ClaimState>> {
        let text: Option<String> = self.row.get(column)?;
        text.map(|text| text.parse().map_err(|_| self.bad(column, &text, "a claim state"))).transpose()
    }
}

fn parse_date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok().filter(|day| day.format("%Y-%m-%d").to_string() == text)
}

/// A date as every date column holds it.
pub(crate) fn iso(day: NaiveDate) -> String {
    day.format("%Y-%m-%d").to_string()
}
