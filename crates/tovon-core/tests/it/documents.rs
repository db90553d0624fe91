//! The shipped documents catalogue against the rules: every condition it knows, tried.

use chrono::NaiveDate;
use tovon_core::documents::{
    Catalogue, ChecklistFacts, DocOutcome, DocumentRequest, Group, ItemKey, ItemState, MedicalSource,
    Receipt, checklist,
};

use crate::REQUIREMENTS;

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn catalogue() -> Catalogue {
    Catalogue::from_toml(REQUIREMENTS).unwrap()
}

fn facts(outcome: DocOutcome) -> ChecklistFacts {
    ChecklistFacts {
        outcome,
        was_driving: false,
        fracture: false,
        beneficiary_named: true,
        notice_date: day("2026-10-01"),
    }
}

/// The codes required for these facts, in the catalogue's order.
fn required(facts: &ChecklistFacts, requests: &[DocumentRequest]) -> Vec<String> {
    let catalogue = catalogue();
    let list = checklist(&catalogue, facts, &[], requests);
    list.items.iter().filter(|item| item.required).map(|item| item.key.to_string()).collect()
}

const INJURY: [&str; 5] =
    ["application", "policy_original", "insured_passport", "medical_certificate", "medical_record_extract"];

#[test]
fn an_injury_needs_6_2_1_and_the_6_3_attachments() {
    assert_eq!(required(&facts(DocOutcome::Injury), &[]), INJURY);
}

#[test]
fn driving_adds_the_sobriety_conclusion_whatever_the_outcome() {
    for outcome in [DocOutcome::Injury, DocOutcome::Disability, DocOutcome::Death] {
        let driving = ChecklistFacts { was_driving: true, ..facts(outcome) };
        assert!(required(&driving, &[]).contains(&"sobriety_conclusion".to_owned()), "{outcome:?}");
        assert!(!required(&facts(outcome), &[]).contains(&"sobriety_conclusion".to_owned()));
    }
}

#[test]
fn a_fracture_adds_the_x_rays() {
    let fracture = ChecklistFacts { fracture: true, ..facts(DocOutcome::Injury) };
    let codes = required(&fracture, &[]);
    assert_eq!(codes.len(), INJURY.len() + 1);
    assert!(codes.contains(&"xray_images".to_owned()));
}

#[test]
fn disability_is_6_2_1_plus_the_state_bodys_conclusion() {
    let mut expected: Vec<String> = INJURY.iter().map(|code| (*code).to_owned()).collect();
    expected.insert(4, "disability_conclusion".to_owned());
    assert_eq!(required(&facts(DocOutcome::Disability), &[]), expected);
}

#[test]
fn death_with_a_named_beneficiary_needs_the_beneficiarys_id() {
    assert_eq!(
        required(&facts(DocOutcome::Death), &[]),
        ["application", "policy_original", "insured_passport", "death_certificate", "beneficiary_id"]
    );
}

#[test]
fn on_death_nothing_is_listed_under_bodily_injury() {
    let catalogue = catalogue();
    let list = checklist(&catalogue, &facts(DocOutcome::Death), &[], &[]);
    let group = |code: &str| list.items.iter().find(|item| item.key.to_string() == code).unwrap().group;
    assert!(list.items.iter().all(|item| item.group != Group::Injury));
    assert_eq!((group("policy_original"), group("insured_passport")), (Group::Death, Group::Attached));
    let injury = checklist(&catalogue, &facts(DocOutcome::Injury), &[], &[]);
    assert_eq!(injury.items[1].group, Group::Injury, "an injury keeps the catalogue's heading");
}

#[test]
fn death_without_a_beneficiary_needs_the_heirs_documents() {
    let heirs = ChecklistFacts { beneficiary_named: false, ..facts(DocOutcome::Death) };
    let codes = required(&heirs, &[]);
    assert!(codes.contains(&"inheritance_certificate".to_owned()) && codes.contains(&"heirs_ids".to_owned()));
    assert!(!codes.contains(&"beneficiary_id".to_owned()));
    // Only death asks for the heirs: an injury without a beneficiary does not.
    let injury = ChecklistFacts { beneficiary_named: false, ..facts(DocOutcome::Injury) };
    assert_eq!(required(&injury, &[]), INJURY);
}

