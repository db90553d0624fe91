//! The decision on a claim (6.5–6.7): the refusal grounds catalogue, the payees of an act
//! (1.1.3) and what earlier acts paid, as the next calculation deducts it (7.2–7.4, D15).

mod grounds;
mod kinds;
mod payees;
mod prior;

pub use grounds::{Ground, Grounds, GroundsError};
pub use kinds::{DecisionKind, DocumentKind, UnknownKind};
pub use payees::{Payee, PayeeError, PayeeRole, check_payees};
pub use prior::paid_by_item;
