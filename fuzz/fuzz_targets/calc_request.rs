//! The calculator's request parser (`tovon calc`, the Calculator screen) fed whatever
//! libFuzzer makes: it answers with a calculation or an error whose message exists in all
//! three languages, and never panics.
#![no_main]

use std::sync::{Mutex, OnceLock};

use libfuzzer_sys::fuzz_target;
use tovon_desk::{Desk, Language};

static DESK: OnceLock<Mutex<Desk>> = OnceLock::new();

fn desk() -> &'static Mutex<Desk> {
    DESK.get_or_init(|| {
        let dir = Box::leak(Box::new(tempfile::tempdir().expect("temp folder")));
        Mutex::new(Desk::open(&dir.path().join("tovon.sqlite3")).expect("a desk"))
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(request) = std::str::from_utf8(data) else { return };
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).expect("a date");
    let desk = desk().lock().expect("the desk");
    if let Err(error) = desk.calculate(request, today) {
        for language in [Language::UzbekCyrillic, Language::UzbekLatin, Language::Russian] {
            assert!(!error.message(language).trim().is_empty(), "{error:?} has no {language:?} message");
        }
    }
});
