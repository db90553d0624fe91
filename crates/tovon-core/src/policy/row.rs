//! One row of the register, checked: dates (ISO or DD.MM.YYYY), sums (a dot or a comma as
//! the decimal mark, spaces between thousands), PINFL, passport, the period's order.

use chrono::NaiveDate;

use super::{Column, ColumnMap};
use crate::identity::{IdentityError, Passport, Pinfl};
use crate::money::{Money, MoneyError};

/// A policy as the register states it, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Policy {
    pub series: String,
    pub number: String,
    pub issued_on: NaiveDate,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub premium_paid_on: Option<NaiveDate>,
    pub sum_insured: Money,
    pub full_name: String,
    pub birth_date: NaiveDate,
    pub pinfl: Pinfl,
    pub passport: Option<Passport>,
    pub phone: Option<String>,
    pub address: Option<String>,
    pub loan_agreement: Option<String>,
    pub loan_amount: Option<Money>,
    pub branch: Option<String>,
}

/// What is wrong with one cell (or with two together): the column, the value, the problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowProblem {
    pub column: Column,
    pub value: String,
    pub kind: RowProblemKind,
}

/// The problems a register cell can have; the desk words them in the user's language.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RowProblemKind {
    #[error("is empty")]
    Empty,
    #[error("is not a date (YYYY-MM-DD or DD.MM.YYYY)")]
    NotADate,
    #[error("is not an amount (e.g. 10 000 000,00)")]
    NotAnAmount,
    #[error("has more than two decimals: tiyin are two digits")]
    TooPrecise,
    #[error("is more than 999 999 999 999,99")]
    TooLarge,
    #[error("must be more than 0")]
    NotPositive,
    #[error("{0}")]
    Identity(IdentityError),
    #[error("is before starts_on {starts_on}")]
    EndsBeforeStart { starts_on: NaiveDate },
    #[error("does not match the birth date in PINFL {pinfl}")]
    BirthDateNotInPinfl { pinfl: String },
}

/// "2026-04-02" or "02.04.2026" (also 2.4.2026, 02/04/2026).
/// Read by hand: a register has three dates a row, and chrono's format parser was 5 % of
/// a 1 000 000-row import.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    let separator = text.chars().find(|c| matches!(c, '-' | '.' | '/'))?;
    let mut parts = text.split(separator);
    let (first, second, third) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let number = |part: &str, digits: std::ops::RangeInclusive<usize>| -> Option<u32> {
        (digits.contains(&part.len()) && part.bytes().all(|b| b.is_ascii_digit()))
            .then(|| part.parse().ok())?
    };
    let (year, month, day) = match separator {
        '-' => (number(first, 4..=4)?, number(second, 1..=2)?, number(third, 1..=2)?),
        _ => (number(third, 4..=4)?, number(second, 1..=2)?, number(first, 1..=2)?),
    };
    NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)
}

struct Cells<'a> {
    cells: &'a [&'a str],
    map: &'a ColumnMap,
    problems: Vec<RowProblem>,
}

impl<'a> Cells<'a> {
    fn text(&self, column: Column) -> &'a str {
        self.map.position(column).and_then(|at| self.cells.get(at)).map_or("", |cell| cell.trim())
    }

    fn problem(&mut self, column: Column, kind: RowProblemKind) {
        let value = self.text(column).to_owned();
        self.problems.push(RowProblem { column, value, kind });
    }

    /// The cell, or a problem when a required one is empty.
    fn optional(&mut self, column: Column) -> Option<String> {
        let text = self.text(column);
        if text.is_empty() {
            if column.required() {
                self.problem(column, RowProblemKind::Empty);
            }
            return None;
        }
        Some(text.to_owned())
    }

    fn date(&mut self, column: Column) -> Option<NaiveDate> {
        let text = self.optional(column)?;
        let date = parse_date(&text);
        if date.is_none() {
            self.problem(column, RowProblemKind::NotADate);
        }
        date
    }

    /// D25: at most two decimals and 999 999 999 999,99, not negative ([`Money::parse`]).
    fn amount(&mut self, column: Column) -> Option<Money> {
        let text = self.optional(column)?;
        match Money::parse(&text) {
            Ok(amount) => Some(amount),
            Err(error) => {
                let kind = match error {
                    MoneyError::TooPrecise(_) => RowProblemKind::TooPrecise,
                    MoneyError::TooLarge(_) => RowProblemKind::TooLarge,
                    MoneyError::NotANumber(_) | MoneyError::Negative(_) => RowProblemKind::NotAnAmount,
                };
                self.problem(column, kind);
                None
            }
        }
    }
}

