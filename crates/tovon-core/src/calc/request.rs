//! What the calculator is asked: the policy's sum insured, the event and its outcome, what
//! was paid before, and the injuries picked from the schedule.

use chrono::NaiveDate;
use rust_decimal::Decimal;

/// The outcome of the event (7.1 injury, 7.2 disability, 7.3 death).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Outcome {
    #[default]
    Injury,
    Disability1,
    Disability2,
    Death,
}

/// Which hand, for the finger items 82–87 (D12).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Side {
    Left,
    Right,
}

/// One injury picked from the schedule.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Injury {
    /// As printed: "70б"; "6" with `days`, "20" with the acuity pair.
    pub item: String,
    pub count: u32,
    pub side: Option<Side>,
    pub surgery: bool,
    pub acuity_before: Option<String>,
    pub acuity_after: Option<String>,
    pub days: Option<u32>,
    /// D22: the bone of a by-bone item (37): "upper_jaw", "cheekbone", "lower_jaw",
    /// "lower_jaw_dislocation".
    pub bone: Option<String>,
    /// D27: an injury the schedule does not list, paid on the insurer's doctor's
    /// conclusion (7.1, second paragraph); `item` is then "7.1".
    pub conclusion: Option<Conclusion>,
}

/// The item id a doctor's conclusion is picked as.
pub const CONCLUSION_ITEM: &str = "7.1";

/// D27: the insurer's doctor's conclusion on an injury the schedule lacks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conclusion {
    /// The schedule section the injury belongs to (its id).
    pub section: String,
    /// The percentage the conclusion gives; capped at the section's largest item.
    pub percent: Decimal,
    /// The conclusion's number and date, as written on it.
    pub reference: String,
}

/// A payment already made to the same insured person under the same policy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PriorPayment {
    pub item: Option<String>,
    pub amount: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalcRequest {
    pub sum_insured: Decimal,
    pub event_date: NaiveDate,
    pub calc_date: NaiveDate,
    pub birth_date: Option<NaiveDate>,
    pub outcome: Outcome,
    pub outcome_date: Option<NaiveDate>,
    pub prior_payments: Vec<PriorPayment>,
    pub injuries: Vec<Injury>,
}

/// Administrator settings that change the arithmetic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CalcSettings {
    /// D9: pay disability group II at the annex's 100 % instead of 7.2's 80 %.
    pub disability_2_at_annex_percent: bool,
}
