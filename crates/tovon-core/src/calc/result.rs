//! What the calculator answers: lines with clauses, warnings, deferred items, totals.

use chrono::NaiveDate;
use rust_decimal::Decimal;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum LineKind {
    /// A schedule item (7.1).
    Item,
    /// An item that counts 0 here, with the reason (once, excluded, deferred, on top).
    Zeroed,
    /// A surgery add-on (D2).
    SurgeryAddon,
    /// A cap cut, negative (D12).
    Cap,
    /// The outcome's top-up over the table lines (7.2, 7.3, D10).
    Outcome,
    /// An earlier payment subtracted (7.2–7.4, D15).
    Deduction,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub kind: LineKind,
    pub item: String,
    pub text: String,
    /// `None` for a deduction, which is an amount, not a percentage.
    pub percent: Option<Decimal>,
    pub amount: Decimal,
    pub clause: String,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deferred {
    pub item: String,
    pub earliest_date: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Calculation {
    pub table_version: u32,
    pub lines: Vec<Line>,
    pub warnings: Vec<String>,
    pub deferred: Vec<Deferred>,
    /// The percentage of the sum insured the lines add up to (deductions aside).
    pub total_percent: Decimal,
    /// The sum of the rounded lines before deductions (D13).
    pub gross: Decimal,
    pub prior_paid: Decimal,
    pub payable: Decimal,
}
