//! The one message catalogue (`assets/i18n/messages.json`), shared with the UI:
//! each key has a text per language, with `{name}` placeholders.

use std::collections::HashMap;
use std::sync::LazyLock;

use tovon_core::Language;

/// The catalogue as shipped; the UI imports the same file.
pub const CATALOGUE_JSON: &str = include_str!("../../../assets/i18n/messages.json");

type Catalogue = HashMap<String, HashMap<String, String>>;

/// Parsed once. A catalogue that does not parse is a build defect caught by the
/// tests; at run time it degrades to showing message keys rather than failing.
static CATALOGUE: LazyLock<Catalogue> =
    LazyLock::new(|| serde_json::from_str(CATALOGUE_JSON).unwrap_or_default());

/// The text of `key` in `language`, with each `{name}` replaced by its value.
/// A missing key or language yields the key itself, so a gap shows instead of hiding.
pub fn text(language: Language, key: &str, params: &[(&str, &str)]) -> String {
    let template = CATALOGUE.get(key).and_then(|texts| texts.get(language.tag())).map_or(key, String::as_str);
    params
        .iter()
        .fold(template.to_owned(), |message, (name, value)| message.replace(&format!("{{{name}}}"), value))
}

/// A clause or item of the rules ("6.1а", "3.1ж", "97б") as the reader of `language` reads
/// it: in Uzbek Latin its letter is Latin ("6.1a"), as the rules' Latin text would print it;
/// Cyrillic and Russian keep the rules' own letters (issue 19).
pub fn clause(code: &str, language: Language) -> String {
    match language {
        Language::UzbekLatin => tovon_core::translit::to_latin(code),
        _ => code.to_owned(),
    }
}

/// Every key of the catalogue (for tests and tools).
pub fn keys() -> impl Iterator<Item = &'static str> {
    CATALOGUE.keys().map(String::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn placeholders(template: &str) -> Vec<&str> {
        let mut names: Vec<&str> = template
            .split('{')
            .skip(1)
            .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
            .collect();
        names.sort_unstable();
        names
    }

    #[test]
    fn the_catalogue_parses_and_is_not_empty() {
        let parsed: Catalogue = serde_json::from_str(CATALOGUE_JSON).expect("valid JSON");
        assert!(parsed.len() > 10);
    }

    #[test]
    fn every_key_has_every_language_with_the_same_placeholders() {
        for key in keys() {
            let texts = &CATALOGUE[key];
            let cyrillic = texts.get("uz-Cyrl").unwrap_or_else(|| panic!("{key}: no uz-Cyrl"));
            for language in Language::ALL {
                let text = texts.get(language.tag()).unwrap_or_else(|| panic!("{key}: no {language}"));
                assert!(!text.trim().is_empty(), "{key}: empty {language}");
                assert_eq!(placeholders(text), placeholders(cyrillic), "{key}: {language}");
            }
            assert_eq!(texts.len(), Language::ALL.len(), "{key}: unexpected languages");
        }
    }

    #[test]
    fn placeholders_are_filled() {
        let message = text(Language::Russian, "error.unknown_language", &[("value", "de")]);
        assert_eq!(message, "Неизвестный язык: «de». Выберите uz-Cyrl, uz-Latn или ru.");
    }

    #[test]
    fn a_missing_key_shows_itself() {
        assert_eq!(text(Language::UzbekLatin, "no.such.key", &[]), "no.such.key");
    }

    #[test]
    fn uzbek_latin_uses_the_official_apostrophes() {
        // DOMAIN.md: oʻ and gʻ with U+02BB, the tutuq belgisi ʼ with U+02BC.
        for key in keys() {
            let latin = &CATALOGUE[key]["uz-Latn"];
            assert!(!latin.contains(['\'', '‘', '’', '`']), "{key}: {latin}");
        }
    }
}
