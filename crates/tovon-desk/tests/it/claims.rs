//! Claims against a real database: numbering without gaps, warnings, a policy entered by
//! hand, the lifecycle with its events, deadlines, and the list's filters and order.

use chrono::{Days, NaiveDate};
use tovon_desk::Desk;
use tovon_desk::dto::{
    ClaimDraftDto, ClaimListQueryDto, ClaimOutcome, ClaimSortCode, ClaimStateCode, ClaimTransitionDto,
    DeadlineKindCode, DeadlineStateCode, DueFilterCode, ErrorCode, PolicyByHandDto,
};

use crate::decisions::{approve, pay_all, refusal};
use crate::documents::receive_all;
use crate::policies::{import_rows, row};

pub(crate) fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

const TODAY: &str = "2026-11-22";

pub(crate) fn today() -> NaiveDate {
    day(TODAY)
}

pub(crate) fn opened(dir: &tempfile::TempDir) -> Desk {
    let mut desk = crate::signed_in(&dir.path().join("tovon.sqlite3"), "officer");
    import_rows(&mut desk, dir, &[row(1, "Каримов Алишер", "10000000"), row(2, "Тошматов Бобур", "5000000")]);
    desk
}

pub(crate) fn policy_id(desk: &Desk, number: &str) -> i64 {
    desk.find_policies(&format!("MKS {number}")).unwrap()[0].id
}

pub(crate) fn draft(policy_id: i64, event_date: &str, notice_date: &str) -> ClaimDraftDto {
    ClaimDraftDto {
        policy_id: Some(policy_id),
        policy_by_hand: None,
        branch_code: "тш".to_owned(),
        claimant_name: "Каримов Алишер".to_owned(),
        claimant_relation: "ўзи".to_owned(),
        claimant_phone: String::new(),
        beneficiary_name: String::new(),
        event_date: event_date.to_owned(),
        event_place: "Тошкент ш.".to_owned(),
        circumstances: "Зинапоядан йиқилди".to_owned(),
        outcome: ClaimOutcome::Injury,
        notice_date: notice_date.to_owned(),
        was_driving: false,
        fracture: true,
        criminal_case: false,
        suicide: false,
        notes: String::new(),
    }
}

pub(crate) fn to(state: ClaimStateCode, reason: &str, on: &str) -> ClaimTransitionDto {
    ClaimTransitionDto { to: state, reason: reason.to_owned(), on_date: on.to_owned() }
}

#[test]
fn numbers_run_per_branch_and_year_without_gaps_even_after_a_refused_draft() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = opened(&dir);
    let policy = policy_id(&desk, "0000001");
    let first = desk.register_claim(&draft(policy, "2026-11-01", "2026-11-05"), today()).unwrap();
    assert_eq!(first.number, "ТШ-2026-000001", "the code is upper-cased");
    let bad = desk.register_claim(&draft(policy, "2026-11-30", "2026-11-30"), today()).unwrap_err();
    assert_eq!(bad.to_dto(desk.language()).field.as_deref(), Some("event_date"));
    let second = desk.register_claim(&draft(policy, "2026-11-02", "2026-11-05"), today()).unwrap();
    assert_eq!(second.number, "ТШ-2026-000002", "a refused draft takes no number");
    let other_branch = desk
        .register_claim(
            &ClaimDraftDto { branch_code: "SAM".to_owned(), ..draft(policy, "2026-11-03", "2026-11-05") },
            today(),
        )
        .unwrap();
    assert_eq!(other_branch.number, "SAM-2026-000001");
    let next_year =
        desk.register_claim(&draft(policy, "2026-12-20", "2027-01-04"), day("2027-01-05")).unwrap();
    assert_eq!(next_year.number, "ТШ-2027-000001");
    let bad_code = desk
        .register_claim(
            &ClaimDraftDto { branch_code: "Т-1".to_owned(), ..draft(policy, "2026-11-03", "2026-11-05") },
            today(),
        )
        .unwrap_err();
    assert_eq!(bad_code.to_dto(desk.language()).field.as_deref(), Some("branch_code"));
}

