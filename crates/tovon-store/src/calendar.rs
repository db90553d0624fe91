//! The `calendar_day` table: holidays and working weekend days, by ISO date.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};
use tovon_core::calendar::DayKind;

use crate::typed::{TypedRow, iso};
use crate::{Store, StoreError};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DaySource {
    /// Copied from the shipped defaults.
    Default,
    /// Set by an administrator.
    Administrator,
}

impl DaySource {
    fn as_str(self) -> &'static str {
        match self {
            DaySource::Default => "default",
            DaySource::Administrator => "administrator",
        }
    }
}

impl std::str::FromStr for DaySource {
    type Err = ();

    fn from_str(code: &str) -> Result<Self, ()> {
        [DaySource::Default, DaySource::Administrator]
            .into_iter()
            .find(|source| source.as_str() == code)
            .ok_or(())
    }
}

/// One listed day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarDayRow {
    pub day: NaiveDate,
    pub kind: DayKind,
    pub name: String,
    pub source: DaySource,
    pub estimate: bool,
}

impl Store {
    /// The listed days of `year`, or of every year, in date order.
    pub fn calendar_days(&self, year: Option<i32>) -> Result<Vec<CalendarDayRow>, StoreError> {
        let mut statement = self.conn.prepare(
            "SELECT rowid AS id, day, kind, name, source, estimate FROM calendar_day
             WHERE ?1 IS NULL OR substr(day, 1, 4) = printf('%04d', ?1)
             ORDER BY day",
        )?;
        let rows = statement.query_map([year], |row| {
            let row = TypedRow::new(row, "calendar_day")?;
            Ok(CalendarDayRow {
                day: row.date("day")?,
                kind: row.code("kind", "holiday or working")?,
                name: row.get("name")?,
                source: row.code("source", "default or administrator")?,
                estimate: row.get::<i64>("estimate")? != 0,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Copies a year's default days in, once: a year already seeded is left alone, and a day
    /// an administrator set is never overwritten. Returns whether the year was seeded now.
    pub fn seed_calendar_year(&mut self, year: i32, days: &[CalendarDayRow]) -> Result<bool, StoreError> {
        let tx = self.conn.transaction()?;
        let seeded: Option<i64> = tx
            .query_row("SELECT year FROM calendar_seeded WHERE year = ?1", [year], |row| row.get(0))
            .optional()?;
        if seeded.is_some() {
            return Ok(false);
        }
        for day in days {
            tx.execute(
                "INSERT OR IGNORE INTO calendar_day (day, kind, name, source, estimate) VALUES (?1, ?2, ?3, 'default', ?4)",
                params![iso(day.day), day.kind.code(), day.name, day.estimate],
            )?;
        }
        tx.execute("INSERT INTO calendar_seeded (year) VALUES (?1)", [year])?;
        tx.commit()?;
        Ok(true)
    }

    /// An administrator's decision about a day (replaces what was listed for it).
    pub fn set_calendar_day(&self, day: NaiveDate, kind: DayKind, name: &str) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT INTO calendar_day (day, kind, name, source, estimate) VALUES (?1, ?2, ?3, ?4, 0)
             ON CONFLICT (day) DO UPDATE SET kind = excluded.kind, name = excluded.name,
                 source = excluded.source, estimate = 0,
                 updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')",
            params![iso(day), kind.code(), name, DaySource::Administrator.as_str()],
        )?;
        Ok(())
    }
}
