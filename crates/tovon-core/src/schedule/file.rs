//! The on-disk shape of a schedule version (TOML), before validation.

use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct TableFile {
    pub version: u32,
    pub effective_from: String,
    #[serde(default)]
    pub effective_from_defects: Vec<String>,
    pub title: String,
    pub line: u32,
    /// D24 (version 2 on): how the age and day bands of the table are read.
    pub conventions: Option<ConventionsFile>,
    pub outcomes: OutcomesFile,
    #[serde(default)]
    pub missing: Vec<MissingFile>,
    pub sections: Vec<SectionFile>,
    pub articles: Vec<ArticleFile>,
    #[serde(default)]
    pub rules: Vec<RuleFile>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ConventionsFile {
    pub age: String,
    pub day_bands: String,
    pub decision: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct OutcomesFile {
    pub death: OutcomeFile,
    pub disability_1: OutcomeFile,
    pub disability_2: OutcomeFile,
    pub disability_window_months: u32,
    pub sum_clause: String,
    pub sum_line: u32,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct OutcomeFile {
    pub percent: String,
    pub clause: String,
    pub line: Option<u32>,
    pub annex_percent: Option<String>,
    pub annex_line: Option<u32>,
    pub decision: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct MissingFile {
    pub numbers: Vec<u16>,
    pub reason: String,
    pub decision: Option<String>,
    pub line: u32,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct SectionFile {
    pub id: String,
    pub title: String,
    pub line: Option<u32>,
    #[serde(default)]
    pub defects: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ArticleFile {
    pub number: u16,
    pub section: String,
    pub subsection: Option<String>,
    pub text: String,
    pub percent: Option<String>,
    /// The line in the source; 0 for an article an administrator added.
    #[serde(default)]
    pub line: u32,
    #[serde(default)]
    pub defects: Vec<String>,
    pub decision: Option<String>,
    #[serde(default)]
    pub acuity: Vec<AcuityFile>,
    /// D22: an article picked by bone (37), each bone its own injury.
    #[serde(default)]
    pub bones: Vec<BoneFile>,
    #[serde(default)]
    pub items: Vec<ItemFile>,
    #[serde(default)]
    pub notes: Vec<NoteFile>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ItemFile {
    pub letter: String,
    pub printed_letter: Option<String>,
    pub heading: Option<String>,
    pub text: String,
    pub percent: Option<String>,
    pub source_percent_line: Option<u32>,
    /// The line in the source; 0 for an item an administrator added.
    #[serde(default)]
    pub line: u32,
    #[serde(default)]
    pub defects: Vec<String>,
    pub decision: Option<String>,
    pub days_from: Option<u32>,
    pub days_to: Option<u32>,
    #[serde(default)]
    pub age_bands: Vec<AgeBandFile>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct AgeBandFile {
    pub age_from: Option<u32>,
    pub age_to: Option<u32>,
    pub percent: String,
    pub text: String,
    pub line: u32,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct AcuityFile {
    pub before: String,
    pub after: String,
    pub percent: String,
    pub line: u32,
    #[serde(default)]
    pub defects: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct BoneFile {
    pub key: String,
    pub text: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct NoteFile {
    pub line: u32,
    pub text: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RuleFile {
    pub kind: String,
    pub items: Vec<String>,
    pub clause: String,
    pub note: u32,
    pub part: Option<u8>,
    pub decision: Option<String>,
    #[serde(default)]
    pub defects: Vec<String>,
    pub percent: Option<String>,
    pub when: Option<Vec<String>>,
    /// An `excludes` rule whose `when` items count only when operated on (D23, 61).
    #[serde(default)]
    pub when_surgery: bool,
    /// A `once` rule over some bones of a by-bone article only (D22).
    #[serde(default)]
    pub bones: Vec<String>,
    /// Shown as a warning whenever one of the rule's items is paid (D21).
    pub warning: Option<String>,
    pub months: Option<u32>,
    pub interim: Option<String>,
    pub earlier: Option<Vec<String>>,
    pub requires: Option<toml::Value>,
    pub per_hand: Option<String>,
    pub both_hands: Option<String>,
    pub max_count: Option<u32>,
}
