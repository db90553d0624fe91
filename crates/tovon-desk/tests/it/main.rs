//! Integration tests of tovon-desk: use cases over real SQLite files, and the
//! committed TypeScript bindings.
// Test code: a failed expectation is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod backups;
mod bindings;
mod calculator;
mod claims;
mod decisions;
mod desk;
mod documents;
mod drafts;
mod exchange;
mod exports;
mod fuzz;
mod history;
mod policies;
mod records;
mod register_files;
mod schedule_versions;
mod today;
mod users;
mod window_calls;

use std::path::Path;

use tovon_desk::Desk;
use tovon_desk::dto::{NewUserDto, RoleCode};

/// Every test user's password.
pub(crate) const PASSWORD: &str = "синов-пароли-1";

/// The desk on `db` signed in as `login`. A database without users gets `admin`
/// (administrator), `officer` (Каримова Нилуфар), `boss` and `boss2` (supervisors) first.
pub(crate) fn signed_in(db: &Path, login: &str) -> Desk {
    let mut desk = Desk::open(db).unwrap();
    if !desk.session_state().unwrap().has_users {
        let user = |login: &str, full_name: &str, role| NewUserDto {
            login: login.to_owned(),
            full_name: full_name.to_owned(),
            role,
            password: PASSWORD.to_owned(),
        };
        desk.create_first_administrator(&user("admin", "Тизим Администратори", RoleCode::Administrator))
            .unwrap();
        for (login, name, role) in [
            ("officer", "Каримова Нилуфар", RoleCode::Officer),
            ("boss", "Раҳимов Баҳодир", RoleCode::Supervisor),
            ("boss2", "Юсупова Дилноза", RoleCode::Supervisor),
        ] {
            desk.add_user(&user(login, name, role)).unwrap();
        }
    }
    desk.sign_in(login, PASSWORD).unwrap();
    desk
}

/// Every source file of the desk, with its text.
fn sources() -> Vec<(std::path::PathBuf, String)> {
    let mut found = Vec::new();
    let mut stack = vec![std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/src"))];
    while let Some(path) = stack.pop() {
        if path.is_dir() {
            stack.extend(std::fs::read_dir(&path).unwrap().map(|entry| entry.unwrap().path()));
        } else {
            let text = std::fs::read_to_string(&path).unwrap();
            found.push((path, text));
        }
    }
    found
}

/// Every message key the desk names literally is in the catalogue: a key typed wrong would
/// show itself to the person at the desk instead of a sentence.
#[test]
fn every_message_key_named_in_the_source_is_in_the_catalogue() {
    let catalogue: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(include_str!("../../../../assets/i18n/messages.json")).unwrap();
    let mut named = Vec::new();
    for (path, whole) in sources() {
        // The code, not its unit tests (which name a missing key on purpose).
        let source = whole.split("#[cfg(test)]").next().unwrap_or_default();
        // text(language, "key", …), say("key", …), and the papers' self.t("key") under "paper.".
        for (call, prefix) in
            [("text(", ""), ("say(\"", ""), ("self.t(\"", "paper."), ("self.tp(\"", "paper.")]
        {
            for (at, _) in source.match_indices(call) {
                let rest = &source[at + call.len()..];
                let rest = if call == "text(" {
                    match rest.split_once(',') {
                        Some((_, after)) => after.trim_start().strip_prefix('"').unwrap_or(""),
                        None => "",
                    }
                } else {
                    rest
                };
                let Some((key, _)) = rest.split_once('"') else { continue };
                let is_key = key.contains('.') || !prefix.is_empty();
                if is_key
                    && key.starts_with(|c: char| c.is_ascii_lowercase())
                    && key.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "._".contains(c))
                {
                    named.push((format!("{prefix}{key}"), path.display().to_string()));
                }
            }
        }
    }
    // Keys made by a file's own wording closure: `let t = |key, …| text(…, &format!("prefix.{key}"), …)`
    // and then `t("name", …)` — each name must be a key under one of the file's prefixes.
    let mut composed = 0;
    for (path, whole) in sources() {
        let source = whole.split("#[cfg(test)]").next().unwrap_or_default();
        let prefixes: Vec<&str> = source
            .match_indices("&format!(\"")
            .filter_map(|(at, _)| source[at + 10..].split_once(".{key}\")").map(|(prefix, _)| prefix))
            .filter(|prefix| prefix.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
            .collect();
        if prefixes.is_empty() {
            continue;
        }
        for (at, _) in source.match_indices(" t(\"") {
            let Some((key, _)) = source[at + 4..].split_once('"') else { continue };
            composed += 1;
            if !prefixes.iter().any(|prefix| catalogue.contains_key(&format!("{prefix}.{key}"))) {
                named.push((format!("{prefixes:?}.{key}"), path.display().to_string()));
            }
        }
    }
    assert!(composed > 40, "the scan finds the wording closures' keys: {composed}");
    // Every table the log records is named in its history and its check.
    for table in tovon_store::audited_tables().chain(["audit_log", "policy"]) {
        named.push((format!("audit.entity.{table}"), "tovon_store::audited_tables".to_owned()));
    }
    assert!(named.len() > 150, "the scan finds the keys: {}", named.len());
    let missing: Vec<&(String, String)> =
        named.iter().filter(|(key, _)| !catalogue.contains_key(key)).collect();
    assert!(missing.is_empty(), "keys not in assets/i18n/messages.json: {missing:?}");
}
