//! The schedule made readable for a claims auditor (`docs/schedule.md`): every article and
//! sub-item with its percentage and source line, every note with the rule, hint or decision
//! it became, every defect flag — so the product's reading of the annex can be checked
//! without reading Rust or TOML. Pure: the caller writes the text where it belongs.

use std::fmt::Write;

use super::{ItemId, ItemParameters, Requirement, Rule, RuleKind, ScheduleItem, ScheduleTable};

/// The Markdown of `table`; `file` names the data file it was made from.
pub fn readable_markdown(table: &ScheduleTable, file: &str) -> String {
    let mut out = String::new();
    header(&mut out, table, file);
    for section in &table.sections {
        let items: Vec<&ScheduleItem> =
            table.items.iter().filter(|item| item.section == section.id).collect();
        let line = section.line.map(|line| format!(", line {line}")).unwrap_or_default();
        let _ = writeln!(out, "## {} (`{}`{line})\n", section.title, section.id);
        if !section.defects.is_empty() {
            let _ = writeln!(out, "Defects: {}.\n", section.defects.join(", "));
        }
        items_table(&mut out, &items);
        let articles: Vec<u16> = dedup(items.iter().map(|item| item.article));
        notes(&mut out, table, &articles);
    }
    unnoted_rules(&mut out, table);
    out
}

fn header(out: &mut String, table: &ScheduleTable, file: &str) {
    let _ = writeln!(out, "# The payment schedule as Tovon reads it — version {}\n", table.version);
    let _ = writeln!(
        out,
        "Generated from `{file}`; do not edit by hand: `TOVON_BLESS=1 cargo test -p tovon-core --test it \
         schedule_doc` writes it again, and that test fails whenever this page and the data differ.\n"
    );
    let _ = writeln!(
        out,
        "The source is the insurer's rules as printed, `docs/rules/insurance-rules-microloan-accident-illness.txt`: \
         every *line* below is a line of that file (the annex runs from line {}). Where the source is damaged or \
         ambiguous, the product applies a named decision (D1–D28 of the team's DOMAIN.md) and flags the defect; \
         where no decision covers an ambiguity, it reads the rules in the insured's favour.\n",
        table.line
    );
    let defects = if table.effective_from_defects.is_empty() {
        String::new()
    } else {
        format!(" (defects: {})", table.effective_from_defects.join(", "))
    };
    let _ = writeln!(out, "In force from {}{defects}. Title: «{}».\n", table.effective_from, table.title);
    if let Some(conventions) = &table.conventions {
        let decision = conventions.decision.map(|d| format!(" ({d})")).unwrap_or_default();
        let _ = writeln!(out, "## Conventions{decision}\n");
        let _ = writeln!(out, "- Age: {}.", conventions.age);
        let _ = writeln!(out, "- Day bands: {}.\n", conventions.day_bands);
    }
    let outcomes = &table.outcomes;
    let _ = writeln!(out, "## Death and disability (7.2, 7.3, final note 1)\n");
    let _ = writeln!(out, "| outcome | % | clause |\n|---|---:|---|");
    let _ = writeln!(out, "| death | {} | {} |", outcomes.death_percent, outcomes.death_clause);
    let _ = writeln!(
        out,
        "| disability group I | {} | {} |",
        outcomes.disability_1_percent, outcomes.disability_clause
    );
    let decision = outcomes.disability_2_decision.map(|d| format!(" ({d})")).unwrap_or_default();
    let _ = writeln!(
        out,
        "| disability group II | {} (annex: {}, by a setting){decision} | {} |",
        outcomes.disability_2_percent, outcomes.disability_2_annex_percent, outcomes.disability_2_clause
    );
    let _ = writeln!(
        out,
        "\nDisability counts when set within {} months of the accident. Several injuries add up ({}) unless a \
         note says otherwise. An injury the schedule lacks is paid on the insurer's doctor's conclusion, within \
         the largest single item percentage of its section (7.1, second paragraph; D27): that ceiling is given \
         under each section.\n",
        outcomes.disability_window_months, outcomes.sum_clause
    );
    for missing in &table.missing {
        let numbers: Vec<String> = missing.numbers.iter().map(ToString::to_string).collect();
        let decision = missing.decision.map(|d| format!(" ({d})")).unwrap_or_default();
        let _ = writeln!(
            out,
            "Items {} are not in the source: {}{decision}, line {}.\n",
            numbers.join(", "),
            missing.reason,
            missing.line
        );
    }
}

