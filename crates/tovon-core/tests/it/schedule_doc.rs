//! `docs/schedule.md`, the schedule in force made readable for an auditor, is generated from
//! the data and kept in step: this test fails when they differ (`TOVON_BLESS=1` rewrites it).

use tovon_core::schedule::{ScheduleTable, readable_markdown};

use crate::SCHEDULE_V2;

const DOC: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/schedule.md");

fn generated() -> String {
    let table = ScheduleTable::from_toml(SCHEDULE_V2).unwrap();
    readable_markdown(&table, "assets/schedule/v2.toml")
}

#[test]
fn docs_schedule_md_is_the_data_in_force() {
    let fresh = generated();
    if std::env::var_os("TOVON_BLESS").is_some() {
        std::fs::write(DOC, &fresh).unwrap();
    }
    let written = std::fs::read_to_string(DOC).unwrap_or_default();
    assert!(
        written == fresh,
        "docs/schedule.md is out of step with the data: run `TOVON_BLESS=1 cargo test -p tovon-core --test it schedule_doc`"
    );
}

#[test]
fn the_page_names_every_item_note_decision_and_defect() {
    let table = ScheduleTable::from_toml(SCHEDULE_V2).unwrap();
    let page = generated();
    for item in &table.items {
        assert!(page.contains(&format!("| {} ", item.id)), "item {}", item.id);
    }
    for (_, line, _) in &table.notes {
        assert!(page.contains(&format!("note at line {line}:")), "note at line {line}");
    }
    for rule in &table.rules {
        assert!(page.contains(&format!("({}", rule.clause)), "{}", rule.clause);
    }
    for number in [1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 26] {
        assert!(page.contains(&format!("D{number}")), "D{number}");
    }
    for defect in ["heading_missing", "negation_misprint", "verb_lost", "letter_duplicated", "reconstructed"]
    {
        assert!(page.contains(defect), "{defect}");
    }
}
