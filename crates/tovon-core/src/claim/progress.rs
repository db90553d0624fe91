//! What a step of the lifecycle does to the dates the deadlines count from.

use chrono::NaiveDate;

use crate::claim::{ClaimState, DeadlineFacts, Transition};

/// Records a legal move made on `on` in the claim's dates:
/// - to awaiting documents: the insurer's request (5.3б counts 3 months from it); the set
///   is no longer complete;
/// - to review from registration, awaiting documents or a deferral: documents complete,
///   the 15-day decision clock (6.6) starts (after a deferral, 6.7, from the ruling);
/// - a reopening (from closed or refused): a supplementary decision, so the decision,
///   act and payment start again from this day; the earlier ones stay in the events;
/// - approved or refused: the decision; act signed (6.9's 5 bank days start); paid.
pub fn record_step(facts: &mut DeadlineFacts, transition: &Transition, on: NaiveDate) {
    use ClaimState::*;
    match transition.to {
        AwaitingDocuments => {
            facts.documents_requested_on = Some(on);
            facts.documents_complete_on = None;
        }
        UnderReview if transition.reopening => {
            facts.documents_complete_on = Some(on);
            facts.decided_on = None;
            facts.act_signed_on = None;
            facts.paid_on = None;
        }
        UnderReview if matches!(transition.from, Registered | AwaitingDocuments | Deferred) => {
            facts.documents_complete_on = Some(on);
        }
        // Back from an approval not signed: the decision is to be made again.
        UnderReview => facts.decided_on = None,
        Approved | Refused => facts.decided_on = Some(on),
        ActSigned => facts.act_signed_on = Some(on),
        Paid => facts.paid_on = Some(on),
        Registered | Deferred | Closed => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claim::check_transition;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap_or_default()
    }

    fn step(facts: &mut DeadlineFacts, from: ClaimState, to: ClaimState, on: &str) {
        let transition = check_transition(from, to, "why").unwrap_or_else(|e| panic!("{e}"));
        record_step(facts, &transition, day(on));
    }

    #[test]
    fn each_step_sets_the_date_its_deadline_counts_from() {
        use ClaimState::*;
        let mut facts = DeadlineFacts {
            event_date: day("2026-04-02"),
            notice_date: day("2026-04-10"),
            ..Default::default()
        };
        step(&mut facts, Registered, AwaitingDocuments, "2026-04-11");
        assert_eq!(facts.documents_requested_on, Some(day("2026-04-11")));
        step(&mut facts, AwaitingDocuments, UnderReview, "2026-05-04");
        assert_eq!(facts.documents_complete_on, Some(day("2026-05-04")));
        step(&mut facts, UnderReview, Approved, "2026-05-10");
        step(&mut facts, Approved, ActSigned, "2026-05-12");
        step(&mut facts, ActSigned, Paid, "2026-05-15");
        assert_eq!(
            (facts.decided_on, facts.act_signed_on, facts.paid_on),
            (Some(day("2026-05-10")), Some(day("2026-05-12")), Some(day("2026-05-15")))
        );
        step(&mut facts, Paid, Closed, "2026-05-16");
        step(&mut facts, Closed, UnderReview, "2027-01-05");
        assert_eq!(
            (facts.documents_complete_on, facts.decided_on, facts.act_signed_on, facts.paid_on),
            (Some(day("2027-01-05")), None, None, None),
            "a supplementary decision starts its clocks again"
        );
    }

    #[test]
    fn asking_for_more_documents_reopens_the_set() {
        use ClaimState::*;
        let mut facts =
            DeadlineFacts { documents_complete_on: Some(day("2026-05-04")), ..Default::default() };
        step(&mut facts, UnderReview, AwaitingDocuments, "2026-05-06");
        assert_eq!(
            (facts.documents_requested_on, facts.documents_complete_on),
            (Some(day("2026-05-06")), None)
        );
    }
}
