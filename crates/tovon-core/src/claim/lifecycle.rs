//! The claim lifecycle as an explicit state machine: registered → awaiting documents →
//! under review → approved | refused | deferred (6.7) → act signed → paid → closed, and a
//! reopening (with its reason) back to review for a supplementary decision.

use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ClaimState {
    Registered,
    AwaitingDocuments,
    UnderReview,
    Approved,
    Refused,
    /// 6.7, 5.3е: the decision waits for a criminal, civil or administrative case.
    Deferred,
    /// 1.1.15, 6.5: the incident act signed by both sides; payment within 5 bank days (6.9).
    ActSigned,
    Paid,
    Closed,
}

impl ClaimState {
    pub const ALL: [ClaimState; 9] = [
        ClaimState::Registered,
        ClaimState::AwaitingDocuments,
        ClaimState::UnderReview,
        ClaimState::Approved,
        ClaimState::Refused,
        ClaimState::Deferred,
        ClaimState::ActSigned,
        ClaimState::Paid,
        ClaimState::Closed,
    ];

    /// The name used in the database, the CLI and the UI.
    pub fn code(self) -> &'static str {
        match self {
            ClaimState::Registered => "registered",
            ClaimState::AwaitingDocuments => "awaiting_documents",
            ClaimState::UnderReview => "under_review",
            ClaimState::Approved => "approved",
            ClaimState::Refused => "refused",
            ClaimState::Deferred => "deferred",
            ClaimState::ActSigned => "act_signed",
            ClaimState::Paid => "paid",
            ClaimState::Closed => "closed",
        }
    }

    /// Before the decision (6.5–6.7): documents are still gathered, a calculation may change.
    pub fn is_undecided(self) -> bool {
        matches!(
            self,
            ClaimState::Registered
                | ClaimState::AwaitingDocuments
                | ClaimState::UnderReview
                | ClaimState::Deferred
        )
    }

    /// A state a decision, the act's signing or a payment leads to — never a move by hand.
    pub fn is_decided_by_a_step(self) -> bool {
        matches!(
            self,
            ClaimState::Approved
                | ClaimState::Refused
                | ClaimState::Deferred
                | ClaimState::ActSigned
                | ClaimState::Paid
        )
    }

    /// The moves a person makes by hand from here (the others are made by a decision).
    pub fn hand_moves(self) -> Vec<ClaimState> {
        self.next().iter().copied().filter(|next| !next.is_decided_by_a_step()).collect()
    }

    /// The states a claim may go to from this one.
    pub fn next(self) -> &'static [ClaimState] {
        use ClaimState::*;
        match self {
            Registered => &[AwaitingDocuments, UnderReview, Refused],
            // 6.1б: documents not given within 3 months may be refused.
            AwaitingDocuments => &[UnderReview, Refused],
            // 6.4: the insurer may ask for more documents.
            UnderReview => &[Approved, Refused, Deferred, AwaitingDocuments],
            Deferred => &[UnderReview],
            // An approval not yet signed may go back (e.g. the supervisor does not approve).
            Approved => &[ActSigned, UnderReview],
            ActSigned => &[Paid],
            Paid => &[Closed],
            Refused => &[Closed, UnderReview],
            // Reopening: a supplementary decision (e.g. item 72 after nine months).
            Closed => &[UnderReview],
        }
    }
}

impl fmt::Display for ClaimState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for ClaimState {
    type Err = TransitionError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        ClaimState::ALL
            .into_iter()
            .find(|state| state.code() == text.trim())
            .ok_or_else(|| TransitionError::UnknownState(text.to_owned()))
    }
}

/// A legal move with what it needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Transition {
    pub from: ClaimState,
    pub to: ClaimState,
    /// Going back to review from a closed or refused claim: a supplementary decision.
    pub reopening: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TransitionError {
    #[error(
        "unknown claim state {0:?}; expected one of registered, awaiting_documents, under_review, approved, refused, deferred, act_signed, paid, closed"
    )]
    UnknownState(String),
    #[error("a claim {from} cannot become {to}; from {from} it can become {allowed}")]
    Illegal { from: ClaimState, to: ClaimState, allowed: String },
    #[error("reason: going from {from} to {to} needs a reason")]
    ReasonRequired { from: ClaimState, to: ClaimState },
}

/// Whether the lifecycle allows `from` → `to` at all, before the reason a move may need is
/// known (a decision checks this first, then asks for its grounds or case).
pub fn check_move(from: ClaimState, to: ClaimState) -> Result<(), TransitionError> {
    if from.next().contains(&to) {
        return Ok(());
    }
    let allowed = from.next().iter().map(|state| state.code()).collect::<Vec<_>>().join(", ");
    Err(TransitionError::Illegal { from, to, allowed })
}

/// Checks a move: legal from here, and with a reason where the rules want one (a refusal
/// is reasoned, 6.6; a deferral names its case, 6.7; a reopening says why).
pub fn check_transition(
    from: ClaimState,
    to: ClaimState,
    reason: &str,
) -> Result<Transition, TransitionError> {
    check_move(from, to)?;
    let reopening = matches!(from, ClaimState::Closed | ClaimState::Refused) && to == ClaimState::UnderReview;
    let needs_reason = reopening || matches!(to, ClaimState::Refused | ClaimState::Deferred);
    if needs_reason && reason.trim().is_empty() {
        return Err(TransitionError::ReasonRequired { from, to });
    }
    Ok(Transition { from, to, reopening })
}

#[cfg(test)]
mod tests {
    use super::ClaimState::*;
    use super::*;

    #[test]
    fn the_happy_path_of_an_approved_claim() {
        let path = [Registered, AwaitingDocuments, UnderReview, Approved, ActSigned, Paid, Closed];
        for pair in path.windows(2) {
            assert!(check_transition(pair[0], pair[1], "").is_ok(), "{} → {}", pair[0], pair[1]);
        }
    }

    #[test]
    fn illegal_moves_are_refused_naming_what_is_allowed() {
        let error = check_transition(Registered, Paid, "").unwrap_err();
        assert_eq!(
            error.to_string(),
            "a claim registered cannot become paid; from registered it can become awaiting_documents, under_review, refused"
        );
        assert!(check_transition(Paid, Refused, "late").is_err());
        assert!(check_transition(ActSigned, UnderReview, "why").is_err(), "a signed act is not undone");
    }

    #[test]
    fn refusals_deferrals_and_reopenings_need_a_reason() {
        assert_eq!(
            check_transition(UnderReview, Refused, " "),
            Err(TransitionError::ReasonRequired { from: UnderReview, to: Refused })
        );
        assert!(check_transition(UnderReview, Deferred, "жиноят иши №12").is_ok());
        let reopened =
            check_transition(Closed, UnderReview, "72-банд: 9 ой ўтди").unwrap_or_else(|e| panic!("{e}"));
        assert!(reopened.reopening);
        assert!(check_transition(Closed, UnderReview, "").is_err());
    }

    #[test]
    fn every_state_has_a_way_on_and_codes_round_trip() {
        for state in ClaimState::ALL {
            assert!(!state.next().is_empty(), "{state} is a dead end");
            assert_eq!(state.code().parse::<ClaimState>(), Ok(state));
        }
        assert!(matches!("done".parse::<ClaimState>(), Err(TransitionError::UnknownState(_))));
    }
}
