//! Backups against real files: a checked copy made while the desk is open, the rotating
//! automatic copies, a restore that keeps the replaced database, and files refused before
//! they replace anything.

use chrono::NaiveDateTime;
use tovon_desk::{BACKUP_KEEP_SETTING, Desk, backups_folder, latest_good_backup, restore};

use crate::claims::{draft, opened, policy_id, today};

fn at(text: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap()
}

fn claims(desk: &Desk) -> usize {
    desk.db_info().unwrap().tables.iter().find(|table| table.table == "claim").unwrap().rows as usize
}

#[test]
fn a_backup_is_a_checked_private_copy_and_a_restore_keeps_what_it_replaces() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("tovon.sqlite3");
    let mut desk = opened(&dir);
    let policy = policy_id(&desk, "0000001");
    desk.register_claim(&draft(policy, "2026-11-01", "2026-11-05"), today()).unwrap();
    let copy = dir.path().join("copy.sqlite3");
    let made = desk.backup(&copy).unwrap();
    assert_eq!(made.path, copy.display().to_string());
    assert!(made.bytes > 0);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&copy).unwrap().permissions().mode() & 0o777, 0o600, "owner only");
    }
    desk.register_claim(&draft(policy, "2026-11-02", "2026-11-05"), today()).unwrap();
    assert_eq!(claims(&desk), 2);
    drop(desk);

    let restored = restore(&db, &copy, at("2026-11-22 18:00")).unwrap();
    let kept = restored.kept.unwrap();
    assert!(kept.ends_with("tovon.sqlite3.before-restore-20261122-180000"), "{kept}");
    let desk = crate::signed_in(&db, "officer");
    assert_eq!(claims(&desk), 1, "the backup's content");
    assert_eq!(
        claims(&crate::signed_in(std::path::Path::new(&kept), "officer")),
        2,
        "the replaced database is kept"
    );
    let check = desk.verify_audit().unwrap();
    assert!(check.intact, "{}", check.message);
}

#[test]
fn a_damaged_or_foreign_file_is_refused_and_the_database_is_left_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("tovon.sqlite3");
    let desk = opened(&dir);
    let good = dir.path().join("good.sqlite3");
    desk.backup(&good).unwrap();
    drop(desk);
    let before = std::fs::read(&db).unwrap();

    let garbage = dir.path().join("garbage.sqlite3");
    std::fs::write(&garbage, "бу база эмас".repeat(500)).unwrap();
    let cut = dir.path().join("cut.sqlite3");
    let bytes = std::fs::read(&good).unwrap();
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
    let foreign = dir.path().join("foreign.sqlite3");
    rusqlite_free_file(&foreign);
    for (file, words) in
        [(&garbage, "очиб бўлмади"), (&cut, "шикастланган"), (&foreign, "Tovon маълумотлар базаси эмас")]
    {
        let error = restore(&db, file, at("2026-11-22 18:00")).unwrap_err();
        let message = error.message(tovon_desk::Language::default());
        assert!(message.contains(words) || message.contains("шикастланган"), "{}: {message}", file.display());
        assert!(message.contains(&file.display().to_string()), "names the file: {message}");
        assert_eq!(std::fs::read(&db).unwrap(), before, "the database is untouched");
    }
    assert!(!dir.path().join("tovon.sqlite3.before-restore-20261122-180000").exists());

    // A database that no longer opens is moved aside whole and the backup put in its place.
    std::fs::write(&db, "шикастланган файл".repeat(300)).unwrap();
    let _ = std::fs::remove_file(dir.path().join("tovon.sqlite3-wal"));
    restore(&db, &good, at("2026-11-22 18:05")).unwrap();
    assert!(Desk::open(&db).is_ok());
    let aside = std::fs::read(dir.path().join("tovon.sqlite3.before-restore-20261122-180500")).unwrap();
    assert!(String::from_utf8_lossy(&aside).starts_with("шикастланган"));
}

/// Runs `sql` on the file with the sqlite3 tool (behind the desk's back).
fn sqlite3(path: &std::path::Path, sql: &str) {
    let out = std::process::Command::new("sqlite3")
        .arg(path)
        .arg(sql)
        .output()
        .expect("the sqlite3 tool (make test installs it)");
    assert!(out.status.success(), "{sql}: {}", String::from_utf8_lossy(&out.stderr));
}

/// A valid SQLite file made by another program.
fn rusqlite_free_file(path: &std::path::Path) {
    sqlite3(path, "CREATE TABLE note (text TEXT); INSERT INTO note VALUES ('бошқа дастур');");
}

