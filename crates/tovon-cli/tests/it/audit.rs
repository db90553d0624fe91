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
        // An entry slipped in after the last, linked to it but with a hash of its own making.
        (
            "INSERT INTO audit_log (seq, at, actor, entity, entity_key, claim_id, action, before, after, prev_hash, hash)
             SELECT seq + 1, at, 'admin', 'claim', '1', 1, 'event', NULL, '{}', hash, hash
             FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log);"
                .to_owned(),
            "-ёзув ўзгартирилган",
        ),
        // The same entry with a hash that holds (the chain recomputed with plain SHA-256): it
        // lies past the head the desk recorded.
        (
            "INSERT INTO audit_log (seq, at, actor, entity, entity_key, claim_id, action, before, after, prev_hash, hash)
             SELECT seq + 1, at, 'admin', 'claim', '1', 1, 'event', NULL, '{}', hash, hash
             FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log);"
                .to_owned(),
            "RECHAIN:ёзувгача бўлган ёзувлар столдан ташқарида ёзилган",
        ),
        (
            "DROP TRIGGER audit_on_claim_update; UPDATE claim SET claimant_phone = '+998000000000';"
                .to_owned(),
            "Журналдан ташқарида ўзгартирилган: «Ариза»",
        ),
        // Issue 18: what drives a payout is on the record — a sum insured multiplied behind
        // the desk's back is caught by the register's digest.
        (
            "UPDATE policy SET sum_insured_tiyin = sum_insured_tiyin * 10;".to_owned(),
            "полислар реестри журнал охирги ёзиб қўйган ҳолатига мос эмас",
        ),
        // And forging the digest row too is the digest row changed behind the log.
        (
            "UPDATE policy SET sum_insured_tiyin = sum_insured_tiyin * 10; \
             DROP TRIGGER audit_on_policy_digest_update; UPDATE policy_digest SET digest = 'x';"
                .to_owned(),
            "Журналдан ташқарида ўзгартирилган: «Полислар реестрининг назорат йиғиндиси»",
        ),
    ] {
        let copy = fresh();
        sqlite3(&copy, &sql);
        let expected = match expected.strip_prefix("RECHAIN:") {
            Some(expected) => {
                crate::anchors::rechain_log_only(&rusqlite::Connection::open(&copy).expect("open"));
                expected
            }
            None => expected,
        };
        let (code, message) = verify(&copy);
        assert_eq!(code, Some(1), "{sql}: {message}");
        assert!(message.contains(expected), "{sql}: {message}");
    }
}

/// Issue 18: entries cut from the end of the log are seen. `verify` checks the log as it was
/// found, before its own sign-in appends anything, and an append after the cut still links
/// to the head the cut left behind.
#[test]
fn a_cut_tail_is_caught_before_and_after_the_next_sign_in() {
    let dir = tempfile::tempdir().expect("temp");
    let (db, _) = with_a_claim(&dir);
    for _ in 0..3 {
        let mut wrong = Command::new(env!("CARGO_BIN_EXE_tovon"));
        wrong
            .args(["claim", "list"])
            .env("TOVON_DB", &db)
            .env("TOVON_USER", "officer")
            .env("TOVON_PASSWORD", "wrong");
        assert_eq!(wrong.output().expect("run").status.code(), Some(3), "a wrong password exits 3");
    }
    let cut = "DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE after LIKE '%wrong_password%';";
    sqlite3(&db, cut);
    let (code, message) = verify(&db);
    assert_eq!(code, Some(1), "{message}");
    assert!(message.contains("охиридаги ёзувлар ўчирилган"), "{message}");
    // The check's own sign-in has been appended since; it links to the cut head, and the
    // next check names the gap.
    let (code, message) = verify(&db);
    assert_eq!(code, Some(1), "{message}");
    assert!(message.contains("кейин келмайди"), "{message}");

    // A whole refusal erased from the end — the decision, the claim's event, the letter and
    // their entries — is caught the same way.
    let dir = tempfile::tempdir().expect("temp");
    let (db, number) = with_a_claim(&dir);
    let before = last_seq(&db);
    let refused = crate::run(&db, &["decide", &number, "refuse", "--ground", "3.1d", "--explanation", "x"]);
    assert_eq!(refused.status.code(), Some(0), "{}", String::from_utf8_lossy(&refused.stderr));
    sqlite3(
        &db,
        &format!(
            "DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq > {before};
             DROP TRIGGER issued_document_no_delete; DROP TRIGGER audit_on_issued_document_delete;
             DELETE FROM issued_document;
             DROP TRIGGER claim_decision_no_delete; DROP TRIGGER audit_on_claim_decision_delete;
             DELETE FROM claim_decision;
             DROP TRIGGER claim_event_never_deleted; DROP TRIGGER audit_on_claim_event_delete;
             DELETE FROM claim_event WHERE id = (SELECT max(id) FROM claim_event);"
        ),
    );
    let (code, message) = verify(&db);
    assert_eq!(code, Some(1), "{message}");
    assert!(message.contains("охиридаги ёзувлар ўчирилган"), "{message}");
}

/// The last entry's number, read with the sqlite3 tool.
fn last_seq(db: &Path) -> i64 {
    let out =
        Command::new("sqlite3").arg(db).arg("SELECT max(seq) FROM audit_log").output().expect("sqlite3");
    String::from_utf8_lossy(&out.stdout).trim().parse().expect("a number")
}

fn rand_suffix() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default()
}

/// Issue 18: an issued PDF is on the record by its SHA-256, not its length: bytes changed
/// behind the log's back with the length kept are caught.
#[test]
fn an_issued_pdf_changed_keeping_its_length_is_caught() {
    let dir = tempfile::tempdir().expect("temp");
    let (db, number) = with_a_claim(&dir);
    let refused = crate::run(&db, &["decide", &number, "refuse", "--ground", "3.1d", "--explanation", "x"]);
    assert_eq!(refused.status.code(), Some(0), "{}", String::from_utf8_lossy(&refused.stderr));
    let (code, message) = verify(&db);
    assert_eq!(code, Some(0), "{message}");
    sqlite3(
        &db,
        "DROP TRIGGER issued_document_no_update; DROP TRIGGER audit_on_issued_document_update;
         UPDATE issued_document SET pdf = zeroblob(length(pdf));",
    );
    let (code, message) = verify(&db);
    assert_eq!(code, Some(1), "{message}");
    assert!(message.contains("Журналдан ташқарида ўзгартирилган"), "{message}");
}
