//! Opening a database: creation, pragmas, migrations and their guards.

use rusqlite::Connection;
use tempfile::TempDir;
use tovon_store::{LATEST_SCHEMA_VERSION, Store, StoreError};

fn temp_db() -> (TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("nested").join("folder").join("tovon.sqlite3");
    (dir, path)
}

#[test]
fn creates_the_file_and_its_folders_at_the_latest_schema() {
    let (_dir, path) = temp_db();
    let store = Store::open(&path).expect("open");
    assert!(path.is_file());
    assert_eq!(store.path(), path);
    assert_eq!(store.schema_version().expect("version"), LATEST_SCHEMA_VERSION);
    let tables: Vec<String> = store.table_counts().expect("tables").into_iter().map(|t| t.table).collect();
    assert!(tables.contains(&"setting".to_owned()), "migration 0001 ran: {tables:?}");
}

#[test]
fn sets_the_pragmas_the_desk_relies_on() {
    let (_dir, path) = temp_db();
    let store = Store::open(&path).expect("open");
    assert_eq!(store.pragma("journal_mode").expect("journal_mode"), "wal");
    assert_eq!(store.pragma("foreign_keys").expect("foreign_keys"), "1");
    assert_eq!(store.pragma("synchronous").expect("synchronous"), "2", "2 is FULL");
    assert_eq!(store.pragma("busy_timeout").expect("busy_timeout"), "5000");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        store.set_setting("ui.language", "ru").expect("a write, so the WAL file exists");
        for suffix in ["", "-wal", "-shm"] {
            let file = std::path::PathBuf::from(format!("{}{suffix}", path.display()));
            let mode = std::fs::metadata(&file).expect("exists").permissions().mode() & 0o777;
            assert_eq!(mode, 0o600, "{} is readable by its owner only", file.display());
        }
    }
}

#[test]
fn reopening_keeps_data_and_applies_nothing_twice() {
    let (_dir, path) = temp_db();
    Store::open(&path).expect("first open").set_setting("ui.language", "ru").expect("set");
    let store = Store::open(&path).expect("second open");
    assert_eq!(store.setting("ui.language").expect("get").as_deref(), Some("ru"));
    let applied: i64 = Connection::open(&path)
        .expect("raw open")
        .query_row("SELECT count(*) FROM schema_migration", [], |row| row.get(0))
        .expect("count");
    assert_eq!(applied, LATEST_SCHEMA_VERSION);
}

#[test]
fn settings_replace_their_value() {
    let (_dir, path) = temp_db();
    let store = Store::open(&path).expect("open");
    assert_eq!(store.setting("ui.language").expect("get"), None);
    store.set_setting("ui.language", "uz-Latn").expect("set");
    store.set_setting("ui.language", "uz-Cyrl").expect("replace");
    assert_eq!(store.setting("ui.language").expect("get").as_deref(), Some("uz-Cyrl"));
}

#[test]
fn table_counts_name_every_table_with_its_rows() {
    let (_dir, path) = temp_db();
    let store = Store::open(&path).expect("open");
    store.set_setting("a", "1").expect("set");
    store.set_setting("b", "2").expect("set");
    let counts = store.table_counts().expect("counts");
    let setting = counts.iter().find(|count| count.table == "setting").expect("setting table");
    assert_eq!(setting.rows, 2);
    let migrations = counts.iter().find(|count| count.table == "schema_migration").expect("bookkeeping");
    assert_eq!(migrations.rows as i64, LATEST_SCHEMA_VERSION);
    assert!(counts.iter().all(|count| !count.table.starts_with("sqlite_")));
}

#[test]
fn a_database_from_a_newer_program_is_refused_untouched() {
    let (_dir, path) = temp_db();
    drop(Store::open(&path).expect("open"));
    let future = LATEST_SCHEMA_VERSION + 7;
    Connection::open(&path).expect("raw").pragma_update(None, "user_version", future).expect("bump");
    match Store::open(&path) {
        Err(StoreError::NewerSchema { found, known, .. }) => {
            assert_eq!((found, known), (future, LATEST_SCHEMA_VERSION));
        }
        other => panic!("expected NewerSchema, got {other:?}"),
    }
    let version: i64 = Connection::open(&path)
        .expect("raw")
        .pragma_query_value(None, "user_version", |row| row.get(0))
        .expect("version");
    assert_eq!(version, future, "the refused file is left as it was");
}

#[test]
fn an_edited_shipped_migration_is_caught() {
    let (_dir, path) = temp_db();
    drop(Store::open(&path).expect("open"));
    Connection::open(&path)
        .expect("raw")
        .execute("UPDATE schema_migration SET sha256 = 'edited' WHERE version = 1", [])
        .expect("tamper");
    match Store::open(&path) {
        Err(StoreError::MigrationEdited { version, .. }) => assert_eq!(version, 1),
        other => panic!("expected MigrationEdited, got {other:?}"),
    }
}

#[test]
fn a_file_that_is_not_a_database_gives_a_clear_error_and_is_kept() {
    let (_dir, path) = temp_db();
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    let garbage = b"this is a scanned letter, not a database".repeat(200);
    std::fs::write(&path, &garbage).expect("write");
    let error = Store::open(&path).expect_err("must refuse");
    assert!(matches!(error, StoreError::Open { .. }), "got {error:?}");
    assert!(error.to_string().contains(&path.display().to_string()), "names the file: {error}");
    assert_eq!(std::fs::read(&path).expect("read back"), garbage);
}

#[test]
fn the_exchange_knows_this_schema() {
    // A desk migration changes what a bundle's rows mean: the head office must learn it
    // (tovon-hq's replay and views) before DESK_SCHEMA is raised to match.
    assert_eq!(tovon_exchange::DESK_SCHEMA, LATEST_SCHEMA_VERSION);
}
