//! `tovon decide` and `tovon print` as processes: a claim approved with the default payee,
//! its act written twice byte for byte, bad payees and a language the act was not issued in
//! refused with status 2, a documents request written for a claim still missing papers.

use crate::{run, stdout, with_one_policy};

pub(crate) fn register(db: &std::path::Path, event: &str) -> String {
    register_as("officer", db, event).expect("registered")
}

/// Registers a claim as `user`: its number, or the failed run.
pub(crate) fn register_as(
    user: &str,
    db: &std::path::Path,
    event: &str,
) -> Result<String, std::process::Output> {
    let registered = crate::run_as(
        user,
        db,
        &[
            "claim",
            "new",
            "--policy",
            "MKS 0000001",
            "--branch",
            "ТШ",
            "--claimant",
            "Каримов Алишер",
            "--event-date",
            event,
            "--place",
            "Тошкент",
            "--circumstances",
            "Йиқилди",
            "--notice-date",
            event,
        ],
    );
    if registered.status.code() != Some(0) {
        return Err(registered);
    }
    Ok(stdout(&registered).split_whitespace().next().expect("number").to_owned())
}

#[test]
fn an_approved_claim_prints_its_act_the_same_each_time_and_bad_input_exits_2() {
    let dir = tempfile::tempdir().expect("temp");
    let db = with_one_policy(&dir);
    let number = register(&db, "2026-01-05");
    let request = dir.path().join("request.pdf");
    let printed = run(&db, &["print", "request", &number, "-o", request.to_str().expect("utf-8")]);
    assert_eq!(printed.status.code(), Some(0), "{}", String::from_utf8_lossy(&printed.stderr));
    assert!(stdout(&printed).starts_with("ТШ-2026-С0001"), "{}", stdout(&printed));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&request).expect("printed").permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "a printed document is its owner's alone");
    }

    for item in [
        "application",
        "policy_original",
        "insured_passport",
        "medical_certificate",
        "medical_record_extract",
    ] {
        assert_eq!(
            run(&db, &["claim", "doc-receive", &number, item, "--date", "2026-01-20"]).status.code(),
            Some(0)
        );
    }
    let calc = dir.path().join("calc.json");
    std::fs::write(&calc, r#"{"injuries": [{"item": "28"}]}"#).expect("write");
    assert_eq!(run(&db, &["claim", "calc", &number, calc.to_str().expect("utf-8")]).status.code(), Some(0));

    let bad = run(&db, &["decide", &number, "approve", "--payee", "friend:100:X"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&bad.stderr).contains("payee[0]"),
        "{}",
        String::from_utf8_lossy(&bad.stderr)
    );
    let short = run(&db, &["decide", &number, "approve", "--payee", "insured:100:Каримов Алишер"]);
    assert_eq!(short.status.code(), Some(2), "the parts must add up to the payable");

    let approved = run(&db, &["decide", &number, "approve", "--on", "2026-01-25"]);
    assert_eq!(approved.status.code(), Some(0), "{}", String::from_utf8_lossy(&approved.stderr));
    assert!(stdout(&approved).contains("issued act ТШ-2026-Д0001"), "{}", stdout(&approved));
    let (one, two) = (dir.path().join("one.pdf"), dir.path().join("two.pdf"));
    for file in [&one, &two] {
        assert_eq!(
            run(&db, &["print", "act", &number, "-o", file.to_str().expect("utf-8")]).status.code(),
            Some(0)
        );
    }
    let bytes = std::fs::read(&one).expect("read");
    assert!(bytes.starts_with(b"%PDF-"));
    assert_eq!(bytes, std::fs::read(&two).expect("read"), "a reprint is the stored file");
    let other = run(&db, &["print", "act", &number, "--lang", "ru", "-o", one.to_str().expect("utf-8")]);
    assert_eq!(other.status.code(), Some(2));
    let none = run(&db, &["print", "refusal", &number, "-o", one.to_str().expect("utf-8")]);
    assert_eq!(none.status.code(), Some(1), "no refusal was issued");
}
