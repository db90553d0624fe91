//! Typed columns: dates as dates and claim states as states, read strictly. A stored value
//! that does not parse is an error naming its table, row and column — never a default such
//! as the earliest date or an empty state.

use std::fmt;

use chrono::{Datelike, NaiveDate};
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

    /// A column that needs no check beyond its SQL type.
    pub fn get<T: rusqlite::types::FromSql>(&self, column: &str) -> rusqlite::Result<T> {
        self.row.get(column)
    }

    /// A column holding one of a closed set of codes (`expected` names the set).
    pub fn code<T: std::str::FromStr>(
        &self,
        column: &'static str,
        expected: &'static str,
    ) -> rusqlite::Result<T> {
        let text: String = self.row.get(column)?;
        text.parse().map_err(|_| self.bad(column, &text, expected))
    }

    pub fn bad(&self, column: &'static str, value: &str, expected: &'static str) -> rusqlite::Error {
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

    /// A column that is empty or holds one of a closed set of codes.
    pub fn code_opt<T: std::str::FromStr>(
        &self,
        column: &'static str,
        expected: &'static str,
    ) -> rusqlite::Result<Option<T>> {
        let text: Option<String> = self.row.get(column)?;
        text.map(|text| text.parse().map_err(|_| self.bad(column, &text, expected))).transpose()
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
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok().filter(|day| iso(*day) == text)
}

/// A date as every date column holds it: YYYY-MM-DD, without the formatting machinery
/// (five dates a row of a 1 000 000-row import).
pub fn iso(day: NaiveDate) -> String {
    if !(0..=9999).contains(&day.year()) {
        return day.to_string();
    }
    let (year, month, day) = (day.year(), day.month(), day.day());
    let mut text = String::with_capacity(10);
    let mut digits = |number: u32, width: u32| {
        for place in (0..width).rev() {
            text.push(char::from(b'0' + u8::try_from(number / 10u32.pow(place) % 10).unwrap_or(0)));
        }
    };
    digits(year.unsigned_abs(), 4);
    digits(month, 2);
    digits(day, 2);
    text.insert(4, '-');
    text.insert(7, '-');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_written_as_chrono_writes_them_and_read_back() {
        for (y, m, d) in [(2026, 1, 9), (1963, 10, 12), (2000, 2, 29), (9999, 12, 31), (12, 3, 4), (-5, 1, 1)]
        {
            let day = NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default();
            assert_eq!(iso(day), day.to_string());
            if (0..=9999).contains(&y) {
                assert_eq!(parse_date(&iso(day)), Some(day));
            }
        }
    }
}