/// Issue 19: the automatic backup is the desk's own work — made with nobody signed in,
/// daily and on exit — and keeps the newest ten (the setting) and the newest of each of the
/// last thirty days; a failure is kept for the window until a backup is made again.
#[test]
fn automatic_backups_are_the_desks_own_work_keeping_the_newest_and_one_a_day() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("tovon.sqlite3");
    drop(opened(&dir));
    let mut desk = Desk::open(&db).unwrap();
    assert!(desk.session_state().unwrap().session.is_none(), "nobody signed in");
    assert!(desk.automatic_backup(at("2026-10-01 09:00"), false).is_some(), "none yet: made");
    assert!(desk.automatic_backup(at("2026-10-01 17:00"), false).is_none(), "not a day old");
    assert!(desk.automatic_backup(at("2026-10-01 18:00"), true).is_some(), "on exit: always");
    let mut day = at("2026-10-02 18:00");
    while day <= at("2026-11-22 18:00") {
        assert!(desk.automatic_backup(day, false).is_some(), "{day}: a day later");
        day += chrono::TimeDelta::days(1);
    }
    let kept: Vec<String> = desk.backups().into_iter().filter_map(|backup| backup.taken_at).collect();
    assert_eq!(kept.len(), 30, "one a day for thirty days (the newest ten among them): {kept:?}");
    assert_eq!((kept[0].as_str(), kept[29].as_str()), ("2026-11-22T18:00:00", "2026-10-24T18:00:00"));
    assert_eq!(std::fs::read_dir(backups_folder(&db)).unwrap().count(), 30, "nothing else left behind");
    let status = desk.backup_status();
    assert_eq!((status.last_made.as_deref(), status.failure), (Some("2026-11-22T18:00:00"), None));

    // The number kept is an administrator's setting; a stored value that does not read is
    // named, not replaced by the default.
    let officer = crate::signed_in(&db, "officer").set_backup_keep("3").unwrap_err();
    assert_eq!(officer.code(), tovon_desk::dto::ErrorCode::Forbidden, "an administrator's setting");
    let admin = crate::signed_in(&db, "admin");
    let refused = admin.set_backup_keep("икки").unwrap_err();
    assert_eq!(refused.field().as_deref(), Some(BACKUP_KEEP_SETTING));
    assert_eq!(admin.set_backup_keep(" 12 ").unwrap(), 12);
    sqlite3(
        &db,
        "DROP TRIGGER audit_on_setting_update; UPDATE setting SET value = 'ўн' WHERE key = 'backup.keep';",
    );
    assert!(desk.automatic_backup(at("2026-11-22 19:00"), true).is_none());
    let failure = desk.backup_status().failure.expect("the failure is kept");
    assert!(
        failure.message.contains("backup.keep") && failure.message.contains("«ўн»"),
        "{}",
        failure.message
    );
    assert_eq!(failure.at, "2026-11-22T19:00:00");
    sqlite3(&db, "UPDATE setting SET value = '12' WHERE key = 'backup.keep';");

    // A backups folder that cannot be made: said, then cleared by the next backup made.
    let folder = backups_folder(&db);
    std::fs::rename(&folder, dir.path().join("moved")).unwrap();
    std::fs::write(&folder, "not a folder").unwrap();
    assert!(desk.automatic_backup(at("2026-11-22 20:00"), true).is_none());
    assert!(desk.backup_status().failure.is_some());
    std::fs::remove_file(&folder).unwrap();
    std::fs::rename(dir.path().join("moved"), &folder).unwrap();
    assert!(desk.automatic_backup(at("2026-11-22 21:00"), true).is_some());
    assert_eq!(desk.backup_status().failure, None);

    // The newest good one is offered: a damaged newest copy is passed over.
    std::fs::write(folder.join("tovon-20261123-090000.sqlite3"), "шикаст".repeat(1000)).unwrap();
    let offered = latest_good_backup(&db).unwrap();
    assert_eq!(offered.taken_at.as_deref(), Some("2026-11-22T21:00:00"));
}

/// The desk's log: a daily file in logs/ beside the database, naming what happened (a backup
/// made) and nothing of the people on the claims.
#[test]
fn the_log_records_the_automatic_backup_and_no_personal_data() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("tovon.sqlite3");
    let guard = tovon_desk::start_logging(&db).expect("the log starts");
    let mut desk = crate::claims::opened(&dir);
    let now = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap().and_hms_opt(18, 0, 0).unwrap();
    desk.automatic_backup(now, true).expect("made");
    drop(guard);
    let folder = tovon_desk::logs_folder(&db);
    let written: String = std::fs::read_dir(&folder)
        .unwrap()
        .map(|entry| std::fs::read_to_string(entry.unwrap().path()).unwrap())
        .collect();
    assert!(written.contains("automatic backup made") && written.contains("register imported"), "{written}");
    assert!(
        !written.contains("Каримов") && !written.contains("31210632040244"),
        "no personal data: {written}"
    );
}
