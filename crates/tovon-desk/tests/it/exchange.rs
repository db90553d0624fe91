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