/// Checks one data row against the column map; every problem of the row is reported.
pub fn parse_row(cells: &[&str], map: &ColumnMap) -> Result<Policy, Vec<RowProblem>> {
    let mut row = Cells { cells, map, problems: Vec::new() };
    let series = row.optional(Column::PolicySeries);
    let number = row.optional(Column::PolicyNumber);
    let issued_on = row.date(Column::IssuedOn);
    let starts_on = row.date(Column::StartsOn);
    let ends_on = row.date(Column::EndsOn);
    let premium_paid_on = row.date(Column::PremiumPaidOn);
    let sum_insured = row.amount(Column::SumInsured);
    if sum_insured.is_some_and(|sum| sum == Money::ZERO) {
        row.problem(Column::SumInsured, RowProblemKind::NotPositive);
    }
    let full_name = row.optional(Column::FullName);
    let birth_date = row.date(Column::BirthDate);
    let pinfl = row.optional(Column::Pinfl).and_then(|text| match Pinfl::parse(&text) {
        Ok(pinfl) => Some(pinfl),
        Err(error) => {
            row.problem(Column::Pinfl, RowProblemKind::Identity(error));
            None
        }
    });
    let passport = row.optional(Column::Passport).and_then(|text| match Passport::parse(&text) {
        Ok(passport) => Some(passport),
        Err(error) => {
            row.problem(Column::Passport, RowProblemKind::Identity(error));
            None
        }
    });
    let loan_amount = row.amount(Column::LoanAmount);
    if let (Some(starts), Some(ends)) = (starts_on, ends_on)
        && starts > ends
    {
        row.problem(Column::EndsOn, RowProblemKind::EndsBeforeStart { starts_on: starts });
    }
    if let (Some(pinfl), Some(birth)) = (&pinfl, birth_date)
        && pinfl.birth_date() != Some(birth)
    {
        row.problem(
            Column::BirthDate,
            RowProblemKind::BirthDateNotInPinfl { pinfl: pinfl.as_str().to_owned() },
        );
    }
    let phone = row.optional(Column::Phone);
    let address = row.optional(Column::Address);
    let loan_agreement = row.optional(Column::LoanAgreement);
    let branch = row.optional(Column::Branch);
    match (series, number, issued_on, starts_on, ends_on, sum_insured, full_name, birth_date, pinfl) {
        (
            Some(series),
            Some(number),
            Some(issued_on),
            Some(starts_on),
            Some(ends_on),
            Some(sum_insured),
            Some(full_name),
            Some(birth_date),
            Some(pinfl),
        ) if row.problems.is_empty() => Ok(Policy {
            series,
            number,
            issued_on,
            starts_on,
            ends_on,
            premium_paid_on,
            sum_insured,
            full_name,
            birth_date,
            pinfl,
            passport,
            phone,
            address,
            loan_agreement,
            loan_amount,
            branch,
        }),
        _ => Err(row.problems),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_read_in_both_forms_and_impossible_ones_refused() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        assert_eq!(parse_date("2026-04-02"), day(2026, 4, 2));
        assert_eq!(parse_date(" 02.04.2026 "), day(2026, 4, 2));
        assert_eq!(parse_date("2.4.2026"), day(2026, 4, 2));
        assert_eq!(parse_date("02/04/2026"), day(2026, 4, 2));
        for bad in [
            "31.02.2026",
            "2026.04.02",
            "02-04-2026",
            "02.04.26",
            "2026-4-2-1",
            "",
            "abc",
            "02.04.2026г",
            "+2026-04-02",
        ] {
            assert_eq!(parse_date(bad), None, "{bad:?}");
        }
    }
    use crate::policy::detect_columns;

    const HEADER: &str = "policy_series,policy_number,issued_on,starts_on,ends_on,premium_paid_on,sum_insured,full_name,birth_date,pinfl,passport,phone,address,loan_agreement,loan_amount,branch";

    fn parse(line: &str) -> Result<Policy, Vec<RowProblem>> {
        let header: Vec<&str> = HEADER.split(',').collect();
        let map = detect_columns(&header).unwrap_or_default();
        let cells: Vec<&str> = line.split(',').collect();
        parse_row(&cells, &map)
    }

    #[test]
    fn a_good_row_in_either_date_and_amount_style() {
        let policy = parse("MKS,0012345,2026-01-10,10.01.2026,09.01.2027,2026-01-10,10 000 000.50,Каримов Алишер Бахтиёрович,12.10.1963,31210632040244,aa1234567,+998901234567,Тошкент,KR-77,20 000 000,Тошкент")
            .unwrap_or_else(|problems| panic!("{problems:?}"));
        assert_eq!(policy.sum_insured.to_string(), "10000000.50");
        assert_eq!(policy.starts_on, NaiveDate::from_ymd_opt(2026, 1, 10).unwrap_or_default());
        assert_eq!(policy.passport.map(|p| p.as_str().to_owned()).as_deref(), Some("AA1234567"));
        let amount = |text: &str| Money::parse(text).ok().map(|money| money.to_string());
        assert_eq!(amount("1 250 000,75").as_deref(), Some("1250000.75"));
        // D25: beyond the tiyin or 999 999 999 999,99 is not an amount (28 digits included).
        assert_eq!(amount("999 999 999 999,99").as_deref(), Some("999999999999.99"));
        assert_eq!(amount("1 000 000 000 000"), None);
        assert_eq!(amount("1000000000000000000000000000"), None);
        assert_eq!(amount("1000000.005"), None);
    }

    #[test]
    fn every_problem_of_a_row_is_named_with_its_column_and_value() {
        let problems = parse("MKS,,2026-13-01,2026-02-01,2026-01-01,,-5,,1963-10-12,31210632040245,A1,,,,,")
            .unwrap_err();
        let columns: Vec<&str> = problems.iter().map(|problem| problem.column.name()).collect();
        assert_eq!(
            columns,
            ["policy_number", "issued_on", "sum_insured", "full_name", "pinfl", "passport", "ends_on"]
        );
        assert_eq!(problems[1].value, "2026-13-01");
        assert!(
            matches!(problems[4].kind, RowProblemKind::Identity(IdentityError::PinflCheckDigit { .. })),
            "{:?}",
            problems[4]
        );
    }

    #[test]
    fn a_birth_date_that_contradicts_the_pinfl_is_refused() {
        let problems =
            parse("MKS,1,2026-01-10,2026-01-10,2027-01-09,,1000,Каримов,1963-10-13,31210632040244,,,,,,")
                .unwrap_err();
        assert_eq!(problems[0].column, Column::BirthDate);
    }
}
