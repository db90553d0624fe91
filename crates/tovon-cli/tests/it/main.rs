//! The `tovon` binary, run as a process against real database files.
// Test code: a failed expectation is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod anchors;
mod audit;
mod audit_format;
mod calc;
mod calendar;
mod claims;
#[cfg(unix)]
mod crash;
mod decide;
mod documents;
mod policies;
mod users;
mod words;

use std::io::Write;
use std::process::{Command, Output, Stdio};

use tempfile::TempDir;

/// Every test user's password.
pub(crate) const PASSWORD: &str = "синов-пароли-1";

/// The users a test database gets before its first command that signs in: `admin`
/// (administrator), `officer` (officer, Каримова Нилуфар), `boss` and `boss2` (supervisors).
fn with_users(db: &std::path::Path) {
    let make = |user: Option<&str>, args: &[&str]| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_tovon"));
        command.args(args).env("TOVON_DB", db).env("TOVON_PASSWORD", PASSWORD).stdin(Stdio::piped());
        if let Some(user) = user {
            command.env("TOVON_USER", user);
        }
        let mut child = command.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("run tovon");
        child.stdin.take().expect("stdin").write_all(format!("{PASSWORD}\n").as_bytes()).expect("password");
        let output = child.wait_with_output().expect("wait");
        assert!(output.status.success(), "{args:?}: {}", String::from_utf8_lossy(&output.stderr));
    };
    make(None, &["user", "init", "admin", "--name", "Тизим Администратори"]);
    for (login, name, role) in [
        ("officer", "Каримова Нилуфар", "officer"),
        ("boss", "Раҳимов Баҳодир", "supervisor"),
        ("boss2", "Юсупова Дилноза", "supervisor"),
    ] {
        make(Some("admin"), &["user", "add", login, "--name", name, "--role", role]);
    }
}

/// The file is missing, or a database without users yet (made by a command that does not
/// sign in).
fn without_users(db: &std::path::Path) -> bool {
    if !db.exists() {
        return true;
    }
    rusqlite::Connection::open(db)
        .and_then(|conn| conn.query_row("SELECT count(*) FROM app_user", [], |row| row.get::<_, i64>(0)))
        .is_ok_and(|users| users == 0)
}

/// Whom a command runs as in the tests: an administrator's commands as `admin`, the rest as
/// `officer`.
fn default_user(args: &[&str]) -> &'static str {
    match args {
        ["calendar", "set", ..]
        | ["schedule", "add", ..]
        | ["settings", "set", ..]
        | ["user", ..]
        | ["language", _]
        | ["restore", ..]
        | ["audit", "anchor", ..] => "admin",
        _ => "officer",
    }
}

/// Commands that run without signing in (and so need no users in the file).
fn open_to_all(args: &[&str]) -> bool {
    matches!(
        args,
        ["db", ..]
            | ["language"]
            | ["calc", ..]
            | ["bank-days", ..]
            | ["words", ..]
            | ["restore", ..]
            | ["schedule", "versions" | "export", ..]
            | ["--db", ..]
            | ["--version"]
    )
}

pub(crate) fn tovon(args: &[&str], env_db: Option<&std::path::Path>) -> Output {
    tovon_as(default_user(args), args, env_db)
}

/// `tovon` signed in as `user`; a database file that does not exist yet gets the test users
/// first, unless the command runs without signing in.
pub(crate) fn tovon_as(user: &str, args: &[&str], env_db: Option<&std::path::Path>) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_tovon"));
    command.args(args).env_remove("TOVON_DB").env("TOVON_USER", user).env("TOVON_PASSWORD", PASSWORD);
    if let Some(path) = env_db {
        if !open_to_all(args) && without_users(path) {
            with_users(path);
        }
        command.env("TOVON_DB", path);
    }
    command.output().expect("run tovon")
}

/// `tovon` on the database file `db`, signed in as `user`.
pub(crate) fn run_as(user: &str, db: &std::path::Path, args: &[&str]) -> Output {
    tovon_as(user, args, Some(db))
}

/// `tovon` on the database file `db`.
pub(crate) fn run(db: &std::path::Path, args: &[&str]) -> Output {
    tovon(args, Some(db))
}

