//! A claim's deadlines, each from its basis date and clause, on the bank-day calendar where
//! the rules count bank days; `today` comes in as an argument.

use chrono::{Days, Months, NaiveDate};

use crate::calendar::{Calendar, CalendarError};
use crate::claim::ClaimState;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum DeadlineKind {
    /// 6.1а: written notice within 30 days of the event.
    Notice,
    /// 6.1б: documents within 3 months of the notice.
    Documents,
    /// 5.3б: documents within 3 months of the insurer's request.
    RequestedDocuments,
    /// 6.6: the decision (a refusal reaches the claimant) within 15 days of complete documents.
    Decision,
    /// 6.9, 7.5: payment within 5 bank days of the act's signing.
    Payment,
    /// 7.2: disability established within 6 months of the accident.
    DisabilityWindow,
    /// D14: an item of the claim's calculation deferred by its waiting period (the annex
    /// notes of 44б, 45, 72, 76, 93, 99, 107): from its date a supplementary decision is due.
    Waiting,
}

impl std::str::FromStr for DeadlineKind {
    type Err = crate::decision::UnknownKind;

    fn from_str(code: &str) -> Result<Self, Self::Err> {
        DeadlineKind::ALL
            .into_iter()
            .find(|kind| kind.code() == code)
            .ok_or_else(|| crate::decision::UnknownKind(code.to_owned()))
    }
}

impl DeadlineKind {
    pub const ALL: [DeadlineKind; 7] = [
        DeadlineKind::Notice,
        DeadlineKind::Documents,
        DeadlineKind::RequestedDocuments,
        DeadlineKind::Decision,
        DeadlineKind::Payment,
        DeadlineKind::DisabilityWindow,
        DeadlineKind::Waiting,
    ];

