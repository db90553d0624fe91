//! The system's file dialogs and drops, handled here: the window asks for a register file,
//! a scan or a place to save, and never names a path itself — the desk gets the path from
//! the dialog (or from the window's drop event, caught in Rust) and the window only the
//! file's name.
//!
//! The end-to-end suite answers a dialog through one seam, read only in a debug build:
//! `TOVON_E2E_DIALOG` names a file holding the next answer, one path a line (an empty file
//! is "cancelled"); the dialog takes the answer and removes the file. A release build has
//! no seam and always shows the system's dialog.

use std::path::PathBuf;
use std::sync::{Mutex, PoisonError};

use tauri::{AppHandle, Runtime};
use tauri_plugin_dialog::{DialogExt, FilePath};

/// What a dialog offers: its title and one filter (its name and extensions), worded in the
/// desk's language.
pub struct Ask {
    pub title: String,
    pub filter: (String, &'static [&'static str]),
}

impl Ask {
    /// The dialog `key` (`dialog.{key}.title`, `dialog.{key}.filter`) in `language`.
    pub fn new(language: tovon_desk::Language, key: &str, extensions: &'static [&'static str]) -> Ask {
        let text = |part: &str| tovon_desk::messages::text(language, &format!("dialog.{key}.{part}"), &[]);
        Ask { title: text("title"), filter: (text("filter"), extensions) }
    }
}

/// The paths the dialogs and the last drop chose, kept for the command that uses them.
#[derive(Default)]
pub struct Chosen {
    register: Mutex<Option<PathBuf>>,
    dropped: Mutex<Vec<PathBuf>>,
}

impl Chosen {
    pub fn set_register(&self, path: PathBuf) {
        *self.register.lock().unwrap_or_else(PoisonError::into_inner) = Some(path);
    }

    pub fn register(&self) -> Option<PathBuf> {
        self.register.lock().unwrap_or_else(PoisonError::into_inner).clone()
    }

    /// The files of a drop on the window, as the system gave them.
    pub fn set_dropped(&self, paths: Vec<PathBuf>) {
        *self.dropped.lock().unwrap_or_else(PoisonError::into_inner) = paths;
    }

    /// The last drop's files, taken once.
    pub fn take_dropped(&self) -> Vec<PathBuf> {
        std::mem::take(&mut *self.dropped.lock().unwrap_or_else(PoisonError::into_inner))
    }
}

/// The test's answer to the next dialog, when the seam is set (debug builds only).
fn seam_answer() -> Option<Vec<PathBuf>> {
    if !cfg!(debug_assertions) {
        return None;
    }
    let file = PathBuf::from(std::env::var_os("TOVON_E2E_DIALOG")?);
    let answer = std::fs::read_to_string(&file).unwrap_or_default();
    let _ = std::fs::remove_file(&file);
    Some(answer.lines().map(str::trim).filter(|line| !line.is_empty()).map(PathBuf::from).collect())
}

fn paths(picked: Option<Vec<FilePath>>) -> Vec<PathBuf> {
    picked.unwrap_or_default().into_iter().filter_map(|path| path.into_path().ok()).collect()
}

/// Files to open (none: cancelled). Blocks until the person answers: call it off the main
/// thread.
pub fn open<R: Runtime>(app: &AppHandle<R>, ask: &Ask, multiple: bool) -> Vec<PathBuf> {
    if let Some(answer) = seam_answer() {
        return if multiple { answer } else { answer.into_iter().take(1).collect() };
    }
    let dialog = app.dialog().file().set_title(&ask.title).add_filter(&ask.filter.0, ask.filter.1);
    if multiple {
        paths(dialog.blocking_pick_files())
    } else {
        paths(dialog.blocking_pick_file().map(|path| vec![path]))
    }
}

/// Where to save `file_name` (none: cancelled). Blocks like [`open`].
pub fn save<R: Runtime>(app: &AppHandle<R>, ask: &Ask, file_name: &str) -> Option<PathBuf> {
    if let Some(answer) = seam_answer() {
        return answer.into_iter().next();
    }
    let dialog = app
        .dialog()
        .file()
        .set_title(&ask.title)
        .add_filter(&ask.filter.0, ask.filter.1)
        .set_file_name(file_name);
    paths(dialog.blocking_save_file().map(|path| vec![path])).into_iter().next()
}

/// A folder to write into (none: cancelled), for a bundle carried on a stick. Blocks like
/// [`open`].
pub fn folder<R: Runtime>(app: &AppHandle<R>, ask: &Ask) -> Option<PathBuf> {
    if let Some(answer) = seam_answer() {
        return answer.into_iter().next();
    }
    paths(app.dialog().file().set_title(&ask.title).blocking_pick_folder().map(|path| vec![path]))
        .into_iter()
        .next()
}
