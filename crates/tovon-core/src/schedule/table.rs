//! The validated schedule: items by id, rules with resolved references, outcome percentages.

use std::borrow::Borrow;
use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::file::{ArticleFile, ConventionsFile, ItemFile, OutcomeFile, RuleFile, TableFile};

/// An item as printed in the table: article number plus Cyrillic sub-letter ("70б", "28").
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ItemId(String);

impl ItemId {
    pub fn new(article: u16, letter: Option<&str>) -> ItemId {
        ItemId(format!("{article}{}", letter.unwrap_or("")))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The article number the id starts with.
    pub fn article(&self) -> Option<u16> {
        let digits: String = self.0.chars().take_while(char::is_ascii_digit).collect();
        digits.parse().ok()
    }
}

impl Borrow<str> for ItemId {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ItemId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// One of the decisions D1–D28 of DOMAIN.md, where the source is ambiguous or damaged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Decision(pub u8);

impl Decision {
    /// The last decision DOMAIN.md names.
    pub const LAST: u8 = 28;
}

impl FromStr for Decision {
    type Err = ();

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let number: u8 = text.strip_prefix('D').ok_or(())?.parse().map_err(|_| ())?;
        if (1..=Decision::LAST).contains(&number) { Ok(Decision(number)) } else { Err(()) }
    }
}

impl fmt::Display for Decision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "D{}", self.0)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub id: String,
    pub title: String,
    pub line: Option<u32>,
    pub defects: Vec<String>,
}

/// D16: a percentage by age in full years on the accident date; `age_to` is exclusive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgeBand {
    pub age_from: Option<u32>,
    pub age_to: Option<u32>,
    pub percent: Decimal,
    pub text: String,
    pub line: u32,
}

/// D8: one legible cell of the visual-acuity table of item 20. `after` is "<0.1" for
/// "0,1 дан паст" (below 0.1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AcuityCell {
    pub before: String,
    pub after: String,
    pub percent: Decimal,
    pub line: u32,
    pub reconstructed: bool,
}

/// D22: one bone of a by-bone article (37), picked as its own injury.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bone {
    /// "upper_jaw", "cheekbone", "lower_jaw", "lower_jaw_dislocation".
    pub key: String,
    pub text: String,
}

/// D24: how the table's bands are read, stated in the data file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conventions {
    pub age: String,
    pub day_bands: String,
    pub decision: Option<Decision>,
}

