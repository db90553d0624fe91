//! Users and roles on a real database (issue 7): nothing runs signed out or locked, each role
//! does only its own, and an act above the officer's limit waits for a supervisor who did not
//! draft it and is refused when the claim was recalculated after it was drafted.

use tovon_desk::dto::{
    ErrorCode, NewUserDto, RoleCode, SecuritySettingsDto, SubmissionStateCode, UserChangeDto,
};
use tovon_desk::{AccessError, Desk, DeskError};

use crate::claims::{opened, today};
use crate::decisions::{approve, reviewed};

fn code(error: &DeskError) -> ErrorCode {
    error.code()
}

#[test]
fn nothing_runs_signed_out_or_locked_and_the_password_unlocks() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("tovon.sqlite3");
    let mut desk = Desk::open(&db).unwrap();
    let state = desk.session_state().unwrap();
    assert!(!state.has_users && state.session.is_none(), "the first start");
    let weak = NewUserDto {
        login: "admin".to_owned(),
        full_name: "Тизим Администратори".to_owned(),
        role: RoleCode::Officer,
        password: "qisqa".to_owned(),
    };
    assert_eq!(desk.create_first_administrator(&weak).unwrap_err().field().as_deref(), Some("password"));
    let session = desk
        .create_first_administrator(&NewUserDto { password: crate::PASSWORD.to_owned(), ..weak.clone() })
        .unwrap();
    assert_eq!(session.role, RoleCode::Administrator, "the first user administers whatever was asked");
    assert!(matches!(
        desk.create_first_administrator(&NewUserDto { login: "second".to_owned(), ..weak }).unwrap_err(),
        DeskError::Access(AccessError::FirstUserExists)
    ));

    desk.lock().unwrap();
    assert_eq!(code(&desk.users().unwrap_err()), ErrorCode::SignedOut, "locked");
    assert!(matches!(desk.unlock("нотўғри").unwrap_err(), DeskError::Access(AccessError::WrongCredentials)));
    assert!(desk.unlock(crate::PASSWORD).unwrap().login == "admin");
    assert_eq!(desk.users().unwrap().len(), 1);

    desk.sign_out().unwrap();
    assert_eq!(code(&desk.claim("1", today()).unwrap_err()), ErrorCode::SignedOut);
    assert_eq!(code(&desk.find_policies("Каримов").unwrap_err()), ErrorCode::SignedOut);
    assert!(desk.sign_in("ADMIN", "нотўғри").is_err());
    assert_eq!(desk.sign_in("ADMIN", crate::PASSWORD).unwrap().login, "admin", "logins ignore letter case");
}

#[test]
fn each_role_does_only_its_own_and_the_last_administrator_stays() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("tovon.sqlite3");
    let mut officer = crate::signed_in(&db, "officer");
    let day = chrono::NaiveDate::from_ymd_opt(2027, 5, 17).unwrap();
    assert_eq!(code(&officer.set_calendar_day(day, false, "").unwrap_err()), ErrorCode::Forbidden);
    assert_eq!(code(&officer.users().unwrap_err()), ErrorCode::Forbidden);
    let mut admin = crate::signed_in(&db, "admin");
    admin.set_calendar_day(day, false, "қарор").unwrap();
    let taken = admin
        .add_user(&NewUserDto {
            login: "Officer".to_owned(),
            full_name: "Бошқа".to_owned(),
            role: RoleCode::Officer,
            password: crate::PASSWORD.to_owned(),
        })
        .unwrap_err();
    assert_eq!(taken.field().as_deref(), Some("login"), "{taken}");
    let admin_id = admin.users().unwrap().into_iter().find(|user| user.login == "admin").unwrap().id;
    let demote =
        UserChangeDto {
            full_name: "Тизим Администратори".to_owned(), role: RoleCode::Officer, active: true
        };
    assert_eq!(admin.update_user(admin_id, &demote).unwrap_err().field().as_deref(), Some("role"));

    let limit = |officer_limit: &str| SecuritySettingsDto {
        officer_limit: officer_limit.to_owned(),
        idle_lock_minutes: 5,
        backup_keep: 10,
        branch_code: String::new(),
    };
    assert_eq!(code(&officer.set_security_settings(&limit("1")).unwrap_err()), ErrorCode::Forbidden);
    assert_eq!(
        admin.set_security_settings(&limit("-5")).unwrap_err().field().as_deref(),
        Some("officer_limit")
    );
    let set = admin.set_security_settings(&limit("250000,50")).unwrap();
    assert_eq!((set.officer_limit.as_str(), set.idle_lock_minutes), ("250000.50", 5));
    assert_eq!(officer.session_state().unwrap().session.unwrap().idle_lock_minutes, 5);
}

