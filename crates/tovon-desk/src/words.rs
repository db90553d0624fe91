//! `tovon words`: an amount as typed, in words as a document writes it.

use tovon_core::words::amount_in_words;
use tovon_core::{Language, Money};

use crate::DeskError;
use crate::error::invalid;

/// "1 250 000,50" → "Бир миллион икки юз эллик минг сўм 50 тийин"; a bad amount is refused
/// naming the field `AMOUNT`.
pub fn words(amount: &str, language: Language) -> Result<String, DeskError> {
    let value = Money::parse(amount)
        .map_err(|error| invalid("AMOUNT", crate::decisions::money_problem(&error, language)))?;
    amount_in_words(value, language).map_err(|error| invalid("AMOUNT", error.to_string()))
}
