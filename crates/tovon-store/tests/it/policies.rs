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
    assert_eq!(
        store.policies_by_name("alisher b", 10).expect("search").policies.len(),
        1,
        "the name index is whole"
    );
    assert_eq!(store.policy_change_count().expect("changes"), 1);
    // After the first load the ordinary path keeps the name index current through the trigger.
    store
        .import_policies("b.csv", &"0".repeat(64), vec![record(3, "yusupov dilshod")], || Ok((1, 0)))
        .expect("second");
    assert_eq!(store.policies_by_name("yusupov", 10).expect("search").policies.len(), 1);
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

/// Issue 18: a refresh compares each policy inside SQLite and writes only what changed — the
/// change log holds the fields that differ, the name index follows a changed name only — and
/// the change log is on the record through its digest: a change row edited or removed behind
/// the desk's back is named by `verify`.
#[test]
fn a_refresh_logs_only_what_changed_and_its_change_rows_are_on_the_record() {
    let dir = tempfile::tempdir().expect("temp");
    let path = dir.path().join("tovon.sqlite3");
    let mut store = Store::open(&path).expect("open");
    let first =
        vec![record(1, "karimov alisher"), record(2, "toshmatov bobur"), record(3, "yusupov dilshod")];
    store.import_policies("a.csv", &"0".repeat(64), first, || Ok((3, 0))).expect("first");
    let mut richer = record(1, "karimov alisher");
    richer.sum_insured_tiyin += 50_000_000;
    let renamed = record(2, "toshmatova bobur");
    let refresh = vec![richer, renamed, record(3, "yusupov dilshod")];
    let counts = store.import_policies("b.csv", &"0".repeat(64), refresh, || Ok((3, 0))).expect("refresh");
    assert_eq!((counts.updated, counts.unchanged), (2, 1));
    let raw = Connection::open(&path).expect("raw");
    let changes: Vec<(String, String)> = raw
        .prepare("SELECT before, after FROM policy_change ORDER BY id")
        .expect("prepare")
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows");
    assert_eq!(
        changes,
        [
            (
                r#"{"sum_insured_tiyin":100000000}"#.to_owned(),
                r#"{"sum_insured_tiyin":150000000}"#.to_owned()
            ),
            (
                r#"{"full_name":"toshmatov bobur"}"#.to_owned(),
                r#"{"full_name":"toshmatova bobur"}"#.to_owned()
            ),
        ]
    );
    assert_eq!(store.policies_by_name("toshmatova", 10).expect("search").policies.len(), 1);
    raw.execute("INSERT INTO policy_name (policy_name, rank) VALUES ('integrity-check', 1)", [])
        .expect("the name index matches the policies");
    assert_eq!(store.verify_audit().expect("verify").broken, None);
    assert!(raw.execute("DELETE FROM policy_change", []).is_err(), "the change log is append-only");

    raw.execute_batch(
        "DROP TRIGGER policy_change_no_update; UPDATE policy_change SET after = '{}' WHERE id = 1;",
    )
    .expect("tamper");
    let found = Store::open_as_found(&path).expect("as found").verify_audit().expect("verify");
    assert_eq!(found.broken, Some(tovon_store::AuditBreak::PolicyChangesOutside));
}

#[test]
fn migration_19_keys_the_names_of_an_older_register_and_rebuilds_the_index() {
    let dir = tempfile::tempdir().expect("temp");
    let path = dir.path().join("tovon.sqlite3");
    let mut store = Store::open(&path).expect("open");
    let rows = vec![record(1, "Ҳолматов Шерзод"), record(2, "Тўхтаева Гулнора")];
    store.import_policies("a.csv", &"0".repeat(64), rows, || Ok((2, 0))).expect("import");
    drop(store);
    // The file as version 18 left it: the names folded the old way, no migration 19 (nor
    // the later ones).
    let conn = Connection::open(&path).expect("raw");
    conn.execute_batch(
        "UPDATE policy SET name_search = 'holmatov sherzod' WHERE number = '0000001';
         UPDATE policy SET name_search = 'toxtayeva gulnora' WHERE number = '0000002';
         DROP TABLE exchange_sent;
         DROP TABLE exchange_state;
         DELETE FROM schema_migration WHERE version >= 19;
         PRAGMA user_version = 18;",
    )
    .expect("back to 18");
    drop(conn);
    let store = Store::open(&path).expect("migrated");
    let found = |key: &str| {
        let matches = store.policies_by_name(key, 10).expect("search");
        matches.policies.into_iter().map(|policy| policy.record.full_name).collect::<Vec<_>>()
    };
    assert_eq!(found(&tovon_core::names::name_key("kholmatov")), ["Ҳолматов Шерзод"]);
    assert_eq!(found(&tovon_core::names::name_key("Тухтаева")), ["Тўхтаева Гулнора"]);
    assert_eq!(found(&tovon_core::names::name_key("Toxtayeva")), ["Тўхтаева Гулнора"]);
    Connection::open(&path)
        .expect("raw")
        .execute("INSERT INTO policy_name (policy_name, rank) VALUES ('integrity-check', 1)", [])
        .expect("the name index matches the policies");
}
