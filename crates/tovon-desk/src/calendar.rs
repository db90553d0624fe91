//! The bank-day calendar: shipped defaults (`assets/calendar/defaults.toml`) copied into
//! the database once per year, then kept by an administrator.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate};
use serde::Deserialize;
use tovon_core::calendar::{Calendar, DayKind};
use tovon_store::{CalendarDayRow, DaySource, Store};

use crate::dto::{CalendarDayDto, CalendarStatusDto};
use crate::{Desk, DeskError};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DefaultsFile {
    days: Vec<DefaultDay>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct DefaultDay {
    /// ISO date (checked by the tests; a bad one is skipped at run time, never a panic).
    date: String,
    kind: String,
    name: String,
    /// The same name in Russian (issue 19).
    name_ru: String,
    #[serde(default)]
    estimate: bool,
}

/// A shipped day's name in `language`: the defaults' Russian, the Cyrillic transliterated for
/// Latin. A name an administrator typed is shown as typed.
fn day_name(row: &CalendarDayRow, language: tovon_core::Language) -> String {
    if row.source != DaySource::Default {
        return row.name.clone();
    }
    match language {
        tovon_core::Language::UzbekCyrillic => row.name.clone(),
        tovon_core::Language::UzbekLatin => tovon_core::translit::to_latin(&row.name),
        tovon_core::Language::Russian => DEFAULTS
            .iter()
            .find(|day| day.name == row.name)
            .map_or_else(|| row.name.clone(), |day| day.name_ru.clone()),
    }
}

/// The shipped defaults; a file that does not parse is caught by the tests, and at run time
/// leaves the plain five-day week rather than failing.
static DEFAULTS: LazyLock<Vec<DefaultDay>> = LazyLock::new(|| {
    toml::from_str::<DefaultsFile>(include_str!("../../../assets/calendar/defaults.toml"))
        .map(|file| file.days)
        .unwrap_or_default()
});

fn kind_of(text: &str) -> Option<DayKind> {
    text.parse().ok()
}

/// The calendar of the shipped defaults alone (`tovon bank-days` without a database).
pub fn default_calendar() -> Calendar {
    Calendar::new(DEFAULTS.iter().filter_map(|day| Some((date_of(day)?, kind_of(&day.kind)?))))
        .with_confirmed(shipped_confirmed())
}

/// Where an administrator's confirmation of a year is kept (audited with the settings).
pub(crate) const CONFIRMED_PREFIX: &str = "calendar.confirmed.";

/// The years shipped confirmed: listed in the defaults with no estimated day (2026; 2027's
/// hayit dates are estimates, so it waits for an administrator).
fn shipped_confirmed() -> BTreeSet<i32> {
    let listed: BTreeSet<i32> = DEFAULTS.iter().filter_map(date_of).map(|day| day.year()).collect();
    let estimated: BTreeSet<i32> =
        DEFAULTS.iter().filter(|day| day.estimate).filter_map(date_of).map(|day| day.year()).collect();
    listed.difference(&estimated).copied().collect()
}

fn date_of(day: &DefaultDay) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(&day.date, "%Y-%m-%d").ok()
}

/// Copies in every shipped year not seeded yet (an administrator's days are kept).
pub(crate) fn seed_defaults(store: &mut Store) -> Result<(), DeskError> {
    let mut years: BTreeMap<i32, Vec<CalendarDayRow>> = BTreeMap::new();
    for day in DEFAULTS.iter() {
        let (Some(date), Some(kind)) = (date_of(day), kind_of(&day.kind)) else { continue };
        years.entry(date.year()).or_default().push(CalendarDayRow {
            day: date,
            kind,
            name: day.name.clone(),
            source: DaySource::Default,
            estimate: day.estimate,
        });
    }
    for (year, days) in years {
        store.seed_calendar_year(year, &days)?;
    }
    Ok(())
}

/// The calendar a database holds, with its confirmed years.
pub(crate) fn calendar_of(store: &tovon_store::Store) -> Result<Calendar, DeskError> {
    Ok(Calendar::new(store.calendar_days(None)?.into_iter().map(|row| (row.day, row.kind)))
        .with_confirmed(confirmed_years_of(store)?))
}