#[test]
fn an_act_drafted_on_an_older_calculation_is_not_approved() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("tovon.sqlite3");
    let mut officer = opened(&dir);
    let limit = SecuritySettingsDto {
        officer_limit: "1000".to_owned(),
        idle_lock_minutes: 10,
        backup_keep: 10,
        branch_code: String::new(),
    };
    crate::signed_in(&db, "admin").set_security_settings(&limit).unwrap();
    let number = reviewed(&mut officer, "0000001");
    let view = approve(&mut officer, &number, "2026-11-20", today());
    let submission = view.submission.clone().unwrap();
    assert_eq!(submission.state, SubmissionStateCode::Pending);
    assert!(submission.can_withdraw && !submission.can_approve);
    assert!(view.documents.is_empty() && !view.can_decide, "nothing issued, nothing else decided");
    assert_eq!(submission.author_name, "Каримова Нилуфар");

    let mut boss = crate::signed_in(&db, "boss");
    let seen = boss.decision_view(&number, today()).unwrap().submission.unwrap();
    assert!(seen.can_approve && !seen.can_withdraw);
    // Issue 19: waiting for approval is a filter and a flag of the list and of the claim.
    let waiting = |desk: &tovon_desk::Desk| {
        let query = tovon_desk::dto::ClaimListQueryDto {
            state: None,
            due: None,
            awaiting_approval: true,
            queue: None,
            query: String::new(),
            sort: tovon_desk::dto::ClaimSortCode::NextDue,
            limit: 100,
            offset: 0,
        };
        desk.list_claims(&query, today())
            .unwrap()
            .rows
            .into_iter()
            .map(|row| (row.number, row.awaiting_approval))
            .collect::<Vec<_>>()
    };
    assert_eq!(waiting(&boss), [(number.clone(), true)]);
    let drafted = boss.preview_submission(&number, today()).unwrap();
    assert!(
        drafted.pdf().unwrap().starts_with(b"%PDF"),
        "the supervisor reads the drafted act before approving it"
    );
    // The same draft as blocks for the window: its heading and the payable's line are there.
    let paper = drafted.paper();
    let said = serde_json::to_string(&paper).unwrap();
    assert!(said.contains("ЛОЙИҲА") && said.contains("ДАЛОЛАТНОМА"), "{said}");
    assert_eq!(boss.db_info().unwrap().tables.iter().find(|t| t.table == "issued_document").unwrap().rows, 0);
    assert!(boss.claim(&number, today()).unwrap().awaiting_approval);
    officer.calculate_claim(&number, r#"{"injuries": [{"item": "71а"}, {"item": "28"}]}"#, today()).unwrap();
    let stale = boss.approve_submission(&number, today()).unwrap_err();
    assert_eq!(stale.field().as_deref(), Some("calculation"), "{stale}");

    let withdrawn = officer.close_submission(&number, "", today()).unwrap();
    assert_eq!(withdrawn.submission.unwrap().state, SubmissionStateCode::Withdrawn);
    let again = approve(&mut officer, &number, "2026-11-21", today());
    assert_eq!(again.submission.unwrap().state, SubmissionStateCode::Pending);
    let issued = boss.approve_submission(&number, today()).unwrap();
    assert!(waiting(&boss).is_empty() && !boss.claim(&number, today()).unwrap().awaiting_approval);
    assert_eq!(issued.documents.len(), 1);
    assert_eq!(issued.decisions.last().unwrap().approved_by.as_deref(), Some("boss"));
    assert!(issued.submission.is_none(), "an approved act is shown as its decision");
}

/// Issue 18: after three wrong passwords for a login the next attempt — even with the right
/// password — is refused with the seconds to wait, and that is logged; the wait doubles with
/// each further wrong one and is counted in the log, so a restart does not reset it.
#[test]
fn three_wrong_passwords_make_the_next_attempt_wait() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("tovon.sqlite3");
    drop(crate::signed_in(&db, "admin"));
    let mut desk = tovon_desk::Desk::open(&db).unwrap();
    for _ in 0..3 {
        let wrong = desk.sign_in("officer", "not-the-password").unwrap_err();
        assert!(matches!(wrong, DeskError::Access(tovon_desk::AccessError::WrongCredentials)), "{wrong}");
    }
    drop(desk);
    let mut desk = tovon_desk::Desk::open(&db).unwrap();
    let waiting = desk.sign_in("officer", crate::PASSWORD).unwrap_err();
    let shown = waiting.to_dto(tovon_desk::Language::UzbekCyrillic);
    assert_eq!(shown.field.as_deref(), Some("password"));
    assert!(shown.message.contains("сониядан кейин"), "{}", shown.message);
    let DeskError::Access(tovon_desk::AccessError::TooManyAttempts { seconds }) = waiting else {
        panic!("{waiting:?}")
    };
    assert!((25..=30).contains(&seconds), "about 30 s after the third: {seconds}");
    assert!(desk.sign_in("admin", crate::PASSWORD).is_ok(), "another login is not held up");
}
