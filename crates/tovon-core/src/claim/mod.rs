//! A claim on a policy: its lifecycle and its deadlines.

mod deadlines;
mod lifecycle;

pub use deadlines::{Deadline, DeadlineFacts, DeadlineKind, DeadlineState, deadlines};
pub use lifecycle::{ClaimState, Transition, TransitionError, check_transition};
