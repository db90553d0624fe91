//! The calendar and the payment schedule at the head office (issue 20): set there for the
//! whole network, checked as a desk checks them, and carried to each desk with its next
//! bundle — what changed since the mark its last acknowledged bundle carried.

use chrono::NaiveDate;
use tovon_exchange::{CalendarDay, Reference, ScheduleVersion};

use crate::{Hq, HqError};

impl Hq {
    /// Makes `day` a holiday or a working day for every desk.
    pub fn set_calendar_day(&mut self, day: NaiveDate, holiday: bool, name: &str) -> Result<(), HqError> {
        self.client.execute(
            "INSERT INTO hq_calendar_day (day, holiday, name) VALUES ($1, $2, $3)
             ON CONFLICT (day) DO UPDATE SET holiday = excluded.holiday, name = excluded.name,
                 changed = nextval('hq_reference_change')
             WHERE (hq_calendar_day.holiday, hq_calendar_day.name) IS DISTINCT FROM (excluded.holiday, excluded.name)",
            &[&day, &holiday, &name.trim()],
        )?;
        Ok(())
    }

    /// Confirms `year`'s days against the decrees for every desk.
    pub fn confirm_calendar_year(&mut self, year: i32) -> Result<(), HqError> {
        if !(2000..=2100).contains(&year) {
            return Err(HqError::BadYear { year });
        }
        self.client
            .execute("INSERT INTO hq_calendar_year (year) VALUES ($1) ON CONFLICT DO NOTHING", &[&year])?;
        Ok(())
    }

    /// Adds a version of the payment schedule from its TOML, checked as a desk checks it;
    /// its number must be above every version shipped or added. Returns the number.
    pub fn add_schedule_version(&mut self, source_toml: &str, note: &str) -> Result<u32, HqError> {
        if note.trim().is_empty() {
            return Err(HqError::NoNote);
        }
        let table = tovon_core::schedule::ScheduleTable::from_toml(source_toml)
            .map_err(|error| HqError::Schedule(error.to_string()))?;
        let newest: i32 =
            self.client.query_one("SELECT coalesce(max(version), 0) FROM hq_schedule_version", &[])?.get(0);
        let newest = (newest as u32).max(tovon_desk::newest_shipped_schedule());
        if table.version <= newest {
            return Err(HqError::ScheduleVersionTaken { version: table.version, newest });
        }
        self.client.execute(
            "INSERT INTO hq_schedule_version (version, source_toml, sha256, note) VALUES ($1, $2, $3, $4)",
            &[
                &(table.version as i32),
                &source_toml,
                &tovon_exchange::sha256_hex(source_toml.as_bytes()),
                &note.trim(),
            ],
        )?;
        Ok(table.version)
    }
}

/// What changed after `since`, and the newest mark; none when nothing did.
pub(crate) fn reference_for(
    tx: &mut postgres::Transaction<'_>,
    since: i64,
) -> Result<(Option<Reference>, i64), HqError> {
    let calendar: Vec<CalendarDay> = tx
        .query("SELECT day, holiday, name FROM hq_calendar_day WHERE changed > $1 ORDER BY day", &[&since])?
        .iter()
        .map(|row| CalendarDay {
            day: row.get::<_, NaiveDate>(0).to_string(),
            holiday: row.get(1),
            name: row.get(2),
        })
        .collect();
    let confirmed_years: Vec<i32> = tx
        .query("SELECT year FROM hq_calendar_year WHERE changed > $1 ORDER BY year", &[&since])?
        .iter()
        .map(|row| row.get(0))
        .collect();
    let schedules: Vec<ScheduleVersion> = tx
        .query(
            "SELECT version, note, source_toml FROM hq_schedule_version WHERE changed > $1 ORDER BY version",
            &[&since],
        )?
        .iter()
        .map(|row| ScheduleVersion {
            version: row.get::<_, i32>(0) as u32,
            note: row.get(1),
            source_toml: row.get(2),
        })
        .collect();
    let newest: i64 = tx
        .query_one(
            "SELECT greatest(
                 (SELECT coalesce(max(changed), 0) FROM hq_calendar_day),
                 (SELECT coalesce(max(changed), 0) FROM hq_calendar_year),
                 (SELECT coalesce(max(changed), 0) FROM hq_schedule_version))",
            &[],
        )?
        .get(0);
    let reference = Reference { calendar, confirmed_years, schedules };
    if reference == Reference::default() {
        return Ok((None, newest.max(since)));
    }
    Ok((Some(reference), newest))
}
