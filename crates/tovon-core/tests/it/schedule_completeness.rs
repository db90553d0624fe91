//! The shipped table against the source (docs/rules/, the rules as printed): every numbered item and sub-item is
//! in the data or listed as missing with its reason, every percentage equals the source or
//! names the decision that changed it, and every note is turned into at least one rule.

use std::collections::BTreeSet;

use tovon_core::schedule::{Decision, ItemParameters, RuleKind, ScheduleTable};

use crate::SCHEDULE_V1;

const SOURCE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../docs/rules/insurance-rules-microloan-accident-illness.txt"
);
/// The annex runs from its title to the final notes.
const ANNEX_LINES: std::ops::RangeInclusive<u32> = 367..=1000;

/// A numbered row of the source: line, article, sub-letter, percentage as printed.
#[derive(Debug)]
struct SourceRow {
    line: u32,
    article: u16,
    letter: Option<String>,
    percent: Option<String>,
}

fn source_rows() -> Vec<SourceRow> {
    let text = std::fs::read_to_string(SOURCE)
        .unwrap_or_else(|error| panic!("the rules text is in the repository at {SOURCE}: {error}"));
    let mut rows = Vec::new();
    let mut article = 0;
    for (index, raw) in text.lines().enumerate() {
        let line = index as u32 + 1;
        if !ANNEX_LINES.contains(&line) {
            continue;
        }
        let cells: Vec<&str> = raw.split('\t').collect();
        let last_number = cells.iter().skip(1).rev().map(|cell| cell.trim()).find(|cell| !cell.is_empty());
        let percent = last_number.filter(|cell| cell.chars().all(|c| c.is_ascii_digit())).map(str::to_owned);
        if let Some((number, _)) = raw.split_once(".\t").filter(|(number, _)| number.parse::<u16>().is_ok()) {
            article = number.parse().unwrap();
            rows.push(SourceRow { line, article, letter: None, percent });
        } else if let Some(rest) = raw.strip_prefix('\t') {
            let mut chars = rest.chars();
            if let (Some(letter), Some(')')) = (chars.next(), chars.next())
                && ('а'..='я').contains(&letter)
            {
                rows.push(SourceRow { line, article, letter: Some(letter.to_string()), percent });
            }
        }
    }
    rows
}

fn table() -> ScheduleTable {
    ScheduleTable::from_toml(SCHEDULE_V1).expect("the shipped schedule loads")
}

#[test]
fn every_article_of_1_to_108_is_in_the_table_or_listed_missing_with_a_reason() {
    let table = table();
    for article in 1..=108u16 {
        let present = table.article_items(article).next().is_some();
        let missing = table.missing_reason(article);
        assert!(present != missing.is_some(), "article {article}: present {present}, missing {missing:?}");
        if let Some(missing) = missing {
            assert!(!missing.reason.is_empty());
            assert_eq!(missing.decision, Some(Decision(7)));
        }
    }
}

#[test]
fn every_numbered_row_of_the_source_is_an_item_with_its_percentage() {
    let table = table();
    let rows = source_rows();
    assert!(rows.len() > 250, "the source parses: {} rows", rows.len());
    let articles_with_items: BTreeSet<u16> =
        rows.iter().filter(|row| row.letter.is_some()).map(|row| row.article).collect();
    for row in &rows {
        if row.letter.is_none() && articles_with_items.contains(&row.article) {
            continue; // a heading row such as "1. Бош чаноғи суяқларининг синиши:"
        }
        let item = table
            .items
            .iter()
            .find(|item| item.line == row.line)
            .unwrap_or_else(|| panic!("source line {} ({row:?}) has no item in the table", row.line));
        assert_eq!(item.article, row.article, "line {}", row.line);
        let printed = item.printed_letter.clone().or_else(|| {
            item.id
                .as_str()
                .strip_prefix(&row.article.to_string())
                .map(str::to_owned)
                .filter(|l| !l.is_empty())
        });
        assert_eq!(printed, row.letter, "line {}: letter as printed", row.line);
        let data = item.percent.map(|percent| percent.to_string());
        if data != row.percent {
            let decision = item.decision.unwrap_or_else(|| {
                panic!(
                    "item {}: {data:?} differs from the source's {:?} without a decision",
                    item.id, row.percent
                )
            });
            assert!(!item.defects.is_empty(), "item {} applies {decision} but flags no defect", item.id);
        }
    }
}

#[test]
fn no_item_is_invented() {
    let rows = source_rows();
    for item in table().items {
        assert!(
            rows.iter().any(|row| row.line == item.line),
            "item {} at line {} is not a source row",
            item.id,
            item.line
        );
    }
}

#[test]
fn every_note_of_the_annex_carries_at_least_one_rule() {
    let table = table();
    assert!(table.notes.len() >= 40, "{} notes", table.notes.len());
    for (article, line, text) in &table.notes {
        assert!(
            table.rules.iter().any(|rule| rule.note_line == *line),
            "the note of article {article} at line {line} has no rule: {text}"
        );
    }
    let item_lines: BTreeSet<u32> = table.items.iter().map(|item| item.line).collect();
    for rule in &table.rules {
        let is_note = table.notes.iter().any(|(_, line, _)| *line == rule.note_line);
        assert!(
            is_note || item_lines.contains(&rule.note_line),
            "{}: line {} is neither a note nor an item",
            rule.clause,
            rule.note_line
        );
    }
}

