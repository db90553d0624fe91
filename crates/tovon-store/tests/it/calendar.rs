//! Calendar days: defaults seeded once per year, administrators' days kept, and a stored day
//! that does not read refused, never skipped.

use chrono::NaiveDate;
use tovon_core::calendar::DayKind;
use tovon_store::{CalendarDayRow, DaySource, Store, StoreError};

fn day(iso: &str) -> NaiveDate {
    iso.parse().expect("a date")
}

fn row(on: &str, kind: DayKind) -> CalendarDayRow {
    CalendarDayRow { day: day(on), kind, name: "x".into(), source: DaySource::Default, estimate: false }
}

#[test]
fn a_year_is_seeded_once_and_an_administrators_day_is_never_overwritten() {
    let dir = tempfile::tempdir().expect("temp");
    let mut store = Store::open(&dir.path().join("tovon.sqlite3")).expect("open");
    store.set_calendar_day(day("2026-12-31"), DayKind::Working, "decree changed").expect("admin");
    let defaults = [row("2026-12-31", DayKind::Holiday), row("2026-12-08", DayKind::Holiday)];
    assert!(store.seed_calendar_year(2026, &defaults).expect("seed"));
    assert!(!store.seed_calendar_year(2026, &defaults).expect("again"), "seeded once");
    let days = store.calendar_days(Some(2026)).expect("list");
    assert_eq!(days.len(), 2);
    assert_eq!(
        (days[1].day, days[1].kind, days[1].source),
        (day("2026-12-31"), DayKind::Working, DaySource::Administrator)
    );
    store.set_calendar_day(day("2026-12-08"), DayKind::Working, "").expect("admin");
    assert!(!store.seed_calendar_year(2026, &defaults).expect("again"));
    assert_eq!(
        store.calendar_days(Some(2026)).expect("list")[0].kind,
        DayKind::Working,
        "a removed default does not come back"
    );
    assert!(store.calendar_days(Some(2027)).expect("list").is_empty());
}

#[test]
fn a_stored_day_that_does_not_read_is_refused_naming_its_column() {
    let dir = tempfile::tempdir().expect("temp");
    let path = dir.path().join("tovon.sqlite3");
    drop(Store::open(&path).expect("open"));
    for (bad, column) in [
        ("('31.12.2026', 'holiday', 'default')", "day"),
        ("('2026-12-31', 'maybe', 'default')", "kind"),
        ("('2026-12-31', 'holiday', 'someone')", "source"),
    ] {
        let conn = rusqlite::Connection::open(&path).expect("raw");
        let triggers: Vec<String> = conn
            .prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'calendar_day'")
            .and_then(|mut names| names.query_map([], |row| row.get(0))?.collect())
            .expect("triggers");
        for name in triggers {
            conn.execute_batch(&format!("DROP TRIGGER {name}")).expect("drop");
        }
        conn.execute_batch(&format!(
            "PRAGMA ignore_check_constraints = ON; DELETE FROM calendar_day;
             INSERT INTO calendar_day (day, kind, source) VALUES {bad};"
        ))
        .expect("tamper");
        drop(conn);
        let store = Store::open(&path).expect("open");
        match store.calendar_days(None) {
            Err(StoreError::BadValue(value)) => {
                assert_eq!((value.table, value.column), ("calendar_day", column), "{bad}")
            }
            other => panic!("{bad}: {other:?}"),
        }
    }
}
