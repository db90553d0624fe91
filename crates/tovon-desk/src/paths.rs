//! Where the database lives: `--db`, else `TOVON_DB`, else the platform's app data folder.

use std::path::PathBuf;

use crate::DeskError;

/// The application identifier; the Tauri shell's `identifier` must be the same, so
/// that the app and the CLI open the same file (checked by a test).
pub const APP_IDENTIFIER: &str = "uz.tovon.desk";
/// The environment variable that overrides the database path.
pub const DB_ENV_VAR: &str = "TOVON_DB";
/// The database file's name inside the app data folder.
pub const DB_FILE_NAME: &str = "tovon.sqlite3";

/// The database file to open: `explicit` (from `--db`) wins, then `TOVON_DB`, then
/// `<data dir>/uz.tovon.desk/tovon.sqlite3` — `~/.local/share/…` on Linux,
/// `%APPDATA%\…` on Windows, the same folder Tauri calls `app_data_dir`.
pub fn resolve_db_path(explicit: Option<PathBuf>) -> Result<PathBuf, DeskError> {
    if let Some(path) = explicit.filter(|path| !path.as_os_str().is_empty()) {
        return Ok(path);
    }
    if let Some(path) = std::env::var_os(DB_ENV_VAR).filter(|value| !value.is_empty()) {
        return Ok(PathBuf::from(path));
    }
    let data_dir = dirs::data_dir().ok_or(DeskError::NoDataFolder)?;
    Ok(data_dir.join(APP_IDENTIFIER).join(DB_FILE_NAME))
}
