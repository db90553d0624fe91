//! What the Calculator screen gets: the schedule tree, the search in either script, and the
//! request type it sends going through the same parser as `tovon calc`.

use chrono::NaiveDate;
use tovon_desk::dto::{CalcRequestDto, InjuryRequestDto, ItemParameterKind, ScheduleItemDto};
use tovon_desk::{Desk, DeskError};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 4, 20).unwrap()
}

/// A desk on a fresh database in a temp folder (kept alive by leaking the folder handle).
fn desk() -> Desk {
    let dir = Box::leak(Box::new(tempfile::tempdir().unwrap()));
    crate::signed_in(&dir.path().join("tovon.sqlite3"), "officer")
}

fn item(id: &str) -> ScheduleItemDto {
    desk()
        .schedule(today())
        .unwrap()
        .sections
        .into_iter()
        .flat_map(|section| section.items)
        .find(|item| item.id == id)
        .unwrap_or_else(|| panic!("item {id}"))
}

#[test]
fn the_tree_has_every_section_and_item_with_what_picking_needs() {
    let view = desk().schedule(today()).unwrap();
    assert_eq!(view.version, 2);
    assert_eq!(view.sections.len(), 12);
    assert_eq!(view.sections.iter().map(|section| section.items.len()).sum::<usize>(), 226);
    assert!(item("86в").needs_side);
    assert_eq!(item("97б").surgery_percent.as_deref(), Some("10"));
    assert_eq!(item("63").surgery_percent.as_deref(), Some("15"));
    assert_eq!(item("20").parameter, ItemParameterKind::Acuity);
    assert_eq!(item("20").acuity.len(), 44);
    assert_eq!(item("56в").parameter, ItemParameterKind::Age);
    assert_eq!(item("6б").parameter, ItemParameterKind::Days);
    assert_eq!((item("37").parameter, item("37").max_count), (ItemParameterKind::Bone, None), "D22");
    assert_eq!(item("37").bones, ["upper_jaw", "cheekbone", "lower_jaw", "lower_jaw_dislocation"]);
    let untitled = view.sections.iter().find(|section| section.id == "articles_107_108").unwrap();
    assert_eq!(untitled.max_percent.as_deref(), Some("10"), "D27: the ceiling of a doctor's conclusion");
    assert_eq!((item("5").percent, item("5").decision.as_deref()), (None, Some("D6")));
    assert!(item("16").hints.iter().any(|hint| hint.contains("гифема")), "{:?}", item("16").hints);
}

#[test]
fn search_finds_items_typed_in_either_script() {
    let desk = desk();
    let found = |query: &str| desk.search_schedule(today(), query).unwrap();
    assert!(found("елка суяги").contains(&"70б".to_owned()));
    assert!(found("yelka suyagi").contains(&"70б".to_owned()));
    assert!(found("YELKA").contains(&"70а".to_owned()));
    assert_eq!(found("70б"), ["70б"]);
    assert!(found("70b").contains(&"70б".to_owned()));
    assert!(found("qovurg'a").contains(&"29б".to_owned()), "apostrophe variants");
    assert!(found("ҚОВУРҒА").contains(&"29а".to_owned()));
    assert!(found("no such injury at all").is_empty());
}

#[test]
fn the_uis_request_type_goes_through_the_clis_parser() {
    let request = CalcRequestDto {
        sum_insured: "6000000.00".into(),
        event_date: "2026-04-02".into(),
        calc_date: None,
        birth_date: None,
        outcome: None,
        outcome_date: None,
        prior_payments: Vec::new(),
        injuries: vec![
            InjuryRequestDto { item: "97б".into(), surgery: Some(true), ..InjuryRequestDto::default() },
            InjuryRequestDto { item: "108".into(), count: Some(1), ..InjuryRequestDto::default() },
            // D22: a jaw by its bone; D27: an injury the schedule lacks, on a doctor's conclusion.
            InjuryRequestDto {
                item: "37".into(),
                bone: Some("lower_jaw".into()),
                ..InjuryRequestDto::default()
            },
            InjuryRequestDto {
                item: "7.1".into(),
                section: Some("legs".into()),
                percent: Some("2.5".into()),
                reference: Some("№ 4, 10.04.2026".into()),
                ..InjuryRequestDto::default()
            },
        ],
    };
    let answer = desk().calculate(&serde_json::to_string(&request).unwrap(), today()).unwrap();
    assert_eq!(answer.table_version, 2, "every new calculation takes version 2");
    assert_eq!(answer.payable, "2550000.00", "15 + 10 + 10 + 5 + 2.5 % of 6 000 000");
}

#[test]
fn a_request_in_version_1s_shape_reads_and_asks_for_the_bone() {
    let desk = desk();
    let old =
        r#"{"sum_insured": "1000000", "event_date": "2026-04-02", "injuries": [{"item": "37", "count": 2}]}"#;
    let error = desk.calculate(old, today()).unwrap_err();
    assert_eq!(error.field().as_deref(), Some("injuries[0].count"), "{error}");
    let pinned = r#"{"table_version": 1, "sum_insured": "1000000", "event_date": "2026-04-02", "injuries": [{"item": "37", "count": 2}]}"#;
    assert_eq!(desk.calculate(pinned, today()).unwrap().payable, "100000.00", "version 1 still reads");
}

#[test]
fn a_bad_field_from_the_ui_comes_back_as_invalid_input_naming_it() {
    let error = desk()
        .calculate(
            r#"{"sum_insured": "abc", "event_date": "2026-04-02", "prior_payments": [], "injuries": []}"#,
            today(),
        )
        .unwrap_err();
    assert!(matches!(error, DeskError::Request(_)));
    let dto = error.to_dto(tovon_desk::Language::UzbekCyrillic);
    assert_eq!(dto.code, tovon_desk::dto::ErrorCode::InvalidInput);
    assert_eq!(dto.field.as_deref(), Some("sum_insured"));
    // The field by its label, never its code (issue 19).
    assert_eq!(dto.message, "Суғурта суммаси: «abc» сон эмас.");
    let latin = error.to_dto(tovon_desk::Language::UzbekLatin).message;
    assert_eq!(latin, "Sugʻurta summasi: «abc» son emas.");
}

/// Issue 19: in Uzbek Latin an item's letter is Latin ("97b", where "97б" reads as 976), and
/// "97b" typed anywhere an item is typed is item 97б.
#[test]
fn items_read_and_are_typed_in_latin_letters() {
    let mut desk = desk();
    let request = |item: &str| {
        format!(
            r#"{{"sum_insured": "6000000", "event_date": "2026-04-02", "injuries": [{{"item": "{item}"}}]}}"#
        )
    };
    let cyrillic = desk.calculate(&request("97б"), today()).unwrap();
    let typed_latin = desk.calculate(&request("97B"), today()).unwrap();
    assert_eq!(cyrillic.payable, typed_latin.payable);
    assert_eq!(typed_latin.lines[0].item, "97б", "the schedule's own code in Cyrillic");
    desk.set_language(tovon_desk::dto::LanguageTag::UzLatn).unwrap();
    let shown = desk.calculate(&request("97b"), today()).unwrap();
    assert_eq!(shown.lines[0].item, "97b");
    let listed = desk
        .schedule(today())
        .unwrap()
        .sections
        .into_iter()
        .flat_map(|s| s.items)
        .find(|i| i.id == "97б")
        .unwrap();
    assert_eq!((listed.id.as_str(), listed.shown_id.as_str()), ("97б", "97b"));
}
