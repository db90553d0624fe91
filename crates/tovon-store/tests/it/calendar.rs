//! Calendar days: defaults seeded once per year, administrators' days kept.

use tovon_store::{CalendarDayRow, DaySource, Store};

fn row(day: &str, kind: &str) -> CalendarDayRow {
    CalendarDayRow {
        day: day.into(),
        kind: kind.into(),
        name: "x".into(),
        source: DaySource::Default,
        estimate: false,
    }
}

#[test]
fn a_year_is_seeded_once_and_an_administrators_day_is_never_overwritten() {
    let dir = tempfile::tempdir().expect("temp");
    let mut store = Store::open(&dir.path().join("tovon.sqlite3")).expect("open");
    store.set_calendar_day("2026-12-31", "working", "decree changed").expect("admin");
    let defaults = [row("2026-12-31", "holiday"), row("2026-12-08", "holiday")];
    assert!(store.seed_calendar_year(2026, &defaults).expect("seed"));
    assert!(!store.seed_calendar_year(2026, &defaults).expect("again"), "seeded once");
    let days = store.calendar_days(Some(2026)).expect("list");
    assert_eq!(days.len(), 2);
    assert_eq!(
        (days[1].day.as_str(), days[1].kind.as_str(), days[1].source),
        ("2026-12-31", "working", DaySource::Administrator)
    );
    store.set_calendar_day("2026-12-08", "working", "").expect("admin");
    assert!(!store.seed_calendar_year(2026, &defaults).expect("again"));
    assert_eq!(
        store.calendar_days(Some(2026)).expect("list")[0].kind,
        "working",
        "a removed default does not come back"
    );
    assert!(store.calendar_days(Some(2027)).expect("list").is_empty());
}

#[test]
fn a_bad_day_or_kind_is_refused_by_the_schema() {
    let dir = tempfile::tempdir().expect("temp");
    let store = Store::open(&dir.path().join("tovon.sqlite3")).expect("open");
    assert!(store.set_calendar_day("31.12.2026", "holiday", "").is_err());
    assert!(store.set_calendar_day("2026-12-31", "maybe", "").is_err());
}
