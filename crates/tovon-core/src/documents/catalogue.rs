//! The requirements catalogue: which document, under which clause, for which claims.
//! Read from `assets/documents/requirements.toml` and checked whole before use.

use std::collections::HashSet;

use serde::Deserialize;

use super::DocOutcome;

/// The clause the checklist shows an item under.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Group {
    /// 6.2.1: injury or other harm to health (and, by 6.2.2, disability).
    Injury,
    /// 6.2.2: disability, in addition to 6.2.1.
    Disability,
    /// 6.2.3: death.
    Death,
    /// 6.3: attached to the application.
    Attached,
    /// 6.4: asked for by the insurer to rule out the exclusions of section 3.
    Extra,
}

impl Group {
    pub const ALL: [Group; 5] =
        [Group::Injury, Group::Disability, Group::Death, Group::Attached, Group::Extra];

    /// The clause, as printed: "6.2.1".
    pub fn clause(self) -> &'static str {
        match self {
            Group::Injury => "6.2.1",
            Group::Disability => "6.2.2",
            Group::Death => "6.2.3",
            Group::Attached => "6.3",
            Group::Extra => "6.4",
        }
    }

    fn from_clause(clause: &str) -> Option<Group> {
        Group::ALL.into_iter().find(|group| group.clause() == clause)
    }
}

/// When an item is required beyond its outcomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Condition {
    Always,
    /// 6.2.1г, 6.3: the insured person or the beneficiary was driving.
    WasDriving,
    /// 6.2.1д, 6.3: a bone was broken.
    Fracture,
    /// 6.2.3б: the policy names a beneficiary.
    BeneficiaryNamed,
    /// 6.2.3г: no beneficiary named: the heirs are the beneficiaries.
    NoBeneficiary,
    /// 6.3 (forensic report): only once the insurer has asked for it.
    OnRequest,
}

impl Condition {
    pub fn code(self) -> &'static str {
        match self {
            Condition::Always => "always",
            Condition::WasDriving => "was_driving",
            Condition::Fracture => "fracture",
            Condition::BeneficiaryNamed => "beneficiary_named",
            Condition::NoBeneficiary => "no_beneficiary",
            Condition::OnRequest => "on_request",
        }
    }

    fn from_code(code: &str) -> Option<Condition> {
        [
            Condition::Always,
            Condition::WasDriving,
            Condition::Fracture,
            Condition::BeneficiaryNamed,
            Condition::NoBeneficiary,
            Condition::OnRequest,
        ]
        .into_iter()
        .find(|condition| condition.code() == code)
    }
}

/// One document of the catalogue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Requirement {
    pub code: String,
    pub group: Group,
    /// Every clause that asks for it: "6.2.1а, 6.2.3а".
    pub clauses: String,
    pub outcomes: Vec<DocOutcome>,
    pub condition: Condition,
    /// Issued by a medical institution: its source is recorded (DOMAIN.md).
    pub medical: bool,
    /// The words of the rules.
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CatalogueError {
    #[error("the requirements file does not read: {0}")]
    Syntax(String),
    #[error("document {code}: {problem}")]
    Item { code: String, problem: String },
}

/// The whole catalogue, in the order of the file (the order the checklist shows).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Catalogue {
    pub requirements: Vec<Requirement>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    document: Vec<Entry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    code: String,
    group: String,
    clauses: String,
    outcomes: Vec<String>,
    #[serde(default)]
    when: Option<String>,
    #[serde(default)]
    medical: bool,
    source: String,
}

impl Catalogue {
    pub fn from_toml(text: &str) -> Result<Catalogue, CatalogueError> {
        let file: File = toml::from_str(text).map_err(|e| CatalogueError::Syntax(e.to_string()))?;
        let mut seen = HashSet::new();
        let requirements = file
            .document
            .into_iter()
            .map(|entry| {
                let problem = |problem: String| CatalogueError::Item { code: entry.code.clone(), problem };
                let code_ok = !entry.code.is_empty()
                    && entry.code.chars().all(|c| c.is_ascii_lowercase() || c == '_' || c.is_ascii_digit());
                if !code_ok {
                    return Err(problem("a code is lower-case ASCII letters, digits and _".into()));
                }
                if !seen.insert(entry.code.clone()) {
                    return Err(problem("listed twice".into()));
                }
                let group = Group::from_clause(&entry.group)
                    .filter(|group| *group != Group::Extra)
                    .ok_or_else(|| problem(format!("unknown group {:?}", entry.group)))?;
                let outcomes = entry
                    .outcomes
                    .iter()
                    .map(|code| {
                        DocOutcome::from_code(code)
                            .ok_or_else(|| problem(format!("unknown outcome {code:?}")))
                    })
                    .collect::<Result<Vec<_>, _>>()?;
                if outcomes.is_empty() {
                    return Err(problem("no outcome".into()));
                }
                let condition = match entry.when.as_deref() {
                    None => Condition::Always,
                    Some(code) => Condition::from_code(code)
                        .ok_or_else(|| problem(format!("unknown condition {code:?}")))?,
                };
                if entry.clauses.trim().is_empty() || entry.source.trim().is_empty() {
                    return Err(problem("clauses and source are required".into()));
                }
                Ok(Requirement {
                    code: entry.code.clone(),
                    group,
                    clauses: entry.clauses.trim().to_owned(),
                    outcomes,
                    condition,
                    medical: entry.medical,
                    source: entry.source.trim().to_owned(),
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Catalogue { requirements })
    }

    pub fn get(&self, code: &str) -> Option<&Requirement> {
        self.requirements.iter().find(|requirement| requirement.code == code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(extra: &str) -> String {
        format!(
            "[[document]]\ncode = \"x\"\ngroup = \"6.3\"\nclauses = \"6.3\"\noutcomes = [\"death\"]\nsource = \"s\"\n{extra}"
        )
    }

    #[test]
    fn a_wrong_entry_is_refused_with_its_code() {
        for (text, expect) in [
            (entry("when = \"sometimes\""), "unknown condition"),
            (entry("").replace("\"death\"", "\"flu\""), "unknown outcome"),
            (entry("").replace("\"6.3\"\nclauses", "\"6.4\"\nclauses"), "unknown group"),
            (format!("{}\n{}", entry(""), entry("")), "listed twice"),
            (entry("").replace("[\"death\"]", "[]"), "no outcome"),
        ] {
            let error = Catalogue::from_toml(&text).unwrap_err().to_string();
            assert!(error.contains(expect) && error.contains("document x"), "{error}");
        }
        assert!(matches!(Catalogue::from_toml("[[document]]\ncode = 1"), Err(CatalogueError::Syntax(_))));
    }
}
