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

/// A clause as the schedule and the calculator write it ("72-банд изоҳи", "жадвал, 71а-банд",
/// "7.1, иккинчи хатбоши (D27)") in the reader's words: Latin letters on a Latin desk, the
/// Russian names of the parts on a Russian one ("прим. к п. 72", "таблица, п. 71а"), where
/// the act's "Основание" column would otherwise speak Uzbek (issue 19).
pub fn clause_text(said: &str, language: Language) -> String {
    match language {
        Language::UzbekCyrillic => said.to_owned(),
        Language::UzbekLatin => tovon_core::translit::to_latin(said),
        Language::Russian => {
            let words = said
                .replace("иккинчи хатбоши", "абзац второй")
                .replace("якуний ", "итоговое ")
                .replace("жадвал", "таблица");
            [("-банд изоҳи", "прим. к п. "), ("-изоҳлар", "прим. "), ("-изоҳ", "прим. "), ("-банд", "п. ")]
                .iter()
                .fold(words, |text, (suffix, name)| numbered(&text, suffix, name))
        }
    }
}

/// Each "N{suffix}" (N: the characters back to a space, a comma or the start) as "{name}N".
fn numbered(text: &str, suffix: &str, name: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(suffix) {
        let before = &rest[..at];
        let start = before.rfind([' ', ',', ';', '(']).map_or(0, |at| at + 1);
        out.push_str(&before[..start]);
        out.push_str(name);
        out.push_str(&before[start..]);
        rest = &rest[at + suffix.len()..];
    }
    out.push_str(rest);
    out
}

/// The reasons the desk writes itself on an automatic step (stored as said then, in the
/// desk's language of that day).
pub const STEP_REASONS: &[&str] = &["documents.step_complete", "documents.step_missing"];

/// A text the desk wrote from one of `keys` in whatever language, said again in `language`
/// (an automatic step's reason, written in Cyrillic, read on a Latin desk); the `{items}` of
/// a template are document titles, each said again too. Anything else — what a person typed —
/// stays as it is.
pub fn in_language(stored: &str, language: Language, keys: &[&str]) -> String {
    for key in keys {
        let Some(texts) = CATALOGUE.get(*key) else { continue };
        for template in texts.values() {
            match template.split_once("{items}") {
                None if template == stored => return text(language, key, &[]),
                Some((before, after))
                    if stored.starts_with(before)
                        && stored.ends_with(after)
                        && stored.len() >= before.len() + after.len() =>
                {
                    let items = &stored[before.len()..stored.len() - after.len()];
                    let items: Vec<String> = items
                        .split("; ")
                        .map(|title| match key_of(title, "document.") {
                            Some(item) => text(language, item, &[]),
                            None => title.to_owned(),
                        })
                        .collect();
                    return text(language, key, &[("items", &items.join("; "))]);
                }
                _ => {}
            }
        }
    }
    stored.to_owned()
}

/// The key under `prefix` whose text in some language is `said`.
fn key_of(said: &str, prefix: &str) -> Option<&'static str> {
    CATALOGUE
        .iter()
        .find(|(key, texts)| key.starts_with(prefix) && texts.values().any(|text| text == said))
        .map(|(key, _)| key.as_str())
}

/// Every key of the catalogue (for tests and tools).
pub fn keys() -> impl Iterator<Item = &'static str> {
    CATALOGUE.keys().map(String::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_clause_reads_in_russian_with_the_parts_named_and_the_numbers_kept() {
        let ru = |said| clause_text(said, Language::Russian);
        assert_eq!(ru("72-банд изоҳи"), "прим. к п. 72");
        assert_eq!(ru("жадвал, 71а-банд"), "таблица, п. 71а");
        assert_eq!(ru("97-банд, 3-изоҳ"), "п. 97, прим. 3");
        assert_eq!(ru("57-банд, 1–3-изоҳлар"), "п. 57, прим. 1–3");
        assert_eq!(ru("7.3; жадвал, якуний 1-изоҳ"), "7.3; таблица, итоговое прим. 1");
        assert_eq!(ru("7.1, иккинчи хатбоши (D27)"), "7.1, абзац второй (D27)");
        assert_eq!(clause_text("72-банд изоҳи (D14)", Language::UzbekLatin), "72-band izohi (D14)");
    }

    #[test]
    fn an_automatic_reason_is_said_again_in_the_readers_language_and_a_typed_one_is_kept() {
        let complete = text(Language::UzbekCyrillic, "documents.step_complete", &[]);
        assert_eq!(
            in_language(&complete, Language::UzbekLatin, STEP_REASONS),
            "Barcha talab qilingan hujjatlar olindi"
        );
        let title = text(Language::UzbekCyrillic, "document.xray_images", &[]);
        let missing = text(Language::UzbekCyrillic, "documents.step_missing", &[("items", &title)]);
        let latin = in_language(&missing, Language::UzbekLatin, STEP_REASONS);
        let latin_title = text(Language::UzbekLatin, "document.xray_images", &[]);
        assert_eq!(latin, text(Language::UzbekLatin, "documents.step_missing", &[("items", &latin_title)]));
        assert_eq!(
            in_language("Ҳужжатлар уч ой ичида", Language::UzbekLatin, STEP_REASONS),
            "Ҳужжатлар уч ой ичида"
        );
    }

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
