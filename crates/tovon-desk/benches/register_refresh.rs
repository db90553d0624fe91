//! Tovon's register import beside the sqlite3 shell's, on the same generated files, in the
//! same run (issue 18): a first import of 1 000 000 policies, then a refresh of the same
//! register with 100 000 rows changed. Tovon goes through the desk's real, audited import;
//! sqlite3 runs `benches/sqlite3/first-load.sql` and `refresh.sql`. Each is timed in
//! alternating rounds, the best of each kept, and reported as Tovon's time over sqlite3's.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
#[path = "common/register_file.rs"]
mod register_file;

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::signed_in;
use register_file::{POLICIES, bench_dir, write_register};

/// The allocator the `tovon` and desktop binaries use.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Rounds run (`TOVON_BENCH_ROUNDS` sets another number).
const ROUNDS: usize = 2;
/// Every tenth row of the refresh differs: 100 000 of 1 000 000.
const CHANGED_EVERY: u32 = 10;

fn remove_database(db: &Path) {
    for suffix in ["", "-wal", "-shm", ".key"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
    }
}

/// Runs a committed sqlite3 script on `db` with `{CSV}` set to `csv`; its time and output.
fn sqlite3(db: &Path, script: &str, csv: &Path) -> (Duration, String) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/sqlite3").join(script);
    let sql = std::fs::read_to_string(&path).unwrap().replace("{CSV}", &csv.display().to_string());
    let started = Instant::now();
    let mut child = Command::new("sqlite3")
        .arg(db)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the sqlite3 shell (make test installs it)");
    child.stdin.take().unwrap().write_all(sql.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    let took = started.elapsed();
    assert!(
        out.status.success() && out.stderr.is_empty(),
        "{script}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    (took, String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Tovon's first import and refresh on a new database: their times.
fn tovon(db: &Path, original: &Path, refresh: &Path) -> (Duration, Duration) {
    remove_database(db);
    let mut desk = signed_in(db);
    let started = Instant::now();
    let first = desk.import_policies(original, None).unwrap();
    let first_took = started.elapsed();
    assert_eq!(first.inserted, i64::from(POLICIES));
    let started = Instant::now();
    let again = desk.import_policies(refresh, None).unwrap();
    let refresh_took = started.elapsed();
    assert_eq!((again.updated, again.inserted), (i64::from(POLICIES / CHANGED_EVERY), 0));
    (first_took, refresh_took)
}

/// The reference on a new database: its first load's and refresh's times.
fn reference(db: &Path, original: &Path, refresh: &Path) -> (Duration, Duration) {
    remove_database(db);
    let (first, _) = sqlite3(db, "first-load.sql", original);
    let (again, said) = sqlite3(db, "refresh.sql", refresh);
    assert!(said.contains(&format!("rows changed: {}", POLICIES / CHANGED_EVERY)), "{said}");
    (first, again)
}

fn main() {
    let dir = bench_dir().join("refresh");
    std::fs::create_dir_all(&dir).unwrap();
    let (original, refresh) = (dir.join("original.csv"), dir.join("refresh.csv"));
    let ready = dir.join("files.ready");
    if !ready.exists() {
        write_register(&original, |_| false);
        write_register(&refresh, |i| i % CHANGED_EVERY == 0);
        std::fs::write(&ready, "").unwrap();
    }
    let rounds = std::env::var("TOVON_BENCH_ROUNDS").ok().and_then(|n| n.parse().ok()).unwrap_or(ROUNDS);
    let mut best = [Duration::MAX; 4];
    for round in 1..=rounds {
        let (first, again) = tovon(&dir.join("tovon.sqlite3"), &original, &refresh);
        let (sqlite_first, sqlite_again) = reference(&dir.join("sqlite3.sqlite3"), &original, &refresh);
        eprintln!(
            "round {round}: first import Tovon {:.2} s, sqlite3 {:.2} s; refresh Tovon {:.2} s, sqlite3 {:.2} s",
            first.as_secs_f64(),
            sqlite_first.as_secs_f64(),
            again.as_secs_f64(),
            sqlite_again.as_secs_f64()
        );
        for (kept, now) in best.iter_mut().zip([first, sqlite_first, again, sqlite_again]) {
            *kept = (*kept).min(now);
        }
    }
    let [first, sqlite_first, again, sqlite_again] = best.map(|took| took.as_secs_f64());
    eprintln!(
        "first import of {POLICIES} policies: Tovon {first:.2} s, sqlite3 {sqlite_first:.2} s, ratio {:.2}",
        first / sqlite_first
    );
    eprintln!(
        "refresh with {} changed: Tovon {again:.2} s, sqlite3 {sqlite_again:.2} s, ratio {:.2} (goal: 2.00 or less)",
        POLICIES / CHANGED_EVERY,
        again / sqlite_again
    );
}
