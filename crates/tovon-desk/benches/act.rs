//! The real incident act (issue 6): a claim on a real database, calculated for items 71а
//! and 28, its act composed from the stored claim and rendered with the font subset, as
//! the Decision tab's preview and an approval do. Budget: under 30 ms and 100 KB.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
use common::signed_in;

use std::io::Write;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use tovon_desk::Desk;
use tovon_desk::dto::{ApproveDto, ClaimDraftDto, ClaimOutcome, DocumentReceiptDto, DocumentStateCode};

const HEADER: &str = "policy_series,policy_number,issued_on,starts_on,ends_on,premium_paid_on,sum_insured,full_name,birth_date,pinfl,passport,phone,address,loan_agreement,loan_amount,branch";

/// A valid PINFL for a man born on 12.10.1963 (the CLI tests' policy holder).
const PINFL: &str = "31210632040244";

fn claim(dir: &std::path::Path, today: NaiveDate) -> (Desk, String) {
    let register = dir.join("register.csv");
    let mut file = std::fs::File::create(&register).unwrap();
    writeln!(file, "{HEADER}").unwrap();
    writeln!(
        file,
        "MKS,0000001,2026-01-10,10.01.2026,09.01.2027,2026-01-10,10000000,Каримов Алишер Бахтиёрович,12.10.1963,{PINFL},AA0000001,+998901234567,Тошкент ш. Чилонзор т. 7-мавзе 12-уй,KR-1,20 000 000,Тошкент"
    )
    .unwrap();
    drop(file);
    let mut desk = signed_in(&dir.join("tovon.sqlite3"));
    desk.import_policies(&register, None).unwrap();
    let policy_id = desk.find_policies("MKS 0000001").unwrap()[0].id;
    let draft = ClaimDraftDto {
        policy_id: Some(policy_id),
        policy_by_hand: None,
        branch_code: "тш".to_owned(),
        claimant_name: "Каримов Алишер Бахтиёрович".to_owned(),
        claimant_relation: "ўзи".to_owned(),
        claimant_phone: "+998901234567".to_owned(),
        beneficiary_name: String::new(),
        event_date: "2026-10-01".to_owned(),
        event_place: "Тошкент ш., Чилонзор тумани".to_owned(),
        circumstances: "Уйдаги зинапоядан йиқилиб, чап қўлини синдирди ва бошини урди".to_owned(),
        outcome: ClaimOutcome::Injury,
        notice_date: "2026-10-05".to_owned(),
        was_driving: false,
        fracture: true,
        criminal_case: false,
        suicide: false,
        notes: String::new(),
    };
    let number = desk.register_claim(&draft, today).unwrap().number;
    let list = desk.documents(&number, today).unwrap();
    for item in list.groups.iter().flat_map(|group| &group.items) {
        if item.required && item.state == DocumentStateCode::Missing {
            let receipt = DocumentReceiptDto {
                item: item.key.clone(),
                received_on: "2026-11-10".to_owned(),
                copy: false,
                note: String::new(),
                source: None,
            };
            desk.receive_document(&number, &receipt, today).unwrap();
        }
    }
    desk.calculate_claim(&number, r#"{"injuries": [{"item": "71а"}, {"item": "28"}]}"#, today).unwrap();
    (desk, number)
}

fn bench(c: &mut Criterion) {
    let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (desk, number) = claim(dir.path(), today);
    let view = desk.decision_view(&number, today).unwrap();
    let request =
        ApproveDto { payees: view.default_payees, decided_on: "2026-11-20".to_owned(), language: None };
    let bytes = desk.preview_act(&number, &request, today).unwrap().pdf().unwrap();
    let kept = std::env::temp_dir().join("tovon-bench-act.pdf");
    std::fs::write(&kept, &bytes).unwrap();
    eprintln!("incident act: {} bytes, kept as {} (pdfinfo it for the pages)", bytes.len(), kept.display());
    c.bench_function("compose and render the incident act", |b| {
        b.iter(|| desk.preview_act(&number, &request, today).unwrap().pdf().unwrap())
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
