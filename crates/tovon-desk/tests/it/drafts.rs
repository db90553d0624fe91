//! Issue 19: a half-filled New claim form belongs to its user — kept across a restart, never
//! shown to another user, gone once it became a claim — and is bounded like any input.

use tovon_desk::dto::FormCode;

use crate::claims::{draft, opened, policy_id, today};

#[test]
fn a_draft_is_its_users_alone_survives_a_restart_and_ends_with_the_claim() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("tovon.sqlite3");
    let officer = opened(&dir);
    let typed = r#"{"event_date":"2026-11-01","claimant_name":"Каримов Алишер"}"#;
    officer.save_form_draft(FormCode::NewClaim, typed).unwrap();
    drop(officer);

    let boss = crate::signed_in(&db, "boss");
    assert_eq!(boss.form_draft(FormCode::NewClaim).unwrap(), None, "another user's draft is not theirs");
    boss.save_form_draft(FormCode::NewClaim, r#"{"notes":"раҳбарники"}"#).unwrap();
    drop(boss);

    let mut officer = crate::signed_in(&db, "officer");
    assert_eq!(
        officer.form_draft(FormCode::NewClaim).unwrap().as_deref(),
        Some(typed),
        "back after a restart"
    );
    let policy = policy_id(&officer, "0000001");
    officer.register_claim(&draft(policy, "2026-11-01", "2026-11-05"), today()).unwrap();
    assert_eq!(officer.form_draft(FormCode::NewClaim).unwrap(), None, "the form became a claim");
    let boss = crate::signed_in(&db, "boss");
    assert_eq!(boss.form_draft(FormCode::NewClaim).unwrap().as_deref(), Some(r#"{"notes":"раҳбарники"}"#));
    boss.discard_form_draft(FormCode::NewClaim).unwrap();
    assert_eq!(boss.form_draft(FormCode::NewClaim).unwrap(), None, "New blank");

    let too_long = format!(r#"{{"notes":"{}"}}"#, "ж".repeat(40_000));
    let refused = boss.save_form_draft(FormCode::NewClaim, &too_long).unwrap_err();
    assert_eq!(refused.field().as_deref(), Some("draft"));
    let refused = boss.save_form_draft(FormCode::NewClaim, "{not json").unwrap_err();
    assert_eq!(refused.field().as_deref(), Some("draft"));
    let nobody = tovon_desk::Desk::open(&db).unwrap();
    assert_eq!(
        nobody.form_draft(FormCode::NewClaim).unwrap_err().code(),
        tovon_desk::dto::ErrorCode::SignedOut,
        "signed out, no draft is anyone's"
    );
}
