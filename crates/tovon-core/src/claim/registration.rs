//! What registering an incident checks: the dates that must hold (refused as errors) and
//! the facts the rules let the insurer act on (shown as warnings, never a refusal by
//! themselves): the policy period (2.2, 2.3), the premium more than 30 days late (5.3ж),
//! the 30-day notice (6.1а) and the suicide two-year rule (3.1ж).

use chrono::{Days, Months, NaiveDate};

/// The dates and facts of an incident being registered, with its policy's dates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegistrationFacts {
    pub event_date: NaiveDate,
    pub notice_date: NaiveDate,
    pub today: NaiveDate,
    pub policy_issued_on: NaiveDate,
    pub policy_starts_on: NaiveDate,
    pub policy_ends_on: NaiveDate,
    pub premium_paid_on: Option<NaiveDate>,
    /// The event is a suicide or an attempt (3.1ж).
    pub suicide: bool,
}

/// A date of the incident that cannot be right; `field` names it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RegistrationError {
    #[error("event_date: {event_date} is after today ({today})")]
    EventInFuture { event_date: NaiveDate, today: NaiveDate },
    #[error("notice_date: {notice_date} is before the event ({event_date})")]
    NoticeBeforeEvent { notice_date: NaiveDate, event_date: NaiveDate },
    #[error("notice_date: {notice_date} is after today ({today})")]
    NoticeInFuture { notice_date: NaiveDate, today: NaiveDate },
}

impl RegistrationError {
    /// The request field the error is about.
    pub fn field(&self) -> &'static str {
        match self {
            RegistrationError::EventInFuture { .. } => "event_date",
            RegistrationError::NoticeBeforeEvent { .. } | RegistrationError::NoticeInFuture { .. } => {
                "notice_date"
            }
        }
    }
}

/// A fact the claims officer must see before going on; each cites its clause.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RegistrationWarning {
    /// 2.2, 2.3: only events within the contract's period are insured events.
    OutsidePeriod { starts_on: NaiveDate, ends_on: NaiveDate },
    /// 5.3ж: the premium was paid (or is still unpaid) more than 30 days after the policy
    /// was issued; the insurer may end the contract.
    PremiumLate { issued_on: NaiveDate, paid_on: Option<NaiveDate>, days_late: i64 },
    /// 6.1а, 5.3б: notice later than 30 days after the event; the insurer MAY refuse.
    LateNotice { due: NaiveDate, days_late: i64 },
    /// 3.1ж: a suicide or attempt before the contract has run two years is not an
    /// insured event.
    SuicideWithinTwoYears { two_years_on: NaiveDate },
}

impl RegistrationWarning {
    pub fn clause(&self) -> &'static str {
        match self {
            RegistrationWarning::OutsidePeriod { .. } => "2.3",
            RegistrationWarning::PremiumLate { .. } => "5.3ж",
            RegistrationWarning::LateNotice { .. } => "6.1а",
            RegistrationWarning::SuicideWithinTwoYears { .. } => "3.1ж",
        }
    }
}

/// 5.3ж: "more than 30 (thirty) calendar days".
const PREMIUM_GRACE_DAYS: i64 = 30;
/// 6.1а: "no later than 30 days".
const NOTICE_DAYS: u64 = 30;

