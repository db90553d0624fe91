//! The open desk as Tauri state, and how commands reach it off the main thread.

use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError, RwLock};

use tovon_desk::dto::{BackupDto, ErrorCode, ErrorDto};
use tovon_desk::{Desk, DeskError, Language, resolve_db_path};

/// The desk, or why it could not be opened (shown in the window, not a crash), with the
/// database's path when it is known, so a damaged file can be restored from a backup.
pub struct DeskState {
    desk: RwLock<Result<Arc<Mutex<Desk>>, ErrorDto>>,
    db_path: Option<PathBuf>,
    /// What the system's dialogs and the last drop chose (the window never names a path).
    pub chosen: crate::dialogs::Chosen,
    /// Set by "Cancel" while an import runs; the import reads it between batches (the desk
    /// itself is busy with the import, so the flag lives outside it).
    pub import_cancel: Arc<std::sync::atomic::AtomicBool>,
    /// The log beside the database, written until the program ends.
    _log: Option<tovon_desk::LogGuard>,
}

/// Opens the desk and runs the quick integrity check of the start (issue 7).
fn open_checked(path: &std::path::Path) -> Result<Desk, DeskError> {
    let desk = Desk::open(path)?;
    desk.quick_check()?;
    Ok(desk)
}

fn now() -> chrono::NaiveDateTime {
    chrono::Local::now().naive_local()
}

impl DeskState {
    pub fn open(explicit_db: Option<PathBuf>) -> DeskState {
        let (opened, db_path) = match resolve_db_path(explicit_db) {
            Ok(path) => (open_checked(&path), Some(path)),
            Err(error) => (Err(error), None),
        };
        let log = db_path.as_deref().and_then(tovon_desk::start_logging);
        match &opened {
            Ok(_) => tracing::info!("the database opened and its quick check passed"),
            Err(error) => tracing::error!(error = %error, "the database did not open"),
        }
        DeskState {
            _log: log,
            import_cancel: Arc::default(),
            desk: RwLock::new(
                opened
                    .map(|desk| Arc::new(Mutex::new(desk)))
                    .map_err(|error| error.to_dto(Language::default())),
            ),
            db_path,
            chosen: crate::dialogs::Chosen::default(),
        }
    }

    /// A dialog worded in the desk's language — read on a blocking thread like any use
    /// case, never by holding the desk's lock on the async runtime while an import runs.
    pub async fn ask(
        &self,
        key: &'static str,
        extensions: &'static [&'static str],
    ) -> Result<crate::dialogs::Ask, ErrorDto> {
        self.run(move |desk| Ok(crate::dialogs::Ask::new(desk.language(), key, extensions))).await
    }

    fn desk(&self) -> Result<Arc<Mutex<Desk>>, ErrorDto> {
        let guard = self.desk.read().unwrap_or_else(PoisonError::into_inner);
        guard.as_ref().map(Arc::clone).map_err(Clone::clone)
    }

    /// Runs a use case on a blocking thread (database work never runs on the
    /// main thread) and converts its error to the UI's `{code, message, field?}`.
    pub async fn run<T, F>(&self, use_case: F) -> Result<T, ErrorDto>
    where
        T: Send + 'static,
        F: FnOnce(&mut Desk) -> Result<T, DeskError> + Send + 'static,
    {
        let desk = self.desk()?;
        tauri::async_runtime::spawn_blocking(move || tovon_desk::run_guarded(&desk, use_case))
            .await
            .map_err(|error| internal(&error.to_string()))?
    }

    /// The database's path when the desk did not open: what a backup may be restored over.
    fn failed_path(&self) -> Option<PathBuf> {
        let failed = self.desk.read().map(|guard| guard.is_err()).unwrap_or(false);
        if failed { self.db_path.clone() } else { None }
    }

    /// When the desk did not open: the newest automatic backup that passes the check.
    pub async fn offered_backup(&self) -> Option<BackupDto> {
        let path = self.failed_path()?;
        tauri::async_runtime::spawn_blocking(move || tovon_desk::latest_good_backup(&path))
            .await
            .ok()
            .flatten()
    }

    /// Replaces a database that did not open with the backup offered for it (the newest
    /// that passes the check, found again now) and opens the desk.
    pub async fn restore_and_open(&self) -> Result<(), ErrorDto> {
        let language = Language::default();
        let path = self.failed_path().ok_or_else(|| {
            internal("the database is open: restore with `tovon restore` after closing the window")
        })?;
        let desk = tauri::async_runtime::spawn_blocking(move || {
            let offered = tovon_desk::latest_good_backup(&path).ok_or_else(|| {
                DeskError::NotFound(tovon_desk::messages::text(language, "startup.no_backup", &[]))
            })?;
            let (_, desk) = tovon_desk::restore_and_open(&path, std::path::Path::new(&offered.path), now())?;
            desk.quick_check()?;
            Ok::<Desk, DeskError>(desk)
        })
        .await
        .map_err(|error| internal(&error.to_string()))?
        .map_err(|error| error.to_dto(language))?;
        let mut guard = self.desk.write().unwrap_or_else(PoisonError::into_inner);
        *guard = Ok(Arc::new(Mutex::new(desk)));
        Ok(())
    }

    /// The automatic backup: daily (`always` false) or on exit. Errors go to the console:
    /// there is no window left to show them in on exit.
    pub fn automatic_backup(&self, always: bool) {
        let Ok(desk) = self.desk() else { return };
        // A command that panicked earlier does not cost the backup on exit.
        let mut desk = desk.lock().unwrap_or_else(PoisonError::into_inner);
        // A failure is kept for the window (the header's chip, Settings), in the desk's log
        // (logs/ beside the database) and on the console.
        desk.automatic_backup(now(), always);
        if let Some(failure) = desk.backup_status().failure {
            eprintln!("tovon: the automatic backup failed: {}", failure.message);
        }
    }
}

fn internal(detail: &str) -> ErrorDto {
    ErrorDto {
        code: ErrorCode::Internal,
        message: tovon_desk::messages::text(Language::default(), "error.internal", &[("detail", detail)]),
        field: None,
    }
}
