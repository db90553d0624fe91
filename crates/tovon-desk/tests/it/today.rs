//! The Today screen (issue 19) on a real database: each user's queues hold the claims the
//! rules put there, and every count is the total of the claims list filtered by its queue.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use tovon_desk::Desk;
use tovon_desk::dto::{ClaimListQueryDto, ClaimSortCode, SecuritySettingsDto, WaitCode, WorkQueueCode};

use crate::claims::{day, draft, policy_id, today};
use crate::decisions::{approve, reviewed};
use crate::policies::{import_rows, row};

/// The claims of one queue as the list gives them, every page.
fn listed(desk: &Desk, queue: WorkQueueCode, on: NaiveDate) -> (i64, BTreeSet<String>) {
    let query = ClaimListQueryDto {
        state: None,
        due: None,
        awaiting_approval: false,
        queue: Some(queue),
        query: String::new(),
        sort: ClaimSortCode::NextDue,
        limit: 500,
        offset: 0,
    };
    let list = desk.list_claims(&query, on).unwrap();
    (list.total, list.rows.into_iter().map(|row| row.number).collect())
}

/// Each line of `desk`'s Today: its count, checked against the list it opens.
fn today_of(desk: &Desk, on: NaiveDate) -> Vec<(WorkQueueCode, BTreeSet<String>)> {
    let work = desk.today(on).unwrap();
    work.queues
        .into_iter()
        .map(|line| {
            let (total, numbers) = listed(desk, line.queue, on);
            assert_eq!(line.count, total, "{:?}: the count is the list's total", line.queue);
            assert_eq!(total as usize, numbers.len());
            let shown: BTreeSet<String> = line.claims.iter().map(|row| row.number.clone()).collect();
            assert!(shown.is_subset(&numbers), "{:?}: the first claims are the list's", line.queue);
            (line.queue, numbers)
        })
        .collect()
}

fn queue(lines: &[(WorkQueueCode, BTreeSet<String>)], wanted: WorkQueueCode) -> Vec<&str> {
    let (_, numbers) = lines.iter().find(|(code, _)| *code == wanted).unwrap_or_else(|| panic!("{wanted:?}"));
    numbers.iter().map(String::as_str).collect()
}

