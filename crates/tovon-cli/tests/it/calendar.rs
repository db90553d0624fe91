//! `tovon bank-days` and `tovon calendar`: DOMAIN.md's 2026 calendar, an administrator's
//! change, and bad input refused with status 2.

use crate::{stdout, tovon};

fn bank_days(args: &[&str], db: &std::path::Path) -> (Option<i32>, String, String) {
    let mut all = vec!["bank-days"];
    all.extend_from_slice(args);
    let output = tovon(&all, Some(db));
    (
        output.status.code(),
        stdout(&output).trim().to_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn without_a_database_the_shipped_defaults_count_and_no_file_is_made() {
    let dir = tempfile::tempdir().expect("temp");
    let db = dir.path().join("none.sqlite3");
    assert_eq!(bank_days(&["2026-03-18", "5"], &db).1, "2026-03-27", "Ramazon hayit and Navroʻz skipped");
    assert_eq!(bank_days(&["10.12.2026", "5"], &db).1, "2026-12-16", "working Saturday 12 December counts");
    assert_eq!(bank_days(&["2026-12-25", "5"], &db).1, "2027-01-05", "31 December and 1 January are off");
    assert!(!db.exists(), "a query creates no database");
}

#[test]
fn an_administrators_change_moves_the_deadline() {
    let dir = tempfile::tempdir().expect("temp");
    let db = dir.path().join("tovon.sqlite3");
    let listed = stdout(&tovon(&["calendar", "list", "2027"], Some(&db)));
    assert!(listed.contains("2027-05-17  holiday  Қурбон ҳайити (тахминий"), "{listed}");
    assert!(listed.contains("(estimate: confirm)"), "{listed}");
    assert_eq!(bank_days(&["2027-05-14", "1"], &db).1, "2027-05-18");
    let set = tovon(&["calendar", "set", "2027-05-17", "working", "--name", "қарор №1"], Some(&db));
    assert!(set.status.success(), "{}", String::from_utf8_lossy(&set.stderr));
    let set =
        tovon(&["calendar", "set", "2027-05-18", "holiday", "--name", "Қурбон ҳайити (қарор №1)"], Some(&db));
    assert!(set.status.success());
    assert_eq!(bank_days(&["2027-05-14", "1"], &db).1, "2027-05-17");
    assert_eq!(bank_days(&["2027-05-14", "2"], &db).1, "2027-05-19");
    assert!(
        stdout(&tovon(&["calendar", "list", "2027"], Some(&db)))
            .contains("2027-05-18  holiday  Қурбон ҳайити (қарор №1)  (set by administrator)")
    );
}

#[test]
fn bad_dates_and_counts_exit_2_with_a_message_naming_them() {
    let dir = tempfile::tempdir().expect("temp");
    let db = dir.path().join("tovon.sqlite3");
    for (args, named) in [
        (&["2026-02-30", "5"][..], "DATE"),
        (&["tomorrow", "5"][..], "DATE"),
        (&["2026-04-02", "0"][..], "N"),
        (&["2026-04-02", "-3"][..], "N"),
    ] {
        let (code, out, err) = bank_days(args, &db);
        assert_eq!(code, Some(2), "{args:?}: {err}");
        assert!(out.is_empty());
        assert!(err.contains(named) && err.trim_end().lines().count() == 1, "{args:?}: {err}");
    }
    let bad_kind = tovon(&["calendar", "set", "2026-04-02", "maybe"], Some(&db));
    assert_eq!(bad_kind.status.code(), Some(2));
}

/// Issue 18: a count into a year whose calendar is not confirmed gives the date as before
/// (exit 0) and says so on standard error; 2026 ships confirmed, 2027 (estimated hayit dates)
/// and 2028 (no calendar at all) do not, until an administrator confirms them.
#[test]
fn a_count_into_an_unconfirmed_year_says_so_on_stderr() {
    let dir = tempfile::tempdir().expect("temp");
    let db = dir.path().join("tovon.sqlite3");
    let (code, out, err) = bank_days(&["2027-12-31", "1"], &db);
    assert_eq!((code, out.trim()), (Some(0), "2028-01-03"), "{err}");
    assert!(err.contains("2028 йил тақвими тасдиқланмаган"), "{err}");
    let (code, out, err) = bank_days(&["2026-11-02", "5"], &db);
    assert_eq!((code, out.trim(), err.as_str()), (Some(0), "2026-11-09", ""), "2026 ships confirmed");
}
