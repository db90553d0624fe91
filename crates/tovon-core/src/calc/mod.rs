//! The payout calculator: a request (sum insured, dates, outcome, prior payments, injuries)
//! against one schedule version gives lines that each name their clause, warnings, deferred
//! items, and the payable amount (7.1–7.4 of the rules, the annex, decisions D1–D28).

mod engine;
mod error;
mod money;
mod request;
mod resolve;
mod result;

pub use engine::calculate;
pub use error::CalcError;
pub use money::line_amount;
pub use request::{
    CONCLUSION_ITEM, CalcRequest, CalcSettings, Conclusion, Injury, Outcome, PriorPayment, Side,
};
pub use result::{Calculation, Deferred, Line, LineKind};
