//! An administrator fills item 5's percentage and adds item 21 as version 3 (versions 1 and 2
//! ship); calculations use the version in force on the event date; no version is ever
//! replaced, and one added before the program shipped its own of that number is not used.

use chrono::NaiveDate;
use tovon_desk::{Desk, DeskError};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

/// Version 2 as exported, turned into version 3 from 1 June 2026: item 5 at 5 %, item 21 added.
fn version_3(desk: &Desk) -> String {
    let v1 = desk.export_schedule(Some(2)).unwrap();
    let with_five = v1.replacen(
        "text = \"Бош мия чайқалиши\"\ndefects = [\"percent_missing\"]\ndecision = \"D6\"",
        "text = \"Бош мия чайқалиши\"\npercent = \"5\"",
        1,
    );
    assert_ne!(with_five, v1, "the v2 text of item 5 is as expected");
    let added = with_five
        .replacen("version = 2\n", "version = 3\n", 1)
        .replacen("effective_from = \"2026-01-01\"", "effective_from = \"2026-06-01\"", 1)
        .replacen("numbers = [21, 22, 23, 24, 25, 26]", "numbers = [22, 23, 24, 25, 26]", 1);
    format!(
        "{added}\n[[articles]]\nnumber = 21\nsection = \"organs_of_vision\"\ntext = \"Маъмур қўшган синов банди\"\npercent = \"7\"\n"
    )
}

fn calc(desk: &Desk, event: &str, item: &str) -> Result<String, DeskError> {
    let request = format!(
        r#"{{"sum_insured": "1000000", "event_date": "{event}", "calc_date": "2026-11-20", "injuries": [{{"item": "{item}"}}]}}"#
    );
    desk.calculate(&request, today()).map(|answer| answer.payable)
}

#[test]
fn a_new_version_is_used_from_its_date_and_the_old_one_before() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tovon.sqlite3");
    let mut desk = crate::signed_in(&path, "admin");
    assert!(calc(&desk, "2026-07-01", "5").is_err(), "D6 in version 1");
    let text = version_3(&desk);
    let added = desk.add_schedule_version(&text, "5-банд: 5 %; 21-банд қўшилди").unwrap();
    assert_eq!((added.version, added.effective_from.as_str(), added.shipped), (3, "2026-06-01", false));
    assert_eq!(added.missing_articles, [22, 23, 24, 25, 26]);
    assert!(added.unpayable_items.is_empty());

    assert_eq!(calc(&desk, "2026-07-01", "5").unwrap(), "50000.00");
    assert_eq!(calc(&desk, "2026-07-01", "21").unwrap(), "70000.00");
    assert!(calc(&desk, "2026-05-31", "5").is_err(), "before 1 June version 2 is in force");
    let named = desk
        .calculate(r#"{"sum_insured": "1000000", "event_date": "2026-05-31", "calc_date": "2026-11-20", "table_version": 3, "injuries": [{"item": "5"}]}"#, today())
        .unwrap();
    assert_eq!(
        (named.table_version, named.payable.as_str()),
        (3, "50000.00"),
        "a request may name its version"
    );

    drop(desk);
    let reopened = crate::signed_in(&path, "admin");
    assert_eq!(calc(&reopened, "2026-07-01", "5").unwrap(), "50000.00", "kept in the database");
    assert_eq!(reopened.export_schedule(None).unwrap(), text, "exported as added");
    assert_eq!(reopened.schedule_versions().unwrap().len(), 3);
}

#[test]
fn a_version_is_never_replaced_and_a_bad_file_is_refused_naming_why() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = crate::signed_in(&dir.path().join("tovon.sqlite3"), "admin");
    let text = version_3(&desk);
    desk.add_schedule_version(&text, "v3").unwrap();
    let again = desk.add_schedule_version(&text, "v3 again").unwrap_err();
    assert_eq!(again.field().as_deref(), Some("version"));
    let shown = again.message(tovon_desk::Language::UzbekCyrillic);
    assert!(shown.contains("янги версия 4 рақамини олади") && !shown.contains("version:"), "{shown}");
    let v2_again = desk.add_schedule_version(&desk.export_schedule(Some(2)).unwrap(), "v2").unwrap_err();
    assert_eq!(v2_again.field().as_deref(), Some("version"));
    let v1_again = desk.add_schedule_version(&desk.export_schedule(Some(1)).unwrap(), "v1").unwrap_err();
    assert_eq!(v1_again.field().as_deref(), Some("version"));

    let broken = text.replacen("version = 3\n", "version = 4\n", 1).replacen(
        "items = [\"9\"]",
        "items = [\"999\"]",
        1,
    );
    let error = desk.add_schedule_version(&broken, "broken").unwrap_err();
    assert_eq!(error.field().as_deref(), Some("file"));
    assert!(error.to_string().contains("999"), "{error}");
    let both = text.replacen("version = 3\n", "version = 4\n", 1).replacen(
        "numbers = [22,",
        "numbers = [21, 22,",
        1,
    );
    assert!(desk.add_schedule_version(&both, "both").unwrap_err().to_string().contains("article 21"));
    assert_eq!(desk.add_schedule_version(&text, "  ").unwrap_err().field().as_deref(), Some("note"));
    assert_eq!(desk.schedule_versions().unwrap().len(), 3, "nothing half-added");
}

#[test]
fn a_version_2_added_before_version_2_shipped_is_kept_reported_and_not_used() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tovon.sqlite3");
    let desk = crate::signed_in(&path, "admin");
    let own = version_3(&desk).replacen("version = 3\n", "version = 2\n", 1);
    drop(desk);
    // As an older program stored it, before the shipped version 2 existed.
    let store = tovon_store::Store::open(&path).unwrap();
    store.add_schedule_version(2, "2026-06-01", &own, &"0".repeat(64), "5-банд: 5 %").unwrap();
    drop(store);
    let desk = crate::signed_in(&path, "admin");
    let versions = desk.schedule_versions().unwrap();
    let reported = versions.iter().find(|version| version.version == 2 && version.error.is_some());
    assert!(reported.is_some_and(|v| v.error.as_deref().unwrap_or("").contains("ships")), "{versions:?}");
    assert!(
        calc(&desk, "2026-07-01", "5").is_err(),
        "the shipped version 2 governs: item 5 has no percentage"
    );
    assert_eq!(desk.export_schedule(Some(2)).unwrap(), include_str!("../../../../assets/schedule/v2.toml"));
}