/// What an item needs besides its id to give a percentage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ItemParameters {
    None,
    /// Item 6: days of in-patient treatment, both ends inclusive.
    HospitalDays {
        from: u32,
        to: Option<u32>,
    },
    AgeBands(Vec<AgeBand>),
    Acuity(Vec<AcuityCell>),
    /// D22: the bone, each one injury at the item's percentage.
    Bones(Vec<Bone>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScheduleItem {
    pub id: ItemId,
    pub article: u16,
    pub section: String,
    pub subsection: Option<String>,
    /// The article's text; for a sub-item, followed by the sub-item's own text.
    pub article_text: String,
    pub text: Option<String>,
    pub heading: Option<String>,
    /// `None`: the source gives no percentage (item 5, D6) or it depends on parameters.
    pub percent: Option<Decimal>,
    pub parameters: ItemParameters,
    pub line: u32,
    pub source_percent_line: Option<u32>,
    pub printed_letter: Option<String>,
    pub defects: Vec<String>,
    pub decision: Option<Decision>,
}

impl ScheduleItem {
    /// The full text: "article text: sub-item text".
    pub fn full_text(&self) -> String {
        match &self.text {
            Some(text) => format!("{}: {text}", self.article_text),
            None => self.article_text.clone(),
        }
    }
}

/// An on-top item's precondition: any other line, or one of these items.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Requirement {
    AnyOther,
    OneOf(Vec<ItemId>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RuleKind {
    /// D1: of these items only the highest percentage counts.
    Once,
    /// The rule's items are not applied when any of `when` is (operated on, with `surgery`:
    /// D23, no graft payment beside a surgery add-on).
    Excludes { when: Vec<ItemId>, surgery: bool },
    /// D2: a surgery on any of the items adds `percent`, once per rule per event.
    SurgeryAddon { percent: Decimal },
    /// D12: at most `per_hand` per hand and `both_hands` for both.
    HandCap { per_hand: Decimal, both_hands: Decimal },
    /// D14: not payable before `months` after the accident; `interim` is paid meanwhile.
    Waiting { months: u32, interim: Option<ItemId> },
    /// D15: what was paid for `earlier` is subtracted from the rule's items.
    DeductEarlier { earlier: Vec<ItemId> },
    /// D19: `interim` is an advance on the rule's (final) items: paid before the waiting
    /// period ends, deducted from them when they are paid, never paid beside them.
    Advance { interim: ItemId },
    /// Paid only in addition to another line.
    OnTop { requires: Requirement },
    /// The item counts once per unit (rib, finger, jaw), up to `max_count`.
    PerUnit { max_count: Option<u32> },
    /// A note shown where the item is picked; never a line.
    Hint,
    /// A note that restates the default: several injuries add up.
    Sum,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    pub kind: RuleKind,
    /// Expanded: an article reference stands for every one of its items.
    pub items: Vec<ItemId>,
    /// The same items as positions in the table, sorted (for fast membership).
    positions: Vec<usize>,
    pub clause: String,
    pub note_line: u32,
    pub part: Option<u8>,
    pub decision: Option<Decision>,
    pub defects: Vec<String>,
    /// A `once` rule limited to these bones of a by-bone item (D22); empty: every injury.
    pub bones: Vec<String>,
    /// Shown whenever one of the rule's items is paid (D21).
    pub warning: Option<String>,
}

impl Rule {
    /// Whether the item at `position` (see [`ScheduleTable::position`]) is one of the rule's.
    pub fn covers(&self, position: usize) -> bool {
        self.positions.binary_search(&position).is_ok()
    }

    /// Whether an injury at `position`, of `bone` when picked by bone, is one of the rule's.
    pub fn covers_injury(&self, position: usize, bone: Option<&str>) -> bool {
        self.covers(position)
            && (self.bones.is_empty() || bone.is_some_and(|bone| self.bones.iter().any(|b| b == bone)))
    }
}

/// Final note 1 of the annex with 7.2 and 7.3 of the rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcomes {
    pub death_percent: Decimal,
    pub disability_1_percent: Decimal,
    /// D9: 7.2's 80 % by default …
    pub disability_2_percent: Decimal,
    /// … the annex's 100 % when an administrator chooses it.
    pub disability_2_annex_percent: Decimal,
    pub disability_window_months: u32,
    pub death_clause: String,
    pub disability_clause: String,
    /// The clause that names D9 for group II.
    pub disability_2_clause: String,
    pub disability_2_decision: Option<Decision>,
    /// Source lines of death, disability I, II (annex) and of final note 2.
    pub lines: [Option<u32>; 4],
    pub sum_clause: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingItems {
    pub numbers: Vec<u16>,
    pub reason: String,
    pub decision: Option<Decision>,
    pub line: u32,
}

/// One version of the schedule, validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScheduleTable {
    pub version: u32,
    pub effective_from: NaiveDate,
    /// What is doubtful about the date (e.g. the approval date is blank in the source).
    pub effective_from_defects: Vec<String>,
    pub title: String,
    pub line: u32,
    /// D24: stated by the file from version 2 on.
    pub conventions: Option<Conventions>,
    pub sections: Vec<Section>,
    /// In the order of the source.
    pub items: Vec<ScheduleItem>,
    pub rules: Vec<Rule>,
    pub outcomes: Outcomes,
    pub missing: Vec<MissingItems>,
    /// Every note of the source, by line: (article, text).
    pub notes: Vec<(u16, u32, String)>,
    index: HashMap<ItemId, usize>,
    /// For each item position, the indices of the rules that name it.
    rules_by_item: Vec<Vec<usize>>,
}

/// A table file that cannot be used, with what and where.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScheduleError {
    #[error("the schedule file is not valid TOML: {0}")]
    Syntax(String),
    #[error("{context}: {value:?} is not a valid {what}")]
    BadValue { context: String, what: &'static str, value: String },
    #[error("item {0} appears twice in the schedule")]
    DuplicateItem(ItemId),
    #[error("article {article} names section {section:?}, which the schedule does not define")]
    UnknownSection { article: u16, section: String },
    #[error("{clause}: {reference:?} is not an item or article of the schedule")]
    UnknownReference { clause: String, reference: String },
    #[error("article {0} is in the table and also listed as missing")]
    PresentAndMissing(u16),
    #[error("{clause}: rule kind {kind:?} needs {field}")]
    MissingField { clause: String, kind: String, field: &'static str },
}

impl ScheduleTable {
    pub fn from_toml(text: &str) -> Result<ScheduleTable, ScheduleError> {
        let file: TableFile =
            toml::from_str(text).map_err(|error| ScheduleError::Syntax(error.to_string()))?;
        build(file)
    }

    /// The item's position in the source order, for a stable order of lines.
    pub fn position(&self, id: &ItemId) -> Option<usize> {
        self.index.get(id).copied()
    }

    pub fn item(&self, id: &str) -> Option<&ScheduleItem> {
        self.index.get(id).and_then(|&at| self.items.get(at))
    }

    /// The items of an article, in order.
    pub fn article_items(&self, article: u16) -> impl Iterator<Item = &ScheduleItem> {
        self.items.iter().filter(move |item| item.article == article)
    }

    /// The rules that name `id`.
    pub fn rules_for(&self, id: &ItemId) -> impl Iterator<Item = &Rule> + use<'_> {
        let indices =
            self.position(id).and_then(|at| self.rules_by_item.get(at)).map_or(&[][..], Vec::as_slice);
        indices.iter().filter_map(|&rule| self.rules.get(rule))
    }

    /// D27: the largest single percentage of a section's items (a band or a cell counted
    /// on its own), the ceiling of a doctor's conclusion for an injury the schedule lacks.
    pub fn section_max_percent(&self, section: &str) -> Option<Decimal> {
        self.items
            .iter()
            .filter(|item| item.section == section)
            .flat_map(|item| {
                let parameters: Vec<Decimal> = match &item.parameters {
                    ItemParameters::AgeBands(bands) => bands.iter().map(|band| band.percent).collect(),
                    ItemParameters::Acuity(cells) => cells.iter().map(|cell| cell.percent).collect(),
                    _ => Vec::new(),
                };
                item.percent.into_iter().chain(parameters)
            })
            .max()
    }

    pub fn section(&self, id: &str) -> Option<&Section> {
        self.sections.iter().find(|section| section.id == id)
    }

    /// Whether the article number is listed as missing from the source (D7).
    pub fn missing_reason(&self, article: u16) -> Option<&MissingItems> {
        self.missing.iter().find(|missing| missing.numbers.contains(&article))
    }
}

fn percent(context: &str, value: &str) -> Result<Decimal, ScheduleError> {
    Decimal::from_str(value)
        .ok()
        .filter(|percent| !percent.is_sign_negative() && *percent <= Decimal::ONE_HUNDRED)
        .ok_or_else(|| ScheduleError::BadValue {
            context: context.to_owned(),
            what: "percentage (0–100)",
            value: value.to_owned(),
        })
}

fn decision(context: &str, value: Option<&String>) -> Result<Option<Decision>, ScheduleError> {
    value
        .map(|text| {
            text.parse().map_err(|()| ScheduleError::BadValue {
                context: context.to_owned(),
                what: "decision (D1–D28)",
                value: text.clone(),
            })
        })
        .transpose()
}

fn build(file: TableFile) -> Result<ScheduleTable, ScheduleError> {
    let effective_from =
        NaiveDate::parse_from_str(&file.effective_from, "%Y-%m-%d").map_err(|_| ScheduleError::BadValue {
            context: "effective_from".to_owned(),
            what: "date (YYYY-MM-DD)",
            value: file.effective_from.clone(),
        })?;
    let sections: Vec<Section> = file
        .sections
        .into_iter()
        .map(|section| Section {
            id: section.id,
            title: section.title,
            line: section.line,
            defects: section.defects,
        })
        .collect();
    let mut items = Vec::new();
    let mut notes = Vec::new();
    for article in &file.articles {
        if !sections.iter().any(|section| section.id == article.section) {
            return Err(ScheduleError::UnknownSection {
                article: article.number,
                section: article.section.clone(),
            });
        }
        notes.extend(article.notes.iter().map(|note| (article.number, note.line, note.text.clone())));
        items.extend(article_items(article)?);
    }
    if let Some(article) =
        file.articles.iter().find(|article| file.missing.iter().any(|m| m.numbers.contains(&article.number)))
    {
        return Err(ScheduleError::PresentAndMissing(article.number));
    }
    let mut index = HashMap::new();
    for (at, item) in items.iter().enumerate() {
        if index.insert(item.id.clone(), at).is_some() {
            return Err(ScheduleError::DuplicateItem(item.id.clone()));
        }
    }
    let mut table = ScheduleTable {
        version: file.version,
        effective_from,
        effective_from_defects: file.effective_from_defects,
        title: file.title,
        line: file.line,
        conventions: file.conventions.as_ref().map(conventions).transpose()?,
        sections,
        items,
        rules: Vec::new(),
        outcomes: outcomes(&file.outcomes)?,
        missing: file
            .missing
            .iter()
            .map(|missing| {
                Ok(MissingItems {
                    numbers: missing.numbers.clone(),
                    reason: missing.reason.clone(),
                    decision: decision("missing", missing.decision.as_ref())?,
                    line: missing.line,
                })
            })
            .collect::<Result<_, ScheduleError>>()?,
        notes,
        index,
        rules_by_item: Vec::new(),
    };
    table.rules = file.rules.iter().map(|rule| build_rule(&table, rule)).collect::<Result<_, _>>()?;
    let mut rules_by_item = vec![Vec::new(); table.items.len()];
    for (at, rule) in table.rules.iter().enumerate() {
        for &position in &rule.positions {
            rules_by_item[position].push(at);
        }
    }
    table.rules_by_item = rules_by_item;
    Ok(table)
}

fn conventions(file: &ConventionsFile) -> Result<Conventions, ScheduleError> {
    Ok(Conventions {
        age: file.age.clone(),
        day_bands: file.day_bands.clone(),
        decision: decision("conventions", file.decision.as_ref())?,
    })
}

fn outcomes(file: &super::file::OutcomesFile) -> Result<Outcomes, ScheduleError> {
    let of = |name: &str, outcome: &OutcomeFile| percent(&format!("outcomes.{name}"), &outcome.percent);
    let annex = file.disability_2.annex_percent.as_deref().unwrap_or(&file.disability_2.percent);
    Ok(Outcomes {
        death_percent: of("death", &file.death)?,
        disability_1_percent: of("disability_1", &file.disability_1)?,
        disability_2_percent: of("disability_2", &file.disability_2)?,
        disability_2_annex_percent: percent("outcomes.disability_2.annex_percent", annex)?,
        disability_window_months: file.disability_window_months,
        death_clause: file.death.clause.clone(),
        disability_clause: file.disability_1.clause.clone(),
        disability_2_clause: file.disability_2.clause.clone(),
        disability_2_decision: decision("outcomes.disability_2", file.disability_2.decision.as_ref())?,
        lines: [file.death.line, file.disability_1.line, file.disability_2.annex_line, Some(file.sum_line)],
        sum_clause: file.sum_clause.clone(),
    })
}

fn article_items(article: &ArticleFile) -> Result<Vec<ScheduleItem>, ScheduleError> {
    let context = format!("article {}", article.number);
    if article.items.is_empty() {
        let parameters = if !article.bones.is_empty() {
            ItemParameters::Bones(
                article
                    .bones
                    .iter()
                    .map(|bone| Bone { key: bone.key.clone(), text: bone.text.clone() })
                    .collect(),
            )
        } else if article.acuity.is_empty() {
            ItemParameters::None
        } else {
            ItemParameters::Acuity(
                article
                    .acuity
                    .iter()
                    .map(|cell| {
                        Ok(AcuityCell {
                            before: cell.before.clone(),
                            after: cell.after.clone(),
                            percent: percent(
                                &format!("{context}, acuity line {}", cell.line),
                                &cell.percent,
                            )?,
                            line: cell.line,
                            reconstructed: cell.defects.iter().any(|defect| defect == "reconstructed"),
                        })
                    })
                    .collect::<Result<_, ScheduleError>>()?,
            )
        };
        return Ok(vec![ScheduleItem {
            id: ItemId::new(article.number, None),
            article: article.number,
            section: article.section.clone(),
            subsection: article.subsection.clone(),
            article_text: article.text.clone(),
            text: None,
            heading: None,
            percent: article.percent.as_deref().map(|value| percent(&context, value)).transpose()?,
            parameters,
            line: article.line,
            source_percent_line: None,
            printed_letter: None,
            defects: article.defects.clone(),
            decision: decision(&context, article.decision.as_ref())?,
        }]);
    }
    article.items.iter().map(|item| sub_item(article, item)).collect()
}

fn sub_item(article: &ArticleFile, item: &ItemFile) -> Result<ScheduleItem, ScheduleError> {
    let id = ItemId::new(article.number, Some(&item.letter));
    let context = format!("item {id}");
    let parameters = if let Some(from) = item.days_from {
        ItemParameters::HospitalDays { from, to: item.days_to }
    } else if !item.age_bands.is_empty() {
        ItemParameters::AgeBands(
            item.age_bands
                .iter()
                .map(|band| {
                    Ok(AgeBand {
                        age_from: band.age_from,
                        age_to: band.age_to,
                        percent: percent(&format!("{context}, age band line {}", band.line), &band.percent)?,
                        text: band.text.clone(),
                        line: band.line,
                    })
                })
                .collect::<Result<_, ScheduleError>>()?,
        )
    } else {
        ItemParameters::None
    };
    Ok(ScheduleItem {
        article: article.number,
        section: article.section.clone(),
        subsection: article.subsection.clone(),
        article_text: article.text.clone(),
        text: Some(item.text.clone()),
        heading: item.heading.clone(),
        percent: item.percent.as_deref().map(|value| percent(&context, value)).transpose()?,
        parameters,
        line: item.line,
        source_percent_line: item.source_percent_line,
        printed_letter: item.printed_letter.clone(),
        defects: item.defects.clone(),
        decision: decision(&context, item.decision.as_ref())?,
        id,
    })
}

/// An item id, or an article number standing for all of its items.
fn expand(table: &ScheduleTable, clause: &str, references: &[String]) -> Result<Vec<ItemId>, ScheduleError> {
    let mut ids = Vec::new();
    for reference in references {
        let exact = ItemId(reference.clone());
        if table.index.contains_key(&exact) {
            ids.push(exact);
            continue;
        }
        let article: Option<u16> = reference.parse().ok();
        let members: Vec<ItemId> = article
            .map(|number| table.article_items(number).map(|item| item.id.clone()).collect())
            .unwrap_or_default();
        if members.is_empty() {
            return Err(ScheduleError::UnknownReference {
                clause: clause.to_owned(),
                reference: reference.clone(),
            });
        }
        ids.extend(members);
    }
    Ok(ids)
}

fn build_rule(table: &ScheduleTable, rule: &RuleFile) -> Result<Rule, ScheduleError> {
    let clause = rule.clause.as_str();
    let needs = |field: &'static str| ScheduleError::MissingField {
        clause: clause.to_owned(),
        kind: rule.kind.clone(),
        field,
    };
    let percent_of = |value: &Option<String>, field: &'static str| {
        value.as_deref().ok_or_else(|| needs(field)).and_then(|text| percent(clause, text))
    };
    let one = |reference: &String| -> Result<ItemId, ScheduleError> {
        let mut ids = expand(table, clause, std::slice::from_ref(reference))?;
        match (ids.len(), ids.pop()) {
            (1, Some(id)) => Ok(id),
            _ => Err(ScheduleError::UnknownReference {
                clause: clause.to_owned(),
                reference: reference.clone(),
            }),
        }
    };
    let kind = match rule.kind.as_str() {
        "once" => RuleKind::Once,
        "excludes" => RuleKind::Excludes {
            when: expand(table, clause, rule.when.as_deref().ok_or_else(|| needs("when"))?)?,
            surgery: rule.when_surgery,
        },
        "advance" => RuleKind::Advance {
            interim: rule.interim.as_ref().ok_or_else(|| needs("interim")).and_then(one)?,
        },
        "surgery_addon" => RuleKind::SurgeryAddon { percent: percent_of(&rule.percent, "percent")? },
        "hand_cap" => RuleKind::HandCap {
            per_hand: percent_of(&rule.per_hand, "per_hand")?,
            both_hands: percent_of(&rule.both_hands, "both_hands")?,
        },
        "waiting" => RuleKind::Waiting {
            months: rule.months.ok_or_else(|| needs("months"))?,
            interim: rule.interim.as_ref().map(one).transpose()?,
        },
        "deduct_earlier" => RuleKind::DeductEarlier {
            earlier: expand(table, clause, rule.earlier.as_deref().ok_or_else(|| needs("earlier"))?)?,
        },
        "on_top" => RuleKind::OnTop { requires: requirement(table, clause, rule.requires.as_ref())? },
        "per_unit" => RuleKind::PerUnit { max_count: rule.max_count },
        "hint" => RuleKind::Hint,
        "sum" => RuleKind::Sum,
        other => {
            return Err(ScheduleError::BadValue {
                context: clause.to_owned(),
                what: "rule kind",
                value: other.to_owned(),
            });
        }
    };
    let items = expand(table, clause, &rule.items)?;
    check_bones(table, clause, &items, &rule.bones)?;
    let mut positions: Vec<usize> = items.iter().filter_map(|id| table.position(id)).collect();
    positions.sort_unstable();
    Ok(Rule {
        kind,
        positions,
        items,
        clause: rule.clause.clone(),
        note_line: rule.note,
        part: rule.part,
        decision: decision(clause, rule.decision.as_ref())?,
        defects: rule.defects.clone(),
        bones: rule.bones.clone(),
        warning: rule.warning.clone(),
    })
}

