//! Users and roles as processes (issue 7): a command without a user or with a wrong password
//! is refused; an officer cannot change the calendar; an act above the officer's authority
//! limit waits until a supervisor who is not its author approves it, and is issued then;
//! passwords never reach the audit log; PINFL is masked in a search and revealed on request
//! with the reveal logged.

use std::path::Path;
use std::process::Command;

use crate::decide::register;
use crate::{run, run_as, stdout, with_one_policy};

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn sqlite3(db: &Path, sql: &str) -> String {
    let out = Command::new("sqlite3").arg(db).arg(sql).output().expect("the sqlite3 tool");
    assert!(out.status.success(), "{sql}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

/// A claim with its documents and a calculation for item 28, ready to decide.
fn ready_to_decide(db: &Path, dir: &Path) -> String {
    let number = register(db, "2026-01-05");
    for item in [
        "application",
        "policy_original",
        "insured_passport",
        "medical_certificate",
        "medical_record_extract",
    ] {
        let received = run(db, &["claim", "doc-receive", &number, item, "--date", "2026-01-20"]);
        assert_eq!(received.status.code(), Some(0), "{}", stderr(&received));
    }
    let calc = dir.join("calc.json");
    std::fs::write(&calc, r#"{"injuries": [{"item": "28"}]}"#).expect("write");
    assert_eq!(run(db, &["claim", "calc", &number, calc.to_str().expect("utf-8")]).status.code(), Some(0));
    number
}

#[test]
fn nobody_acts_unsigned_and_each_role_does_only_its_own() {
    let dir = tempfile::tempdir().expect("temp");
    let db = with_one_policy(&dir);

    let anonymous = Command::new(env!("CARGO_BIN_EXE_tovon"))
        .args(["claim", "list"])
        .env("TOVON_DB", &db)
        .env_remove("TOVON_USER")
        .env_remove("TOVON_PASSWORD")
        .output()
        .expect("run");
    assert_eq!(anonymous.status.code(), Some(2), "{}", stderr(&anonymous));
    assert!(stderr(&anonymous).contains("TOVON_USER"), "{}", stderr(&anonymous));

    let wrong = Command::new(env!("CARGO_BIN_EXE_tovon"))
        .args(["claim", "list"])
        .env("TOVON_DB", &db)
        .env("TOVON_USER", "officer")
        .env("TOVON_PASSWORD", "not-the-password")
        .output()
        .expect("run");
    assert_eq!(wrong.status.code(), Some(3), "not signed in: exit 3, as README says");
    assert!(stderr(&wrong).contains("Логин ёки парол нотўғри"), "{}", stderr(&wrong));

    let officer_sets = run_as("officer", &db, &["calendar", "set", "2027-05-17", "working"]);
    assert_eq!(officer_sets.status.code(), Some(3), "{}", stderr(&officer_sets));
    let admin_sets = run_as("admin", &db, &["calendar", "set", "2027-05-17", "working"]);
    assert_eq!(admin_sets.status.code(), Some(0), "{}", stderr(&admin_sets));
    let admin_reads = run_as("admin", &db, &["policies", "find", "Каримов"]);
    assert_eq!(admin_reads.status.code(), Some(0), "an administrator may read: {}", stderr(&admin_reads));
    let admin_registers = crate::decide::register_as("admin", &db, "2026-01-05").expect_err("refused");
    assert_eq!(admin_registers.status.code(), Some(3), "claims are the officers' work");
    let officer_limit = run_as("officer", &db, &["settings", "set", "--officer-limit", "1"]);
    assert_eq!(officer_limit.status.code(), Some(3), "only an administrator sets the limit");

    // The first administrator is made once.
    let again = run_as("admin", &db, &["user", "init", "second"]);
    assert_ne!(again.status.code(), Some(0));

    // A deactivated user cannot sign in; the last administrator cannot be demoted.
    assert_eq!(run_as("admin", &db, &["user", "set", "boss2", "--active", "false"]).status.code(), Some(0));
    let gone = run_as("boss2", &db, &["claim", "list"]);
    assert_eq!(gone.status.code(), Some(3), "{}", stderr(&gone));
    let last = run_as("admin", &db, &["user", "set", "admin", "--role", "officer"]);
    assert_eq!(last.status.code(), Some(2), "{}", stderr(&last));

    // Passwords are in the file only as Argon2id hashes, and never in the log.
    let hashes = sqlite3(&db, "SELECT count(*) FROM app_user WHERE password_hash LIKE '$argon2id$v=19$%'");
    assert_eq!(hashes, "4");
    let leaked = sqlite3(
        &db,
        "SELECT count(*) FROM audit_log WHERE after LIKE '%argon2id%' OR before LIKE '%argon2id%' OR after LIKE '%синов-пароли%'",
    );
    assert_eq!(leaked, "0");
    let signed = sqlite3(
        &db,
        "SELECT count(*) FROM audit_log WHERE entity = 'app_user' AND after LIKE '%wrong_password%'",
    );
    assert_eq!(signed, "1", "the failed sign-in is logged");
    assert_eq!(run(&db, &["audit", "verify"]).status.code(), Some(0));
}

#[test]
fn an_act_above_the_limit_waits_for_a_supervisor_who_did_not_draft_it() {
    let dir = tempfile::tempdir().expect("temp");
    let db = with_one_policy(&dir);
    let set = run_as("admin", &db, &["settings", "set", "--officer-limit", "100000"]);
    assert_eq!(set.status.code(), Some(0), "{}", stderr(&set));
    let number = ready_to_decide(&db, dir.path());

    let drafted = run(&db, &["decide", &number, "approve", "--on", "2026-01-25"]);
    assert_eq!(drafted.status.code(), Some(0), "{}", stderr(&drafted));
    assert!(stdout(&drafted).contains("act pending"), "{}", stdout(&drafted));
    assert!(!stdout(&drafted).contains("issued act"), "nothing is issued yet: {}", stdout(&drafted));
    let act = dir.path().join("act.pdf");
    let early = run(&db, &["print", "act", &number, "-o", act.to_str().expect("utf-8")]);
    assert_eq!(early.status.code(), Some(1), "no act before the approval");
    let refuse = run(&db, &["decide", &number, "refuse", "--ground", "6.8", "--explanation", "x"]);
    assert_eq!(refuse.status.code(), Some(2), "no other decision while one waits: {}", stderr(&refuse));

    let by_officer = run(&db, &["decide", &number, "confirm"]);
    assert_eq!(by_officer.status.code(), Some(3), "{}", stderr(&by_officer));
    let returned = run_as("boss", &db, &["decide", &number, "return"]);
    assert_eq!(returned.status.code(), Some(2), "a return needs its reason");
    let returned = run_as("boss", &db, &["decide", &number, "return", "--note", "Тўловчини текширинг"]);
    assert_eq!(returned.status.code(), Some(0), "{}", stderr(&returned));
    assert!(stdout(&returned).contains("act returned"), "{}", stdout(&returned));

    // Drafted again by a supervisor: its author cannot approve it, another supervisor can.
    let redrafted = run_as("boss", &db, &["decide", &number, "approve", "--on", "2026-01-26"]);
    assert_eq!(redrafted.status.code(), Some(0), "{}", stderr(&redrafted));
    let own = run_as("boss", &db, &["decide", &number, "confirm"]);
    assert_eq!(own.status.code(), Some(2), "{}", stderr(&own));
    let approved = run_as("boss2", &db, &["decide", &number, "confirm"]);
    assert_eq!(approved.status.code(), Some(0), "{}", stderr(&approved));
    let shown = stdout(&approved);
    assert!(shown.contains("issued act ТШ-2026-Д0001"), "{shown}");
    assert!(
        shown.contains("decision approve on 2026-01-26 by boss") && shown.contains("approved by boss2"),
        "{shown}"
    );

    assert_eq!(
        run(&db, &["print", "act", &number, "-o", act.to_str().expect("utf-8")]).status.code(),
        Some(0)
    );
    let text =
        Command::new("pdftotext").arg(&act).arg("-").output().expect("pdftotext (make test installs it)");
    let text = String::from_utf8_lossy(&text.stdout);
    // The signature cells wrap a name onto the next line.
    assert!(
        text.contains("мутахассис Раҳимов") && text.contains("Тасдиқлади: филиал раҳбари Юсупова"),
        "{text}"
    );
    assert_eq!(run(&db, &["audit", "verify"]).status.code(), Some(0));
}

#[test]
fn a_pinfl_is_masked_in_a_search_and_its_reveal_is_logged() {
    let dir = tempfile::tempdir().expect("temp");
    let db = with_one_policy(&dir);
    let found = stdout(&run(&db, &["policies", "find", "Каримов"]));
    assert!(found.contains("**********0244") && !found.contains("31210632040244"), "{found}");
    let id = sqlite3(&db, "SELECT id FROM policy LIMIT 1");
    let revealed = run(&db, &["policies", "reveal", &id]);
    assert_eq!(revealed.status.code(), Some(0), "{}", stderr(&revealed));
    assert!(stdout(&revealed).contains("PINFL 31210632040244"), "{}", stdout(&revealed));
    let logged = sqlite3(
        &db,
        &format!(
            "SELECT actor FROM audit_log WHERE entity = 'policy' AND entity_key = '{id}' AND after LIKE '%revealed%'"
        ),
    );
    assert_eq!(logged, "officer");
}

/// Issue 18: `tovon restore` rolls back a healthy desk for an administrator only; a database
/// that does not open may be restored by whoever is at the desk (as the window's start-up
/// offer does). Setting the desk's language is an administrator's too.
#[test]
fn restore_and_the_desks_language_need_an_administrator() {
    let dir = tempfile::tempdir().expect("temp");
    let db = crate::with_one_policy(&dir);
    let backup = dir.path().join("copy.sqlite3");
    let made = run(&db, &["backup", backup.to_str().expect("utf-8")]);
    assert_eq!(made.status.code(), Some(0), "{}", stderr(&made));
    let by_officer = run_as("officer", &db, &["restore", backup.to_str().expect("utf-8")]);
    assert_eq!(by_officer.status.code(), Some(3), "{}", stderr(&by_officer));
    let by_admin = run_as("admin", &db, &["restore", backup.to_str().expect("utf-8")]);
    assert_eq!(by_admin.status.code(), Some(0), "{}", stderr(&by_admin));

    let officer_language = run_as("officer", &db, &["language", "ru"]);
    assert_eq!(officer_language.status.code(), Some(3), "{}", stderr(&officer_language));
    let shown = crate::tovon(&["language"], Some(&db));
    assert_eq!(String::from_utf8_lossy(&shown.stdout).trim(), "uz-Cyrl", "anyone may read it");

    std::fs::write(&db, "шикаст".repeat(1000)).expect("damage");
    let _ = std::fs::remove_file(dir.path().join("tovon.sqlite3-wal"));
    let _ = std::fs::remove_file(dir.path().join("tovon.sqlite3-shm"));
    let damaged = Command::new(env!("CARGO_BIN_EXE_tovon"))
        .args(["restore", backup.to_str().expect("utf-8")])
        .env("TOVON_DB", &db)
        .env_remove("TOVON_USER")
        .env_remove("TOVON_PASSWORD")
        .output()
        .expect("run");
    assert_eq!(
        damaged.status.code(),
        Some(0),
        "a damaged desk is restored without a sign-in: {}",
        stderr(&damaged)
    );
}
