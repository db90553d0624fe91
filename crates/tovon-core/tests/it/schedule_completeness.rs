//! The shipped table against the source (docs/rules/, the rules as printed): every numbered item and sub-item is
//! in the data or listed as missing with its reason, every percentage equals the source or
//! names the decision that changed it, and every note is turned into at least one rule —
//! for every shipped version; and every numbered part of every note of the version in force
//! has its named fate (a rule, a hint or a decision), in a table that reads like the annex.

use std::collections::BTreeSet;

use tovon_core::schedule::{Decision, ItemParameters, RuleKind, ScheduleTable};

use crate::{SCHEDULE_V1, SCHEDULE_V2};

const SOURCE: &str =
    concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/rules/insurance-rules-microloan-accident-illness.txt");
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

/// Every shipped version.
fn tables() -> [ScheduleTable; 2] {
    [SCHEDULE_V1, SCHEDULE_V2].map(|text| ScheduleTable::from_toml(text).expect("the shipped schedule loads"))
}

/// The version in force.
fn table() -> ScheduleTable {
    ScheduleTable::from_toml(SCHEDULE_V2).expect("the shipped schedule loads")
}

#[test]
fn every_article_of_1_to_108_is_in_the_table_or_listed_missing_with_a_reason() {
    for table in tables() {
        every_article_is_there(&table);
    }
}

fn every_article_is_there(table: &ScheduleTable) {
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
    for table in tables() {
        every_row_is_an_item(&table);
    }
}

fn every_row_is_an_item(table: &ScheduleTable) {
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
    for item in tables().into_iter().flat_map(|table| table.items) {
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
    for table in tables() {
        every_note_has_a_rule(&table);
    }
}

fn every_note_has_a_rule(table: &ScheduleTable) {
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
    for table in tables() {
        damaged_places_decided(&table);
    }
}

fn damaged_places_decided(table: &ScheduleTable) {
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
    if table.version >= 2 {
        for number in [18, 19, 20, 21, 22, 23, 26] {
            assert!(rule_decisions.contains(&number), "version {}: no rule applies D{number}", table.version);
        }
    }
}

#[test]
fn the_acuity_table_keeps_exactly_the_legible_cells_of_d8() {
    for table in tables() {
        acuity_cells(&table);
    }
}

fn acuity_cells(table: &ScheduleTable) {
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
    for on_top in ["60", "108"] {
        assert!(kinds_of(on_top).iter().any(|kind| matches!(kind, RuleKind::OnTop { .. })), "{on_top}");
    }
    assert!(!kinds_of("46").iter().any(|kind| matches!(kind, RuleKind::OnTop { .. })), "D20: 46 on its own");
    assert!(kinds_of("29б").iter().any(|kind| matches!(kind, RuleKind::PerUnit { .. })));
}

/// What became of each numbered part of each note of the version in force: (the note's
/// source line, its part — 0 where the note is not numbered —, the rule kind, the decision).
/// A note part may have several fates. Read beside docs/rules/ and docs/schedule.md.
const FATES: &[(u32, u8, &str, Option<u8>)] = &[
    (387, 1, "surgery_addon", Some(2)), // 5: trepanation +10 %
    (387, 2, "sum", None),
    (408, 0, "hint", None), // 9: nerves at hand or foot level are no ground
    (422, 1, "hint", None), // 16: hyphema
    (422, 2, "once", Some(1)),
    (422, 3, "sum", None),
    (662, 0, "hint", None),     // 29: ribs, 1–3
    (666, 0, "excludes", None), // 30 not beside 27
    (669, 1, "excludes", None), // 31 not beside 32
    (669, 2, "hint", None),
    (675, 0, "hint", None),     // 36: which vessels are large
    (678, 1, "sum", Some(22)),  // 37: jaws summed, by bone
    (678, 2, "hint", Some(22)), // 37: sides not counted
    (678, 3, "hint", None),
    (678, 4, "hint", None),
    (682, 5, "once", Some(22)),     // 37: upper jaw with cheekbone once
    (684, 0, "hint", None),         // 38
    (688, 1, "excludes", Some(18)), // 42 inside 39 (the note lost its verb)
    (688, 2, "sum", None),
    (701, 0, "hint", None), // 42: parts 1, 2, 4, 5
    (701, 3, "sum", None),
    (708, 0, "waiting", Some(14)), // 44б after 6 months, 44а meanwhile …
    (708, 0, "advance", Some(19)), // … as an advance on 44б
    (718, 1, "waiting", Some(14)),
    (718, 2, "waiting", Some(14)),
    (718, 2, "advance", Some(19)),
    (720, 1, "sum", Some(20)), // 46 on its own, adding to 45, 47–51
    (720, 2, "hint", None),
    (741, 1, "excludes", None), // 51 not beside 47–50
    (741, 2, "hint", None),
    (757, 0, "once", Some(1)),          // 53
    (762, 0, "excludes", None),         // 54 not beside 52б, 52в
    (778, 0, "hint", None),             // 57
    (791, 0, "hint", None),             // 58
    (796, 0, "on_top", Some(21)),       // 60 on top of a burn or frostbite payout
    (803, 1, "surgery_addon", Some(2)), // 62–63 +15 %
    (803, 2, "sum", None),
    (807, 0, "once", Some(1)), // 62–64
    (810, 0, "sum", None),
    (829, 1, "surgery_addon", Some(3)), // 67–69 +10 %, "ўтказилмаган" read as performed
    (829, 1, "excludes", Some(23)),     // no graft (61) beside it
    (829, 2, "hint", None),
    (829, 3, "deduct_earlier", Some(15)), // 69 after 68
    (834, 0, "surgery_addon", Some(2)),
    (839, 0, "waiting", Some(14)),
    (839, 0, "deduct_earlier", Some(15)),
    (848, 0, "surgery_addon", Some(2)),
    (857, 1, "surgery_addon", Some(2)),
    (857, 2, "waiting", Some(14)),
    (865, 0, "surgery_addon", Some(2)),
    (871, 0, "surgery_addon", Some(2)),
    (885, 0, "hint", None),
    (892, 0, "per_unit", None),     // fingers summed …
    (892, 0, "hand_cap", Some(12)), // … at most 65 % a hand, 100 % both
    (908, 1, "surgery_addon", Some(2)),
    (908, 2, "sum", None),
    (912, 0, "surgery_addon", Some(2)),
    (921, 0, "surgery_addon", Some(2)),
    (923, 0, "waiting", Some(14)),
    (923, 0, "deduct_earlier", Some(15)),
    (932, 1, "surgery_addon", Some(2)),
    (932, 2, "once", Some(1)),
    (941, 1, "surgery_addon", Some(2)),
    (941, 2, "hint", None),
    (945, 3, "sum", None),
    (953, 0, "waiting", Some(14)),
    (962, 1, "surgery_addon", Some(2)),
    (962, 2, "hint", None),
    (971, 1, "surgery_addon", Some(2)),
    (971, 2, "sum", None),
    (994, 1, "waiting", Some(14)),  // 107 after 6 months …
    (994, 1, "excludes", Some(23)), // … not beside 35, 36, 9
    (994, 2, "hint", None),
    (996, 0, "on_top", None), // 108
    // Rules written in an item's own text, not a note.
    (378, 0, "on_top", None),       // 1д
    (661, 0, "per_unit", Some(17)), // 29б
    (875, 0, "per_unit", Some(26)), // 82–84: one thumb a hand
];

fn kind_name(kind: &RuleKind) -> &'static str {
    match kind {
        RuleKind::Once => "once",
        RuleKind::Excludes { .. } => "excludes",
        RuleKind::SurgeryAddon { .. } => "surgery_addon",
        RuleKind::HandCap { .. } => "hand_cap",
        RuleKind::Waiting { .. } => "waiting",
        RuleKind::DeductEarlier { .. } => "deduct_earlier",
        RuleKind::Advance { .. } => "advance",
        RuleKind::OnTop { .. } => "on_top",
        RuleKind::PerUnit { .. } => "per_unit",
        RuleKind::Hint => "hint",
        RuleKind::Sum => "sum",
    }
}

