//! From a picked injury to its schedule item and percentage per unit, with every parameter
//! (hospital days, age band, acuity cell) checked.

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

use crate::schedule::{AcuityCell, AgeBand, Bone, ItemParameters, RuleKind, ScheduleItem, ScheduleTable};

use super::{CalcError, CalcRequest, Injury, Side};

/// An injury matched to its item.
#[derive(Debug, Clone)]
pub(super) struct Resolved<'t> {
    /// The injury's place in the request, for errors that name it.
    pub index: usize,
    pub position: usize,
    pub item: &'t ScheduleItem,
    pub percent_per_unit: Decimal,
    pub count: u32,
    pub side: Option<Side>,
    pub surgery: bool,
    /// D22: the bone's key, for a by-bone item.
    pub bone: Option<String>,
    /// What the parameters were, for the line's reason ("0.9 → 0.5", "12 кун", "45 ёш").
    pub detail: Option<String>,
}

pub(super) fn resolve<'t>(
    table: &'t ScheduleTable,
    request: &CalcRequest,
    index: usize,
    injury: &Injury,
) -> Result<Resolved<'t>, CalcError> {
    if injury.count < 1 {
        return Err(CalcError::CountBelowOne { index });
    }
    let item = find_item(table, index, injury)?;
    let (percent_per_unit, detail) = percent(request, index, injury, item)?;
    let bone = check_bone(index, injury, item)?;
    for rule in table.rules_for(&item.id) {
        match rule.kind {
            RuleKind::PerUnit { max_count: Some(max) } if injury.count > max => {
                return Err(CalcError::CountAboveMax {
                    index,
                    item: item.id.to_string(),
                    max,
                    clause: rule.clause.clone(),
                });
            }
            RuleKind::HandCap { .. } if injury.side.is_none() => {
                return Err(CalcError::SideRequired { index, item: item.id.to_string() });
            }
            _ => {}
        }
    }
    Ok(Resolved {
        index,
        position: table.position(&item.id).unwrap_or(usize::MAX),
        item,
        percent_per_unit,
        count: injury.count,
        side: injury.side,
        surgery: injury.surgery,
        bone,
        detail,
    })
}

/// D22: a by-bone item needs one known bone and takes no count; no other item takes a bone.
fn check_bone(index: usize, injury: &Injury, item: &ScheduleItem) -> Result<Option<String>, CalcError> {
    let item_id = || item.id.to_string();
    let ItemParameters::Bones(bones) = &item.parameters else {
        return match injury.bone {
            Some(_) => Err(CalcError::BoneNotTaken { index, item: item_id() }),
            None => Ok(None),
        };
    };
    let choices = || bones.iter().map(|bone| bone.key.as_str()).collect::<Vec<_>>().join(", ");
    if injury.count != 1 {
        return Err(CalcError::CountByBone { index, item: item_id() });
    }
    let wanted = injury.bone.as_deref().ok_or_else(|| CalcError::BoneRequired {
        index,
        item: item_id(),
        choices: choices(),
    })?;
    match bones.iter().find(|bone| bone.key == wanted.trim()) {
        Some(bone) => Ok(Some(bone.key.clone())),
        None => Err(CalcError::UnknownBone {
            index,
            item: item_id(),
            bone: wanted.to_owned(),
            choices: choices(),
        }),
    }
}

fn find_item<'t>(
    table: &'t ScheduleTable,
    index: usize,
    injury: &Injury,
) -> Result<&'t ScheduleItem, CalcError> {
    let wanted = injury.item.trim();
    if let Some(item) = table.item(wanted) {
        return Ok(item);
    }
    let article: Option<u16> = wanted.parse().ok();
    let Some(article) =
        article.or_else(|| wanted.chars().take_while(char::is_ascii_digit).collect::<String>().parse().ok())
    else {
        return Err(CalcError::UnknownItem { index, item: wanted.to_owned(), version: table.version });
    };
    if let Some(missing) = table.missing_reason(article) {
        let decision = missing.decision.map(|decision| format!(" ({decision})")).unwrap_or_default();
        return Err(CalcError::MissingItem {
            index,
            item: wanted.to_owned(),
            reason: format!("{}{decision}", missing.reason),
        });
    }
    let members: Vec<&ScheduleItem> = table.article_items(article).collect();
    if wanted.parse::<u16>().is_ok() && !members.is_empty() {
        let by_days =
            members.iter().all(|item| matches!(item.parameters, ItemParameters::HospitalDays { .. }));
        if by_days {
            return item_by_days(&members, index, injury.days);
        }
        let choices = members.iter().map(|item| item.id.to_string()).collect::<Vec<_>>().join(", ");
        return Err(CalcError::ArticleNeedsSubItem { index, item: wanted.to_owned(), choices });
    }
    Err(CalcError::UnknownItem { index, item: wanted.to_owned(), version: table.version })
}

fn item_by_days<'t>(
    members: &[&'t ScheduleItem],
    index: usize,
    days: Option<u32>,
) -> Result<&'t ScheduleItem, CalcError> {
    let days = days.filter(|days| *days >= 1).ok_or(CalcError::DaysRequired { index })?;
    members
        .iter()
        .copied()
        .find(|item| match item.parameters {
            ItemParameters::HospitalDays { from, to } => days >= from && to.is_none_or(|to| days <= to),
            _ => false,
        })
        .ok_or(CalcError::DaysRequired { index })
}