#[test]
fn registration_warns_of_late_notice_and_a_likely_duplicate_but_registers() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = opened(&dir);
    let policy = policy_id(&desk, "0000001");
    let late = draft(policy, "2026-09-01", "2026-11-20");
    let warnings = desk.check_claim(&late, today()).unwrap();
    assert_eq!(
        warnings.iter().map(|w| (w.code.as_str(), w.clause.as_str())).collect::<Vec<_>>(),
        [("late_notice", "6.1а")]
    );
    assert!(warnings[0].message.contains("01.10.2026"), "{}", warnings[0].message);
    let first = desk.register_claim(&late, today()).unwrap();
    let again = desk.check_claim(&late, today()).unwrap();
    assert!(again.iter().any(|w| w.code == "likely_duplicate" && w.message.contains(&first.number)));
    let second = desk.register_claim(&late, today()).unwrap();
    assert!(
        second.warnings.iter().any(|w| w.code == "likely_duplicate" && w.message.contains(&first.number))
    );
    let shown = desk.claim(&first.number, today()).unwrap();
    assert!(
        shown.warnings.iter().any(|w| w.code == "likely_duplicate" && w.message.contains(&second.number)),
        "a claim is not its own duplicate; the other one is named"
    );
    // Outside the period (the policy ends 09.01.2027) and a suicide in the first two years.
    let suicide = ClaimDraftDto { suicide: true, ..draft(policy, "2026-01-09", "2026-01-20") };
    let codes: Vec<String> =
        desk.check_claim(&suicide, today()).unwrap().into_iter().map(|w| w.code).collect();
    assert_eq!(codes, ["outside_period", "suicide_two_years"]);
}

#[test]
fn a_policy_entered_by_hand_is_stored_not_in_registry_until_the_register_brings_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = opened(&dir);
    let by_hand = PolicyByHandDto {
        series: "MKS".to_owned(),
        number: "0000009".to_owned(),
        issued_on: "10.01.2026".to_owned(),
        starts_on: "10.01.2026".to_owned(),
        ends_on: "09.01.2027".to_owned(),
        premium_paid_on: "10.01.2026".to_owned(),
        sum_insured: "8 000 000".to_owned(),
        full_name: "Ҳасанов Ўткир".to_owned(),
        birth_date: "12.10.1963".to_owned(),
        pinfl: crate::policies::pinfl("121063", 9),
        passport: String::new(),
        phone: String::new(),
        address: String::new(),
        branch: String::new(),
    };
    let mut bad = by_hand.clone();
    bad.pinfl = "31210630000001".to_owned();
    let request =
        ClaimDraftDto { policy_id: None, policy_by_hand: Some(bad), ..draft(0, "2026-11-01", "2026-11-02") };
    let error = desk.register_claim(&request, today()).unwrap_err().to_dto(desk.language());
    assert_eq!((error.code, error.field.as_deref()), (ErrorCode::InvalidInput, Some("policy.pinfl")));

    let request = ClaimDraftDto { policy_by_hand: Some(by_hand), ..request };
    let claim = desk.register_claim(&request, today()).unwrap();
    assert!(!claim.policy.in_registry);
    assert_eq!(claim.insured_name, "Ҳасанов Ўткир");
    let found = desk.find_policies("MKS 0000009").unwrap();
    assert!(!found[0].in_registry, "search shows it as not in registry");

    let intact = |desk: &tovon_desk::Desk| desk.verify_audit().unwrap();
    assert!(
        intact(&desk).intact,
        "the hand-entered policy is in the register's digest: {}",
        intact(&desk).message
    );
    import_rows(&mut desk, &dir, &[row(9, "Ҳасанов Ўткир", "8000000")]);
    assert!(desk.claim(&claim.number, today()).unwrap().policy.in_registry, "the register now has it");
    assert!(intact(&desk).intact, "and the refresh that changed it: {}", intact(&desk).message);
}