#[test]
fn each_users_today_holds_the_claims_the_rules_put_there_and_each_count_is_its_list() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("tovon.sqlite3");
    let mut officer = crate::signed_in(&db, "officer");
    let rows: Vec<String> = (1..=7).map(|n| row(n, &format!("Суғурталанган {n}"), "10000000")).collect();
    import_rows(&mut officer, &dir, &rows);

    // Notice on 2 July: its three months for the documents ended on 2 October (6.1б).
    let late =
        officer.register_claim(&draft(policy_id(&officer, "0000001"), "2026-07-01", "2026-07-02"), today());
    let late = late.unwrap().number;
    // Documents complete on 10 November: the decision is due on 25 November (6.6), 3 days on.
    let deciding = reviewed(&mut officer, "0000002");
    let signed = reviewed(&mut officer, "0000003");
    approve(&mut officer, &signed, "2026-11-20", today());
    officer.sign_act(&signed, "2026-11-21", today()).unwrap();
    let unsigned = reviewed(&mut officer, "0000004");
    approve(&mut officer, &unsigned, "2026-11-21", today());
    // Above the officer's limit: the act waits for a supervisor.
    let limit = SecuritySettingsDto {
        officer_limit: "1000".to_owned(),
        idle_lock_minutes: 10,
        backup_keep: 10,
        branch_code: String::new(),
    };
    crate::signed_in(&db, "admin").set_security_settings(&limit).unwrap();
    let waiting = reviewed(&mut officer, "0000005");
    approve(&mut officer, &waiting, "2026-11-21", today());
    // The supervisor registers one of their own.
    let mut boss = crate::signed_in(&db, "boss");
    let bosses =
        boss.register_claim(&draft(policy_id(&boss, "0000006"), "2026-11-15", "2026-11-16"), today());
    let bosses = bosses.unwrap().number;

    // The claim's header says what each waits on.
    let waits = |number: &str| officer.claim(number, today()).unwrap().waits_on;
    assert_eq!(
        [waits(&late), waits(&deciding), waits(&signed), waits(&unsigned), waits(&waiting)],
        [WaitCode::Documents, WaitCode::Decision, WaitCode::Payment, WaitCode::Signing, WaitCode::Approval]
    );
    let bare =
        officer.register_claim(&draft(policy_id(&officer, "0000007"), "2026-11-01", "2026-11-02"), today());
    let bare = bare.unwrap().number;
    crate::documents::receive_all(&mut officer, &bare, "2026-11-10");
    assert_eq!(officer.claim(&bare, today()).unwrap().waits_on, WaitCode::Calculation);

    let mine = today_of(&officer, today());
    assert_eq!(
        mine.iter().map(|(code, _)| *code).collect::<Vec<_>>(),
        [
            WorkQueueCode::MyActsAwaitingApproval,
            WorkQueueCode::ApprovedUnsigned,
            WorkQueueCode::PaymentsDue,
            WorkQueueCode::DecisionsDue,
            WorkQueueCode::DocumentsOverdue,
            WorkQueueCode::DeferredDue,
            WorkQueueCode::Mine,
        ]
    );
    assert_eq!(queue(&mine, WorkQueueCode::MyActsAwaitingApproval), [waiting.as_str()]);
    assert_eq!(queue(&mine, WorkQueueCode::ApprovedUnsigned), [unsigned.as_str()]);
    assert_eq!(queue(&mine, WorkQueueCode::PaymentsDue), [signed.as_str()]);
    // The waiting act is not decided yet: its 6.6 days run as the other's do.
    let mut due = vec![deciding.as_str(), waiting.as_str()];
    // Complete on 10 November too, but registered after: its 6.6 days run the same.
    due.push(bare.as_str());
    due.sort();
    assert_eq!(queue(&mine, WorkQueueCode::DecisionsDue), due);
    assert_eq!(queue(&mine, WorkQueueCode::DocumentsOverdue), [late.as_str()]);
    assert!(queue(&mine, WorkQueueCode::DeferredDue).is_empty());
    let mut open = vec![
        late.as_str(),
        deciding.as_str(),
        signed.as_str(),
        unsigned.as_str(),
        waiting.as_str(),
        bare.as_str(),
    ];
    open.sort();
    assert_eq!(queue(&mine, WorkQueueCode::Mine), open, "not the supervisor's claim");

    let boss_today = today_of(&boss, today());
    assert_eq!(boss_today[0].0, WorkQueueCode::AwaitingMyApproval);
    assert_eq!(queue(&boss_today, WorkQueueCode::AwaitingMyApproval), [waiting.as_str()]);
    assert_eq!(queue(&boss_today, WorkQueueCode::Mine), [bosses.as_str()]);
    // An officer has no approvals to give: the supervisor's line is refused, not empty.
    let query = ClaimListQueryDto {
        state: None,
        due: None,
        awaiting_approval: false,
        queue: Some(WorkQueueCode::AwaitingMyApproval),
        query: String::new(),
        sort: ClaimSortCode::NextDue,
        limit: 10,
        offset: 0,
    };
    assert!(officer.list_claims(&query, today()).is_err());

    // The decision is due on 25 November: "due soon" from 22 November, overdue after it.
    assert!(queue(&today_of(&officer, day("2026-11-21")), WorkQueueCode::DecisionsDue).is_empty());
    assert_eq!(queue(&today_of(&officer, day("2026-11-30")), WorkQueueCode::DecisionsDue), due);
}

#[test]
fn a_deferred_item_is_on_today_thirty_days_before_its_day_until_the_claim_is_closed() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = crate::claims::opened(&dir);
    let claim = desk
        .register_claim(&draft(policy_id(&desk, "0000001"), "2026-10-01", "2026-10-05"), today())
        .unwrap();
    let request = r#"{"injuries": [{"item": "71а"}, {"item": "72"}]}"#;
    desk.calculate_claim(&claim.number, request, today()).unwrap();
    // Item 72 waits nine months from 1 October 2026 (D14): due 1 July 2027.
    assert!(queue(&today_of(&desk, day("2027-05-31")), WorkQueueCode::DeferredDue).is_empty());
    assert_eq!(
        queue(&today_of(&desk, day("2027-06-01")), WorkQueueCode::DeferredDue),
        [claim.number.as_str()]
    );
    assert_eq!(
        queue(&today_of(&desk, day("2027-07-20")), WorkQueueCode::DeferredDue),
        [claim.number.as_str()]
    );
    // A later calculation without the deferred item takes it off.
    desk.calculate_claim(&claim.number, r#"{"injuries": [{"item": "71а"}]}"#, today()).unwrap();
    assert!(queue(&today_of(&desk, day("2027-06-01")), WorkQueueCode::DeferredDue).is_empty());
}
