//! Money and percentages in records: whole tiyin ([`Money`]), exact percentages; nothing
//! rounded.

use std::str::FromStr;

use rust_decimal::Decimal;
use tovon_core::Money;

use super::RecordError;

/// An exact amount of so'm (the calculator's, two decimals) as whole tiyin.
pub fn tiyin_of(amount: Decimal, what: &str) -> Result<i64, RecordError> {
    Money::from_decimal(amount)
        .map(Money::tiyin)
        .map_err(|_| RecordError::Money { what: what.to_owned(), value: amount.to_string() })
}

/// An amount written by an earlier program ("1800000.00", "-500000.00"), as whole tiyin.
pub(super) fn tiyin_of_text(text: &str, what: &str) -> Result<i64, RecordError> {
    let amount = Decimal::from_str(text.trim())
        .map_err(|_| RecordError::Money { what: what.to_owned(), value: text.to_owned() })?;
    tiyin_of(amount, what)
}

/// A percentage written exactly ("15", "-5", "12.5").
pub(super) fn check_percent(text: &str, what: &str) -> Result<(), RecordError> {
    Decimal::from_str(text)
        .map(|_| ())
        .map_err(|_| RecordError::Percent { what: what.to_owned(), value: text.to_owned() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_is_whole_tiyin_or_an_error_naming_it() {
        assert_eq!(tiyin_of(Decimal::new(180000000, 2), "x"), Ok(180000000));
        assert_eq!(tiyin_of_text("-1500000.00", "x"), Ok(-150000000));
        let precise = tiyin_of_text("1.005", "lines[2].amount");
        assert!(matches!(precise, Err(RecordError::Money { what, .. }) if what == "lines[2].amount"));
        assert!(tiyin_of_text("abc", "gross").is_err());
        assert!(tiyin_of(Decimal::MAX, "payable").is_err(), "no overflow");
    }
}
