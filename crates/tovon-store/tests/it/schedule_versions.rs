//! Added schedule versions are stored as given and can never be edited or deleted.

use rusqlite::Connection;
use tovon_store::Store;

const HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

#[test]
fn versions_are_stored_in_order_with_their_text() {
    let dir = tempfile::tempdir().expect("temp");
    let store = Store::open(&dir.path().join("tovon.sqlite3")).expect("open");
    store.add_schedule_version(3, "2027-01-01", "version = 3", HASH, "item 5: 5 %").expect("add 3");
    store.add_schedule_version(2, "2026-06-01", "version = 2", HASH, "item 5").expect("add 2");
    let versions = store.schedule_versions().expect("list");
    assert_eq!(versions.iter().map(|v| v.version).collect::<Vec<_>>(), [2, 3]);
    assert_eq!(versions[1].source_toml, "version = 3");
    assert!(!versions[0].added_at.is_empty());
}

#[test]
fn a_version_number_is_taken_once_and_1_is_the_programs() {
    let dir = tempfile::tempdir().expect("temp");
    let store = Store::open(&dir.path().join("tovon.sqlite3")).expect("open");
    store.add_schedule_version(2, "2026-06-01", "x", HASH, "first").expect("add");
    assert!(store.add_schedule_version(2, "2026-07-01", "y", HASH, "again").is_err());
    assert!(store.add_schedule_version(1, "2026-07-01", "y", HASH, "v1").is_err());
    assert!(store.add_schedule_version(4, "01.07.2026", "y", HASH, "bad date").is_err());
}

#[test]
fn editing_or_deleting_a_version_behind_the_programs_back_is_refused() {
    let dir = tempfile::tempdir().expect("temp");
    let path = dir.path().join("tovon.sqlite3");
    Store::open(&path).expect("open").add_schedule_version(2, "2026-06-01", "x", HASH, "n").expect("add");
    let raw = Connection::open(&path).expect("raw");
    // Another tool's connection lacks the audit log's functions, so its write fails there;
    // with them it would still meet the table's own refusal.
    let refused = |error: rusqlite::Error, words: &str| {
        let text = error.to_string();
        assert!(text.contains(words) || text.contains("tovon_actor"), "{text}");
    };
    refused(raw.execute("UPDATE schedule_version SET source_toml = 'y'", []).unwrap_err(), "never edited");
    refused(raw.execute("DELETE FROM schedule_version", []).unwrap_err(), "never deleted");
    raw.execute_batch(
        "DROP TRIGGER audit_on_schedule_version_update; DROP TRIGGER audit_on_schedule_version_delete;",
    )
    .expect("drop the log's triggers");
    let edit = raw.execute("UPDATE schedule_version SET source_toml = 'y'", []).unwrap_err();
    assert!(edit.to_string().contains("never edited"), "{edit}");
    let delete = raw.execute("DELETE FROM schedule_version", []).unwrap_err();
    assert!(delete.to_string().contains("never deleted"), "{delete}");
}
