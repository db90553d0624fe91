//! What the command line's queries read without opening the desk (issue 19): `tovon calc` and
//! `tovon bank-days` create and write no file where there is no database, and read one that
//! exists as found, read-only — its schedule versions, its calendar and its language.

use std::path::Path;

use chrono::NaiveDate;
use tovon_core::Language;
use tovon_core::calendar::Calendar;
use tovon_core::schedule::ScheduleTable;

use crate::DeskError;
use crate::dto::CalculationDto;

/// The schedule, the calendar and the language a query works with.
pub struct Reference {
    tables: Vec<ScheduleTable>,
    calendar: Calendar,
    language: Language,
}

impl Reference {
    /// The database at `db_path` read as found (read-only), or, when there is none, what
    /// this program ships: no file is created either way.
    pub fn read(db_path: &Path) -> Result<Reference, DeskError> {
        if !db_path.exists() {
            return Ok(Reference {
                tables: crate::schedule::shipped_tables()?,
                calendar: crate::calendar::default_calendar(),
                language: Language::default(),
            });
        }
        let store = tovon_store::Store::open_as_found(db_path)?;
        Ok(Reference {
            tables: crate::schedule::load_tables(&store)?.0,
            calendar: crate::calendar::calendar_of(&store)?,
            language: crate::desk::stored_language(&store)?,
        })
    }

    /// `tovon calc`: the payout for a request, in the desk's language.
    pub fn calculate(&self, request_json: &str, today: NaiveDate) -> Result<CalculationDto, DeskError> {
        crate::calc::calculation_dto(&self.tables, request_json, today, self.language)
    }

    pub fn calendar(&self) -> &Calendar {
        &self.calendar
    }

    pub fn language(&self) -> Language {
        self.language
    }
}
