//! No DTO is persisted: every record a row keeps for good (a claim's calculation, an act
//! drafted for approval) is a versioned domain record with integer money, read back as one;
//! the rows earlier programs wrote (the window's DTOs, "version 0") still read, into the same
//! record, and a row that does not read is an error naming it.

use std::process::Command;

use tovon_desk::dto::{CalculationDto, SecuritySettingsDto};
use tovon_store::Store;
use tovon_store::records::{ApprovalRecord, CalculationRecord, RECORD_VERSION};

use crate::claims::{opened, today};
use crate::decisions::{approve, reviewed};

/// A column's values, as the sqlite3 tool prints them (one JSON record a line).
fn column(db: &std::path::Path, sql: &str) -> Vec<String> {
    let out = Command::new("sqlite3").arg(db).arg(sql).output().expect("sqlite3 (make test installs it)");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap().lines().map(str::to_owned).collect()
}

/// A database with claims calculated (one deferring an item), an act issued and one drafted
/// above the officer's limit.
fn fixture(dir: &tempfile::TempDir) -> std::path::PathBuf {
    let db = dir.path().join("tovon.sqlite3");
    let mut officer = opened(dir);
    let first = reviewed(&mut officer, "0000001");
    officer.calculate_claim(&first, r#"{"injuries": [{"item": "71а"}, {"item": "72"}]}"#, today()).unwrap();
    approve(&mut officer, &first, "2026-11-20", today());
    let limit = SecuritySettingsDto {
        officer_limit: "1000".to_owned(),
        idle_lock_minutes: 10,
        backup_keep: 10,
        branch_code: String::new(),
    };
    crate::signed_in(&db, "admin").set_security_settings(&limit).unwrap();
    let second = reviewed(&mut officer, "0000002");
    let drafted = approve(&mut officer, &second, "2026-11-20", today());
    assert!(drafted.submission.is_some(), "drafted above the limit");
    db
}

#[test]
fn every_stored_record_is_versioned_with_integer_money_and_reads_back() {
    let dir = tempfile::tempdir().unwrap();
    let db = fixture(&dir);
    let results = column(&db, "SELECT result FROM claim_calculation ORDER BY id");
    let requests = column(&db, "SELECT request FROM act_submission ORDER BY id");
    assert_eq!((results.len(), requests.len()), (3, 1));
    for text in results.iter().chain(&requests) {
        let json: serde_json::Value = serde_json::from_str(text).unwrap();
        assert_eq!(json["version"], RECORD_VERSION, "a versioned record, not a DTO: {text}");
        let dto_keys = ["payable", "gross", "prior_paid", "amount"];
        assert!(
            !dto_keys.iter().any(|key| text.contains(&format!("\"{key}\""))),
            "display strings stored: {text}"
        );
    }
    let deferred = column(&db, "SELECT deferred FROM claim_calculation ORDER BY id");
    let store = Store::open(&db).unwrap();
    let records = store.calculation_records().unwrap();
    for ((_, record), (text, deferred)) in records.iter().zip(results.iter().zip(&deferred)) {
        assert_eq!(&CalculationRecord::decode(text).unwrap(), record);
        assert_eq!(&record.encode_deferred(), deferred, "the deferred column is the record's");
        let lines: i64 =
            record.lines.iter().filter(|line| line.percent.is_some()).map(|l| l.amount_tiyin).sum();
        assert_eq!(lines, record.gross_tiyin, "D13: whole tiyin add up");
    }
    assert!(records[1].1.deferred.iter().any(|item| item.item == "72"), "72 waits (D14)");
    assert!(records[1].1.decisions.contains(&"D14".to_owned()), "{:?}", records[1].1.decisions);
    for text in &requests {
        let record = ApprovalRecord::decode(text).unwrap();
        assert!(record.payees.iter().all(|payee| payee.amount_tiyin > 0) && record.language == "uz-Cyrl");
    }
}

#[test]
fn rows_written_as_the_windows_dtos_still_read_into_the_same_record() {
    let dir = tempfile::tempdir().unwrap();
    let db = fixture(&dir);
    let store = Store::open(&db).unwrap();
    for (id, record) in store.calculation_records().unwrap() {
        // What the program before records wrote into this row: the window's DTO.
        let version_0 = serde_json::to_string(&CalculationDto::from(&record)).unwrap();
        let read = CalculationRecord::decode(&version_0).unwrap();
        assert_eq!(read.version, 0, "row {id}");
        assert_eq!(CalculationRecord { version: RECORD_VERSION, ..read }, record, "row {id}");
    }
    let drafted = r#"{"payees":[{"role":"insured","name":"Каримов Алишер","details":"","amount":"8 000 000,00"}],"decided_on":"2026-11-20","language":"uz-Cyrl"}"#;
    let read = ApprovalRecord::decode(drafted).unwrap();
    assert_eq!((read.version, read.payees[0].amount_tiyin), (0, 800_000_000));
}

#[test]
fn a_record_that_does_not_read_is_refused_naming_what_never_defaulted() {
    let bad_amount = r#"{"table_version":2,"lines":[{"kind":"item","item":"28","text":"","percent":"10","amount":"1.005","clause":"","reason":""}],"warnings":[],"deferred":[],"total_percent":"10","gross":"0.00","prior_paid":"0.00","payable":"0.00"}"#;
    let error = CalculationRecord::decode(bad_amount).unwrap_err().to_string();
    assert!(error.contains("lines[0].amount") && error.contains("1.005"), "{error}");
    let newer = r#"{"version": 9}"#;
    assert!(CalculationRecord::decode(newer).unwrap_err().to_string().contains("newer"));
    let no_language = r#"{"payees":[],"decided_on":"2026-11-20","language":null}"#;
    assert!(ApprovalRecord::decode(no_language).unwrap_err().to_string().contains("language"));
    let bad_role = r#"{"version":1,"payees":[{"role":"cousin","name":"x","details":"","amount_tiyin":1}],"decided_on":"2026-11-20","language":"ru"}"#;
    assert!(ApprovalRecord::decode(bad_role).unwrap_err().to_string().contains("payees[0].role"));
    let bad_date = r#"{"version":1,"payees":[],"decided_on":"20.11.2026","language":"ru"}"#;
    assert!(ApprovalRecord::decode(bad_date).is_err());
}