fn percent(
    request: &CalcRequest,
    index: usize,
    injury: &Injury,
    item: &ScheduleItem,
) -> Result<(Decimal, Option<String>), CalcError> {
    match &item.parameters {
        ItemParameters::AgeBands(bands) => age_band_percent(request, item, bands),
        ItemParameters::Acuity(cells) => acuity_percent(index, injury, cells),
        ItemParameters::HospitalDays { .. } => {
            let percent = item.percent.ok_or_else(|| no_percentage(index, item))?;
            Ok((percent, injury.days.map(|days| format!("{days} кун"))))
        }
        ItemParameters::None => Ok((item.percent.ok_or_else(|| no_percentage(index, item))?, None)),
        ItemParameters::Bones(bones) => {
            let percent = item.percent.ok_or_else(|| no_percentage(index, item))?;
            Ok((percent, bone_text(bones, injury.bone.as_deref())))
        }
    }
}

fn bone_text(bones: &[Bone], key: Option<&str>) -> Option<String> {
    let key = key?.trim();
    bones.iter().find(|bone| bone.key == key).map(|bone| bone.text.clone())
}

fn no_percentage(index: usize, item: &ScheduleItem) -> CalcError {
    let decision = item.decision.map(|decision| format!(", {decision}")).unwrap_or_default();
    CalcError::NoPercentage {
        index,
        item: item.id.to_string(),
        reason: format!("манбада фоиз кўрсатилмаган{decision}"),
    }
}

/// D16: age in full years on the accident date.
pub(super) fn age_on(birth: NaiveDate, day: NaiveDate) -> u32 {
    let mut age = day.year() - birth.year();
    if (day.month(), day.day()) < (birth.month(), birth.day()) {
        age -= 1;
    }
    u32::try_from(age).unwrap_or(0)
}

fn age_band_percent(
    request: &CalcRequest,
    item: &ScheduleItem,
    bands: &[AgeBand],
) -> Result<(Decimal, Option<String>), CalcError> {
    let birth =
        request.birth_date.ok_or_else(|| CalcError::BirthDateRequired { item: item.id.to_string() })?;
    let age = age_on(birth, request.event_date);
    let band = bands
        .iter()
        .find(|band| band.age_from.is_none_or(|from| age >= from) && band.age_to.is_none_or(|to| age < to))
        .ok_or_else(|| CalcError::BirthDateRequired { item: item.id.to_string() })?;
    Ok((band.percent, Some(format!("{age} ёш: {} (D16)", band.text))))
}

/// "0,5", "0.5", ".5" → "0.5"; "<0.1", "0,1 дан паст", "below 0.1" → "<0.1".
pub(super) fn normalise_acuity(text: &str) -> String {
    let text = text.trim().replace(',', ".");
    if text.starts_with('<') || text.contains("паст") || text.contains("below") {
        return "<0.1".to_owned();
    }
    match text.parse::<Decimal>() {
        Ok(value) => format!("{:.1}", value.round_dp(1)),
        Err(_) => text,
    }
}

fn acuity_percent(
    index: usize,
    injury: &Injury,
    cells: &[AcuityCell],
) -> Result<(Decimal, Option<String>), CalcError> {
    let (Some(before), Some(after)) = (&injury.acuity_before, &injury.acuity_after) else {
        return Err(CalcError::AcuityRequired { index });
    };
    let (before, after) = (normalise_acuity(before), normalise_acuity(after));
    // The acuity before the event is named when no row of the table has it; else the after.
    if !cells.iter().any(|cell| cell.before == before) {
        return Err(CalcError::AcuityBeforeUnknown { index, before });
    }
    let cell = cells.iter().find(|cell| cell.before == before && cell.after == after).ok_or_else(|| {
        CalcError::AcuityCellMissing { index, before: before.clone(), after: after.clone() }
    })?;
    let reconstructed = if cell.reconstructed { ", тикланган катак (D8)" } else { "" };
    Ok((cell.percent, Some(format!("кўриш ўткирлиги {before} → {after}{reconstructed}"))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn age_is_counted_in_full_years_on_the_accident_date() {
        let birth = NaiveDate::from_ymd_opt(1986, 4, 3).unwrap_or_default();
        assert_eq!(age_on(birth, NaiveDate::from_ymd_opt(2026, 4, 2).unwrap_or_default()), 39);
        assert_eq!(age_on(birth, NaiveDate::from_ymd_opt(2026, 4, 3).unwrap_or_default()), 40);
    }

    #[test]
    fn acuity_is_written_in_any_of_the_usual_ways() {
        assert_eq!(normalise_acuity("0,5"), "0.5");
        assert_eq!(normalise_acuity("1"), "1.0");
        assert_eq!(normalise_acuity("0.10"), "0.1");
        assert_eq!(normalise_acuity("0,1 дан паст"), "<0.1");
        assert_eq!(normalise_acuity("<0.1"), "<0.1");
    }
}
