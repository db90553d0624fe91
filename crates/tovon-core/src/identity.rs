//! Personal identifiers (DOMAIN.md "Identifiers"): the ЖШШИР/PINFL and the passport or ID card
//! number, checked before anything is stored.

use chrono::NaiveDate;

/// Why a PINFL or passport number is not valid, naming the part that is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdentityError {
    #[error("PINFL must be 14 digits, got {0:?}")]
    PinflShape(String),
    #[error("PINFL {pinfl}: the first digit (sex and century) must be 1–6, got {digit}")]
    PinflCentury { pinfl: String, digit: char },
    #[error("PINFL {pinfl}: digits 2–7 must be a birth date DDMMYY")]
    PinflBirthDate { pinfl: String },
    #[error("PINFL {pinfl}: the check digit is {found}, expected {expected}")]
    PinflCheckDigit { pinfl: String, found: u32, expected: u32 },
    #[error("passport {0:?}: expected two Latin capitals and 7 digits (AA1234567)")]
    PassportShape(String),
}

/// A valid 14-digit personal identification number.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Pinfl(String);

impl Pinfl {
    /// Checks shape, century digit, birth date and check digit:
    /// check = (Σ first 13 digits × 7, 3, 1, 7, 3, 1, …) mod 10.
    pub fn parse(text: &str) -> Result<Pinfl, IdentityError> {
        let pinfl: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        let digits: Vec<u32> = pinfl.chars().filter_map(|c| c.to_digit(10)).collect();
        if digits.len() != 14 || pinfl.chars().count() != 14 {
            return Err(IdentityError::PinflShape(text.to_owned()));
        }
        let century = match digits[0] {
            1 | 2 => 1800,
            3 | 4 => 1900,
            5 | 6 => 2000,
            _ => {
                return Err(IdentityError::PinflCentury {
                    digit: pinfl.chars().next().unwrap_or('?'),
                    pinfl,
                });
            }
        };
        let number = |from: usize| digits[from] * 10 + digits[from + 1];
        let year = century + i32::try_from(number(5)).unwrap_or(0);
        if NaiveDate::from_ymd_opt(year, number(3), number(1)).is_none() {
            return Err(IdentityError::PinflBirthDate { pinfl });
        }
        let expected =
            digits[..13].iter().zip([7, 3, 1].iter().cycle()).map(|(d, w)| d * w).sum::<u32>() % 10;
        if digits[13] != expected {
            return Err(IdentityError::PinflCheckDigit { pinfl, found: digits[13], expected });
        }
        Ok(Pinfl(pinfl))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The birth date the number carries.
    pub fn birth_date(&self) -> Option<NaiveDate> {
        let digit = |at: usize| self.0[at..at + 1].parse::<u32>().ok();
        let two = |at: usize| Some(digit(at)? * 10 + digit(at + 1)?);
        let century = match digit(0)? {
            1 | 2 => 1800,
            3 | 4 => 1900,
            _ => 2000,
        };
        NaiveDate::from_ymd_opt(century + i32::try_from(two(5)?).ok()?, two(3)?, two(1)?)
    }

    /// Odd first digit: male.
    pub fn is_male(&self) -> bool {
        self.0.starts_with(['1', '3', '5'])
    }
}

/// A passport or ID card number: two Latin capitals and seven digits ("AA1234567").
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Passport(String);

impl Passport {
    /// Accepts lower case and spaces ("aa 1234567") and stores the canonical form.
    pub fn parse(text: &str) -> Result<Passport, IdentityError> {
        let compact: String =
            text.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_uppercase();
        let bytes = compact.as_bytes();
        let shaped = bytes.len() == 9
            && bytes[..2].iter().all(u8::is_ascii_uppercase)
            && bytes[2..].iter().all(u8::is_ascii_digit);
        if shaped { Ok(Passport(compact)) } else { Err(IdentityError::PassportShape(text.to_owned())) }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_example_of_domain_md_is_valid_and_carries_its_birth_date() {
        let pinfl = Pinfl::parse("31210632040244").unwrap_or_else(|error| panic!("{error}"));
        assert_eq!(pinfl.birth_date(), NaiveDate::from_ymd_opt(1963, 10, 12));
        assert!(pinfl.is_male());
    }

    #[test]
    fn each_wrong_part_is_named() {
        assert!(matches!(Pinfl::parse("3121063204024"), Err(IdentityError::PinflShape(_))));
        assert!(matches!(Pinfl::parse("3121063204024x"), Err(IdentityError::PinflShape(_))));
        assert!(matches!(
            Pinfl::parse("71210632040244"),
            Err(IdentityError::PinflCentury { digit: '7', .. })
        ));
        assert!(matches!(Pinfl::parse("33213632040244"), Err(IdentityError::PinflBirthDate { .. })));
        assert_eq!(
            Pinfl::parse("31210632040245"),
            Err(IdentityError::PinflCheckDigit { pinfl: "31210632040245".into(), found: 5, expected: 4 })
        );
        assert_eq!(
            Pinfl::parse(" 3121 0632 0402 44").map(|p| p.as_str().to_owned()),
            Ok("31210632040244".into())
        );
    }

    #[test]
    fn passports_are_two_latin_capitals_and_seven_digits() {
        assert_eq!(Passport::parse("aa 1234567").map(|p| p.as_str().to_owned()), Ok("AA1234567".into()));
        for bad in ["AA123456", "A12345678", "АА1234567", "AA12345678", "AAB123456"] {
            assert!(Passport::parse(bad).is_err(), "{bad}");
        }
    }
}
