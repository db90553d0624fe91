//! The refusal grounds (6.6): each with its clause and the words of the rules, read from
//! `assets/decisions/refusal_grounds.toml` and checked whole before use.

use std::collections::HashSet;

use serde::Deserialize;

use crate::Language;
use crate::translit::to_latin;

/// One ground a refusal may rest on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ground {
    /// Stable ASCII code: "3.1d", "not_in_force".
    pub code: String,
    /// As printed: "3.1д".
    pub clause: String,
    /// The rules' words, Uzbek Cyrillic.
    text: String,
    text_ru: String,
}

impl Ground {
    /// The clause's words in the letter's language (uz-Latn transliterated from the rules).
    pub fn text(&self, language: Language) -> String {
        match language {
            Language::UzbekCyrillic => self.text.clone(),
            Language::UzbekLatin => to_latin(&self.text),
            Language::Russian => self.text_ru.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GroundsError {
    #[error("refusal grounds: {0}")]
    Toml(String),
    #[error("refusal grounds: ground {0:?} is listed twice")]
    Duplicate(String),
    #[error("refusal grounds: ground {code:?} has an empty {field}")]
    Empty { code: String, field: &'static str },
}

/// The catalogue, in the order the window lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grounds {
    grounds: Vec<Ground>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    ground: Vec<Entry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    code: String,
    clause: String,
    text: String,
    text_ru: String,
}

impl Grounds {
    pub fn from_toml(source: &str) -> Result<Grounds, GroundsError> {
        let file: File = toml::from_str(source).map_err(|error| GroundsError::Toml(error.to_string()))?;
        let mut seen = HashSet::new();
        let mut grounds = Vec::with_capacity(file.ground.len());
        for entry in file.ground {
            for (field, value) in [
                ("code", &entry.code),
                ("clause", &entry.clause),
                ("text", &entry.text),
                ("text_ru", &entry.text_ru),
            ] {
                if value.trim().is_empty() {
                    return Err(GroundsError::Empty { code: entry.code.clone(), field });
                }
            }
            if !seen.insert(entry.code.clone()) {
                return Err(GroundsError::Duplicate(entry.code));
            }
            grounds.push(Ground {
                code: entry.code,
                clause: entry.clause,
                text: entry.text.trim().to_owned(),
                text_ru: entry.text_ru.trim().to_owned(),
            });
        }
        Ok(Grounds { grounds })
    }

    pub fn all(&self) -> &[Ground] {
        &self.grounds
    }

    pub fn get(&self, code: &str) -> Option<&Ground> {
        self.grounds.iter().find(|ground| ground.code == code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_ground_listed_twice_or_without_text_is_refused() {
        let entry = "[[ground]]\ncode = \"6.8\"\nclause = \"6.8\"\ntext = \"т\"\ntext_ru = \"т\"\n";
        let twice = Grounds::from_toml(&format!("{entry}{entry}"));
        assert_eq!(twice, Err(GroundsError::Duplicate("6.8".to_owned())));
        let empty = Grounds::from_toml(&entry.replace("text = \"т\"", "text = \" \""));
        assert_eq!(empty, Err(GroundsError::Empty { code: "6.8".to_owned(), field: "text" }));
    }

    #[test]
    fn the_latin_letter_transliterates_the_rules() {
        let entry =
            "[[ground]]\ncode = \"6.8\"\nclause = \"6.8\"\ntext = \"ҳужжат\"\ntext_ru = \"документ\"\n";
        let grounds = Grounds::from_toml(entry).unwrap_or_else(|error| panic!("{error}"));
        let ground = grounds.get("6.8").unwrap_or_else(|| panic!("6.8"));
        assert_eq!(ground.text(Language::UzbekLatin), "hujjat");
        assert_eq!(ground.text(Language::Russian), "документ");
    }
}
