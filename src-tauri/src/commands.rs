//! `#[tauri::command]` adapters: each converts, calls one tovon-desk use case, converts back.

use tauri::State;
use tovon_desk::dto::{AboutDto, CalculationDto, ErrorDto, LanguageTag, PreferencesDto, ScheduleViewDto};

use crate::state::DeskState;

#[tauri::command]
pub async fn about(desk: State<'_, DeskState>) -> Result<AboutDto, ErrorDto> {
    desk.run(|desk| desk.about()).await
}

#[tauri::command]
pub async fn preferences(desk: State<'_, DeskState>) -> Result<PreferencesDto, ErrorDto> {
    desk.run(|desk| Ok(desk.preferences())).await
}

#[tauri::command]
pub async fn set_language(
    desk: State<'_, DeskState>,
    language: LanguageTag,
) -> Result<PreferencesDto, ErrorDto> {
    desk.run(move |desk| desk.set_language(language)).await
}

/// The shell reads the clock; the desk takes the day as an argument.
fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

#[tauri::command]
pub async fn schedule(desk: State<'_, DeskState>) -> Result<ScheduleViewDto, ErrorDto> {
    desk.run(|desk| desk.schedule(today())).await
}

#[tauri::command]
pub async fn search_schedule(desk: State<'_, DeskState>, query: String) -> Result<Vec<String>, ErrorDto> {
    desk.run(move |desk| desk.search_schedule(today(), &query)).await
}

/// `request` is the JSON text of a `CalcRequestDto`: the same parser as `tovon calc`.
#[tauri::command]
pub async fn calculate(desk: State<'_, DeskState>, request: String) -> Result<CalculationDto, ErrorDto> {
    desk.run(move |desk| desk.calculate(&request, today())).await
}
