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
    assert_eq!(view.version, 1);
    assert_eq!(view.sections.len(), 12);
    assert_eq!(view.sections.iter().map(|section| section.items.len()).sum::<usize>(), 226);
    assert!(item("86в").needs_side);
    assert_eq!(item("97б").surgery_percent.as_deref(), Some("10"));
    assert_eq!(item("63").surgery_percent.as_deref(), Some("15"));
    assert_eq!(item("20").parameter, ItemParameterKind::Acuity);
    assert_eq!(item("20").acuity.len(), 44);
    assert_eq!(item("56в").parameter, ItemParameterKind::Age);
    assert_eq!(item("6б").parameter, ItemParameterKind::Days);
    assert_eq!(item("37").max_count, Some(2));
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
            InjuryRequestDto {
                item: "97б".into(),
                count: None,
                side: None,
                surgery: Some(true),
                acuity_before: None,
                acuity_after: None,
                days: None,
            },
            InjuryRequestDto {
                item: "108".into(),
                count: Some(1),
                side: None,
                surgery: None,
                acuity_before: None,
                acuity_after: None,
                days: None,
            },
        ],
    };
    let answer = desk().calculate(&serde_json::to_string(&request).unwrap(), today()).unwrap();
    assert_eq!(answer.payable, "2100000.00");
}

#[test]
fn a_bad_field_from_the_ui_comes_back_as_invalid_input_naming_it() {
    let error = desk()
        .calculate(
            r#"{"sum_insured": "abc", "event_date": "2026-04-02", "prior_payments": [], "injuries": []}"#,
            today(),
        )
        .unwrap_err();
    assert!(matches!(error, DeskError::InvalidInput { .. }));
    let dto = error.to_dto(tovon_desk::Language::UzbekCyrillic);
    assert_eq!(dto.field.as_deref(), Some("sum_insured"));
    assert!(dto.message.starts_with("Маълумот нотўғри: sum_insured"), "{}", dto.message);
}