#[test]
fn the_forensic_report_is_required_only_on_the_insurers_request() {
    let catalogue = catalogue();
    let death = facts(DocOutcome::Death);
    let list = checklist(&catalogue, &death, &[], &[]);
    let forensic = list.items.iter().find(|item| item.key.to_string() == "forensic_report").unwrap();
    assert!(!forensic.required && forensic.requestable, "offered, not required");
    // Not offered for an injury.
    let injury = checklist(&catalogue, &facts(DocOutcome::Injury), &[], &[]);
    assert!(injury.items.iter().all(|item| item.key.to_string() != "forensic_report"));

    let request = DocumentRequest {
        id: 1,
        item: Some("forensic_report".into()),
        text: String::new(),
        reason: "ўлим сабаби".into(),
        requested_on: day("2026-10-20"),
    };
    let requests = [request];
    let list = checklist(&catalogue, &death, &[], &requests);
    let forensic = list.items.iter().find(|item| item.key.to_string() == "forensic_report").unwrap();
    assert!(forensic.required);
    assert_eq!((forensic.due, forensic.due_clause), (day("2027-01-20"), "5.3б"), "3 months from the request");
}

#[test]
fn an_extra_document_under_6_4_is_required_from_its_request() {
    let request = DocumentRequest {
        id: 7,
        item: None,
        text: "Иш жойидан маълумотнома".into(),
        reason: "3.1и: хавфсизлик қоидалари".into(),
        requested_on: day("2026-10-15"),
    };
    let requests = [request];
    let catalogue = catalogue();
    let list = checklist(&catalogue, &facts(DocOutcome::Injury), &[], &requests);
    let extra = list.items.last().unwrap();
    assert_eq!((extra.key.clone(), extra.group, extra.required), (ItemKey::Extra(7), Group::Extra, true));
    assert_eq!(extra.due, day("2027-01-15"));
    assert_eq!(ItemKey::parse("extra-7"), Some(ItemKey::Extra(7)));
}

fn received(code: &str, on: &str) -> Receipt {
    Receipt {
        key: ItemKey::Catalogue(code.into()),
        received_on: day(on),
        copy: false,
        source: None,
        verified_on: None,
    }
}

#[test]
fn the_set_is_complete_on_the_day_the_last_required_item_came_in() {
    let catalogue = catalogue();
    let fracture = ChecklistFacts { fracture: true, ..facts(DocOutcome::Injury) };
    let mut receipts: Vec<Receipt> = INJURY.iter().map(|code| received(code, "2026-10-05")).collect();
    let list = checklist(&catalogue, &fracture, &receipts, &[]);
    assert_eq!(list.complete_on, None);
    assert_eq!(list.missing().map(|item| item.key.to_string()).collect::<Vec<_>>(), ["xray_images"]);
    let missing = list.missing().next().unwrap();
    assert_eq!((missing.due, missing.due_clause), (day("2027-01-01"), "6.1б"), "3 months from the notice");
    receipts.push(received("xray_images", "2026-10-12"));
    assert_eq!(checklist(&catalogue, &fracture, &receipts, &[]).complete_on, Some(day("2026-10-12")));
}

#[test]
fn a_received_item_stays_when_the_facts_no_longer_require_it() {
    let catalogue = catalogue();
    let mut receipts: Vec<Receipt> = INJURY.iter().map(|code| received(code, "2026-10-05")).collect();
    receipts.push(received("xray_images", "2026-10-06"));
    let no_fracture = facts(DocOutcome::Injury);
    let list = checklist(&catalogue, &no_fracture, &receipts, &[]);
    let xray = list.items.iter().find(|item| item.key.to_string() == "xray_images").unwrap();
    assert!(!xray.required);
    assert_eq!(xray.state, ItemState::Received { on: day("2026-10-06") });
    assert_eq!(list.complete_on, Some(day("2026-10-05")), "a paper not required does not date the set");
}

#[test]
fn an_online_certificate_counts_only_once_verified() {
    let catalogue = catalogue();
    let mut receipts: Vec<Receipt> = INJURY.iter().map(|code| received(code, "2026-10-05")).collect();
    let certificate = receipts.iter_mut().find(|r| r.key.to_string() == "medical_certificate").unwrap();
    certificate.source = Some(MedicalSource::Online);
    let list = checklist(&catalogue, &facts(DocOutcome::Injury), &receipts, &[]);
    assert_eq!(list.complete_on, None);
    let item = list.items.iter().find(|item| item.key.to_string() == "medical_certificate").unwrap();
    assert_eq!(item.state, ItemState::AwaitingVerification { received_on: day("2026-10-05") });

    let certificate = receipts.iter_mut().find(|r| r.key.to_string() == "medical_certificate").unwrap();
    certificate.verified_on = Some(day("2026-10-09"));
    assert_eq!(
        checklist(&catalogue, &facts(DocOutcome::Injury), &receipts, &[]).complete_on,
        Some(day("2026-10-09"))
    );
}

#[test]
fn every_item_is_grouped_under_one_of_its_own_clauses() {
    for requirement in catalogue().requirements {
        let group = requirement.group.clause();
        assert!(
            requirement.clauses.split(", ").any(|clause| clause.starts_with(group))
                || requirement.code == "application",
            "{} under {group} cites {}",
            requirement.code,
            requirement.clauses
        );
    }
}
