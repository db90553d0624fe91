//! The languages and scripts of the desk: Uzbek Cyrillic (default), Uzbek Latin, Russian.

use std::fmt;
use std::str::FromStr;

/// A language the UI and the printed documents can be shown in.
///
/// DOMAIN.md, "Languages and scripts": Uzbek Cyrillic by default, Uzbek Latin
/// and Russian selectable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Language {
    #[default]
    UzbekCyrillic,
    UzbekLatin,
    Russian,
}

impl Language {
    pub const ALL: [Language; 3] = [Language::UzbekCyrillic, Language::UzbekLatin, Language::Russian];

    /// The BCP 47 tag, as stored in settings and sent to the UI.
    pub fn tag(self) -> &'static str {
        match self {
            Language::UzbekCyrillic => "uz-Cyrl",
            Language::UzbekLatin => "uz-Latn",
            Language::Russian => "ru",
        }
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.tag())
    }
}

/// A language tag that is none of the desk's three.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown language {0:?}: expected uz-Cyrl, uz-Latn or ru")]
pub struct UnknownLanguage(pub String);

impl FromStr for Language {
    type Err = UnknownLanguage;

    fn from_str(tag: &str) -> Result<Self, Self::Err> {
        Language::ALL
            .into_iter()
            .find(|language| language.tag().eq_ignore_ascii_case(tag.trim()))
            .ok_or_else(|| UnknownLanguage(tag.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_round_trip() {
        for language in Language::ALL {
            assert_eq!(language.tag().parse::<Language>(), Ok(language));
        }
    }

    #[test]
    fn parsing_tolerates_case_and_spaces() {
        assert_eq!(" UZ-cyrl ".parse::<Language>(), Ok(Language::UzbekCyrillic));
        assert_eq!("RU".parse::<Language>(), Ok(Language::Russian));
    }

    #[test]
    fn unknown_tag_is_named_in_the_error() {
        let error = "uz".parse::<Language>().unwrap_err();
        assert_eq!(error, UnknownLanguage("uz".to_owned()));
        assert!(error.to_string().contains("\"uz\""));
    }

    #[test]
    fn default_is_uzbek_cyrillic() {
        assert_eq!(Language::default(), Language::UzbekCyrillic);
    }
}