fn items_table(out: &mut String, items: &[&ScheduleItem]) {
    let _ = writeln!(out, "| item | text | % | line | decision | defects |\n|---|---|---:|---:|---|---|");
    let mut subsection: Option<&str> = None;
    for item in items {
        if item.subsection.as_deref() != subsection {
            subsection = item.subsection.as_deref();
            if let Some(title) = subsection {
                let _ = writeln!(out, "| | **{title}** | | | | |");
            }
        }
        let heading = item.heading.as_ref().map(|heading| format!("{heading}: ")).unwrap_or_default();
        let printed =
            item.printed_letter.as_ref().map(|letter| format!(" (printed «{letter}»)")).unwrap_or_default();
        let _ = writeln!(
            out,
            "| {}{printed} | {heading}{} | {} | {} | {} | {} |",
            item.id,
            cell(&item.full_text()),
            percent_cell(item),
            item.line,
            item.decision.map(|d| d.to_string()).unwrap_or_default(),
            item.defects.join(", ")
        );
    }
    let ceiling = items
        .iter()
        .flat_map(|item| percentages(item))
        .max()
        .map(|max| format!("{max} %"))
        .unwrap_or_else(|| "—".to_owned());
    let _ = writeln!(out, "\nThe section's largest single item percentage (D27's ceiling): {ceiling}.\n");
}

fn percentages(item: &ScheduleItem) -> Vec<rust_decimal::Decimal> {
    let mut all: Vec<_> = item.percent.into_iter().collect();
    match &item.parameters {
        ItemParameters::AgeBands(bands) => all.extend(bands.iter().map(|band| band.percent)),
        ItemParameters::Acuity(cells) => all.extend(cells.iter().map(|cell| cell.percent)),
        _ => {}
    }
    all
}

/// The percentage, or how the parameters give it.
fn percent_cell(item: &ScheduleItem) -> String {
    let plain = item.percent.map(|percent| percent.to_string());
    match &item.parameters {
        ItemParameters::None => plain.unwrap_or_else(|| "none".to_owned()),
        ItemParameters::HospitalDays { from, to } => {
            let days = to.map_or(format!("{from}+ days"), |to| format!("days {from}–{to}"));
            format!("{} ({days})", plain.unwrap_or_default())
        }
        ItemParameters::AgeBands(bands) => bands
            .iter()
            .map(|band| format!("{}: {} (line {})", band.text, band.percent, band.line))
            .collect::<Vec<_>>()
            .join("; "),
        ItemParameters::Acuity(cells) => {
            let reconstructed = cells.iter().filter(|cell| cell.reconstructed).count();
            let listed: Vec<String> =
                cells.iter().map(|cell| format!("{}→{} {}", cell.before, cell.after, cell.percent)).collect();
            format!(
                "by acuity before→after ({} cells, {reconstructed} reconstructed): {}",
                cells.len(),
                listed.join(", ")
            )
        }
        ItemParameters::Bones(bones) => {
            let names: Vec<String> =
                bones.iter().map(|bone| format!("{} ({})", bone.text, bone.key)).collect();
            format!("{} each bone: {}", plain.unwrap_or_default(), names.join(", "))
        }
    }
}

fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

fn dedup<T: PartialEq>(values: impl Iterator<Item = T>) -> Vec<T> {
    let mut out = Vec::new();
    for value in values {
        if !out.contains(&value) {
            out.push(value);
        }
    }
    out
}

fn notes(out: &mut String, table: &ScheduleTable, articles: &[u16]) {
    let notes: Vec<&(u16, u32, String)> =
        table.notes.iter().filter(|(article, _, _)| articles.contains(article)).collect();
    if notes.is_empty() {
        return;
    }
    let _ = writeln!(out, "### Notes and what they became\n");
    for (article, line, text) in notes {
        let _ = writeln!(out, "- **{article}, note at line {line}:** «{}»", cell(text));
        for rule in table.rules.iter().filter(|rule| rule.note_line == *line) {
            let _ = writeln!(out, "  - {}", fate(table, rule));
        }
    }
    let _ = writeln!(out);
}