/// The numbered parts of a note ("1. … 2. …"), or [0] for a note of one part.
fn note_parts(text: &str) -> Vec<u8> {
    let parts: Vec<u8> = (1..=9u8)
        .filter(|part| text.starts_with(&format!("{part}. ")) || text.contains(&format!(" {part}. ")))
        .collect();
    if parts.is_empty() { vec![0] } else { parts }
}

#[test]
fn every_part_of_every_note_has_its_named_fate() {
    let table = table();
    let fated = |line: u32, part: u8| FATES.iter().any(|fate| fate.0 == line && fate.1 == part);
    for (article, line, text) in &table.notes {
        for part in note_parts(text) {
            let covered = fated(*line, part) || fated(*line, 0);
            assert!(covered, "article {article}, note at line {line}, part {part} has no fate: {text}");
        }
    }
    for &(line, part, kind, decision) in FATES {
        let held = table.rules.iter().any(|rule| {
            rule.note_line == line
                && (rule.part == Some(part)
                    || (rule.part.is_none() && part == 0)
                    || (rule.part.is_none() && kind == "hint"))
                && kind_name(&rule.kind) == kind
                && rule.decision.map(|d| d.0) == decision
        });
        assert!(held, "line {line} part {part}: no {kind} rule with {decision:?}");
    }
    for rule in &table.rules {
        let named = FATES.iter().any(|&(line, part, kind, decision)| {
            rule.note_line == line
                && rule.part.unwrap_or(0) == part
                && kind_name(&rule.kind) == kind
                && rule.decision.map(|d| d.0) == decision
        }) || (rule.kind == RuleKind::Hint && rule.part.is_none());
        assert!(named, "{} ({}) is a rule the fates table does not name", rule.clause, kind_name(&rule.kind));
    }
}

#[test]
fn the_sections_are_the_sources_and_a_missing_heading_says_so() {
    let table = table();
    for id in ["88а", "89в"] {
        let item = table.item(id).unwrap();
        assert_eq!(
            (item.section.as_str(), item.subsection.as_deref()),
            ("pelvis", None),
            "{id}: ТОС СУЯГИДА"
        );
    }
    for (id, section) in [("27а", "articles_27_32"), ("32", "articles_27_32"), ("107", "articles_107_108")] {
        let item = table.item(id).unwrap();
        assert_eq!(item.section, section, "{id}");
        let title = &table.section(section).unwrap().title;
        assert!(title.contains("сарлавҳаси йўқ"), "{title}");
        assert_eq!(table.section(section).unwrap().defects, ["heading_missing"]);
    }
    let invented = ["Нафас олиш органларида", "Умумий шикастланишлар"];
    assert!(table.sections.iter().all(|section| !invented.contains(&section.title.as_str())));
    let deduct = table.rules.iter().find(|rule| matches!(rule.kind, RuleKind::DeductEarlier { .. })).unwrap();
    assert_eq!(deduct.clause, "69-банд, 3-изоҳ");
}
