//! The calendar and the schedule versions a head office bundle carries (issue 20), applied
//! here as the head office set them: days upserted, years confirmed, versions added once
//! (a version the desk holds with other text is refused: a shipped version is never edited).

use tovon_core::calendar::DayKind;
use tovon_core::schedule::ScheduleTable;
use tovon_exchange::Reference;

use super::error::ExchangeError;
use crate::{Desk, DeskError};

impl Desk {
    /// Applies what the head office set; each step can be applied again without change.
    pub(super) fn apply_reference(&mut self, reference: &Reference) -> Result<(), DeskError> {
        let member = |detail: String| ExchangeError::Member {
            member: tovon_exchange::members::REFERENCE.to_owned(),
            detail,
        };
        for day in &reference.calendar {
            let date = chrono::NaiveDate::parse_from_str(&day.day, "%Y-%m-%d")
                .map_err(|error| member(format!("{}: {error}", day.day)))?;
            let kind = if day.holiday { DayKind::Holiday } else { DayKind::Working };
            self.store.set_calendar_day(date, kind, day.name.trim())?;
        }
        for year in &reference.confirmed_years {
            self.store.set_setting(&format!("{}{year}", crate::calendar::CONFIRMED_PREFIX), "1")?;
        }
        for version in &reference.schedules {
            let sha256 = tovon_store::sha256_hex(version.source_toml.as_bytes());
            let held =
                self.store.schedule_versions()?.into_iter().find(|held| held.version == version.version);
            match held {
                Some(held) if held.sha256 == sha256 => continue,
                Some(_) => return Err(ExchangeError::ScheduleDiffers { version: version.version }.into()),
                None => {}
            }
            let table = ScheduleTable::from_toml(&version.source_toml)
                .map_err(|error| member(format!("schedule {}: {error}", version.version)))?;
            if table.version != version.version {
                return Err(member(format!(
                    "schedule {} reads as version {}",
                    version.version, table.version
                ))
                .into());
            }
            self.store.add_schedule_version(
                table.version,
                &table.effective_from.to_string(),
                &version.source_toml,
                &sha256,
                version.note.trim(),
            )?;
            self.tables.push(table);
            self.tables.sort_by_key(|table| table.version);
        }
        Ok(())
    }
}
