//! The calculator's speed: a 20-injury request against schedule v1 (issue target: under
//! 50 µs per calculation in a release build). Run with `make bench`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;
use std::str::FromStr;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use rust_decimal::Decimal;
use tovon_core::calc::{CalcRequest, CalcSettings, Injury, Outcome, PriorPayment, Side, calculate};
use tovon_core::schedule::ScheduleTable;

/// The version every new calculation takes.
const SCHEDULE_V2: &str = include_str!("../../../assets/schedule/v2.toml");

/// Twenty injuries touching every rule family: once, excludes, surgery, caps, waiting, on top,
/// a bone (D22).
fn twenty_injuries() -> CalcRequest {
    let plain = |item: &str| Injury { item: item.to_owned(), count: 1, ..Injury::default() };
    let operated = |item: &str| Injury { surgery: true, ..plain(item) };
    let finger = |item: &str, count, side| Injury { count, side: Some(side), ..plain(item) };
    let injuries = vec![
        operated("97б"),
        plain("108"),
        plain("14"),
        plain("16"),
        plain("95а"),
        plain("95б"),
        plain("27а"),
        plain("30б"),
        operated("70б"),
        plain("72"),
        plain("45в"),
        finger("86в", 3, Side::Right),
        finger("84в", 1, Side::Right),
        finger("85", 2, Side::Left),
        plain("29а"),
        Injury { count: 3, ..plain("29б") },
        Injury { acuity_before: Some("1.0".into()), acuity_after: Some("0.5".into()), ..plain("20") },
        operated("63"),
        Injury { bone: Some("lower_jaw".into()), ..plain("37") },
        plain("1д"),
    ];
    CalcRequest {
        sum_insured: Decimal::from_str("12345678.90").unwrap(),
        event_date: NaiveDate::from_ymd_opt(2026, 1, 5).unwrap(),
        calc_date: NaiveDate::from_ymd_opt(2026, 3, 6).unwrap(),
        birth_date: NaiveDate::from_ymd_opt(1981, 6, 1),
        outcome: Outcome::Injury,
        outcome_date: None,
        prior_payments: vec![PriorPayment {
            item: Some("70а".into()),
            amount: Decimal::from_str("1000000.00").unwrap(),
        }],
        injuries,
    }
}

fn bench_calculate(c: &mut Criterion) {
    let table = ScheduleTable::from_toml(SCHEDULE_V2).expect("schedule v2 loads");
    let request = twenty_injuries();
    assert_eq!(request.injuries.len(), 20);
    calculate(&table, &request, CalcSettings::default()).expect("the benchmark request is valid");
    c.bench_function("calculate_20_injuries", |b| {
        b.iter(|| calculate(black_box(&table), black_box(&request), CalcSettings::default()))
    });
    c.bench_function("load_schedule_v2", |b| b.iter(|| ScheduleTable::from_toml(black_box(SCHEDULE_V2))));
}

criterion_group!(benches, bench_calculate);
criterion_main!(benches);
