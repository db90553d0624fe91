//! The register importer fed whatever file libFuzzer makes (header and rows alike): it
//! never panics, every row read is counted once, every rejected row is reported with its
//! row and problem, and a refused file says why in all three languages.
#![no_main]

use std::sync::{Mutex, OnceLock};

use libfuzzer_sys::fuzz_target;
use tovon_desk::dto::{NewUserDto, RoleCode};
use tovon_desk::{Desk, Language};

static DESK: OnceLock<(Mutex<Desk>, std::path::PathBuf)> = OnceLock::new();

fn desk() -> &'static (Mutex<Desk>, std::path::PathBuf) {
    DESK.get_or_init(|| {
        let dir = Box::leak(Box::new(tempfile::tempdir().expect("temp folder")));
        let mut desk = Desk::open(&dir.path().join("tovon.sqlite3")).expect("a desk");
        let user = |login: &str, role| NewUserDto {
            login: login.to_owned(),
            full_name: "Fuzz".to_owned(),
            role,
            password: "fuzz-password".to_owned(),
        };
        desk.create_first_administrator(&user("admin", RoleCode::Administrator)).expect("administrator");
        desk.add_user(&user("officer", RoleCode::Officer)).expect("officer");
        desk.sign_in("officer", "fuzz-password").expect("signed in");
        (Mutex::new(desk), dir.path().join("register.csv"))
    })
}

fuzz_target!(|data: &[u8]| {
    let (desk, file) = desk();
    let mut desk = desk.lock().expect("the desk");
    std::fs::write(file, data).expect("write the file");
    match desk.import_policies(file, None) {
        Ok(report) => {
            assert_eq!(report.inserted + report.updated + report.unchanged + report.rejected, report.rows_read);
            for problem in &report.problems {
                assert!(problem.row >= 1 && !problem.problem.trim().is_empty(), "{problem:?}");
            }
        }
        Err(error) => {
            for language in [Language::UzbekCyrillic, Language::UzbekLatin, Language::Russian] {
                assert!(!error.message(language).trim().is_empty(), "{error:?} has no {language:?} message");
            }
        }
    }
});
