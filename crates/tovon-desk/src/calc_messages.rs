//! The calculator's errors in the user's language (the catalogue's `calc_error.*` keys); the
//! CLI prints their English `Display` for scripts.

use chrono::NaiveDate;
use tovon_core::Language;
use tovon_core::calc::CalcError;

use crate::messages::text;

fn day(date: &NaiveDate) -> String {
    date.format("%d.%m.%Y").to_string()
}

/// D22: bones by their names in `language` ("upper_jaw, cheekbone" → "юқори жағ, ёноқ суяги").
fn bone_names(keys: &str, language: Language) -> String {
    keys.split(", ")
        .map(|key| text(language, &format!("schedule.bone.{key}"), &[]))
        .collect::<Vec<_>>()
        .join(", ")
}

pub(crate) fn calc_error_message(error: &CalcError, language: Language) -> String {
    let say = |key: &str, params: &[(&str, &str)]| text(language, key, params);
    match error {
        CalcError::SumInsuredNotPositive(value) => say("calc_error.sum_insured", &[("value", value)]),
        CalcError::UnknownItem { item, version, .. } => {
            say("calc_error.unknown_item", &[("item", item), ("version", &version.to_string())])
        }
        CalcError::MissingItem { item, reason, .. } => {
            say("calc_error.missing_item", &[("item", item), ("reason", reason)])
        }
        CalcError::ArticleNeedsSubItem { item, choices, .. } => {
            say("calc_error.needs_sub_item", &[("item", item), ("choices", choices)])
        }
        CalcError::NoPercentage { item, reason, .. } => {
            say("calc_error.no_percentage", &[("item", item), ("reason", reason)])
        }
        CalcError::CountBelowOne { index } => {
            say("calc_error.count_below_one", &[("item", &format!("injuries[{index}]"))])
        }
        CalcError::CountAboveMax { item, max, clause, .. } => say(
            "calc_error.count_above_max",
            &[("item", item), ("max", &max.to_string()), ("clause", clause)],
        ),
        CalcError::SideRequired { item, .. } => say("calc_error.side_required", &[("item", item)]),
        CalcError::BoneRequired { item, choices, .. } => {
            say("calc_error.bone_required", &[("item", item), ("choices", &bone_names(choices, language))])
        }
        CalcError::UnknownBone { item, choices, .. } => {
            say("calc_error.unknown_bone", &[("item", item), ("choices", &bone_names(choices, language))])
        }
        CalcError::BoneNotTaken { item, .. } => say("calc_error.bone_not_taken", &[("item", item)]),
        CalcError::BoneTwice { item, bone, .. } => {
            say("calc_error.bone_twice", &[("item", item), ("bone", &bone_names(bone, language))])
        }
        CalcError::CountByBone { item, .. } => say("calc_error.count_by_bone", &[("item", item)]),
        CalcError::UnknownSection { section, version, .. } => {
            say("calc_error.unknown_section", &[("section", section), ("version", &version.to_string())])
        }
        CalcError::ConclusionPercent { value, .. } => {
            say("calc_error.conclusion_percent", &[("value", value)])
        }
        CalcError::ConclusionReference { .. } => say("calc_error.conclusion_reference", &[]),
        CalcError::AcuityRequired { .. } => say("calc_error.acuity_required", &[]),
        CalcError::AcuityCellMissing { before, after, .. } => {
            say("calc_error.acuity_cell", &[("before", before), ("after", after)])
        }
        CalcError::AcuityBeforeUnknown { before, .. } => {
            say("calc_error.acuity_before", &[("before", before)])
        }
        CalcError::DaysRequired { .. } => say("calc_error.days_required", &[]),
        CalcError::BirthDateRequired { item } => say("calc_error.birth_date_required", &[("item", item)]),
        CalcError::BirthAfterEvent { birth, event } => {
            say("calc_error.birth_after_event", &[("birth", &day(birth)), ("event", &day(event))])
        }
        CalcError::CalcBeforeEvent { calc, event } => {
            say("calc_error.calc_before_event", &[("calc", &day(calc)), ("event", &day(event))])
        }
        CalcError::OutcomeDateRequired { .. } => say("calc_error.outcome_date_required", &[]),
        CalcError::OutcomeBeforeEvent { outcome_date, event } => {
            say("calc_error.outcome_before_event", &[("outcome", &day(outcome_date)), ("event", &day(event))])
        }
        CalcError::NegativePriorPayment { .. } => say("calc_error.negative_prior_payment", &[]),
        CalcError::NoTableInForce(date) => say("calc_error.no_table", &[("date", &day(date))]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn every_variant() -> Vec<CalcError> {
        let date = NaiveDate::from_ymd_opt(2026, 4, 2).unwrap_or_default();
        let item = || "5".to_owned();
        vec![
            CalcError::SumInsuredNotPositive("0".into()),
            CalcError::UnknownItem { index: 0, item: item(), version: 1 },
            CalcError::MissingItem { index: 0, item: "23".into(), reason: "манбада йўқ".into() },
            CalcError::ArticleNeedsSubItem { index: 0, item: "70".into(), choices: "70а, 70б".into() },
            CalcError::NoPercentage { index: 0, item: item(), reason: "D6".into() },
            CalcError::CountBelowOne { index: 0 },
            CalcError::CountAboveMax { index: 0, item: "37".into(), max: 2, clause: "37-банд".into() },
            CalcError::SideRequired { index: 0, item: "86в".into() },
            CalcError::BoneRequired { index: 0, item: "37".into(), choices: "upper_jaw, cheekbone".into() },
            CalcError::UnknownBone {
                index: 0,
                item: "37".into(),
                bone: "nose".into(),
                choices: "lower_jaw".into(),
            },
            CalcError::BoneNotTaken { index: 0, item: "28".into() },
            CalcError::BoneTwice { index: 0, item: "37".into(), bone: "cheekbone".into() },
            CalcError::CountByBone { index: 0, item: "37".into() },
            CalcError::UnknownSection { index: 0, section: "eyes".into(), version: 2 },
            CalcError::ConclusionPercent { index: 0, value: "120".into() },
            CalcError::ConclusionReference { index: 0 },
            CalcError::AcuityRequired { index: 0 },
            CalcError::AcuityCellMissing { index: 0, before: "0.7".into(), after: "0.5".into() },
            CalcError::AcuityBeforeUnknown { index: 0, before: "2.5".into() },
            CalcError::DaysRequired { index: 0 },
            CalcError::BirthDateRequired { item: "56в".into() },
            CalcError::BirthAfterEvent { birth: date, event: date },
            CalcError::CalcBeforeEvent { calc: date, event: date },
            CalcError::OutcomeDateRequired { outcome: "death" },
            CalcError::OutcomeBeforeEvent { outcome_date: date, event: date },
            CalcError::NegativePriorPayment { index: 0 },
            CalcError::NoTableInForce(date),
        ]
    }

    #[test]
    fn every_calculator_error_reads_in_every_language_with_no_gap() {
        for error in every_variant() {
            for language in Language::ALL {
                let message = calc_error_message(&error, language);
                assert!(
                    !message.contains('{') && !message.starts_with("calc_error."),
                    "{error:?} {language}: {message}"
                );
            }
        }
        let russian =
            calc_error_message(&CalcError::SideRequired { index: 0, item: "86в".into() }, Language::Russian);
        assert_eq!(russian, "Для пункта 86в укажите руку: правую или левую (D12).");
    }
}
