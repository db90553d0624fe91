//! Fuzzing with proptest (issue 7): the calculator's request parser and the register
//! importer are fed mutated and arbitrary input. Neither panics; every rejection carries a
//! message (and, for a register row, the row and column); a policy already saved is never
//! lost. Longer runs: `PROPTEST_CASES=5000 cargo test -p tovon-desk --test it fuzz`.

use std::io::Write;

use proptest::prelude::*;
use tovon_desk::Language;

use crate::claims::today;
use crate::policies::{import_rows, row};

const VALID: &str = r#"{"sum_insured": "6000000.00", "event_date": "2026-04-02", "calc_date": "2026-04-20", "injuries": [{"item": "97б", "surgery": true}, {"item": "108"}], "prior_payments": [{"item": "71а", "amount": "100000.00"}]}"#;

const HEADER: &str = "policy_series,policy_number,issued_on,starts_on,ends_on,premium_paid_on,sum_insured,full_name,birth_date,pinfl,passport,phone,address,loan_agreement,loan_amount,branch";

/// Characters a damaged file or a careless hand puts in: digits, separators, quotes, both
/// scripts, the apostrophes of Uzbek Latin, control characters.
fn noise() -> impl Strategy<Value = String> {
    proptest::string::string_regex("[0-9a-zA-Zа-яўқғҳЎҚҒҲ ,;.:\"'ʻ`{}\\[\\]\\-+eE\\t\\r\\n\\\\/]{0,12}")
        .expect("regex")
}

/// A valid text with a few characters replaced, inserted or removed.
fn mutated(valid: &'static str) -> impl Strategy<Value = String> {
    let chars: Vec<char> = valid.chars().collect();
    let length = chars.len();
    proptest::collection::vec((0..length, 0u8..3, noise()), 1..4).prop_map(move |edits| {
        let mut text = chars.clone();
        for (at, kind, insert) in edits {
            let at = at.min(text.len());
            match kind {
                0 => {
                    text.splice(at..at, insert.chars());
                }
                1 => {
                    let end = (at + insert.chars().count().max(1)).min(text.len());
                    text.splice(at..end, std::iter::empty());
                }
                _ => {
                    let end = (at + insert.chars().count()).min(text.len());
                    text.splice(at..end, insert.chars());
                }
            }
        }
        text.into_iter().collect()
    })
}

fn config() -> ProptestConfig {
    ProptestConfig { cases: 64, failure_persistence: None, ..ProptestConfig::default() }
}

#[test]
fn the_calculator_parser_answers_every_input_with_a_result_or_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let desk = crate::signed_in(&dir.path().join("tovon.sqlite3"), "officer");
    assert!(desk.calculate(VALID, today()).is_ok(), "the seed request is valid");
    let check = |input: &str| -> Result<(), TestCaseError> {
        if let Err(error) = desk.calculate(input, today()) {
            for language in [Language::default(), "ru".parse().unwrap(), "uz-Latn".parse().unwrap()] {
                prop_assert!(!error.message(language).trim().is_empty(), "no message for {input:?}");
            }
        }
        Ok(())
    };
    proptest!(config(), |(input in mutated(VALID))| check(&input)?);
    proptest!(config(), |(input in "\\PC{0,200}")| check(&input)?);
}

#[test]
fn the_importer_reports_every_bad_row_and_keeps_what_was_saved() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = crate::signed_in(&dir.path().join("tovon.sqlite3"), "officer");
    import_rows(&mut desk, &dir, &[row(1, "Каримов Алишер", "10000000")]);
    let valid_row: &'static str =
        Box::leak(row(2, "Тошматов Бобур", "5000000").replace("MKS,", "FZ,").into_boxed_str());
    let file = dir.path().join("fuzzed.csv");
    let desk = std::cell::RefCell::new(desk);
    let check = |rows: Vec<String>| -> Result<(), TestCaseError> {
        let mut desk = desk.borrow_mut();
        let mut out = std::fs::File::create(&file).unwrap();
        writeln!(out, "{HEADER}").unwrap();
        for line in &rows {
            writeln!(out, "{line}").unwrap();
        }
        drop(out);
        match desk.import_policies(&file, None) {
            Ok(report) => {
                prop_assert_eq!(
                    report.inserted + report.updated + report.unchanged + report.rejected,
                    report.rows_read,
                    "every row read is counted once"
                );
                let mut rejected_rows: Vec<i64> = report.problems.iter().map(|problem| problem.row).collect();
                rejected_rows.dedup();
                prop_assert_eq!(rejected_rows.len() as i64, report.rejected, "each rejected row is reported");
                for problem in &report.problems {
                    prop_assert!(problem.row >= 1 && !problem.problem.trim().is_empty(), "{problem:?}");
                }
            }
            Err(error) => prop_assert!(!error.message(desk.language()).trim().is_empty()),
        }
        prop_assert_eq!(desk.find_policies("MKS 0000001").unwrap().len(), 1, "the saved policy is kept");
        Ok(())
    };
    proptest!(config(), |(rows in proptest::collection::vec(mutated(valid_row), 1..6))| check(rows)?);
}
