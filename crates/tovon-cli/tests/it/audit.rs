//! `tovon audit` as a process: a claim's history names who did what; the check passes on an
//! untouched database and exits 1, naming the entry, after each kind of tampering done with
//! the sqlite3 tool (an entry edited, one deleted, two swapped, a claim changed behind the log).

use std::path::Path;
use std::process::Command;

use crate::decide::register;
use crate::{run, stdout, with_one_policy};

fn sqlite3(db: &Path, sql: &str) {
    let out =
        Command::new("sqlite3").arg(db).arg(sql).output().expect("the sqlite3 tool (make test installs it)");
    assert!(out.status.success(), "{sql}: {}", String::from_utf8_lossy(&out.stderr));
}

/// A database with a claim registered by one person and moved by another; its claim number.
fn with_a_claim(dir: &tempfile::TempDir) -> (std::path::PathBuf, String) {
    let db = with_one_policy(dir);
    let number = register(&db, "2026-01-05");
    let moved = crate::run_as(
        "boss",
        &db,
        &["claim", "transition", &number, "awaiting_documents", "--on", "2026-01-06"],
    );
    assert_eq!(moved.status.code(), Some(0), "{}", String::from_utf8_lossy(&moved.stderr));
    (db, number)
}

fn verify(db: &Path) -> (Option<i32>, String) {
    let out = run(db, &["audit", "verify"]);
    (out.status.code(), format!("{}{}", stdout(&out), String::from_utf8_lossy(&out.stderr)))
}

#[test]
fn the_history_names_who_did_what_and_each_tampering_is_caught() {
    let dir = tempfile::tempdir().expect("temp");
    let (db, number) = with_a_claim(&dir);
    let history = stdout(&run(&db, &["audit", "claim", &number]));
    assert!(history.contains("claim ") && history.contains(" insert"), "{history}");
    assert!(history.lines().any(|line| line.contains("boss") && line.contains("claim_event")), "{history}");
    assert!(history.contains("state: registered → awaiting_documents"), "{history}");
    let (code, message) = verify(&db);
    assert_eq!(code, Some(0), "{message}");
    assert!(message.contains("Аудит журнали бутун"), "{message}");

    // Signing in is itself logged: the copy is taken after the run that reads the last entry.
    let last: i64 = {
        let out = run(&db, &["audit", "verify", "--json"]);
        let check: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
        check["last_seq"].as_i64().expect("last_seq")
    };
    let pristine = std::fs::read(&db).expect("read");
    let fresh = || {
        let copy = dir.path().join(format!("copy-{}.sqlite3", rand_suffix()));
        std::fs::write(&copy, &pristine).expect("copy");
        copy
    };
    let unlock = "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;";
    for (sql, expected) in [
        (
            format!("{unlock} UPDATE audit_log SET after = json_object('started', 2) WHERE seq = 1;"),
            "1-ёзув ўзгартирилган",
        ),
        (
            format!("{unlock} DELETE FROM audit_log WHERE seq = {};", last - 2),
            &format!("{}-ёзув {}-ёзувдан кейин келмайди", last - 1, last - 3),
        ),
        (
            format!(
                "{unlock} UPDATE audit_log SET seq = -1 WHERE seq = {a}; UPDATE audit_log SET seq = {a} WHERE seq = {b}; \
                 UPDATE audit_log SET seq = {b} WHERE seq = -1;",
                a = last - 1,
                b = last
            ),
            &format!("{}-ёзув", last - 1),
        ),
        (
            "DROP TRIGGER audit_on_claim_update; UPDATE claim SET claimant_phone = '+998000000000';"
                .to_owned(),
            "Журналдан ташқарида ўзгартирилган: «Ариза»",
        ),
    ] {
        let copy = fresh();
        sqlite3(&copy, &sql);
        let (code, message) = verify(&copy);
        assert_eq!(code, Some(1), "{sql}: {message}");
        assert!(message.contains(expected), "{sql}: {message}");
    }
}

fn rand_suffix() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default()
}