/// A rule's bones must be bones of its items (D22).
fn check_bones(
    table: &ScheduleTable,
    clause: &str,
    items: &[ItemId],
    bones: &[String],
) -> Result<(), ScheduleError> {
    let known = |bone: &String| {
        items.iter().filter_map(|id| table.item(id.as_str())).any(|item| match &item.parameters {
            ItemParameters::Bones(list) => list.iter().any(|b| &b.key == bone),
            _ => false,
        })
    };
    match bones.iter().find(|bone| !known(bone)) {
        Some(bone) => {
            Err(ScheduleError::UnknownReference { clause: clause.to_owned(), reference: bone.clone() })
        }
        None => Ok(()),
    }
}

fn requirement(
    table: &ScheduleTable,
    clause: &str,
    value: Option<&toml::Value>,
) -> Result<Requirement, ScheduleError> {
    match value {
        Some(toml::Value::String(any)) if any == "any" => Ok(Requirement::AnyOther),
        Some(toml::Value::Array(list)) => {
            let references: Vec<String> =
                list.iter().map(|value| value.as_str().unwrap_or_default().to_owned()).collect();
            Ok(Requirement::OneOf(expand(table, clause, &references)?))
        }
        _ => Err(ScheduleError::MissingField {
            clause: clause.to_owned(),
            kind: "on_top".to_owned(),
            field: "requires",
        }),
    }
}
