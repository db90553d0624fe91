//! The `Desk` context: the open database and the user's language, and the use cases.

use std::path::Path;

use tovon_core::Language;
use tovon_core::schedule::ScheduleTable;
use tovon_store::Store;

use crate::DeskError;
use crate::dto::{AboutDto, DbInfoDto, LanguageTag, PreferencesDto, TableCountDto};

const LANGUAGE_SETTING: &str = "ui.language";
pub(crate) const BRANCH_SETTING: &str = "claims.branch_code";

/// One open desk: what every use case runs against.
#[derive(Debug)]
pub struct Desk {
    pub(crate) store: Store,
    language: Language,
    /// The shipped schedule versions and those an administrator added, by version.
    pub(crate) tables: Vec<ScheduleTable>,
    /// Added versions this program cannot read (a newer program's), with why.
    pub(crate) unreadable_versions: Vec<crate::schedule::UnreadableVersion>,
    /// The signed-in user, if any (issue 7).
    pub(crate) session: Option<crate::users::Session>,
    /// The desk's branch, set by the administrator: every claim registered here takes it.
    pub(crate) branch_code: String,
    /// The prefix the head office gave this desk at enrolment (issue 20): claims and
    /// documents are numbered under it from then on; `None` before enrolment.
    pub(crate) numbering_prefix: Option<String>,
    /// When the last automatic backup failed, and why (cleared by the next one made).
    pub(crate) backup_failure: Option<(chrono::NaiveDateTime, DeskError)>,
    /// The last import's rejected rows, for their export (issue 19).
    pub(crate) last_rejected: Option<crate::policies::RejectedRows>,
}

/// Where a user's own window language is kept (a preference, not a record: not audited
/// apart from the settings log).
fn user_language_key(user_id: i64) -> String {
    format!("ui.language.user.{user_id}")
}

/// The desk's language as stored; one this version does not know falls back to the default
/// instead of locking the user out of the window.
pub(crate) fn stored_language(store: &Store) -> Result<Language, DeskError> {
    Ok(store.setting(LANGUAGE_SETTING)?.and_then(|tag| tag.parse::<Language>().ok()).unwrap_or_default())
}

impl Desk {
    /// Opens (or creates) the database at `db_path` and reads the preferences.
    pub fn open(db_path: &Path) -> Result<Desk, DeskError> {
        let desk = Desk::open_as_found(db_path)?;
        desk.hold_if_put_back()?;
        Ok(desk)
    }

    /// The same, without asking whether the file was put back by hand from an older copy
    /// (`tovon restore` says so itself).
    pub(crate) fn open_as_found(db_path: &Path) -> Result<Desk, DeskError> {
        let mut store = Store::open(db_path)?;
        crate::backups::remove_leftovers(db_path);
        crate::calendar::seed_defaults(&mut store)?;
        let language = stored_language(&store)?;
        let (tables, unreadable_versions) = crate::schedule::load_tables(&store)?;
        let branch_code = store.setting(BRANCH_SETTING)?.unwrap_or_default();
        let numbering_prefix = store.setting(crate::exchange::PREFIX_SETTING)?;
        Ok(Desk {
            store,
            language,
            tables,
            unreadable_versions,
            session: None,
            branch_code,
            numbering_prefix,
            backup_failure: None,
            last_rejected: None,
        })
    }

    /// The language messages and documents are produced in.
    pub fn language(&self) -> Language {
        self.language
    }

    /// The About panel: program version and the database's facts.
    pub fn about(&self) -> Result<AboutDto, DeskError> {
        Ok(AboutDto {
            app_version: env!("CARGO_PKG_VERSION").to_owned(),
            db_path: self.store.path().display().to_string(),
            schema_version: self.schema_version()?,
            sqlite_version: self.store.sqlite_version().to_owned(),
            log_folder: crate::logs_folder(self.store.path()).display().to_string(),
        })
    }

    /// `tovon db info`: path, schema and SQLite versions, rows per table.
    pub fn db_info(&self) -> Result<DbInfoDto, DeskError> {
        let tables = self
            .store
            .table_counts()?
            .into_iter()
            .map(|count| TableCountDto { table: count.table, rows: count.rows })
            .collect();
        Ok(DbInfoDto {
            path: self.store.path().display().to_string(),
            schema_version: self.schema_version()?,
            sqlite_version: self.store.sqlite_version().to_owned(),
            tables,
        })
    }

    pub fn preferences(&self) -> PreferencesDto {
        PreferencesDto { language: self.language.into(), branch_code: self.branch_code.clone() }
    }

    /// Switches the window's language. Signed in, it is the user's own preference, kept for
    /// their next sign-in; on the sign-in screen it lasts until someone signs in.
    pub fn set_language(&mut self, tag: LanguageTag) -> Result<PreferencesDto, DeskError> {
        let language = Language::from(tag);
        if let Ok(session) = self.session() {
            let key = user_language_key(session.user_id);
            self.store.set_setting(&key, language.tag())?;
        }
        self.language = language;
        Ok(self.preferences())
    }

    /// The desk's own language — the sign-in screen's, the CLI's, and the documents' default
    /// (an administrator's setting), from a tag typed by a person.
    pub fn set_desk_language(&mut self, tag: &str) -> Result<PreferencesDto, DeskError> {
        let language: Language = tag.parse()?;
        self.require(crate::users::Permission::Administer)?;
        self.store.set_setting(LANGUAGE_SETTING, language.tag())?;
        self.language = language;
        Ok(self.preferences())
    }

    /// The language a user works in: their own choice, else the desk's.
    pub(crate) fn language_of_user(&self, user_id: i64) -> Result<Language, DeskError> {
        let own =
            self.store.setting(&user_language_key(user_id))?.and_then(|tag| tag.parse::<Language>().ok());
        match own {
            Some(language) => Ok(language),
            None => stored_language(&self.store),
        }
    }

    pub(crate) fn use_language(&mut self, language: Language) {
        self.language = language;
    }

    /// Back to the desk's language (signed out).
    pub(crate) fn desk_language_again(&mut self) -> Result<(), DeskError> {
        self.language = stored_language(&self.store)?;
        Ok(())
    }

    fn schema_version(&self) -> Result<u32, DeskError> {
        // user_version is a migration count: never negative, never near u32::MAX.
        Ok(u32::try_from(self.store.schema_version()?).unwrap_or_default())
    }
}