#[test]
fn the_lifecycle_moves_with_events_and_deadlines_and_refuses_illegal_steps() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = opened(&dir);
    let policy = policy_id(&desk, "0000002");
    let claim = desk.register_claim(&draft(policy, "2026-10-01", "2026-10-05"), today()).unwrap();
    assert_eq!(claim.state, ClaimStateCode::Registered);
    let next = claim.next_due.clone().unwrap();
    assert_eq!(
        (next.kind, next.due.as_str(), next.basis.as_str()),
        (DeadlineKindCode::Documents, "2027-01-05", "2026-10-05")
    );

    let illegal =
        desk.transition_claim(&claim.number, &to(ClaimStateCode::Paid, "", ""), today()).unwrap_err();
    let dto = illegal.to_dto(desk.language());
    assert_eq!((dto.code, dto.field.as_deref()), (ErrorCode::InvalidInput, Some("state")));
    assert!(dto.message.contains("Тўланган") && dto.message.contains("Кўриб чиқилмоқда"), "{}", dto.message);
    let no_reason =
        desk.transition_claim(&claim.number, &to(ClaimStateCode::Refused, " ", ""), today()).unwrap_err();
    assert_eq!(no_reason.to_dto(desk.language()).field.as_deref(), Some("reason"));
    let too_early = desk.refuse_claim(&claim.number, &refusal(&["6.1b"], "2026-10-04"), today()).unwrap_err();
    assert_eq!(too_early.to_dto(desk.language()).field.as_deref(), Some("decided_on"));
    let by_hand =
        desk.transition_claim(&claim.number, &to(ClaimStateCode::Refused, "6.1б", ""), today()).unwrap_err();
    assert_eq!(by_hand.field().as_deref(), Some("to"), "a refusal is made with its grounds and letter");
    let incomplete = desk
        .transition_claim(&claim.number, &to(ClaimStateCode::UnderReview, "", "2026-11-01"), today())
        .unwrap_err()
        .to_dto(desk.language());
    assert_eq!(incomplete.field.as_deref(), Some("state"), "review waits for the documents");
    assert!(incomplete.message.contains("Рентген суратлари"), "{}", incomplete.message);

    receive_all(&mut desk, &claim.number, "2026-11-01");
    let review = desk.claim(&claim.number, today()).unwrap();
    assert_eq!(review.state, ClaimStateCode::UnderReview, "complete documents start the review");
    let decision = review.next_due.clone().unwrap();
    assert_eq!(
        (decision.kind, decision.due.as_str(), decision.state),
        (DeadlineKindCode::Decision, "2026-11-16", DeadlineStateCode::Overdue)
    );
    desk.calculate_claim(&claim.number, r#"{"injuries": [{"item": "71а"}]}"#, today()).unwrap();
    approve(&mut desk, &claim.number, "2026-11-18", today());
    // Signed on Friday 25.12.2026: five bank days over the new year holidays (DOMAIN.md).
    desk.sign_act(&claim.number, "2026-12-25", day("2026-12-28")).unwrap();
    let signed = desk.claim(&claim.number, day("2026-12-28")).unwrap();
    let payment = signed.next_due.clone().unwrap();
    assert_eq!((payment.kind, payment.due.as_str()), (DeadlineKindCode::Payment, "2027-01-05"));
    // Issue 18: 2027's calendar ships unconfirmed (its hayit dates are estimates): the count
    // into it says so until an administrator confirms the year.
    assert_eq!(payment.unconfirmed_year, Some(2027));
    let mut admin = crate::signed_in(desk_path(&desk).as_path(), "admin");
    let status = admin.calendar_status(day("2026-11-20")).unwrap();
    assert_eq!((status.confirmed.clone(), status.next_year_unconfirmed), (vec![2026], Some(2027)));
    assert_eq!(
        admin.calendar_status(day("2026-10-31")).unwrap().next_year_unconfirmed,
        None,
        "before November"
    );
    assert!(desk.confirm_calendar_year(2027, today()).is_err(), "an officer may not confirm");
    admin.confirm_calendar_year(2027, day("2026-11-20")).unwrap();
    drop(admin);
    let confirmed = desk.claim(&claim.number, day("2026-12-28")).unwrap().next_due.unwrap();
    assert_eq!(confirmed.unconfirmed_year, None);
    pay_all(&mut desk, &claim.number, "2026-12-30", day("2026-12-30"));
    let closed =
        desk.transition_claim(&claim.number, &to(ClaimStateCode::Closed, "", ""), day("2026-12-30")).unwrap();
    assert_eq!(closed.next_due, None);
    let reopened = desk
        .transition_claim(
            &claim.number,
            &to(ClaimStateCode::UnderReview, "72-банд: 9 ой ўтди", ""),
            day("2027-07-05"),
        )
        .unwrap();
    let states: Vec<_> = reopened.events.iter().map(|event| (event.to_state, event.reopening)).collect();
    assert_eq!(
        states,
        [
            (ClaimStateCode::Registered, false),
            (ClaimStateCode::UnderReview, false),
            (ClaimStateCode::Approved, false),
            (ClaimStateCode::ActSigned, false),
            (ClaimStateCode::Paid, false),
            (ClaimStateCode::Closed, false),
            (ClaimStateCode::UnderReview, true),
        ]
    );
    let last = reopened.events.last().unwrap();
    assert_eq!((last.reason.as_str(), last.on_date.as_str()), ("72-банд: 9 ой ўтди", "2027-07-05"));
    assert!(!last.user.is_empty() && !last.at.is_empty());
    assert_eq!(reopened.next_due.unwrap().due, "2027-07-20", "the supplementary decision's 15 days");
}

