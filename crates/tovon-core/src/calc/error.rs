//! Why a request cannot be calculated; each error names the field or the item.

use chrono::NaiveDate;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CalcError {
    #[error("sum_insured: must be more than 0, got {0}")]
    SumInsuredNotPositive(String),
    #[error("injuries[{index}].item: {item} is not an item of schedule version {version}")]
    UnknownItem { index: usize, item: String, version: u32 },
    #[error("injuries[{index}].item: {item} is not in the approved table: {reason}")]
    MissingItem { index: usize, item: String, reason: String },
    #[error("injuries[{index}].item: article {item} has sub-items; pick one of {choices}")]
    ArticleNeedsSubItem { index: usize, item: String, choices: String },
    #[error(
        "injuries[{index}].item: {item} has no percentage in the approved table ({reason}); an administrator must set it first"
    )]
    NoPercentage { index: usize, item: String, reason: String },
    #[error("injuries[{index}].count: must be 1 or more")]
    CountBelowOne { index: usize },
    #[error("injuries[{index}].count: {item} counts at most {max} ({clause})")]
    CountAboveMax { index: usize, item: String, max: u32, clause: String },
    #[error("injuries[{index}].side: {item} needs the hand, \"left\" or \"right\" (D12)")]
    SideRequired { index: usize, item: String },
    #[error("injuries[{index}].bone: item {item} is picked by bone, one of {choices} (D22)")]
    BoneRequired { index: usize, item: String, choices: String },
    #[error("injuries[{index}].bone: {bone:?} is not a bone of item {item}; expected one of {choices}")]
    UnknownBone { index: usize, item: String, bone: String, choices: String },
    #[error("injuries[{index}].bone: item {item} is not picked by bone")]
    BoneNotTaken { index: usize, item: String },
    #[error(
        "injuries[{index}].bone: {bone} of item {item} is already on the calculation; one injury per bone (D22)"
    )]
    BoneTwice { index: usize, item: String, bone: String },
    #[error("injuries[{index}].count: item {item} takes no count; add one injury per bone (D22)")]
    CountByBone { index: usize, item: String },
    #[error("injuries[{index}].section: {section:?} is not a section of schedule version {version}")]
    UnknownSection { index: usize, section: String, version: u32 },
    #[error(
        "injuries[{index}].percent: a doctor's conclusion needs a percentage above 0 and at most 100, with at most two decimals; got {value}"
    )]
    ConclusionPercent { index: usize, value: String },
    #[error(
        "injuries[{index}].reference: a doctor's conclusion needs its number and date, at most 200 characters (7.1)"
    )]
    ConclusionReference { index: usize },
    #[error("injuries[{index}].acuity_before: item 20 needs acuity_before and acuity_after")]
    AcuityRequired { index: usize },
    #[error(
        "injuries[{index}].acuity_after: the table of item 20 has no legible cell for {before} → {after} (D8)"
    )]
    AcuityCellMissing { index: usize, before: String, after: String },
    #[error("injuries[{index}].acuity_before: the table of item 20 has no row for {before} (D8)")]
    AcuityBeforeUnknown { index: usize, before: String },
    #[error("injuries[{index}].days: item 6 needs the days of in-patient treatment (1 or more)")]
    DaysRequired { index: usize },
    #[error("birth_date: item {item} depends on age (D16); give the birth date")]
    BirthDateRequired { item: String },
    #[error("birth_date: {birth} is after the event date {event}")]
    BirthAfterEvent { birth: NaiveDate, event: NaiveDate },
    #[error("calc_date: {calc} is before the event date {event}")]
    CalcBeforeEvent { calc: NaiveDate, event: NaiveDate },
    #[error("outcome_date: required for {outcome}")]
    OutcomeDateRequired { outcome: &'static str },
    #[error("outcome_date: {outcome_date} is before the event date {event}")]
    OutcomeBeforeEvent { outcome_date: NaiveDate, event: NaiveDate },
    #[error("prior_payments[{index}].amount: must not be negative")]
    NegativePriorPayment { index: usize },
    #[error("event_date: no schedule version is in force on {0}")]
    NoTableInForce(NaiveDate),
}

impl CalcError {
    /// The request field the error is about, as a path ("injuries[2].item").
    pub fn field(&self) -> String {
        let text = self.to_string();
        text.split_once(':').map(|(field, _)| field.to_owned()).unwrap_or_default()
    }
}
