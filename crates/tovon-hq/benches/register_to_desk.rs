//! The network's register sent to a desk (issue 20): 2 000 000 policies loaded at the head
//! office (read and checked with the desk's own reader), carried by the desk's enrolment
//! answer and applied there; then a month's changes (every tenth policy, 10 %) loaded and
//! applied by the next bundle. Each step through the real paths, timed once
//! (`TOVON_BENCH_POLICIES` sets another size). The register file is generated once into
//! `target/bench-network/`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use chrono::NaiveDate;
use tovon_hq::Hq;

mod common;
use common::{Scratch, desk_trusting, pinfl};

/// The register with `policies` rows; every tenth one's sum insured raised when `month`.
fn register(policies: usize, month: bool) -> PathBuf {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/bench-network");
    std::fs::create_dir_all(&folder).unwrap();
    let file = folder.join(format!("register-{policies}{}.csv", if month { "-month" } else { "" }));
    if file.exists() {
        return file;
    }
    let started = Instant::now();
    let mut out = std::io::BufWriter::new(std::fs::File::create(&file).unwrap());
    out.write_all(tovon_desk::register_csv_header().as_bytes()).unwrap();
    let first = NaiveDate::from_ymd_opt(1960, 1, 1).unwrap();
    for row in 0..policies {
        let born = first + chrono::Days::new((row % 14_000) as u64);
        let sum = if month && row % 10 == 0 { 1_200_000_000 } else { 1_000_000_000 };
        let record = tovon_store::PolicyRecord {
            series: "MKS".to_owned(),
            number: format!("{row:08}"),
            issued_on: NaiveDate::from_ymd_opt(2026, 1, 10).unwrap(),
            starts_on: NaiveDate::from_ymd_opt(2026, 1, 10).unwrap(),
            ends_on: NaiveDate::from_ymd_opt(2027, 1, 9).unwrap(),
            premium_paid_on: None,
            sum_insured_tiyin: sum,
            full_name: format!("Каримов Алишер {row}"),
            name_search: String::new(),
            birth_date: born,
            pinfl: pinfl(&born.format("%d%m%y").to_string(), row / 14_000),
            passport: None,
            phone: None,
            address: Some("Тошкент ш.".to_owned()),
            loan_agreement: Some(format!("КД-{row}")),
            loan_amount_tiyin: Some(2_000_000_000),
            branch: Some("ТШ".to_owned()),
        };
        out.write_all(tovon_desk::register_csv_line(&record).as_bytes()).unwrap();
    }
    out.flush().unwrap();
    eprintln!("generated {} in {:.1} s", file.display(), started.elapsed().as_secs_f64());
    file
}

/// Loads a register file at the head office as `tovon-hq register` does; the seconds taken.
fn load(hq: &mut Hq, file: &Path) -> f64 {
    let started = Instant::now();
    let bytes = std::fs::read(file).unwrap();
    let read = tovon_desk::read_register(&bytes, tovon_desk::Language::UzbekCyrillic).unwrap();
    assert_eq!(read.rejected, 0, "{:?}", read.problems.iter().take(3).collect::<Vec<_>>());
    let loaded = hq
        .load_register(
            "register.csv",
            &tovon_exchange::sha256_hex(&bytes),
            &read.records,
            (read.rows_read, 0),
        )
        .unwrap();
    let took = started.elapsed().as_secs_f64();
    eprintln!(
        "head office loaded {}: {} new, {} changed, {} unchanged in {took:.1} s",
        file.display(),
        loaded.added,
        loaded.changed,
        loaded.unchanged
    );
    took
}

fn main() {
    let policies: usize =
        std::env::var("TOVON_BENCH_POLICIES").ok().and_then(|v| v.parse().ok()).unwrap_or(2_000_000);
    let scratch = Scratch::new("register");
    let url = scratch.url();
    let dir = tempfile::tempdir().unwrap();
    let identity = tovon_hq::identity(&dir.path().join("hq.key")).unwrap();
    let mut hq = Hq::connect(&url).unwrap();

    let whole = register(policies, false);
    let month = register(policies, true);
    let loaded = load(&mut hq, &whole);

    // A desk enrolled: its answer carries the whole register.
    let mut desk = desk_trusting(&dir.path().join("tovon.sqlite3"), "ТШ", &identity);
    let request = serde_json::to_vec(&desk.enrolment_request().unwrap()).unwrap();
    let prefix = hq.enrol(&request).unwrap().prefix;
    let started = Instant::now();
    let answer = hq.bundle_for(&prefix, &identity).unwrap();
    let made = started.elapsed().as_secs_f64();
    let started = Instant::now();
    let applied = desk.import_bundle(&answer.bytes).unwrap();
    let first = started.elapsed().as_secs_f64();
    assert!(matches!(applied, tovon_desk::Received::Applied { register: Some(_), .. }), "{applied:?}");
    eprintln!(
        "the whole register to a desk: bundle of {:.0} MB made in {made:.1} s, applied at the desk in {first:.1} s",
        answer.bytes.len() as f64 / 1e6
    );

    // A month later: 10 % changed. The desk's bundle acknowledges the answer first.
    let month_loaded = load(&mut hq, &month);
    let outgoing = dir.path().join("out");
    std::fs::create_dir_all(&outgoing).unwrap();
    let sent = desk.export_bundle(&outgoing).unwrap();
    hq.ingest(&std::fs::read(&sent.path).unwrap(), &identity).unwrap();
    let started = Instant::now();
    let answer = hq.bundle_for(&prefix, &identity).unwrap();
    let made_month = started.elapsed().as_secs_f64();
    let started = Instant::now();
    let applied = desk.import_bundle(&answer.bytes).unwrap();
    let month_applied = started.elapsed().as_secs_f64();
    let tovon_desk::Received::Applied { register: Some(report), .. } = applied else { panic!("{applied:?}") };
    assert_eq!(report.updated as usize, policies / 10);
    eprintln!(
        "a month's changes ({} policies): bundle of {:.0} MB made in {made_month:.1} s, applied at the desk in {month_applied:.1} s",
        report.updated,
        answer.bytes.len() as f64 / 1e6
    );
    eprintln!(
        "register of {policies} policies: head office load {loaded:.1} s, whole register applied at a desk {first:.1} s; \
         10 % changed: head office load {month_loaded:.1} s, applied at a desk {month_applied:.1} s"
    );
    drop(hq);
}
