//! The calculator use case: a JSON request → the version in force → the engine → a DTO.

use chrono::NaiveDate;
use tovon_core::calc::{CalcSettings, calculate};
use tovon_core::schedule::in_force;

use crate::calc_request::parse_request;
use crate::dto::CalculationDto;
use crate::schedule::shipped_tables;
use crate::{Desk, DeskError};

impl Desk {
    /// "How much would I get?": the payout for a request (`tovon calc`, the Calculator
    /// screen). `today` is the default calculation date.
    pub fn calculate(&self, request_json: &str, today: NaiveDate) -> Result<CalculationDto, DeskError> {
        calculate_request(request_json, today)
    }
}

/// The same, without a database: the shipped versions and default settings.
pub fn calculate_request(request_json: &str, today: NaiveDate) -> Result<CalculationDto, DeskError> {
    let parsed = parse_request(request_json, today)?;
    let tables = shipped_tables()?;
    let table = match parsed.table_version {
        Some(version) => {
            tables.iter().find(|table| table.version == version).ok_or_else(|| DeskError::InvalidInput {
                field: "table_version".to_owned(),
                problem: format!("there is no schedule version {version}"),
            })?
        }
        None => in_force(tables, parsed.request.event_date)
            .ok_or(tovon_core::calc::CalcError::NoTableInForce(parsed.request.event_date))?,
    };
    Ok(CalculationDto::from(calculate(table, &parsed.request, CalcSettings::default())?))
}