/// The years whose days are confirmed: shipped so, or confirmed by an administrator.
fn confirmed_years_of(store: &tovon_store::Store) -> Result<BTreeSet<i32>, DeskError> {
    let mut years = shipped_confirmed();
    for (key, value) in store.settings_with_prefix(CONFIRMED_PREFIX)? {
        let year = key[CONFIRMED_PREFIX.len()..].parse::<i32>().map_err(|_| {
            DeskError::Store(tovon_store::StoreError::BadValue(tovon_store::BadValue {
                table: "setting",
                id: 0,
                column: "key",
                value: key.clone(),
                expected: "calendar.confirmed.YEAR",
            }))
        })?;
        if value == "1" {
            years.insert(year);
        }
    }
    Ok(years)
}

impl Desk {
    /// The database's calendar.
    pub fn calendar(&self) -> Result<Calendar, DeskError> {
        calendar_of(&self.store)
    }

    /// The years whose days are confirmed: shipped so, or confirmed by an administrator.
    pub fn confirmed_years(&self) -> Result<BTreeSet<i32>, DeskError> {
        confirmed_years_of(&self.store)
    }

    /// An administrator confirms a year's days against the decrees (`tovon calendar confirm`).
    pub fn confirm_calendar_year(
        &mut self,
        year: i32,
        today: NaiveDate,
    ) -> Result<CalendarStatusDto, DeskError> {
        self.require(crate::users::Permission::Administer)?;
        self.not_the_head_offices("date")?;
        self.store.set_setting(&format!("{CONFIRMED_PREFIX}{year}"), "1")?;
        self.calendar_status(today)
    }

    /// Which years are confirmed, and — from November — whether next year still waits.
    pub fn calendar_status(&self, today: NaiveDate) -> Result<CalendarStatusDto, DeskError> {
        self.session()?;
        let confirmed = self.confirmed_years()?;
        let next = today.year() + 1;
        Ok(CalendarStatusDto {
            next_year_unconfirmed: (today.month() >= 11 && !confirmed.contains(&next)).then_some(next),
            confirmed: confirmed.into_iter().collect(),
        })
    }

    /// The `count`-th bank day after `from` on this desk's calendar.
    pub fn bank_days_after(&self, from: NaiveDate, count: u32) -> Result<NaiveDate, DeskError> {
        Ok(self.calendar()?.bank_days_after(from, count)?)
    }

    /// The listed days of a year: holidays and working weekend days.
    pub fn calendar_year(&self, year: i32) -> Result<Vec<CalendarDayDto>, DeskError> {
        self.session()?;
        Ok(self
            .store
            .calendar_days(Some(year))?
            .into_iter()
            .map(|row| CalendarDayDto {
                date: row.day.to_string(),
                holiday: row.kind == DayKind::Holiday,
                name: day_name(&row, self.language()),
                by_administrator: row.source == DaySource::Administrator,
                estimate: row.estimate,
            })
            .collect())
    }

    /// The same, with the date as a person typed it (ISO or DD.MM.YYYY).
    pub fn set_calendar_day_text(
        &self,
        date: &str,
        holiday: bool,
        name: &str,
    ) -> Result<CalendarDayDto, DeskError> {
        self.require(crate::users::Permission::Administer)?;
        let day = tovon_core::policy::parse_date(date).ok_or_else(|| crate::error::InputError::NotADate {
            field: "date".to_owned(),
            value: date.to_owned(),
        })?;
        self.set_calendar_day(day, holiday, name)
    }

    /// An administrator makes a day a holiday or a working day.
    pub fn set_calendar_day(
        &self,
        day: NaiveDate,
        holiday: bool,
        name: &str,
    ) -> Result<CalendarDayDto, DeskError> {
        self.require(crate::users::Permission::Administer)?;
        self.not_the_head_offices("date")?;
        let kind = if holiday { DayKind::Holiday } else { DayKind::Working };
        self.store.set_calendar_day(day, kind, name.trim())?;
        Ok(CalendarDayDto {
            date: day.to_string(),
            holiday,
            name: name.trim().to_owned(),
            by_administrator: true,
            estimate: false,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_defaults_parse_and_hold_domain_md_2026() {
        assert!(DEFAULTS.len() >= 20, "{} days", DEFAULTS.len());
        assert!(DEFAULTS.iter().all(|day| kind_of(&day.kind).is_some() && date_of(day).is_some()));
        let calendar = default_calendar();
        let day = |text: &str| NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap_or_default();
        assert!(!calendar.is_bank_day(day("2026-03-20")), "Ramazon hayit");
        assert!(calendar.is_bank_day(day("2026-12-12")), "working Saturday");
        assert!(!calendar.is_bank_day(day("2026-12-31")));
        assert!(DEFAULTS.iter().filter(|day| day.estimate).all(|day| day.date.starts_with("2027-")));
    }
}
