//! The schedule as the Calculator screen shows it: sections with their items, each with what
//! picking it needs (parameters, hand, surgery add-on, count) and its hints; and the search.

use tovon_core::schedule::{ItemParameters, Rule, RuleKind, ScheduleItem, ScheduleTable, in_force};
use tovon_core::translit::fold_for_search;

use crate::DeskError;
use crate::dto::{AcuityCellDto, ItemParameterKind, ScheduleItemDto, ScheduleSectionDto, ScheduleViewDto};

/// The version in force on `day`, or the newest one.
fn table_for(tables: &[ScheduleTable], day: chrono::NaiveDate) -> Result<&ScheduleTable, DeskError> {
    in_force(tables, day)
        .or_else(|| tables.last())
        .ok_or(DeskError::Calc(tovon_core::calc::CalcError::NoTableInForce(day)))
}

/// The schedule in force on `day`, by section.
pub(crate) fn schedule_view(
    tables: &[ScheduleTable],
    day: chrono::NaiveDate,
) -> Result<ScheduleViewDto, DeskError> {
    let table = table_for(tables, day)?;
    let sections = table
        .sections
        .iter()
        .map(|section| ScheduleSectionDto {
            id: section.id.clone(),
            title: section.title.clone(),
            max_percent: table.section_max_percent(&section.id).map(|percent| percent.to_string()),
            items: table
                .items
                .iter()
                .filter(|item| item.section == section.id)
                .map(|item| item_view(table, item))
                .collect(),
        })
        .collect();
    Ok(ScheduleViewDto { version: table.version, effective_from: table.effective_from.to_string(), sections })
}

/// Ids of the items whose id, text, heading or section match every word of `query`, typed
/// in either script, in any case, with any apostrophe.
pub(crate) fn search_schedule(
    tables: &[ScheduleTable],
    day: chrono::NaiveDate,
    query: &str,
) -> Result<Vec<String>, DeskError> {
    let table = table_for(tables, day)?;
    let words: Vec<String> =
        fold_for_search(query).split(' ').filter(|word| !word.is_empty()).map(str::to_owned).collect();
    Ok(table
        .items
        .iter()
        .filter(|item| {
            let section = table
                .sections
                .iter()
                .find(|section| section.id == item.section)
                .map_or("", |s| s.title.as_str());
            let haystack = fold_for_search(&format!(
                "{} {} {} {} {section}",
                item.id,
                item.full_text(),
                item.heading.as_deref().unwrap_or(""),
                item.subsection.as_deref().unwrap_or("")
            ));
            let id = fold_for_search(item.id.as_str());
            words.iter().all(|word| haystack.contains(word.as_str()) || id.starts_with(word.as_str()))
        })
        .map(|item| item.id.to_string())
        .collect())
}

fn item_view(table: &ScheduleTable, item: &ScheduleItem) -> ScheduleItemDto {
    let rules: Vec<&Rule> = table.rules_for(&item.id).collect();
    let bones = match &item.parameters {
        ItemParameters::Bones(bones) => bones.iter().map(|bone| bone.key.clone()).collect(),
        _ => Vec::new(),
    };
    let (parameter, acuity) = match &item.parameters {
        ItemParameters::None => (ItemParameterKind::None, Vec::new()),
        ItemParameters::Bones(_) => (ItemParameterKind::Bone, Vec::new()),
        ItemParameters::HospitalDays { .. } => (ItemParameterKind::Days, Vec::new()),
        ItemParameters::AgeBands(_) => (ItemParameterKind::Age, Vec::new()),
        ItemParameters::Acuity(cells) => (
            ItemParameterKind::Acuity,
            cells
                .iter()
                .map(|cell| AcuityCellDto {
                    before: cell.before.clone(),
                    after: cell.after.clone(),
                    percent: cell.percent.to_string(),
                })
                .collect(),
        ),
    };
    ScheduleItemDto {
        id: item.id.to_string(),
        shown_id: item.id.to_string(),
        article: item.article,
        text: item.full_text(),
        label: item.text.clone().unwrap_or_else(|| item.article_text.clone()),
        heading: item.heading.clone(),
        percent: item.percent.map(|percent| percent.to_string()),
        parameter,
        acuity,
        bones,
        needs_side: rules.iter().any(|rule| matches!(rule.kind, RuleKind::HandCap { .. })),
        surgery_percent: rules.iter().find_map(|rule| match rule.kind {
            RuleKind::SurgeryAddon { percent } => Some(percent.to_string()),
            _ => None,
        }),
        max_count: rules.iter().find_map(|rule| match rule.kind {
            RuleKind::PerUnit { max_count } => max_count,
            _ => None,
        }),
        hints: rules
            .iter()
            .filter(|rule| rule.kind == RuleKind::Hint)
            .map(|rule| hint_text(table, rule))
            .collect(),
        decision: item.decision.map(|decision| decision.to_string()),
        defects: item.defects.clone(),
    }
}

/// "clause: the note's text" (its numbered part, when the rule names one).
fn hint_text(table: &ScheduleTable, rule: &Rule) -> String {
    let note = table
        .notes
        .iter()
        .find(|(_, line, _)| *line == rule.note_line)
        .map_or("", |(_, _, text)| text.as_str());
    let part = rule.part.and_then(|part| {
        let start = note.find(&format!("{part}. "))?;
        let rest = &note[start..];
        let end = rest.find(&format!(" {}. ", part + 1)).unwrap_or(rest.len());
        Some(rest[..end].trim().trim_start_matches(&format!("{part}. ")))
    });
    format!("{}: {}", rule.clause, part.unwrap_or(note))
}
