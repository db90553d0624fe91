//! `#[tauri::command]` adapters: each converts, calls one tovon-desk use case, converts back.

use tauri::State;
use tovon_desk::dto::{AboutDto, ErrorDto, LanguageTag, PreferencesDto};

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
