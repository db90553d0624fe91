//! Money: whole tiyin (1/100 so'm) in an `i64`, checked on the way in. D25: an amount with
//! more than two decimals, or beyond 999 999 999 999,99, is refused — never rounded and
//! never overflowed further on. The calculator computes in exact decimals (D13 rounds each
//! line to the tiyin); everything that is stored, paid or printed is a `Money`.

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

/// An amount of so'm in whole tiyin. Negative only where a line deducts (7.2–7.4, D15).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Money(i64);

/// Why a text or a decimal is not an amount of money.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    #[error("{0:?} is not an amount (e.g. 1250000.50 or 1 250 000,50)")]
    NotANumber(String),
    #[error("{0} is negative: an amount is 0.00 or more")]
    Negative(String),
    #[error("{0} has more than two decimals: tiyin are two digits")]
    TooPrecise(String),
    #[error("{0} is more than 999 999 999 999.99")]
    TooLarge(String),
}

impl Money {
    pub const ZERO: Money = Money(0);
    /// The largest amount Tovon takes or writes out: 999 999 999 999,99 (D25).
    pub const MAX: Money = Money(99_999_999_999_999);

    /// An amount already in tiyin (a stored column).
    pub const fn from_tiyin(tiyin: i64) -> Money {
        Money(tiyin)
    }

    pub const fn tiyin(self) -> i64 {
        self.0
    }

    /// An exact decimal of so'm: at most two decimals and at most [`Money::MAX`] either way.
    pub fn from_decimal(amount: Decimal) -> Result<Money, MoneyError> {
        let shown = amount.to_string();
        let tiyin =
            amount.checked_mul(Decimal::ONE_HUNDRED).ok_or_else(|| MoneyError::TooLarge(shown.clone()))?;
        if !tiyin.fract().is_zero() {
            return Err(MoneyError::TooPrecise(shown));
        }
        let tiyin = tiyin.to_i64().ok_or_else(|| MoneyError::TooLarge(shown.clone()))?;
        if tiyin.unsigned_abs() > Money::MAX.0.unsigned_abs() {
            return Err(MoneyError::TooLarge(shown));
        }
        Ok(Money(tiyin))
    }

    /// An amount as a person types it or a register writes it: "1250000.50",
    /// "1 250 000,50" (spaces, no-break spaces between thousands; a comma or a point before
    /// the tiyin). Not negative; at most two decimals; at most [`Money::MAX`].
    pub fn parse(text: &str) -> Result<Money, MoneyError> {
        let shown = text.trim();
        let compact: String =
            text.chars().filter(|c| !c.is_whitespace() && !matches!(c, '\u{a0}' | '\u{202f}')).collect();
        if compact.starts_with('-') && compact.len() > 1 {
            return Err(MoneyError::Negative(shown.to_owned()));
        }
        let normal = compact.replace(',', ".");
        let well_formed = !normal.is_empty()
            && normal.chars().all(|c| c.is_ascii_digit() || c == '.')
            && normal.matches('.').count() <= 1
            && normal.starts_with(|c: char| c.is_ascii_digit())
            && !normal.ends_with('.');
        if !well_formed {
            return Err(MoneyError::NotANumber(shown.to_owned()));
        }
        if normal.split_once('.').is_some_and(|(_, decimals)| decimals.len() > 2) {
            return Err(MoneyError::TooPrecise(shown.to_owned()));
        }
        let amount = Decimal::from_str(&normal).map_err(|_| MoneyError::TooLarge(shown.to_owned()))?;
        Money::from_decimal(amount).map_err(|error| match error {
            MoneyError::TooLarge(_) => MoneyError::TooLarge(shown.to_owned()),
            other => other,
        })
    }

    pub fn to_decimal(self) -> Decimal {
        Decimal::new(self.0, 2)
    }

    pub fn is_negative(self) -> bool {
        self.0 < 0
    }

    /// `None` past what an `i64` of tiyin holds (never within [`Money::MAX`] sums of a claim).
    pub fn checked_add(self, other: Money) -> Option<Money> {
        self.0.checked_add(other.0).map(Money)
    }

    pub fn checked_sub(self, other: Money) -> Option<Money> {
        self.0.checked_sub(other.0).map(Money)
    }

    /// The sum of `amounts`, or `None` if it would not fit.
    pub fn sum(amounts: impl IntoIterator<Item = Money>) -> Option<Money> {
        amounts.into_iter().try_fold(Money::ZERO, Money::checked_add)
    }
}

/// Exact, with two decimals and a point: "1250000.50", "-500.00" (for JSON and the CLI; the
/// documents group thousands themselves).
impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        write!(f, "{sign}{}.{:02}", self.0.unsigned_abs() / 100, self.0.unsigned_abs() % 100)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_read_as_typed_and_refused_with_the_reason() {
        let read = |text: &str| Money::parse(text).map(|money| money.to_string());
        assert_eq!(read("1 250 000,50").as_deref(), Ok("1250000.50"));
        assert_eq!(read("1250000.5").as_deref(), Ok("1250000.50"));
        assert_eq!(read("10\u{a0}000\u{202f}000").as_deref(), Ok("10000000.00"));
        assert_eq!(read("999 999 999 999,99").as_deref(), Ok("999999999999.99"));
        assert!(matches!(Money::parse("1000000.005"), Err(MoneyError::TooPrecise(_))));
        assert!(matches!(Money::parse("1 000 000 000 000"), Err(MoneyError::TooLarge(_))));
        assert!(matches!(Money::parse(&"9".repeat(28)), Err(MoneyError::TooLarge(_))));
        assert!(matches!(Money::parse(&"9".repeat(40)), Err(MoneyError::TooLarge(_))));
        assert!(matches!(Money::parse("-5"), Err(MoneyError::Negative(_))));
        for bad in ["", "abc", "1e27", "1,000.50", "12.", ".5", "1..2", "١٢٣"] {
            assert!(matches!(Money::parse(bad), Err(MoneyError::NotANumber(_))), "{bad:?}");
        }
    }

    #[test]
    fn decimals_convert_exactly_or_not_at_all() {
        let d = |text: &str| Decimal::from_str(text).unwrap_or_default();
        assert_eq!(Money::from_decimal(d("-1500000.00")), Ok(Money::from_tiyin(-150_000_000)));
        assert!(matches!(Money::from_decimal(d("0.001")), Err(MoneyError::TooPrecise(_))));
        assert!(matches!(Money::from_decimal(Decimal::MAX), Err(MoneyError::TooLarge(_))));
        assert_eq!(Money::from_tiyin(-5).to_string(), "-0.05");
        assert_eq!(Money::sum([Money::MAX, Money::MAX]), Some(Money::from_tiyin(199_999_999_999_998)));
        assert_eq!(Money::sum([Money::from_tiyin(i64::MAX), Money::from_tiyin(1)]), None);
    }
}