#[test]
fn the_list_puts_overdue_first_and_filters_by_state_deadline_and_name_in_either_script() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = opened(&dir);
    let (one, two) = (policy_id(&desk, "0000001"), policy_id(&desk, "0000002"));
    let recent = desk.register_claim(&draft(one, "2026-11-20", "2026-11-21"), today()).unwrap();
    let old = desk.register_claim(&draft(two, "2026-07-01", "2026-07-02"), today()).unwrap();
    let reviewed = desk.register_claim(&draft(one, "2026-11-10", "2026-11-11"), today()).unwrap();
    receive_all(&mut desk, &reviewed.number, "2026-11-20");
    let query = |state, due, text: &str| ClaimListQueryDto {
        state,
        due,
        awaiting_approval: false,
        queue: None,
        query: text.to_owned(),
        sort: ClaimSortCode::NextDue,
        limit: 50,
        offset: 0,
    };
    let all = desk.list_claims(&query(None, None, ""), today()).unwrap();
    let order: Vec<&str> = all.rows.iter().map(|row| row.number.as_str()).collect();
    assert_eq!(
        order,
        [&old.number, &reviewed.number, &recent.number],
        "overdue documents first, then by due date"
    );
    assert_eq!(all.rows[0].due_state, Some(DeadlineStateCode::Overdue));
    assert_eq!(all.rows[0].days_left, Some(-51));
    let overdue = desk.list_claims(&query(None, Some(DueFilterCode::Overdue), ""), today()).unwrap();
    assert_eq!((overdue.total, overdue.rows[0].number.as_str()), (1, old.number.as_str()));
    let review = desk.list_claims(&query(Some(ClaimStateCode::UnderReview), None, ""), today()).unwrap();
    assert_eq!(
        review.rows.iter().map(|row| row.number.as_str()).collect::<Vec<_>>(),
        [reviewed.number.as_str()]
    );
    let by_latin_name = desk.list_claims(&query(None, None, "toshmatov"), today()).unwrap();
    assert_eq!(
        by_latin_name.rows.iter().map(|row| row.number.as_str()).collect::<Vec<_>>(),
        [old.number.as_str()]
    );
    let by_number = desk.list_claims(&query(None, None, "тш-2026-000003"), today()).unwrap();
    assert_eq!(by_number.total, 1);
    let by_policy = desk.list_claims(&query(None, None, "0000002"), today()).unwrap();
    assert_eq!(by_policy.total, 1);
    let by_series_number = desk.list_claims(&query(None, None, "MKS 0000002"), today()).unwrap();
    assert_eq!(by_series_number.total, 1);
    // Issue 19: a claim found by what the person at the window says — the number in part or
    // typed in Latin, the insured's PINFL or passport.
    let numbers = |text: &str| -> Vec<String> {
        let mut found: Vec<String> = desk
            .list_claims(&query(None, None, text), today())
            .unwrap()
            .rows
            .into_iter()
            .map(|row| row.number)
            .collect();
        found.sort();
        found
    };
    assert_eq!(numbers("000003"), vec![reviewed.number.clone()]);
    assert_eq!(numbers("TSH-2026-000003"), vec![reviewed.number.clone()]);
    assert_eq!(numbers("tsh-2026-00000"), {
        let mut all = vec![recent.number.clone(), old.number.clone(), reviewed.number.clone()];
        all.sort();
        all
    });
    let insured = desk.find_policies("MKS 0000002").unwrap().remove(0);
    let full = desk.reveal_identity(insured.id, Some(&old.number)).unwrap();
    assert_eq!(numbers(&full.pinfl), vec![old.number.clone()], "by PINFL");
    assert_eq!(numbers("aa0000002"), vec![old.number.clone()], "by passport");
    // Deadline states move with the day asked about, not with when the claim was saved.
    let later = desk.list_claims(&query(None, Some(DueFilterCode::Overdue), ""), day("2027-03-01")).unwrap();
    assert_eq!(later.total, 3);
    let soon = today().checked_add_days(Days::new(0)).unwrap();
    assert_eq!(desk.list_claims(&query(None, Some(DueFilterCode::DueSoon), ""), soon).unwrap().total, 0);
}

