//! A claim on a policy: what registering it checks, its lifecycle and its deadlines.

mod deadlines;
mod lifecycle;
mod progress;
mod registration;

pub use deadlines::{
    Deadline, DeadlineFacts, DeadlineKind, DeadlineState, deadlines, decision_due_soon_if_complete_by,
    documents_overdue_if_counted_before, next_due,
};
pub use lifecycle::{ClaimState, Transition, TransitionError, check_move, check_transition};
pub use progress::record_step;
pub use registration::{RegistrationError, RegistrationFacts, RegistrationWarning, check_registration};
