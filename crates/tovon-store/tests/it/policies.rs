//! The register's import: the fast first load leaves exactly the migration's schema, keeps
//! the name index whole, handles a policy repeated within the file, and is atomic.

use rusqlite::Connection;
use tovon_store::{PolicyRecord, Store};

fn day(iso: &str) -> chrono::NaiveDate {
    iso.parse().expect("a date")
}

fn record(number: u32, name: &str) -> PolicyRecord {
    PolicyRecord {
        series: "MKS".into(),
        number: format!("{number:07}"),
        issued_on: day("2026-01-10"),
        starts_on: day("2026-01-10"),
        ends_on: day("2027-01-09"),
        premium_paid_on: None,
        sum_insured_tiyin: 100_000_000, // 1 000 000,00 so'm in tiyin
        full_name: name.into(),
        name_search: name.to_lowercase(),
        birth_date: day("1963-10-12"),
        pinfl: format!("3121063{number:07}"),
        passport: Some(format!("AA{number:07}")),
        phone: None,
        address: None,
        loan_agreement: None,
        loan_amount_tiyin: None,
        branch: None,
    }
}

fn schema(path: &std::path::Path) -> Vec<(String, String)> {
    let conn = Connection::open(path).expect("raw");
    let mut statement = conn
        .prepare("SELECT name, sql FROM sqlite_schema WHERE tbl_name IN ('policy', 'policy_name') AND sql IS NOT NULL ORDER BY name")
        .expect("schema");
    statement
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
        .expect("rows")
        .collect::<Result<_, _>>()
        .expect("read")
}

#[test]
fn the_first_load_rebuilds_the_migrations_schema_and_the_name_index() {
    let dir = tempfile::tempdir().expect("temp");
    let path = dir.path().join("tovon.sqlite3");
    let mut store = Store::open(&path).expect("open");
    let before = schema(&path);
    let rows =
        vec![record(1, "karimov alisher"), record(2, "toshmatov bobur"), record(1, "karimov alisher b")];
    let counts = store.import_policies("a.csv", &"0".repeat(64), rows, || Ok((3, 0))).expect("import");
    assert_eq!((counts.inserted, counts.updated), (2, 1), "the repeated policy is an update");
    assert_eq!(schema(&path), before, "indexes and trigger recreated exactly");
    assert_eq!(store.policies_by_name("alisher b", 10).expect("search").len(), 1, "the name index is whole");
    assert_eq!(store.policy_change_count().expect("changes"), 1);
    // After the first load the ordinary path keeps the name index current through the trigger.
    store
        .import_policies("b.csv", &"0".repeat(64), vec![record(3, "yusupov dilshod")], || Ok((1, 0)))
        .expect("second");
    assert_eq!(store.policies_by_name("yusupov", 10).expect("search").len(), 1);
    // FTS5's own check compares the index with the content table; it fails on any difference.
    Connection::open(&path)
        .expect("raw")
        .execute("INSERT INTO policy_name (policy_name, rank) VALUES ('integrity-check', 1)", [])
        .expect("the name index matches the policies");
}

#[test]
fn a_failed_first_load_leaves_schema_and_data_as_they_were() {
    let dir = tempfile::tempdir().expect("temp");
    let path = dir.path().join("tovon.sqlite3");
    let mut store = Store::open(&path).expect("open");
    let before = schema(&path);
    let mut bad = record(2, "x");
    bad.starts_on = day("2028-01-01"); // after ends_on: the CHECK constraint fails mid-load
    let result = store.import_policies("c.csv", &"0".repeat(64), vec![record(1, "a"), bad], || Ok((2, 0)));
    assert!(result.is_err());
    assert_eq!(schema(&path), before);
    let count: i64 = Connection::open(&path)
        .expect("raw")
        .query_row("SELECT count(*) FROM policy", [], |row| row.get(0))
        .expect("count");
    assert_eq!(count, 0);
}