/// Rules written in an item's own text rather than a note (1д, 29б, the thumb of 82–84).
fn unnoted_rules(out: &mut String, table: &ScheduleTable) {
    let rules: Vec<&Rule> = table
        .rules
        .iter()
        .filter(|rule| !table.notes.iter().any(|(_, line, _)| *line == rule.note_line))
        .collect();
    if rules.is_empty() {
        return;
    }
    let _ = writeln!(out, "## Rules in the items' own text\n");
    for rule in rules {
        let _ = writeln!(out, "- line {}: {}", rule.note_line, fate(table, rule));
    }
}

/// "rule — …", "hint — …" with the clause, the decision and the defects.
fn fate(table: &ScheduleTable, rule: &Rule) -> String {
    let items = compress(table, &rule.items);
    let what = match &rule.kind {
        RuleKind::Once => {
            let bones = if rule.bones.is_empty() {
                String::new()
            } else {
                format!(" (bones {})", rule.bones.join(", "))
            };
            format!("rule: of {items}{bones} only the highest percentage is paid, the others show 0")
        }
        RuleKind::Excludes { when, surgery } => {
            let operated = if *surgery { " with its surgery add-on" } else { "" };
            format!("rule: {items} is not paid when {} is{operated}", compress(table, when))
        }
        RuleKind::SurgeryAddon { percent } => {
            format!("rule: an operation adds {percent} %, once for {items}, as its own line")
        }
        RuleKind::HandCap { per_hand, both_hands } => {
            format!(
                "rule: {items} at most {per_hand} % a hand and {both_hands} % for both, a cut as its own line"
            )
        }
        RuleKind::Waiting { months, interim } => {
            let meanwhile =
                interim.as_ref().map(|id| format!("; {id} is paid meanwhile")).unwrap_or_default();
            format!("rule: {items} is paid no sooner than {months} months after the accident{meanwhile}")
        }
        RuleKind::DeductEarlier { earlier } => {
            format!("rule: what was paid for {} is deducted from {items}", compress(table, earlier))
        }
        RuleKind::Advance { interim } => format!(
            "rule: {interim} is an advance on {items}: deducted when it is paid, never paid beside it"
        ),
        RuleKind::OnTop { requires } => match requires {
            Requirement::AnyOther => format!("rule: {items} is paid only on top of another line"),
            Requirement::OneOf(base) => {
                format!("rule: {items} is paid only on top of {}", compress(table, base))
            }
        },
        RuleKind::PerUnit { max_count } => {
            let max = max_count.map(|max| format!(", at most {max}")).unwrap_or_default();
            format!("rule: {items} counts per unit{max}")
        }
        RuleKind::Hint => format!("hint: shown where {items} is picked; adds no line"),
        RuleKind::Sum => format!("rule: {items} adds up with the other lines (final note 2)"),
    };
    let decision = rule.decision.map(|d| format!("; decision {d}")).unwrap_or_default();
    let defects = if rule.defects.is_empty() {
        String::new()
    } else {
        format!("; defects: {}", rule.defects.join(", "))
    };
    let warning = rule.warning.as_ref().map(|warning| format!("; warns «{warning}»")).unwrap_or_default();
    format!("{what} ({}{decision}{defects}){warning}", rule.clause)
}

/// Item ids with whole articles written as the article number: "70, 72б".
fn compress(table: &ScheduleTable, ids: &[ItemId]) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut done: Vec<u16> = Vec::new();
    for id in ids {
        let Some(article) = id.article() else { continue };
        if done.contains(&article) {
            continue;
        }
        let members: Vec<&ItemId> = table.article_items(article).map(|item| &item.id).collect();
        if members.len() > 1 && members.iter().all(|member| ids.contains(member)) {
            out.push(article.to_string());
            done.push(article);
        } else {
            out.push(id.to_string());
        }
    }
    out.join(", ")
}