    /// The code a claim's row keeps for the deadline it waits on next.
    pub const fn code(self) -> &'static str {
        match self {
            DeadlineKind::Notice => "notice",
            DeadlineKind::Documents => "documents",
            DeadlineKind::RequestedDocuments => "requested_documents",
            DeadlineKind::Decision => "decision",
            DeadlineKind::Payment => "payment",
            DeadlineKind::DisabilityWindow => "disability_window",
            DeadlineKind::Waiting => "waiting",
        }
    }

    pub fn clause(self) -> &'static str {
        match self {
            DeadlineKind::Notice => "6.1а",
            DeadlineKind::Documents => "6.1б",
            DeadlineKind::RequestedDocuments => "5.3б",
            DeadlineKind::Decision => "6.6",
            DeadlineKind::Payment => "6.9, 7.5",
            DeadlineKind::DisabilityWindow => "7.2",
            DeadlineKind::Waiting => "D14",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum DeadlineState {
    /// Open, more than 3 days left.
    Ok,
    /// Open, 3 days or fewer left (today included).
    DueSoon,
    /// Open and past.
    Overdue,
    /// Done on or before the due date.
    Met,
    /// Done, but after the due date.
    MetLate,
    /// A window that closed without being used (7.2).
    Expired,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deadline {
    pub kind: DeadlineKind,
    pub due: NaiveDate,
    /// The date it counts from.
    pub basis: NaiveDate,
    pub state: DeadlineState,
    /// Days from today to the due date (negative when past).
    pub days_left: i64,
    /// The schedule item a waiting deadline is for ("72").
    pub item: Option<String>,
    /// A year the count of bank days runs into whose calendar is not confirmed.
    pub unconfirmed_year: Option<i32>,
}

/// The dates of a claim the deadlines count from (`None`: not happened yet).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DeadlineFacts {
    pub event_date: NaiveDate,
    pub notice_date: NaiveDate,
    pub documents_requested_on: Option<NaiveDate>,
    pub documents_complete_on: Option<NaiveDate>,
    pub decided_on: Option<NaiveDate>,
    pub act_signed_on: Option<NaiveDate>,
    pub paid_on: Option<NaiveDate>,
    pub disability_set_on: Option<NaiveDate>,
    /// The items the claim's latest calculation deferred (D14), with their first day.
    pub waiting: Vec<(String, NaiveDate)>,
}

const DUE_SOON_DAYS: i64 = 3;

fn deadline(
    kind: DeadlineKind,
    basis: NaiveDate,
    due: NaiveDate,
    done: Option<NaiveDate>,
    today: NaiveDate,
) -> Deadline {
    let days_left = (due - today).num_days();
    let state = match done {
        Some(done) if done <= due => DeadlineState::Met,
        Some(_) => DeadlineState::MetLate,
        None if days_left < 0 && kind == DeadlineKind::DisabilityWindow => DeadlineState::Expired,
        None if days_left < 0 => DeadlineState::Overdue,
        None if days_left <= DUE_SOON_DAYS => DeadlineState::DueSoon,
        None => DeadlineState::Ok,
    };
    Deadline { kind, due, basis, state, days_left, item: None, unconfirmed_year: None }
}

fn plus_days(day: NaiveDate, days: u64) -> NaiveDate {
    day.checked_add_days(Days::new(days)).unwrap_or(NaiveDate::MAX)
}

fn plus_months(day: NaiveDate, months: u32) -> NaiveDate {
    day.checked_add_months(Months::new(months)).unwrap_or(NaiveDate::MAX)
}

/// The latest day documents can have been completed on for the decision (6.6: "15 days") to
/// be due within the next three days of `today`, or overdue: a decision is due soon or late
/// exactly when the documents were complete on or before it.
pub fn decision_due_soon_if_complete_by(today: NaiveDate) -> NaiveDate {
    today
        .checked_add_days(Days::new(DUE_SOON_DAYS as u64))
        .and_then(|soon| soon.checked_sub_days(Days::new(15)))
        .unwrap_or(NaiveDate::MIN)
}

/// The first day a notice (6.1б) or the insurer's request (5.3б) can be on and its three
/// months for the documents not yet have passed by `today`: documents counted from a day
/// before it are overdue. Months are calendar months as in [`deadlines`] (31 January + 3
/// months is 30 April), so the day is found by counting, not by subtracting months.
pub fn documents_overdue_if_counted_before(today: NaiveDate) -> NaiveDate {
    let mut day = today.checked_sub_months(Months::new(3)).unwrap_or(NaiveDate::MIN);
    // Clamping at the month's end makes several days map to one: step back to the first.
    while let Some(before) = day.pred_opt().filter(|before| plus_months(*before, 3) >= today) {
        day = before;
    }
    while plus_months(day, 3) < today {
        day = day.succ_opt().unwrap_or(NaiveDate::MAX);
    }
    day
}

/// Every deadline the claim has so far, in the order of the claim's steps.
pub fn deadlines(
    facts: &DeadlineFacts,
    calendar: &Calendar,
    today: NaiveDate,
) -> Result<Vec<Deadline>, CalendarError> {
    use DeadlineKind::*;
    let mut all = vec![
        deadline(Notice, facts.event_date, plus_days(facts.event_date, 30), Some(facts.notice_date), today),
        deadline(
            Documents,
            facts.notice_date,
            plus_months(facts.notice_date, 3),
            facts.documents_complete_on,
            today,
        ),
    ];
    if let Some(requested) = facts.documents_requested_on {
        all.push(deadline(
            RequestedDocuments,
            requested,
            plus_months(requested, 3),
            facts.documents_complete_on,
            today,
        ));
    }
    if let Some(complete) = facts.documents_complete_on {
        all.push(deadline(Decision, complete, plus_days(complete, 15), facts.decided_on, today));
    }
    if let Some(signed) = facts.act_signed_on {
        let due = calendar.bank_days_after(signed, 5)?;
        let mut payment = deadline(Payment, signed, due, facts.paid_on, today);
        payment.unconfirmed_year = calendar.unconfirmed_between(signed, due);
        all.push(payment);
    }
    all.push(deadline(
        DisabilityWindow,
        facts.event_date,
        plus_months(facts.event_date, 6),
        facts.disability_set_on,
        today,
    ));
    for (item, earliest) in &facts.waiting {
        let mut waiting = deadline(Waiting, facts.event_date, *earliest, None, today);
        waiting.item = Some(item.clone());
        all.push(waiting);
    }
    Ok(all)
}

impl Deadline {
    /// Not done yet (an expired window is not a task).
    pub fn is_open(&self) -> bool {
        matches!(self.state, DeadlineState::Ok | DeadlineState::DueSoon | DeadlineState::Overdue)
    }
}

/// The deadline the claim waits on next: the earliest open one among those someone must
/// act on (documents, decision, payment), while the claim is still moving, and a deferred
/// item's date (D14) until the claim is refused or closed — a paid claim still owes its
/// supplementary decision. A refused, deferred (6.7), paid or closed claim waits on no
/// other; the disability window (7.2) is a window, not a task. Which deadlines are open
/// does not depend on `today`, so the result can be stored and compared with any day.
pub fn next_due(all: &[Deadline], state: ClaimState) -> Option<&Deadline> {
    use ClaimState::*;
    let moving = matches!(state, Registered | AwaitingDocuments | UnderReview | Approved | ActSigned);
    let waiting = !matches!(state, Refused | Closed);
    all.iter()
        .filter(|deadline| deadline.is_open())
        .filter(|deadline| match deadline.kind {
            DeadlineKind::DisabilityWindow => false,
            DeadlineKind::Waiting => waiting,
            _ => moving,
        })
        .min_by_key(|deadline| deadline.due)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::DayKind;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap_or_default()
    }

    fn facts() -> DeadlineFacts {
        DeadlineFacts {
            event_date: day("2026-04-02"),
            notice_date: day("2026-04-10"),
            ..DeadlineFacts::default()
        }
    }

    fn find(all: &[Deadline], kind: DeadlineKind) -> Deadline {
        all.iter().find(|deadline| deadline.kind == kind).cloned().unwrap_or_else(|| panic!("{kind:?}"))
    }

    #[test]
    fn notice_and_documents_count_from_their_basis() {
        let all = deadlines(&facts(), &Calendar::default(), day("2026-05-01")).unwrap_or_default();
        let notice = find(&all, DeadlineKind::Notice);
        assert_eq!((notice.due, notice.state), (day("2026-05-02"), DeadlineState::Met));
        let documents = find(&all, DeadlineKind::Documents);
        assert_eq!(
            (documents.basis, documents.due, documents.state),
            (day("2026-04-10"), day("2026-07-10"), DeadlineState::Ok)
        );
        assert!(
            all.iter().all(|deadline| deadline.kind != DeadlineKind::Decision),
            "no decision clock before documents"
        );
    }

    #[test]
    fn late_notice_is_met_late_never_a_refusal_by_itself() {
        let late = DeadlineFacts { notice_date: day("2026-05-20"), ..facts() };
        let all = deadlines(&late, &Calendar::default(), day("2026-05-20")).unwrap_or_default();
        assert_eq!(find(&all, DeadlineKind::Notice).state, DeadlineState::MetLate);
    }

    #[test]
    fn the_decision_clock_starts_when_documents_are_complete_and_shows_due_soon_and_overdue() {
        let complete = DeadlineFacts { documents_complete_on: Some(day("2026-05-04")), ..facts() };
        let at = |today: &str| {
            find(
                &deadlines(&complete, &Calendar::default(), day(today)).unwrap_or_default(),
                DeadlineKind::Decision,
            )
        };
        assert_eq!(at("2026-05-10").due, day("2026-05-19"));
        assert_eq!(at("2026-05-10").state, DeadlineState::Ok);
        assert_eq!(at("2026-05-16").state, DeadlineState::DueSoon);
        assert_eq!(at("2026-05-19").state, DeadlineState::DueSoon);
        assert_eq!(at("2026-05-20").state, DeadlineState::Overdue);
        assert_eq!(at("2026-05-20").days_left, -1);
    }

    #[test]
    fn payment_counts_five_bank_days_from_signing_on_the_calendar() {
        let calendar =
            Calendar::new([(day("2026-12-31"), DayKind::Holiday), (day("2027-01-01"), DayKind::Holiday)]);
        let signed = DeadlineFacts {
            act_signed_on: Some(day("2026-12-25")),
            paid_on: Some(day("2027-01-05")),
            ..facts()
        };
        let payment = find(
            &deadlines(&signed, &calendar, day("2027-01-10")).unwrap_or_default(),
            DeadlineKind::Payment,
        );
        assert_eq!((payment.due, payment.state), (day("2027-01-05"), DeadlineState::Met));
        assert_eq!(payment.unconfirmed_year, None, "confirmation not tracked: every year counts");
        // Issue 18: with only 2026 confirmed, five bank days into 2027 say so; within 2026 not.
        let confirmed = calendar.with_confirmed([2026]);
        let across = find(
            &deadlines(&signed, &confirmed, day("2027-01-10")).unwrap_or_default(),
            DeadlineKind::Payment,
        );
        assert_eq!((across.due, across.unconfirmed_year), (day("2027-01-05"), Some(2027)));
        let within = DeadlineFacts { act_signed_on: Some(day("2026-11-02")), paid_on: None, ..facts() };
        let inside = find(
            &deadlines(&within, &confirmed, day("2026-11-03")).unwrap_or_default(),
            DeadlineKind::Payment,
        );
        assert_eq!(inside.unconfirmed_year, None);
    }

    #[test]
    fn the_claim_waits_on_its_earliest_open_task_while_it_moves() {
        let requested = DeadlineFacts { documents_requested_on: Some(day("2026-04-20")), ..facts() };
        let all = deadlines(&requested, &Calendar::default(), day("2026-04-21")).unwrap_or_default();
        let next =
            next_due(&all, ClaimState::AwaitingDocuments).map(|deadline| (deadline.kind, deadline.due));
        assert_eq!(next, Some((DeadlineKind::Documents, day("2026-07-10"))));
        assert_eq!(next_due(&all, ClaimState::Deferred), None);
        let complete = DeadlineFacts { documents_complete_on: Some(day("2026-05-04")), ..facts() };
        let all = deadlines(&complete, &Calendar::default(), day("2027-01-01")).unwrap_or_default();
        let next = next_due(&all, ClaimState::UnderReview).map(|deadline| (deadline.kind, deadline.state));
        assert_eq!(
            next,
            Some((DeadlineKind::Decision, DeadlineState::Overdue)),
            "not the expired 7.2 window"
        );
        let decided = DeadlineFacts { decided_on: Some(day("2026-05-10")), ..complete };
        let all = deadlines(&decided, &Calendar::default(), day("2027-01-01")).unwrap_or_default();
        assert_eq!(next_due(&all, ClaimState::Approved), None);
    }

    #[test]
    fn the_disability_window_expires_unused_and_a_request_adds_its_own_deadline() {
        let requested = DeadlineFacts { documents_requested_on: Some(day("2026-06-01")), ..facts() };
        let all = deadlines(&requested, &Calendar::default(), day("2026-10-03")).unwrap_or_default();
        assert_eq!(find(&all, DeadlineKind::DisabilityWindow).state, DeadlineState::Expired);
        assert_eq!(find(&all, DeadlineKind::RequestedDocuments).due, day("2026-09-01"));
        assert_eq!(find(&all, DeadlineKind::Documents).state, DeadlineState::Overdue);
    }

    #[test]
    fn a_deferred_item_is_a_deadline_from_its_date_and_outlives_the_payment() {
        let waiting = DeadlineFacts {
            documents_complete_on: Some(day("2026-05-04")),
            decided_on: Some(day("2026-05-10")),
            act_signed_on: Some(day("2026-05-11")),
            paid_on: Some(day("2026-05-12")),
            waiting: vec![("72".to_owned(), day("2027-01-02"))],
            ..facts()
        };
        let all = deadlines(&waiting, &Calendar::default(), day("2026-12-31")).unwrap_or_default();
        let item = find(&all, DeadlineKind::Waiting);
        assert_eq!(
            (item.basis, item.due, item.item.as_deref()),
            (day("2026-04-02"), day("2027-01-02"), Some("72"))
        );
        assert_eq!(item.state, DeadlineState::DueSoon);
        assert_eq!(next_due(&all, ClaimState::Paid).map(|next| next.kind), Some(DeadlineKind::Waiting));
        assert_eq!(next_due(&all, ClaimState::Closed), None, "closing gives the item up");
        assert_eq!(next_due(&all, ClaimState::Refused), None);
    }

    #[test]
    fn the_today_bounds_agree_with_the_deadlines_on_every_day_of_two_years() {
        let calendar = Calendar::default();
        let mut today = day("2026-01-01");
        while today < day("2028-01-01") {
            let bound = documents_overdue_if_counted_before(today);
            for notice in [bound.pred_opt().unwrap_or_default(), bound] {
                let facts =
                    DeadlineFacts { event_date: notice, notice_date: notice, ..DeadlineFacts::default() };
                let all = deadlines(&facts, &calendar, today).unwrap_or_default();
                let overdue = find(&all, DeadlineKind::Documents).state == DeadlineState::Overdue;
                assert_eq!(overdue, notice < bound, "notice {notice}, today {today}");
            }
            let complete_by = decision_due_soon_if_complete_by(today);
            for complete in [complete_by, complete_by.succ_opt().unwrap_or_default()] {
                let facts = DeadlineFacts { documents_complete_on: Some(complete), ..facts() };
                let all = deadlines(&facts, &calendar, today).unwrap_or_default();
                let state = find(&all, DeadlineKind::Decision).state;
                let soon_or_late = matches!(state, DeadlineState::DueSoon | DeadlineState::Overdue);
                assert_eq!(soon_or_late, complete <= complete_by, "complete {complete}, today {today}");
            }
            today = today.succ_opt().unwrap_or_default();
        }
    }
}