/// A database in `dir` with one policy imported (MKS 0000001, Каримов Алишер, sum insured
/// 10 000 000, in force 2020–2099); its path.
pub(crate) fn with_one_policy(dir: &TempDir) -> std::path::PathBuf {
    let db = dir.path().join("tovon.sqlite3");
    let file = dir.path().join("register.csv");
    std::fs::write(
        &file,
        "Полис серияси,Полис рақами,Берилган сана,Бошланиш санаси,Тугаш санаси,Суғурта суммаси,Ф.И.Ш.,Туғилган сана,ЖШШИР\n\
         MKS,0000001,2020-01-10,2020-01-10,2099-01-09,10000000,Каримов Алишер,12.10.1963,31210632040244\n",
    )
    .expect("write");
    assert_eq!(run(&db, &["policies", "import", file.to_str().expect("utf-8")]).status.code(), Some(0));
    db
}

pub(crate) fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn version_prints_the_package_version() {
    let output = tovon(&["--version"], None);
    assert!(output.status.success());
    assert_eq!(stdout(&output).trim(), format!("tovon {}", env!("CARGO_PKG_VERSION")));
}

#[test]
fn db_info_creates_and_describes_the_file_given_by_flag() {
    let dir = TempDir::new().expect("temp");
    let path = dir.path().join("branch").join("tovon.sqlite3");
    let output = tovon(&["--db", path.to_str().expect("utf-8 path"), "db", "info"], None);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let text = stdout(&output);
    assert!(text.contains(&format!("database:       {}", path.display())), "{text}");
    let user_version: i64 = rusqlite::Connection::open(&path)
        .expect("raw open")
        .pragma_query_value(None, "user_version", |row| row.get(0))
        .expect("user_version");
    assert!(text.contains(&format!("schema version: {user_version}\n")), "{text}");
    assert!(text.contains("setting"), "{text}");
    assert!(path.is_file());
}

#[test]
fn db_info_json_reports_what_sqlite_itself_says() {
    let dir = TempDir::new().expect("temp");
    let path = dir.path().join("tovon.sqlite3");
    let output = tovon(&["db", "info", "--json"], Some(&path));
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let info: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("json");
    let raw = rusqlite::Connection::open(&path).expect("raw open");
    let user_version: i64 = raw.pragma_query_value(None, "user_version", |row| row.get(0)).expect("version");
    assert_eq!(info["path"], path.display().to_string());
    assert_eq!(info["schema_version"], user_version);
    let migrations: i64 =
        raw.query_row("SELECT count(*) FROM schema_migration", [], |row| row.get(0)).expect("n");
    let listed = info["tables"]
        .as_array()
        .expect("tables")
        .iter()
        .find(|table| table["table"] == "schema_migration")
        .expect("schema_migration listed");
    assert_eq!(listed["rows"], migrations);
}

#[test]
fn a_file_that_is_not_a_database_fails_with_a_message_and_status_1() {
    let dir = TempDir::new().expect("temp");
    let path = dir.path().join("letter.pdf");
    std::fs::write(&path, b"%PDF-1.7 not a database".repeat(300)).expect("write");
    let output = tovon(&["db", "info"], Some(&path));
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains(&path.display().to_string()), "{stderr}");
}

#[test]
fn the_language_is_shown_set_and_remembered_in_the_file() {
    let dir = TempDir::new().expect("temp");
    let path = dir.path().join("tovon.sqlite3");
    let shown = tovon(&["language"], Some(&path));
    assert_eq!(stdout(&shown).trim(), "uz-Cyrl", "the default");
    let set = tovon(&["language", "uz-Latn"], Some(&path));
    assert!(set.status.success(), "{}", String::from_utf8_lossy(&set.stderr));
    assert_eq!(stdout(&tovon(&["language"], Some(&path))).trim(), "uz-Latn");
}

#[test]
fn an_unknown_language_is_refused_with_status_2_and_nothing_changes() {
    let dir = TempDir::new().expect("temp");
    let path = dir.path().join("tovon.sqlite3");
    tovon(&["language", "ru"], Some(&path));
    let refused = tovon(&["language", "kk"], Some(&path));
    assert_eq!(refused.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(stderr.contains("«kk»"), "names the value, in the desk's language: {stderr}");
    assert_eq!(stdout(&tovon(&["language"], Some(&path))).trim(), "ru");
}

#[test]
fn an_unknown_command_is_refused_with_status_2() {
    let output = tovon(&["claims", "purge"], None);
    assert_eq!(output.status.code(), Some(2));
}
