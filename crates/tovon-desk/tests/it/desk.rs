//! The desk's use cases against a real database file.

use tempfile::TempDir;
use tovon_desk::dto::{ErrorCode, LanguageTag};
use tovon_desk::{APP_IDENTIFIER, Desk, DeskError, Language, resolve_db_path};

fn open_temp() -> (TempDir, std::path::PathBuf, Desk) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("tovon.sqlite3");
    let desk = Desk::open(&path).expect("open");
    (dir, path, desk)
}

#[test]
fn about_reads_the_facts_of_the_open_file() {
    let (_dir, path, desk) = open_temp();
    let about = desk.about().expect("about");
    assert_eq!(about.db_path, path.display().to_string());
    assert_eq!(i64::from(about.schema_version), tovon_store::LATEST_SCHEMA_VERSION);
    assert_eq!(about.app_version, env!("CARGO_PKG_VERSION"));
    assert!(about.sqlite_version.starts_with("3."), "{}", about.sqlite_version);
}

#[test]
fn db_info_counts_rows_per_table() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = crate::signed_in(&dir.path().join("tovon.sqlite3"), "admin");
    let before = desk.db_info().expect("info");
    let count = |info: &tovon_desk::dto::DbInfoDto| {
        info.tables.iter().find(|table| table.table == "setting").expect("setting").rows
    };
    desk.set_desk_language("ru").expect("set");
    assert_eq!(count(&desk.db_info().expect("info")), count(&before) + 1);
}

#[test]
fn the_language_defaults_to_uzbek_cyrillic_and_is_remembered() {
    let (_dir, path, mut desk) = open_temp();
    assert_eq!(desk.preferences().language, LanguageTag::UzCyrl);
    // On the sign-in screen a switch lasts until someone signs in; it is nobody's setting.
    desk.set_language(LanguageTag::UzLatn).expect("switch");
    drop(desk);
    assert_eq!(Desk::open(&path).expect("reopen").language(), Language::UzbekCyrillic);
}

/// Issue 18: the desk's language (the sign-in screen's, the CLI's, the documents' default)
/// is an administrator's to set; each user's window language is their own, back at their
/// next sign-in, and nobody else's.
#[test]
fn the_desks_language_is_the_administrators_and_each_users_window_language_their_own() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("tovon.sqlite3");
    let mut officer = crate::signed_in(&db, "officer");
    let forbidden = officer.set_desk_language("ru").unwrap_err();
    assert_eq!(forbidden.code(), ErrorCode::Forbidden);
    officer.set_language(LanguageTag::UzLatn).unwrap();
    officer.sign_out().unwrap();
    assert_eq!(officer.language(), Language::UzbekCyrillic, "signed out: the desk's language again");
    drop(officer);
    let mut admin = crate::signed_in(&db, "admin");
    assert_eq!(admin.language(), Language::UzbekCyrillic, "the officer's choice is the officer's");
    admin.set_desk_language("ru").unwrap();
    drop(admin);
    assert_eq!(Desk::open(&db).unwrap().language(), Language::Russian, "the desk's language is kept");
    let officer = crate::signed_in(&db, "officer");
    assert_eq!(officer.language(), Language::UzbekLatin, "the officer's own, at the next sign-in");
    let session = officer.session_state().unwrap().session.unwrap();
    assert_eq!(session.language, LanguageTag::UzLatn, "the window is told");
    assert_eq!(crate::signed_in(&db, "boss").language(), Language::Russian);
}

#[test]
fn an_unknown_language_is_refused_naming_the_field_in_the_users_language() {
    let (_dir, _path, mut desk) = open_temp();
    desk.set_language(LanguageTag::Ru).expect("switch to ru");
    let error = desk.set_desk_language("de").expect_err("must refuse");
    let dto = error.to_dto(desk.language());
    assert_eq!(dto.code, ErrorCode::InvalidInput);
    assert_eq!(dto.field.as_deref(), Some("language"));
    assert!(dto.message.starts_with("Неизвестный язык: «de»"), "{}", dto.message);
    assert_eq!(desk.language(), Language::Russian, "a refused switch changes nothing");
}

#[test]
fn a_damaged_file_is_a_storage_error_naming_the_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("broken.sqlite3");
    std::fs::write(&path, vec![0x5a; 8192]).expect("write");
    let error = Desk::open(&path).expect_err("must refuse");
    assert!(matches!(error, DeskError::Store(_)));
    let dto = error.to_dto(Language::UzbekCyrillic);
    assert_eq!(dto.code, ErrorCode::Storage);
    assert!(dto.message.contains("очиб бўлмади"), "{}", dto.message);
    assert!(dto.message.contains(&path.display().to_string()), "{}", dto.message);
}

#[test]
fn an_explicit_path_wins_over_everything() {
    let explicit = std::path::PathBuf::from("/srv/branch/tovon.sqlite3");
    assert_eq!(resolve_db_path(Some(explicit.clone())).expect("resolve"), explicit);
}

#[test]
fn the_default_path_is_in_the_app_data_folder_of_the_shell() {
    // Only when TOVON_DB is not set by whoever runs the tests.
    if std::env::var_os("TOVON_DB").is_some() {
        return;
    }
    let path = resolve_db_path(None).expect("resolve");
    assert!(path.ends_with(format!("{APP_IDENTIFIER}/tovon.sqlite3")), "{}", path.display());
}

#[test]
fn the_shell_uses_the_same_identifier_as_the_cli() {
    let config_path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../src-tauri/tauri.conf.json");
    let config: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(config_path).expect("read config"))
            .expect("parse config");
    assert_eq!(config["identifier"], APP_IDENTIFIER);
}

/// Issue 18: a use case that panics, run through the shell's runner, is reported as an
/// internal error in the user's words and leaves the desk usable: the next command works.
#[test]
fn a_panicking_use_case_is_reported_and_the_next_command_still_works() {
    let (_dir, _path, desk) = open_temp();
    let desk = std::sync::Mutex::new(desk);
    let panicked = tovon_desk::run_guarded(&desk, |_desk| -> Result<(), DeskError> {
        panic!("a bug that slipped through")
    });
    let error = panicked.unwrap_err();
    assert_eq!(error.code, ErrorCode::Internal);
    assert!(error.message.contains("кутилмаган"), "{}", error.message);
    assert!(!error.message.contains("slipped"), "no internals shown: {}", error.message);
    assert!(!desk.is_poisoned(), "the lock was released normally");
    let about = tovon_desk::run_guarded(&desk, |desk| desk.about()).expect("the next command works");
    assert!(about.schema_version > 0);
}
