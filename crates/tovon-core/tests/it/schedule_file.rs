//! A damaged or mistyped table file is refused with a message naming what and where.

use tovon_core::schedule::{ScheduleError, ScheduleTable};

use crate::SCHEDULE_V1;

fn load_with(from: &str, to: &str) -> Result<ScheduleTable, ScheduleError> {
    assert!(SCHEDULE_V1.contains(from), "the fixture text {from:?} is in v1");
    ScheduleTable::from_toml(&SCHEDULE_V1.replacen(from, to, 1))
}

#[test]
fn the_shipped_version_loads_with_its_date() {
    let table = ScheduleTable::from_toml(SCHEDULE_V1).unwrap();
    assert_eq!(table.version, 1);
    assert_eq!(table.effective_from.to_string(), "2026-01-01");
    assert_eq!(
        table.item("70б").unwrap().full_text(),
        "Елка суягининг ҳар қандай даражадаги синиши (бўғин соҳаси бундан мустасно): синик бўлаклари силжиган ҳолда синиши"
    );
}

#[test]
fn a_rule_naming_an_unknown_item_is_refused_naming_it() {
    let error = load_with("items = [\"9\"]", "items = [\"23\"]").unwrap_err();
    assert_eq!(
        error,
        ScheduleError::UnknownReference { clause: "9-банд изоҳи".into(), reference: "23".into() }
    );
}

#[test]
fn a_percentage_out_of_range_is_refused_naming_the_item() {
    let error = load_with("percent = \"25\"\nline = 377", "percent = \"250\"\nline = 377").unwrap_err();
    assert!(error.to_string().contains("item 1г"), "{error}");
    assert!(error.to_string().contains("250"), "{error}");
}

#[test]
fn a_duplicated_item_is_refused() {
    let error = load_with("letter = \"г\"\ntext = \"чанок гумбази", "letter = \"в\"\ntext = \"чанок гумбази")
        .unwrap_err();
    assert_eq!(error.to_string(), "item 1в appears twice in the schedule");
}

#[test]
fn a_bad_decision_name_is_refused() {
    let error = load_with("decision = \"D4\"", "decision = \"D40\"").unwrap_err();
    assert!(matches!(error, ScheduleError::BadValue { what: "decision (D1–D28)", .. }), "{error}");
}

#[test]
fn not_toml_at_all_is_a_syntax_error() {
    assert!(matches!(ScheduleTable::from_toml("version = = 1"), Err(ScheduleError::Syntax(_))));
}
