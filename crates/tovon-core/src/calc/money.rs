//! D13: each line is sum insured × percent / 100, rounded half away from zero to the tiyin.

use rust_decimal::{Decimal, RoundingStrategy};

pub fn line_amount(sum_insured: Decimal, percent: Decimal) -> Decimal {
    (sum_insured * percent / Decimal::ONE_HUNDRED)
        .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// D13's rounding of a sum or a cap to whole tiyin, written with two decimals always; the
/// only rounding of money there is (what is stored is a [`crate::Money`]).
pub fn round_tiyin(amount: Decimal) -> Decimal {
    let mut rounded = amount.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    rounded.rescale(2);
    rounded
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(text: &str) -> Decimal {
        Decimal::from_str(text).unwrap_or_default()
    }

    #[test]
    fn rounds_half_away_from_zero_to_the_tiyin() {
        assert_eq!(line_amount(d("1000.10"), d("5")), d("50.01"), "50.005 → 50.01");
        assert_eq!(line_amount(d("333.33"), d("3")), d("10.00"), "9.9999 → 10.00");
        assert_eq!(line_amount(d("12000000.00"), d("15")), d("1800000.00"));
    }

    #[test]
    fn rounded_tiyin_always_have_two_decimals() {
        assert_eq!(round_tiyin(d("1800000")).to_string(), "1800000.00");
        assert_eq!(round_tiyin(d("-0.005")).to_string(), "-0.01");
    }
}