#[test]
fn a_calculation_saved_to_a_claim_takes_its_facts_and_its_deferred_item_becomes_a_deadline() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = opened(&dir);
    let claim = desk
        .register_claim(&draft(policy_id(&desk, "0000001"), "2026-10-01", "2026-10-05"), today())
        .unwrap();
    // The request's own sum and date are replaced by the claim's (10 000 000, 2026-10-01).
    let request = r#"{"sum_insured": "1.00", "event_date": "2020-01-01", "calc_date": "2026-11-20",
        "injuries": [{"item": "71а"}, {"item": "72"}]}"#;
    let calculated = desk.calculate_claim(&claim.number, request, today()).unwrap();
    let calculation = calculated.calculation.clone().unwrap();
    assert_eq!((calculation.count, calculation.calculated_on.as_str()), (1, "2026-11-20"));
    assert!(calculation.request.contains(r#""sum_insured":"10000000.00""#), "{}", calculation.request);
    assert!(calculation.request.contains(r#""event_date":"2026-10-01""#));
    assert_eq!(calculation.result.deferred.len(), 1, "{:?}", calculation.result);
    assert_eq!(calculation.result.deferred[0].item, "72");
    let waiting =
        calculated.deadlines.iter().find(|deadline| deadline.kind == DeadlineKindCode::Waiting).unwrap();
    assert_eq!((waiting.item.as_deref(), waiting.due.as_str()), (Some("72"), "2027-07-01"), "9 months (D14)");
    assert_eq!(waiting.basis, "2026-10-01");

    // A paid claim still waits on the item; the list shows it as the next deadline.
    receive_all(&mut desk, &claim.number, "2026-11-10");
    approve(&mut desk, &claim.number, "2026-11-20", today());
    desk.sign_act(&claim.number, "2026-11-20", today()).unwrap();
    pay_all(&mut desk, &claim.number, "2026-11-21", today());
    let paid = desk.claim(&claim.number, today()).unwrap();
    assert_eq!(paid.state, ClaimStateCode::Paid);
    assert_eq!(paid.next_due.map(|next| next.kind), Some(DeadlineKindCode::Waiting));
    assert_eq!(paid.calculation.map(|saved| saved.count), Some(1), "a step keeps the calculation");
    let paid_before = calculation.result.payable.clone();
    let decided = desk.calculate_claim(&claim.number, r#"{"injuries": []}"#, today()).unwrap_err();
    assert_eq!(decided.field().as_deref(), Some("state"), "the act fixed the amount");

    // After the waiting period the claim is reopened and calculated again: a second
    // snapshot, no deadline, and the signed act's payment deducted from the register.
    let later_day = day("2027-07-05");
    desk.transition_claim(&claim.number, &to(ClaimStateCode::Closed, "", "2026-11-22"), later_day).unwrap();
    desk.transition_claim(&claim.number, &to(ClaimStateCode::UnderReview, "72: 9 ой ўтди", ""), later_day)
        .unwrap();
    let later = r#"{"calc_date": "2027-07-02", "injuries": [{"item": "71а"}, {"item": "72"}]}"#;
    let again = desk.calculate_claim(&claim.number, later, later_day).unwrap();
    assert_eq!(again.calculation.as_ref().map(|saved| saved.count), Some(2));
    let result = again.calculation.unwrap().result;
    assert!(result.deferred.is_empty());
    assert_eq!(result.prior_paid, paid_before, "the first act's payment, from the register");
    assert!(again.deadlines.iter().all(|deadline| deadline.kind != DeadlineKindCode::Waiting));
}

#[test]
fn a_calculation_that_cannot_be_made_saves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = opened(&dir);
    let claim = desk
        .register_claim(&draft(policy_id(&desk, "0000001"), "2026-10-01", "2026-10-05"), today())
        .unwrap();
    let error =
        desk.calculate_claim(&claim.number, r#"{"injuries": [{"item": "23"}]}"#, today()).unwrap_err();
    assert_eq!(error.code(), ErrorCode::InvalidInput);
    let not_json = desk.calculate_claim(&claim.number, "[1, 2]", today()).unwrap_err();
    assert_eq!(not_json.field().as_deref(), Some("request"));
    assert!(desk.claim(&claim.number, today()).unwrap().calculation.is_none());
}

/// A stored date that does not parse (changed behind the desk's back) is an error naming the
/// claim's row and column, in the user's words — never the earliest day, never a row skipped.
#[test]
fn a_stored_date_that_does_not_read_is_refused_naming_its_row() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("tovon.sqlite3");
    let mut desk = opened(&dir);
    let claim = desk
        .register_claim(&draft(policy_id(&desk, "0000001"), "2026-10-01", "2026-10-05"), today())
        .unwrap();
    drop(desk);
    let tamper = "DROP TRIGGER audit_on_claim_update; UPDATE claim SET event_date = '2026-02-30', notice_date = '2026-03-01';";
    let out = std::process::Command::new("sqlite3")
        .arg(&db)
        .arg(tamper)
        .output()
        .expect("sqlite3 (make test installs it)");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let desk = crate::signed_in(&db, "officer");
    let error = desk.claim(&claim.number, today()).unwrap_err();
    let message = error.to_string();
    assert!(
        message.contains("claim row") && message.contains("event_date") && message.contains("2026-02-30"),
        "{message}"
    );
    let shown = error.to_dto(tovon_desk::Language::UzbekCyrillic).message;
    assert!(shown.contains("ўқилмади") && shown.contains("2026-02-30"), "{shown}");
    let every = ClaimListQueryDto {
        state: None,
        due: None,
        awaiting_approval: false,
        queue: None,
        query: String::new(),
        sort: ClaimSortCode::NextDue,
        limit: 50,
        offset: 0,
    };
    let listed = desk.list_claims(&every, today());
    assert!(listed.is_err(), "a list with an unreadable row is an error, not a shorter list");
}

/// The database file a desk has open.
fn desk_path(desk: &tovon_desk::Desk) -> std::path::PathBuf {
    std::path::PathBuf::from(desk.about().unwrap().db_path)
}

/// Issue 19: the desk's branch is the administrator's setting, and every claim registered
/// here takes it: typed empty, the desk's; typed as another, refused naming both.
#[test]
fn a_claim_takes_the_desks_branch_set_once_by_the_administrator() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("tovon.sqlite3");
    let desk = opened(&dir);
    let policy = policy_id(&desk, "0000001");
    let admin = crate::signed_in(&db, "admin");
    let mut settings = admin.security_settings().unwrap();
    assert_eq!(settings.branch_code, "", "none set on a new desk");
    settings.branch_code = "сам".to_owned();
    let mut admin = admin;
    assert_eq!(admin.set_security_settings(&settings).unwrap().branch_code, "САМ");
    settings.branch_code = "12".to_owned();
    assert_eq!(admin.set_security_settings(&settings).unwrap_err().field().as_deref(), Some("branch_code"));
    drop(admin);

    let mut desk2 = crate::signed_in(&db, "officer");
    assert_eq!(desk2.preferences().branch_code, "САМ");
    let mut blank = draft(policy, "2026-11-01", "2026-11-05");
    blank.branch_code = String::new();
    assert!(desk2.register_claim(&blank, today()).unwrap().number.starts_with("САМ-2026-"));
    let mut other = draft(policy, "2026-11-01", "2026-11-05");
    other.branch_code = "ТШ".to_owned();
    let refused = desk2.register_claim(&other, today()).unwrap_err();
    assert_eq!(refused.field().as_deref(), Some("branch_code"));
    assert!(refused.message(tovon_desk::Language::default()).contains("САМ"), "{refused}");
    drop(desk);
}
