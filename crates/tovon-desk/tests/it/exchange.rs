//! The desk as a party to the exchange (issue 20): its enrolment request, its exchange key
//! kept beside the database (the owner's alone, never in the database or its backups), the
//! same after a restart, refused by name when damaged.

use std::os::unix::fs::PermissionsExt;

use tovon_desk::dto::SecuritySettingsDto;
use tovon_desk::{Desk, exchange_key_path};

#[test]
fn an_enrolment_request_names_the_branch_and_keys_that_stay_the_desks() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("tovon.sqlite3");
    let mut admin = crate::signed_in(&db, "admin");
    let without_branch = admin.enrolment_request().unwrap_err();
    assert_eq!(without_branch.field().as_deref(), Some("branch_code"), "the branch is set first");
    let settings = SecuritySettingsDto {
        officer_limit: "0".to_owned(),
        idle_lock_minutes: 10,
        backup_keep: 10,
        branch_code: "тш".to_owned(),
    };
    admin.set_security_settings(&settings).unwrap();
    let request = admin.enrolment_request().unwrap();
    assert_eq!((request.format, request.branch.as_str()), (1, "ТШ"));
    assert_eq!(request.verifying_key.len(), 64);
    assert!(request.recipient.starts_with("age1"), "{}", request.recipient);
    assert_eq!(request.fingerprint.split(' ').count(), 8);
    // The signing key is the desk's audit key (issue 18).
    let current = admin.desk_keys().unwrap().into_iter().find(|key| key.current).unwrap();
    assert_eq!(current.public_key, request.verifying_key);

    let key = exchange_key_path(&db);
    assert_eq!(std::fs::metadata(&key).unwrap().permissions().mode() & 0o077, 0, "the owner's alone");
    let secret = std::fs::read_to_string(&key).unwrap();
    let secret = secret.lines().nth(1).unwrap().to_owned();
    assert!(secret.starts_with("AGE-SECRET-KEY-1"));
    let backup = dir.path().join("copy.sqlite3");
    admin.backup(&backup).unwrap();
    for file in [&db, &backup] {
        let bytes = std::fs::read(file).unwrap();
        assert!(
            !bytes.windows(secret.len()).any(|window| window == secret.as_bytes()),
            "not in {}",
            file.display()
        );
    }
    drop(admin);

    // A restart reads the same keys; an officer may not write the request.
    let again = crate::signed_in(&db, "admin").enrolment_request().unwrap();
    assert_eq!(again, request);
    assert!(crate::signed_in(&db, "officer").enrolment_request().is_err());

    // A damaged key file is refused by name, and left as it was.
    std::fs::write(&key, "tovon exchange key 1\nnot a key\n").unwrap();
    let error = crate::signed_in(&db, "admin").enrolment_request().unwrap_err();
    assert!(error.to_string().contains("exchange-key"), "{error}");
    assert_eq!(std::fs::read_to_string(&key).unwrap(), "tovon exchange key 1\nnot a key\n");
    let _ = Desk::open(&db).unwrap();
}

#[test]
fn the_head_office_is_trusted_only_with_its_fingerprint_and_only_one() {
    use ed25519_dalek::SigningKey;
    use tovon_exchange::{ExchangeIdentity, PartyFile};
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("tovon.sqlite3");
    let mut admin = crate::signed_in(&db, "admin");
    let office = |name| {
        let hq = ExchangeIdentity::with_new_decryption(SigningKey::generate(&mut rand_core::OsRng));
        PartyFile::of(name, &hq.public())
    };
    let hq = office("HQ");
    let file = serde_json::to_vec(&hq).unwrap();
    // A fingerprint misread on the phone: refused, nothing trusted.
    let misread = hq.fingerprint.replacen(|c: char| c.is_ascii_hexdigit(), "x", 1);
    let refused = admin.trust_head_office(&file, &misread).unwrap_err();
    assert_eq!(refused.field().as_deref(), Some("fingerprint"));
    assert!(refused.to_dto(tovon_desk::Language::UzbekCyrillic).message.contains("Ишонч билдирилмади"));
    // Typed without its spaces, in capitals: the same fingerprint.
    let typed = hq.fingerprint.replace(' ', "").to_uppercase();
    assert_eq!(admin.trust_head_office(&file, &typed).unwrap(), hq);
    assert_eq!(admin.trust_head_office(&file, &hq.fingerprint).unwrap(), hq, "the same again is no change");
    // Another office, even with its right fingerprint, is refused: the desk trusts one.
    let other = office("HQ");
    let other_file = serde_json::to_vec(&other).unwrap();
    assert_eq!(
        admin.trust_head_office(&other_file, &other.fingerprint).unwrap_err().field().as_deref(),
        Some("file")
    );
    assert!(
        crate::signed_in(&db, "officer").trust_head_office(&file, &hq.fingerprint).is_err(),
        "administrators only"
    );
    assert_eq!(admin.trust_head_office(b"{}", "x").unwrap_err().field().as_deref(), Some("file"));
}

/// The register a head office bundle carries is written in the built-in column names and
/// read back, through the import's own checks, as it was: every field, names with commas and
/// quotes, a PINFL's leading digit, optional fields empty.
#[test]
fn the_register_written_for_a_bundle_reads_back_as_it_was() {
    let day = |text: &str| chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap();
    let full = tovon_store::PolicyRecord {
        series: "MKS".to_owned(),
        number: "0000001".to_owned(),
        issued_on: day("2026-01-10"),
        starts_on: day("2026-01-11"),
        ends_on: day("2027-01-10"),
        premium_paid_on: Some(day("2026-01-12")),
        sum_insured_tiyin: 1_000_000_050,
        full_name: "Ҳолматов Шерзод, \"Шер\" ўғли".to_owned(),
        name_search: tovon_core::names::index_key("Ҳолматов Шерзод, \"Шер\" ўғли"),
        birth_date: day("1963-10-12"),
        pinfl: "31210632040244".to_owned(),
        passport: Some("AA1234567".to_owned()),
        phone: Some("+998 90 123 45 67".to_owned()),
        address: Some("Тошкент ш., Чилонзор т., 5-уй".to_owned()),
        loan_agreement: Some("КД-2026/15".to_owned()),
        loan_amount_tiyin: Some(2_500_000_000),
        branch: Some("ТШ".to_owned()),
    };
    let bare = tovon_store::PolicyRecord {
        number: "0000002".to_owned(),
        premium_paid_on: None,
        passport: None,
        phone: None,
        address: None,
        loan_agreement: None,
        loan_amount_tiyin: None,
        branch: None,
        ..full.clone()
    };
    let written = tovon_desk::register_csv(&[full.clone(), bare.clone()]);
    let read = tovon_desk::read_register(&written, tovon_desk::Language::UzbekCyrillic).unwrap();
    assert_eq!((read.rows_read, read.rejected), (2, 0), "{:?}", read.problems);
    assert_eq!(read.records, vec![full, bare]);
}
