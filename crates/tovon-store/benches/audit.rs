//! The audit log's append at 10 000 and at 1 000 000 entries (issue 18): it reads the
//! chain's head by its key, so the two should cost the same. The log is grown through the
//! real path (`Store::audit_event`, each entry hashed and chained by the trigger), on
//! /dev/shm when the machine has it; the time to grow it is printed. Run with `make bench`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;
use std::time::Instant;

use criterion::{Criterion, criterion_group, criterion_main};
use tovon_store::Store;

fn folder() -> PathBuf {
    let shm = PathBuf::from("/dev/shm");
    let base =
        if shm.is_dir() { shm } else { PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target") };
    base.join(format!("tovon-bench-audit-{}", std::process::id()))
}

/// Appends until the log holds `entries`; prints how long that took.
fn grow(store: &Store, entries: i64) {
    let started = Instant::now();
    let mut count = store.verify_audit().unwrap().last_seq;
    let from = count;
    while count < entries {
        store.audit_event("bench", "", None, r#"{"grown":true}"#).unwrap();
        count += 1;
    }
    eprintln!("audit log grown from {from} to {entries} entries in {:.1} s", started.elapsed().as_secs_f64());
}

fn append(c: &mut Criterion) {
    let folder = folder();
    std::fs::create_dir_all(&folder).unwrap();
    let store = Store::open(&folder.join("tovon.sqlite3")).unwrap();
    store.set_actor("bench");
    for (entries, name) in
        [(10_000, "audit append at 10 000 entries"), (1_000_000, "audit append at 1 000 000 entries")]
    {
        grow(&store, entries);
        c.bench_function(name, |b| b.iter(|| store.audit_event("bench", "", None, "{}").unwrap()));
    }
    drop(store);
    let _ = std::fs::remove_dir_all(&folder);
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(50);
    targets = append
}
criterion_main!(benches);
