//! The calculator use case: a JSON request → the version in force → the engine → the
//! calculation's record (what a claim stores) → a DTO for the window or `tovon calc`.

use chrono::NaiveDate;
use tovon_core::calc::{CalcSettings, calculate};
use tovon_core::schedule::{ScheduleTable, in_force};

use tovon_core::Language;
use tovon_core::translit::to_latin;

use tovon_store::records::CalculationRecord;

use crate::calc_request::parse_request;
use crate::dto::{CalculationDto, ScheduleViewDto};
use crate::schedule_view::{schedule_view, search_schedule};
use crate::{Desk, DeskError};

impl Desk {
    /// "How much would I get?": the payout for a request (`tovon calc`, the Calculator
    /// screen). `today` is the default calculation date. The schedule's texts are Uzbek
    /// Cyrillic; a desk set to Uzbek Latin gets them transliterated.
    pub fn calculate(&self, request_json: &str, today: NaiveDate) -> Result<CalculationDto, DeskError> {
        calculation_dto(&self.tables, request_json, today, self.language())
    }

    /// The calculation as the schedule writes it (Uzbek Cyrillic): what a claim saves, so a
    /// document shows it in its own language whatever the desk's was at the time.
    pub(crate) fn calculate_canonical(
        &self,
        request_json: &str,
        today: NaiveDate,
    ) -> Result<CalculationRecord, DeskError> {
        calculate_in(&self.tables, request_json, today)
    }

    /// The schedule in force on `today`, by section, for the Calculator's tree.
    pub fn schedule(&self, today: NaiveDate) -> Result<ScheduleViewDto, DeskError> {
        let mut view = schedule_view(&self.tables, today)?;
        if self.language() == Language::UzbekLatin {
            for section in &mut view.sections {
                section.title = to_latin(&section.title);
                for item in &mut section.items {
                    item.shown_id = to_latin(&item.id);
                    item.text = to_latin(&item.text);
                    item.label = to_latin(&item.label);
                    item.heading = item.heading.as_deref().map(to_latin);
                    item.hints.iter_mut().for_each(|hint| *hint = to_latin(hint));
                }
            }
        }
        Ok(view)
    }

    /// Item ids matching `query`, typed in either script.
    pub fn search_schedule(&self, today: NaiveDate, query: &str) -> Result<Vec<String>, DeskError> {
        search_schedule(&self.tables, today, query)
    }
}

/// A calculation's texts in `language`: the schedule's Uzbek Cyrillic, transliterated for
/// Uzbek Latin (the annex has no Russian text, so a Russian reader sees it as written).
pub(crate) fn in_language(mut calculation: CalculationRecord, language: Language) -> CalculationRecord {
    // The schedule's texts exist in Uzbek only; a line's clause is said in Russian words on a
    // Russian desk and act (the "Основание" column, issue 19).
    if language == Language::Russian {
        for line in &mut calculation.lines {
            line.clause = crate::messages::clause_text(&line.clause, language);
        }
    }
    if language == Language::UzbekLatin {
        for line in &mut calculation.lines {
            for text in [&mut line.text, &mut line.reason, &mut line.clause, &mut line.item] {
                *text = to_latin(text);
            }
        }
        calculation.warnings.iter_mut().for_each(|warning| *warning = to_latin(warning));
    }
    calculation
}

/// `tovon calc` and the Calculator: the calculation in the reader's language, as it crosses
/// to them.
pub(crate) fn calculation_dto(
    tables: &[ScheduleTable],
    request_json: &str,
    today: NaiveDate,
    language: Language,
) -> Result<CalculationDto, DeskError> {
    Ok(CalculationDto::from(&in_language(calculate_in(tables, request_json, today)?, language)))
}

/// The calculation against the versions given (default settings).
fn calculate_in(
    tables: &[ScheduleTable],
    request_json: &str,
    today: NaiveDate,
) -> Result<CalculationRecord, DeskError> {
    let parsed = parse_request(request_json, today)?;
    let table = match parsed.table_version {
        Some(version) => tables.iter().find(|table| table.version == version).ok_or_else(|| {
            crate::error::InputError::NoScheduleVersion {
                field: "table_version".to_owned(),
                version: version.to_string(),
            }
        })?,
        None => in_force(tables, parsed.request.event_date)
            .ok_or(tovon_core::calc::CalcError::NoTableInForce(parsed.request.event_date))?,
    };
    let calculation = calculate(table, &parsed.request, CalcSettings::default())?;
    CalculationRecord::of(&calculation).map_err(|error| DeskError::Internal(error.to_string()))
}
