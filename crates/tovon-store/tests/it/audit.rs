//! The audit log against a real file: every change appended with who and what, the chain
//! checked, and each kind of tampering done with the sqlite3 command-line tool caught.

use std::path::Path;
use std::process::Command;

use rusqlite::Connection;
use tovon_store::{Anchor, AnchorCheck, AuditBreak, KeyReason, NOT_AUDITED, Store};

const HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// A database with a few logged changes by two people.
fn logged(path: &Path) -> Store {
    let store = Store::open(path).unwrap();
    store.set_actor("karimova");
    store.set_setting("claims.branch_code", "ТШ").unwrap();
    store.set_setting("claims.branch_code", "САМ").unwrap();
    store.add_schedule_version(2, "2026-06-01", "x", HASH, "н").unwrap();
    store.set_actor("rustamov");
    store
        .set_calendar_day(
            "2026-12-31".parse().unwrap(),
            tovon_core::calendar::DayKind::Holiday,
            "Янги йил арафаси",
        )
        .unwrap();
    store.set_setting("ui.language", "ru").unwrap();
    store
}

fn sqlite3(path: &Path, sql: &str) -> std::process::Output {
    Command::new("sqlite3").arg(path).arg(sql).output().expect("the sqlite3 tool (make test installs it)")
}

#[test]
fn every_table_is_logged_or_left_out_with_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tovon.sqlite3");
    drop(Store::open(&path).unwrap());
    let raw = Connection::open(&path).unwrap();
    let mut statement = raw
        .prepare(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'",
        )
        .unwrap();
    let tables: Vec<String> =
        statement.query_map([], |row| row.get(0)).unwrap().map(Result::unwrap).collect();
    assert!(tables.len() > 20, "{tables:?}");
    for table in tables {
        let triggers: i64 = raw
            .query_row(
                "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = ?1 AND name LIKE 'audit_on_%'",
                [&table],
                |row| row.get(0),
            )
            .unwrap();
        let left_out =
            NOT_AUDITED.iter().any(|(name, _)| *name == table || table.starts_with("policy_name_"));
        assert!(
            triggers == 3 || left_out,
            "{table}: {triggers} audit triggers and no reason to leave it out"
        );
        assert!(!(triggers > 0 && left_out), "{table} is both logged and left out");
    }
}

#[test]
fn changes_are_appended_with_who_and_before_and_after_and_the_chain_holds() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tovon.sqlite3");
    let store = logged(&path);
    let check = store.verify_audit().unwrap();
    assert_eq!(check.broken, None);
    let raw = Connection::open(&path).unwrap();
    let (actor, before, after): (String, String, String) = raw
        .query_row(
            "SELECT actor, before, after FROM audit_log WHERE entity = 'setting' AND action = 'update'",
            [],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
        )
        .unwrap();
    assert_eq!(actor, "karimova");
    assert!(before.contains("ТШ") && after.contains("САМ"), "{before} → {after}");
    let last: String =
        raw.query_row("SELECT actor FROM audit_log ORDER BY seq DESC LIMIT 1", [], |row| row.get(0)).unwrap();
    assert_eq!(last, "rustamov");
    let entries = check.entries;
    // Another tool cannot write an audited table at all: it lacks the log's functions.
    let refused = sqlite3(&path, "UPDATE setting SET value = 'uz-Latn' WHERE key = 'ui.language';");
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("tovon_actor"));
    // A reopened database keeps its triggers as they are and its chain going.
    drop(store);
    let again = Store::open(&path).unwrap();
    again.set_setting("ui.language", "uz-Cyrl").unwrap();
    let check = again.verify_audit().unwrap();
    assert_eq!((check.entries, check.broken), (entries + 1, None));
}

/// Tampers with a fresh copy of the logged database and returns what the check found.
fn tampered(sql: &str) -> AuditBreak {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tovon.sqlite3");
    drop(logged(&path));
    let out = sqlite3(&path, sql);
    assert!(out.status.success(), "{sql}: {}", String::from_utf8_lossy(&out.stderr));
    // As `tovon audit verify` checks it: as found, before opening it for work re-creates a
    // dropped guard and logs that.
    let found = Store::open_as_found(&path).unwrap().verify_audit().unwrap();
    let broken = found.broken.unwrap_or_else(|| panic!("not caught: {sql}"));
    let reopened = Store::open(&path).unwrap().verify_audit().unwrap();
    assert!(reopened.broken.is_some(), "{sql}: caught again after the desk reopened it");
    broken
}

const UNLOCK: &str = "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;";