/// Checks the dates (errors) and returns the warnings, in the order of the clauses above.
pub fn check_registration(facts: &RegistrationFacts) -> Result<Vec<RegistrationWarning>, RegistrationError> {
    let RegistrationFacts { event_date, notice_date, today, .. } = *facts;
    if event_date > today {
        return Err(RegistrationError::EventInFuture { event_date, today });
    }
    if notice_date < event_date {
        return Err(RegistrationError::NoticeBeforeEvent { notice_date, event_date });
    }
    if notice_date > today {
        return Err(RegistrationError::NoticeInFuture { notice_date, today });
    }
    let mut warnings = Vec::new();
    if event_date < facts.policy_starts_on || event_date > facts.policy_ends_on {
        warnings.push(RegistrationWarning::OutsidePeriod {
            starts_on: facts.policy_starts_on,
            ends_on: facts.policy_ends_on,
        });
    }
    // Unpaid: counted up to the event (what the insurer knew of the contract then).
    let paid_or_event = facts.premium_paid_on.unwrap_or(event_date);
    let days_late = (paid_or_event - facts.policy_issued_on).num_days() - PREMIUM_GRACE_DAYS;
    if days_late > 0 {
        warnings.push(RegistrationWarning::PremiumLate {
            issued_on: facts.policy_issued_on,
            paid_on: facts.premium_paid_on,
            days_late,
        });
    }
    let notice_due = event_date.checked_add_days(Days::new(NOTICE_DAYS)).unwrap_or(NaiveDate::MAX);
    if notice_date > notice_due {
        warnings.push(RegistrationWarning::LateNotice {
            due: notice_due,
            days_late: (notice_date - notice_due).num_days(),
        });
    }
    if facts.suicide {
        // "the contract has run more than two years" by the time of the event.
        let two_years_on =
            facts.policy_starts_on.checked_add_months(Months::new(24)).unwrap_or(NaiveDate::MAX);
        if event_date <= two_years_on {
            warnings.push(RegistrationWarning::SuicideWithinTwoYears { two_years_on });
        }
    }
    Ok(warnings)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap_or_default()
    }

    fn facts() -> RegistrationFacts {
        RegistrationFacts {
            event_date: day("2026-04-02"),
            notice_date: day("2026-04-10"),
            today: day("2026-04-20"),
            policy_issued_on: day("2026-01-10"),
            policy_starts_on: day("2026-01-11"),
            policy_ends_on: day("2027-01-10"),
            premium_paid_on: Some(day("2026-01-10")),
            suicide: false,
        }
    }

    #[test]
    fn an_ordinary_incident_has_no_warnings() {
        assert_eq!(check_registration(&facts()), Ok(vec![]));
    }

    #[test]
    fn impossible_dates_are_errors_naming_the_field() {
        let future = RegistrationFacts { event_date: day("2026-04-21"), ..facts() };
        assert_eq!(check_registration(&future).map_err(|e| e.field()), Err("event_date"));
        let early = RegistrationFacts { notice_date: day("2026-04-01"), ..facts() };
        assert_eq!(check_registration(&early).map_err(|e| e.field()), Err("notice_date"));
        let later = RegistrationFacts { notice_date: day("2026-04-21"), ..facts() };
        assert_eq!(check_registration(&later).map_err(|e| e.field()), Err("notice_date"));
    }

    #[test]
    fn an_event_outside_the_period_is_flagged_with_the_period() {
        let before =
            RegistrationFacts { event_date: day("2026-01-10"), notice_date: day("2026-01-12"), ..facts() };
        assert_eq!(
            check_registration(&before),
            Ok(vec![RegistrationWarning::OutsidePeriod {
                starts_on: day("2026-01-11"),
                ends_on: day("2027-01-10")
            }])
        );
        let last_day = RegistrationFacts {
            event_date: day("2027-01-10"),
            notice_date: day("2027-01-10"),
            today: day("2027-01-11"),
            ..facts()
        };
        assert_eq!(check_registration(&last_day), Ok(vec![]), "the last day is inside");
    }

    #[test]
    fn a_premium_more_than_thirty_days_late_or_unpaid_is_flagged() {
        let thirty = RegistrationFacts { premium_paid_on: Some(day("2026-02-09")), ..facts() };
        assert_eq!(check_registration(&thirty), Ok(vec![]), "30 days is not more than 30");
        let late = RegistrationFacts { premium_paid_on: Some(day("2026-02-10")), ..facts() };
        assert!(matches!(
            check_registration(&late).as_deref(),
            Ok([RegistrationWarning::PremiumLate { days_late: 1, .. }])
        ));
        let unpaid = RegistrationFacts { premium_paid_on: None, ..facts() };
        assert!(matches!(
            check_registration(&unpaid).as_deref(),
            Ok([RegistrationWarning::PremiumLate { paid_on: None, days_late: 52, .. }])
        ));
    }

    #[test]
    fn notice_after_thirty_days_is_a_warning_not_a_refusal() {
        let on_time =
            RegistrationFacts { notice_date: day("2026-05-02"), today: day("2026-05-02"), ..facts() };
        assert_eq!(check_registration(&on_time), Ok(vec![]));
        let late = RegistrationFacts { notice_date: day("2026-05-05"), today: day("2026-05-05"), ..facts() };
        assert_eq!(
            check_registration(&late),
            Ok(vec![RegistrationWarning::LateNotice { due: day("2026-05-02"), days_late: 3 }])
        );
    }

    #[test]
    fn suicide_within_two_years_of_the_start_is_flagged_after_not() {
        let early = RegistrationFacts { suicide: true, ..facts() };
        assert_eq!(
            check_registration(&early),
            Ok(vec![RegistrationWarning::SuicideWithinTwoYears { two_years_on: day("2028-01-11") }])
        );
        let long_policy = RegistrationFacts {
            suicide: true,
            policy_starts_on: day("2024-01-01"),
            policy_issued_on: day("2024-01-01"),
            premium_paid_on: Some(day("2024-01-01")),
            ..facts()
        };
        assert_eq!(check_registration(&long_policy), Ok(vec![]));
    }
}
