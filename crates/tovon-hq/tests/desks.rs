//! The head office on a real PostgreSQL (the cluster `make test` starts, or the one
//! `TOVON_HQ_DATABASE_URL` names): each test in a database of its own, dropped after it.

use std::process::Command;

use ed25519_dalek::SigningKey;
use postgres::{Client, NoTls};
use tovon_exchange::{EnrolmentRequest, ExchangeIdentity};
use tovon_hq::{Hq, HqError};

mod common;
use common::Scratch;

fn request(branch: &str) -> Vec<u8> {
    let desk = ExchangeIdentity::with_new_decryption(SigningKey::generate(&mut rand_core::OsRng));
    serde_json::to_vec(&EnrolmentRequest::of(branch, &desk.public())).unwrap()
}

#[test]
fn desks_are_enrolled_under_prefixes_unique_in_the_network_and_never_reused() {
    let scratch = Scratch::new("enrol");
    let mut hq = Hq::connect(&scratch.url()).unwrap();
    let first = request("ТШ");
    assert_eq!(hq.enrol(&first).unwrap().prefix, "ТШ", "the branch's first desk keeps its code");
    assert_eq!(hq.enrol(&request("тш")).unwrap().prefix, "ТШ2", "a second desk in the branch gets its own");
    assert_eq!(hq.enrol(&request("САМ")).unwrap().prefix, "САМ");
    assert!(matches!(hq.enrol(&first), Err(HqError::AlreadyEnrolled { prefix }) if prefix == "ТШ"));
    hq.revoke("ТШ").unwrap();
    assert!(matches!(hq.revoke("ТШ"), Err(HqError::NoSuchDesk { .. })), "revoked once");
    assert_eq!(hq.enrol(&request("ТШ")).unwrap().prefix, "ТШ3", "a revoked desk's prefix is not given again");
    let desks = hq.desks().unwrap();
    let shown: Vec<(&str, bool)> = desks.iter().map(|desk| (desk.prefix.as_str(), desk.revoked)).collect();
    assert_eq!(shown, [("САМ", false), ("ТШ", true), ("ТШ2", false), ("ТШ3", false)]);
    // A request whose fingerprint is not its keys' is refused, and nothing is stored.
    let mut forged: serde_json::Value = serde_json::from_slice(&request("ХР")).unwrap();
    forged["fingerprint"] = "0000 0000 0000 0000 0000 0000 0000 0000".into();
    assert!(matches!(hq.enrol(&serde_json::to_vec(&forged).unwrap()), Err(HqError::Request(_))));
    assert_eq!(hq.desks().unwrap().len(), 4);
}

#[test]
fn the_schema_is_migrated_once_and_an_edited_or_newer_one_is_refused() {
    let scratch = Scratch::new("migrate");
    Hq::connect(&scratch.url()).unwrap();
    Hq::connect(&scratch.url()).unwrap();
    let mut raw = Client::connect(&scratch.url(), NoTls).unwrap();
    let applied: i64 = raw.query_one("SELECT count(*) FROM hq_migration", &[]).unwrap().get(0);
    assert_eq!(applied, i64::from(tovon_hq::LATEST));
    raw.batch_execute("UPDATE hq_migration SET sha256 = 'edited' WHERE version = 1").unwrap();
    assert!(matches!(Hq::connect(&scratch.url()), Err(HqError::MigrationEdited { version: 1, .. })));
    raw.batch_execute("INSERT INTO hq_migration (version, name, sha256) VALUES (99, 'future', 'x')").unwrap();
    assert!(matches!(Hq::connect(&scratch.url()), Err(HqError::NewerSchema { found: 99, .. })));
}

#[test]
fn the_command_line_enrols_a_request_file_and_refuses_a_bad_one_with_status_2() {
    let scratch = Scratch::new("cli");
    let dir = std::env::temp_dir().join(format!("tovon-hq-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let good = dir.join("request.json");
    std::fs::write(&good, request("ТШ")).unwrap();
    let bad = dir.join("bad.json");
    std::fs::write(&bad, b"{\"format\": 1}").unwrap();
    let hq = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_tovon-hq"))
            .args(args)
            .env("TOVON_HQ_DATABASE_URL", scratch.url())
            .output()
            .unwrap()
    };
    let enrolled = hq(&["enrol", good.to_str().unwrap()]);
    assert!(enrolled.status.success(), "{}", String::from_utf8_lossy(&enrolled.stderr));
    assert!(String::from_utf8_lossy(&enrolled.stdout).starts_with("enrolled as ТШ; fingerprint "));
    let refused = hq(&["enrol", bad.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("not an enrolment request"));
    let status = hq(&["status"]);
    assert!(String::from_utf8_lossy(&status.stdout).starts_with("ТШ "));
    let _ = std::fs::remove_dir_all(&dir);
}
