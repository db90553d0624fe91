//! Bank days: Monday–Friday minus public holidays, plus weekend days a decree made working
//! (DOMAIN.md). The calendar is data handed in; nothing here knows today's date.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, Days, NaiveDate, Weekday};

/// What a listed day is, against the five-day week.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DayKind {
    /// Not a bank day (a public holiday or a day off by decree).
    Holiday,
    /// A bank day (a weekend day a decree made working).
    Working,
}

impl DayKind {
    /// The code a stored day carries.
    pub const fn code(self) -> &'static str {
        match self {
            DayKind::Holiday => "holiday",
            DayKind::Working => "working",
        }
    }
}

impl std::str::FromStr for DayKind {
    type Err = crate::decision::UnknownKind;

    fn from_str(code: &str) -> Result<Self, Self::Err> {
        [DayKind::Holiday, DayKind::Working]
            .into_iter()
            .find(|kind| kind.code() == code)
            .ok_or_else(|| crate::decision::UnknownKind(code.to_owned()))
    }
}

/// How far ahead a bank day is looked for before the calendar is called broken.
const SEARCH_LIMIT_DAYS: u64 = 3 * 366;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CalendarError {
    #[error("N: must be 1 or more")]
    CountBelowOne,
    #[error("the calendar has no bank day within three years after {0}")]
    NoBankDay(NaiveDate),
}

/// The days that differ from the plain five-day week, and which years' days are confirmed
/// (an administrator checked them against the decrees; a year of estimates is not).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Calendar {
    days: BTreeMap<NaiveDate, DayKind>,
    /// `None`: confirmation not tracked (every year counts as confirmed).
    confirmed: Option<BTreeSet<i32>>,
}

impl Calendar {
    pub fn new(days: impl IntoIterator<Item = (NaiveDate, DayKind)>) -> Calendar {
        Calendar { days: days.into_iter().collect(), confirmed: None }
    }

    /// The same days, with only `years` confirmed.
    pub fn with_confirmed(self, years: impl IntoIterator<Item = i32>) -> Calendar {
        Calendar { confirmed: Some(years.into_iter().collect()), ..self }
    }

    pub fn is_confirmed(&self, year: i32) -> bool {
        self.confirmed.as_ref().is_none_or(|years| years.contains(&year))
    }

    /// The first year from `from` to `to` whose days are not confirmed: a count of bank days
    /// across it may be wrong.
    pub fn unconfirmed_between(&self, from: NaiveDate, to: NaiveDate) -> Option<i32> {
        (from.year()..=to.year()).find(|year| !self.is_confirmed(*year))
    }

    pub fn is_bank_day(&self, day: NaiveDate) -> bool {
        match self.days.get(&day) {
            Some(DayKind::Holiday) => false,
            Some(DayKind::Working) => true,
            None => !matches!(day.weekday(), Weekday::Sat | Weekday::Sun),
        }
    }

    /// The `count`-th bank day after `from` (`from` itself not counted): "within 5 bank days
    /// from signing" is no later than `after(signed, 5)` (6.9, 7.5).
    pub fn bank_days_after(&self, from: NaiveDate, count: u32) -> Result<NaiveDate, CalendarError> {
        if count < 1 {
            return Err(CalendarError::CountBelowOne);
        }
        let mut day = from;
        let mut found = 0;
        let mut looked = 0;
        while found < count {
            day = day.checked_add_days(Days::new(1)).ok_or(CalendarError::NoBankDay(from))?;
            looked += 1;
            if looked > SEARCH_LIMIT_DAYS * u64::from(count.div_ceil(250).max(1)) {
                return Err(CalendarError::NoBankDay(from));
            }
            if self.is_bank_day(day) {
                found += 1;
            }
        }
        Ok(day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap_or_default()
    }

    /// A slice of DOMAIN.md's 2026/2027 defaults.
    fn calendar() -> Calendar {
        Calendar::new(
            ["2026-03-20", "2026-03-23", "2026-12-31", "2027-01-01"]
                .into_iter()
                .map(|d| (day(d), DayKind::Holiday))
                .chain([(day("2026-12-12"), DayKind::Working)]),
        )
    }

    #[test]
    fn plain_weeks_skip_the_weekend() {
        assert_eq!(calendar().bank_days_after(day("2026-04-02"), 5), Ok(day("2026-04-09")));
        assert_eq!(
            calendar().bank_days_after(day("2026-04-04"), 1),
            Ok(day("2026-04-06")),
            "from a Saturday"
        );
    }

    #[test]
    fn holidays_are_skipped_and_working_saturdays_count() {
        // Ramazon hayit on Friday 20 March and Navroʻz moved to Monday 23 March 2026.
        assert_eq!(calendar().bank_days_after(day("2026-03-18"), 5), Ok(day("2026-03-27")));
        // Saturday 12 December 2026 is working (swapped for 31 December).
        assert_eq!(calendar().bank_days_after(day("2026-12-10"), 5), Ok(day("2026-12-16")));
        // Over the new year: 31 December and 1 January are off.
        assert_eq!(calendar().bank_days_after(day("2026-12-25"), 5), Ok(day("2027-01-05")));
    }

    #[test]
    fn the_start_day_is_not_counted_and_n_must_be_positive() {
        assert_eq!(calendar().bank_days_after(day("2026-04-06"), 1), Ok(day("2026-04-07")));
        assert_eq!(calendar().bank_days_after(day("2026-04-06"), 0), Err(CalendarError::CountBelowOne));
    }

    #[test]
    fn a_calendar_without_bank_days_is_an_error_not_a_hang() {
        let start = day("2026-01-01");
        let all_off = Calendar::new(
            (0..2000u64).filter_map(|n| start.checked_add_days(Days::new(n))).map(|d| (d, DayKind::Holiday)),
        );
        assert_eq!(all_off.bank_days_after(start, 1), Err(CalendarError::NoBankDay(start)));
    }
}