#[test]
fn the_damaged_places_carry_their_decisions() {
    let table = table();
    let decided = |id: &str| table.item(id).unwrap_or_else(|| panic!("item {id}")).decision;
    for id in ["52а", "52б", "52в"] {
        assert_eq!(decided(id), Some(Decision(4)), "{id}");
    }
    let percents: Vec<String> =
        ["52а", "52б", "52в"].iter().map(|id| table.item(id).unwrap().percent.unwrap().to_string()).collect();
    assert_eq!(percents, ["5", "35", "60"], "D4");
    assert_eq!(decided("86г"), Some(Decision(5)));
    assert_eq!(table.item("86г").unwrap().printed_letter.as_deref(), Some("в"));
    assert_eq!(table.item("86г").unwrap().percent.unwrap().to_string(), "20");
    assert_eq!(decided("5"), Some(Decision(6)));
    assert_eq!(table.item("5").unwrap().percent, None, "D6: not payable until an administrator sets it");
    assert_eq!(decided("2в"), Some(Decision(7)));
    assert_eq!(decided("2г"), Some(Decision(7)));
    assert_eq!(decided("20"), Some(Decision(8)));
    assert_eq!(decided("56в"), Some(Decision(16)));
    assert_eq!(table.outcomes.disability_2_decision, Some(Decision(9)));
    assert_eq!(table.outcomes.disability_2_percent.to_string(), "80");
    assert_eq!(table.outcomes.disability_2_annex_percent.to_string(), "100");
    let rule_decisions: BTreeSet<u8> =
        table.rules.iter().filter_map(|rule| rule.decision).map(|d| d.0).collect();
    for number in [1, 2, 3, 12, 14, 15, 17] {
        assert!(rule_decisions.contains(&number), "no rule applies D{number}");
    }
}

#[test]
fn the_acuity_table_keeps_exactly_the_legible_cells_of_d8() {
    let table = table();
    let ItemParameters::Acuity(cells) = &table.item("20").unwrap().parameters else {
        panic!("item 20 has the acuity table");
    };
    let count = |before: &str| cells.iter().filter(|cell| cell.before == before).count();
    let counts: Vec<usize> =
        ["1.0", "0.9", "0.8", "0.6", "0.5", "0.4", "0.3"].iter().map(|b| count(b)).collect();
    assert_eq!(counts, [10, 10, 2, 7, 6, 5, 4]);
    assert_eq!(cells.len(), 44, "no other cell");
    assert!(
        cells
            .iter()
            .filter(|cell| ["0.6", "0.5", "0.4", "0.3"].contains(&cell.before.as_str()))
            .all(|cell| cell.reconstructed)
    );
    assert!(
        !cells.iter().any(|cell| cell.before == "1.0" && cell.after == "0.0"),
        "D8: 1.0 stops at below 0.1"
    );
    let cell = |before: &str, after: &str| {
        cells.iter().find(|c| c.before == before && c.after == after).map(|c| c.percent.to_string())
    };
    assert_eq!(cell("1.0", "0.5").as_deref(), Some("10"));
    assert_eq!(cell("0.9", "0.0").as_deref(), Some("50"));
    assert_eq!(cell("0.6", "0.0").as_deref(), Some("25"));
    assert_eq!(cell("0.3", "<0.1").as_deref(), Some("10"));
}

#[test]
fn parameter_tables_cover_their_ranges_without_gaps() {
    let table = table();
    let days: Vec<(u32, Option<u32>)> = table
        .article_items(6)
        .map(|item| match item.parameters {
            ItemParameters::HospitalDays { from, to } => (from, to),
            ref other => panic!("{}: {other:?}", item.id),
        })
        .collect();
    assert_eq!(days, [(1, Some(7)), (8, Some(21)), (22, Some(30)), (31, None)]);
    let ItemParameters::AgeBands(bands) = &table.item("56в").unwrap().parameters else {
        panic!("56в has age bands")
    };
    let edges: Vec<(Option<u32>, Option<u32>, String)> =
        bands.iter().map(|band| (band.age_from, band.age_to, band.percent.to_string())).collect();
    assert_eq!(
        edges,
        [(None, Some(40), "50".into()), (Some(40), Some(50), "30".into()), (Some(50), None, "15".into())]
    );
}

#[test]
fn the_rules_named_in_domain_md_are_there() {
    let table = table();
    let kinds_of = |id: &str| -> Vec<RuleKind> {
        let id = table.item(id).unwrap().id.clone();
        table.rules_for(&id).map(|rule| rule.kind.clone()).collect()
    };
    assert!(kinds_of("14").contains(&RuleKind::Once) && kinds_of("16").contains(&RuleKind::Once));
    assert!(
        kinds_of("97б")
            .iter()
            .any(|kind| matches!(kind, RuleKind::SurgeryAddon { percent } if percent.to_string() == "10"))
    );
    assert!(
        kinds_of("63")
            .iter()
            .any(|kind| matches!(kind, RuleKind::SurgeryAddon { percent } if percent.to_string() == "15"))
    );
    assert!(
        kinds_of("103а")
            .iter()
            .any(|kind| matches!(kind, RuleKind::SurgeryAddon { percent } if percent.to_string() == "5"))
    );
    assert!(kinds_of("86в").iter().any(|kind| matches!(kind, RuleKind::HandCap { .. })));
    assert!(kinds_of("72").iter().any(|kind| matches!(kind, RuleKind::Waiting { months: 9, .. })));
    assert!(kinds_of("45в").iter().any(
        |kind| matches!(kind, RuleKind::Waiting { months: 6, interim: Some(i) } if i.as_str() == "45а")
    ));
    assert!(kinds_of("93").iter().any(|kind| matches!(kind, RuleKind::DeductEarlier { earlier } if earlier.iter().any(|e| e.as_str() == "92б"))));
    for on_top in ["46", "60", "108"] {
        assert!(kinds_of(on_top).iter().any(|kind| matches!(kind, RuleKind::OnTop { .. })), "{on_top}");
    }
    assert!(kinds_of("29б").iter().any(|kind| matches!(kind, RuleKind::PerUnit { .. })));
}
