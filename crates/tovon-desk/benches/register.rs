//! The register and the claims list at scale (issue 4): 1 000 000 generated policies
//! imported through the desk, then exact look-ups (target: under 1 ms at the 95th
//! percentile), name search (under 30 ms) and a page of the claims list over 100 000
//! claims. Run with `make bench`; the database is built once and kept (on /dev/shm when
//! the machine has it, else in `target/bench-data/`), its build times printed.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
#[path = "common/register_file.rs"]
mod register_file;
use common::signed_in;
use register_file::{FIRST, LAST, POLICIES, Rng, bench_dir, write_register};

use std::hint::black_box;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use tovon_desk::Desk;
use tovon_desk::dto::{ClaimDraftDto, ClaimListQueryDto, ClaimOutcome, ClaimSortCode, DueFilterCode};

/// The allocator the `tovon` and desktop binaries use.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const CLAIMS: u32 = 100_000;
fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn draft(rng: &mut Rng, n: u32, today: NaiveDate) -> ClaimDraftDto {
    let event = today - chrono::Days::new(rng.below(300) + 5);
    let notice = event + chrono::Days::new(rng.below(5));
    ClaimDraftDto {
        policy_id: Some(1 + rng.below(u64::from(POLICIES)) as i64),
        policy_by_hand: None,
        branch_code: ["ТШ", "СМ", "АН"][(n % 3) as usize].to_owned(),
        claimant_name: "Аризачи".to_owned(),
        claimant_relation: "ўзи".to_owned(),
        claimant_phone: String::new(),
        beneficiary_name: String::new(),
        event_date: event.to_string(),
        event_place: "Тошкент".to_owned(),
        circumstances: "Йиқилди".to_owned(),
        outcome: ClaimOutcome::Injury,
        notice_date: notice.to_string(),
        was_driving: false,
        fracture: n.is_multiple_of(2),
        criminal_case: false,
        suicide: false,
        notes: String::new(),
    }
}

/// The database with 1 000 000 policies and 100 000 claims, built once.
fn database() -> Desk {
    let dir = bench_dir();
    let db = dir.join("register-1m.sqlite3");
    let ready = dir.join("register-1m.ready");
    if !ready.exists() {
        for stale in ["register-1m.sqlite3", "register-1m.sqlite3-wal", "register-1m.sqlite3-shm"] {
            let _ = std::fs::remove_file(dir.join(stale));
        }
        let csv = dir.join("register-1m.csv");
        write_register(&csv, |_| false);
        let mut desk = signed_in(&db);
        let started = Instant::now();
        let report = desk.import_policies(&csv, None).unwrap();
        eprintln!(
            "import of {} rows ({} MB): {:.1} s ({} inserted, {} rejected)",
            report.rows_read,
            std::fs::metadata(&csv).unwrap().len() / 1_000_000,
            started.elapsed().as_secs_f64(),
            report.inserted,
            report.rejected
        );
        std::fs::remove_file(&csv).unwrap();
        let started = Instant::now();
        let mut rng = Rng(11);
        let today = day("2026-11-22");
        for n in 0..CLAIMS {
            desk.register_claim(&draft(&mut rng, n, today), today).unwrap();
        }
        eprintln!("{CLAIMS} claims registered one by one: {:.1} s", started.elapsed().as_secs_f64());
        std::fs::write(&ready, "").unwrap();
    }
    signed_in(&db)
}

/// The 50th and 95th percentile of `f` over `queries`, each run `rounds` times.
fn percentiles(name: &str, queries: &[String], rounds: usize, mut f: impl FnMut(&str)) {
    let mut times: Vec<Duration> = Vec::with_capacity(queries.len() * rounds);
    for _ in 0..rounds {
        for query in queries {
            let started = Instant::now();
            f(query);
            times.push(started.elapsed());
        }
    }
    times.sort();
    let at = |p: f64| times[((times.len() as f64 * p) as usize).min(times.len() - 1)];
    eprintln!("{name}: p50 {:?}, p95 {:?}, max {:?} over {} runs", at(0.50), at(0.95), at(1.0), times.len());
}

fn register(c: &mut Criterion) {
    let desk = database();
    let mut rng = Rng(3);
    let numbers: Vec<u32> = (0..200).map(|_| 1 + rng.below(u64::from(POLICIES)) as u32).collect();
    let series_number: Vec<String> = numbers.iter().map(|n| format!("MKS {n:07}")).collect();
    let passports: Vec<String> = numbers.iter().map(|n| format!("AA{n:07}")).collect();
    let pinfls: Vec<String> = numbers
        .iter()
        .map(|n| desk.find_policies(&format!("MKS {n:07}")).unwrap()[0].pinfl.clone())
        .collect();
    let names: Vec<String> = (0..200u32)
        .map(|i| {
            let full = format!("{} {}", rng.pick(&LAST), rng.pick(&FIRST));
            // Half typed in Latin, as on a Latin keyboard.
            if i.is_multiple_of(2) { full } else { tovon_core::translit::to_latin(&full) }
        })
        .collect();

    percentiles("exact: series and number", &series_number, 5, |q| {
        black_box(desk.find_policies(q).unwrap());
    });
    percentiles("exact: PINFL", &pinfls, 5, |q| {
        black_box(desk.find_policies(q).unwrap());
    });
    percentiles("exact: passport", &passports, 5, |q| {
        black_box(desk.find_policies(q).unwrap());
    });
    percentiles("name search, first 50 matches", &names, 2, |q| {
        black_box(desk.find_policies(q).unwrap());
    });

    c.bench_function("find_policies series+number (1M)", |b| {
        let mut i = 0;
        b.iter(|| {
            i = (i + 1) % series_number.len();
            black_box(desk.find_policies(&series_number[i]).unwrap())
        })
    });
    c.bench_function("find_policies PINFL (1M)", |b| {
        let mut i = 0;
        b.iter(|| {
            i = (i + 1) % pinfls.len();
            black_box(desk.find_policies(&pinfls[i]).unwrap())
        })
    });
    c.bench_function("find_policies name (1M)", |b| {
        let mut i = 0;
        b.iter(|| {
            i = (i + 1) % names.len();
            black_box(desk.find_policies(&names[i]).unwrap())
        })
    });

    let today = day("2026-11-22");
    let page = |due: Option<DueFilterCode>, query: &str| ClaimListQueryDto {
        state: None,
        due,
        awaiting_approval: false,
        queue: None,
        query: query.to_owned(),
        sort: ClaimSortCode::NextDue,
        limit: 100,
        offset: 0,
    };
    let lists = [
        ("first page, overdue first", page(None, "")),
        ("overdue only", page(Some(DueFilterCode::Overdue), "")),
        ("search by name", page(None, "karimov")),
        ("search by claim number", page(None, "ТШ-2026-0000")),
    ];
    for (name, query) in &lists {
        percentiles(&format!("claims list (100k): {name}"), &[String::new()], 30, |_| {
            black_box(desk.list_claims(query, today).unwrap());
        });
    }
    // The Today screen: seven counts and their first claims, each a filter of the list.
    percentiles("today's work (100k claims)", &[String::new()], 30, |_| {
        black_box(desk.today(today).unwrap());
    });
    c.bench_function("list_claims first page (100k)", |b| {
        b.iter(|| black_box(desk.list_claims(&lists[0].1, today).unwrap()))
    });
    c.bench_function("list_claims name search (100k)", |b| {
        b.iter(|| black_box(desk.list_claims(&lists[2].1, today).unwrap()))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).measurement_time(Duration::from_secs(3));
    targets = register
}
criterion_main!(benches);