#[test]
fn an_entry_edited_deleted_moved_or_cut_off_and_a_row_changed_behind_the_log_are_each_caught() {
    let edited = tampered(&format!("{UNLOCK} UPDATE audit_log SET actor = 'someone' WHERE seq = 3;"));
    assert_eq!(edited, AuditBreak::Altered { seq: 3 });

    let deleted = tampered(&format!("{UNLOCK} DELETE FROM audit_log WHERE seq = 4;"));
    assert_eq!(deleted, AuditBreak::Unlinked { seq: 5, previous: 3 });

    let swapped = tampered(&format!(
        "{UNLOCK} UPDATE audit_log SET seq = -1 WHERE seq = 4; UPDATE audit_log SET seq = 4 WHERE seq = 5; \
         UPDATE audit_log SET seq = 5 WHERE seq = -1;"
    ));
    assert!(
        matches!(swapped, AuditBreak::Unlinked { seq: 4, .. } | AuditBreak::Altered { seq: 4 }),
        "{swapped:?}"
    );

    let last: i64 = {
        let dir = tempfile::tempdir().unwrap();
        logged(&dir.path().join("tovon.sqlite3")).verify_audit().unwrap().last_seq
    };
    let cut = tampered(&format!("{UNLOCK} DELETE FROM audit_log WHERE seq = {last};"));
    assert_eq!(cut, AuditBreak::Truncated { seq: last - 1, head: last });

    // Rewriting the hashes needs the program's secretless function, so a forger can redo
    // the chain; the rows must then still match it.
    let behind = tampered(
        "DROP TRIGGER audit_on_setting_update; UPDATE setting SET value = 'uz-Latn' WHERE key = 'ui.language';",
    );
    assert_eq!(
        behind,
        AuditBreak::ChangedOutside { entity: "setting".to_owned(), key: "ui.language".to_owned() }
    );

    let gone = tampered(
        "DROP TRIGGER audit_on_calendar_day_delete; DELETE FROM calendar_day WHERE day = '2026-12-31';",
    );
    assert_eq!(
        gone,
        AuditBreak::DeletedOutside { entity: "calendar_day".to_owned(), key: "2026-12-31".to_owned() }
    );

    let slipped =
        tampered("DROP TRIGGER audit_on_setting_insert; INSERT INTO setting (key, value) VALUES ('x', 'y');");
    assert_eq!(slipped, AuditBreak::ChangedOutside { entity: "setting".to_owned(), key: "x".to_owned() });
}

/// Issue 18: a guard dropped behind the desk's back is put back when the desk opens the
/// file, and that is on the record; an untouched database opens without such an entry.
#[test]
fn a_dropped_guard_is_put_back_on_open_and_logged() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tovon.sqlite3");
    drop(logged(&path));
    let restored = |path: &Path| -> Vec<String> {
        let raw = Connection::open(path).unwrap();
        let mut statement = raw
            .prepare("SELECT after FROM audit_log WHERE json_extract(after, '$.guards_restored') IS NOT NULL")
            .unwrap();
        statement.query_map([], |row| row.get(0)).unwrap().collect::<Result<_, _>>().unwrap()
    };
    drop(Store::open(&path).unwrap());
    assert!(restored(&path).is_empty(), "nothing to put back on an untouched database");
    let out = sqlite3(&path, "DROP TRIGGER claim_decision_no_delete; DROP TRIGGER audit_log_no_delete;");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    drop(Store::open(&path).unwrap());
    let entries = restored(&path);
    assert_eq!(entries.len(), 1, "{entries:?}");
    assert!(
        entries[0].contains("claim_decision_no_delete (missing)")
            && entries[0].contains("audit_log_no_delete (missing)"),
        "{entries:?}"
    );
    let back = sqlite3(&path, "DELETE FROM audit_log WHERE seq = 1;");
    assert!(!back.status.success(), "the log refuses a delete again");
    assert_eq!(Store::open(&path).unwrap().verify_audit().unwrap().broken, None);
}

/// Issue 18: an anchor signed before the tampering says what the chain alone cannot — the
/// entry it vouches for rewritten, or cut away with the head moved to match; an anchor edited
/// or signed by another desk is refused as such.
#[test]
fn an_anchor_from_before_names_a_rewritten_or_cut_log_and_refuses_an_edited_or_foreign_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tovon.sqlite3");
    let store = logged(&path);
    // The anchored entry is an event (as `tovon audit anchor` logs one): cut, no row differs.
    store.audit_event("audit_log", "", None, r#"{"anchor_written":"a.txt"}"#).unwrap();
    let anchor = store.anchor().unwrap();
    assert_eq!(store.check_anchor(&anchor).unwrap(), AnchorCheck::Confirmed);
    store.audit_event("audit_log", "", None, r#"{"signed_in":"someone"}"#).unwrap();
    assert_eq!(
        store.check_anchor(&anchor).unwrap(),
        AnchorCheck::Confirmed,
        "entries after it change nothing"
    );
    drop(store);

    let copy = |name: &str| {
        let to = dir.path().join(name);
        std::fs::copy(&path, &to).unwrap();
        std::fs::copy(dir.path().join("tovon.sqlite3.key"), dir.path().join(format!("{name}.key"))).unwrap();
        to
    };
    let cut = copy("cut.sqlite3");
    let out = sqlite3(
        &cut,
        &format!(
            "{UNLOCK} DELETE FROM audit_log WHERE seq >= {seq};
             UPDATE audit_head SET (seq, hash) = (SELECT seq, hash FROM audit_log WHERE seq = {seq} - 1);",
            seq = anchor.seq
        ),
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let found = Store::open_as_found(&cut).unwrap();
    assert_eq!(found.verify_audit().unwrap().broken, None, "the chain alone sees nothing");
    assert_eq!(found.check_anchor(&anchor).unwrap(), AnchorCheck::Missing { last: anchor.seq - 1 });

    let rewritten = copy("rewritten.sqlite3");
    let out = sqlite3(
        &rewritten,
        &format!("{UNLOCK} UPDATE audit_log SET hash = 'x' || hash WHERE seq = {};", anchor.seq),
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(
        Store::open_as_found(&rewritten).unwrap().check_anchor(&anchor).unwrap(),
        AnchorCheck::Contradicted
    );

    let store = Store::open(&path).unwrap();
    let edited = Anchor { seq: anchor.seq - 1, ..anchor.clone() };
    assert_eq!(store.check_anchor(&edited).unwrap(), AnchorCheck::BadSignature);
    let other = Store::open(&dir.path().join("other.sqlite3")).unwrap().anchor().unwrap();
    assert_eq!(store.check_anchor(&other).unwrap(), AnchorCheck::UnknownKey);
    let (keys, current) = store.desk_keys().unwrap();
    assert_eq!(keys.len(), 1);
    assert_eq!(current.as_deref(), Some(anchor.key.as_str()));
    assert_eq!(keys[0].reason, KeyReason::FirstStart);
}
