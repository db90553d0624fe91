//! Uzbek Cyrillic → Uzbek Latin (the 1995 alphabet, DOMAIN.md "Languages and scripts"), and
//! the folded form search compares: Latin, lower case, apostrophe variants removed.

/// Transliterates Uzbek (and Russian) Cyrillic to the official Uzbek Latin alphabet:
/// ў→oʻ, ғ→gʻ (U+02BB), ш→sh, ч→ch, ҳ→h, х→x, қ→q, ъ→ʼ (U+02BC), е→ye at the start of a
/// word and after a vowel. Other characters pass through.
pub fn to_latin(text: &str) -> String {
    let mut latin = String::with_capacity(text.len() + text.len() / 4);
    let mut previous: Option<char> = None;
    for c in text.chars() {
        let lower = lower_char(c);
        let mapped: &str = match lower {
            'е' if previous.is_none_or(|p| !p.is_alphabetic() || is_vowel(p)) => "ye",
            _ => letter(lower).unwrap_or(""),
        };
        if mapped.is_empty() && letter(lower).is_none() {
            latin.push(c);
        } else if lower != c {
            let mut chars = mapped.chars();
            latin.extend(chars.next().map(|first| first.to_ascii_uppercase()));
            latin.extend(chars);
        } else {
            latin.push_str(mapped);
        }
        previous = Some(lower);
    }
    latin
}

fn is_vowel(c: char) -> bool {
    "аеёиоуўэюяaeiou".contains(c)
}

fn letter(c: char) -> Option<&'static str> {
    Some(match c {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' => "g",
        'д' => "d",
        'е' => "e",
        'ё' => "yo",
        'ж' => "j",
        'з' => "z",
        'и' => "i",
        'й' => "y",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' => "u",
        'ф' => "f",
        'х' => "x",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "sh",
        'ъ' => "\u{2bc}",
        'ы' => "i",
        'ь' => "",
        'э' => "e",
        'ю' => "yu",
        'я' => "ya",
        'ў' => "o\u{2bb}",
        'қ' => "q",
        'ғ' => "g\u{2bb}",
        'ҳ' => "h",
        _ => return None,
    })
}

/// Lower case of one letter; the common Cyrillic and ASCII letters without the Unicode
/// tables (a 1 000 000-row register import folds every name).
pub(crate) fn lower_char(c: char) -> char {
    match c {
        'A'..='Z' => c.to_ascii_lowercase(),
        // А–Я → а–я; Ѐ–Џ (with Ё, Ў) → ѐ–џ.
        'А'..='Я' => char::from_u32(c as u32 + 0x20).unwrap_or(c),
        'Ѐ'..='Џ' => char::from_u32(c as u32 + 0x50).unwrap_or(c),
        // Ҋ–ҿ (with Қ, Ғ, Ҳ): capital and small alternate, the capital even.
        '\u{48a}'..='\u{4bf}' => char::from_u32(c as u32 | 1).unwrap_or(c),
        // Modifier letters (ʻ ʼ) and general punctuation (‘ ’ –) have no case.
        // а–я, ѐ–џ are small already.
        _ if c.is_ascii() || matches!(c, 'а'..='џ' | '\u{2b0}'..='\u{2ff}' | '\u{2000}'..='\u{206f}') => c,
        _ => c.to_lowercase().next().unwrap_or(c),
    }
}

/// The form two texts are compared in: Latin, lower case, without apostrophes of any kind
/// (`crate::names::is_apostrophe`), whitespace collapsed. One pass over the Latin text.
pub fn fold_for_search(text: &str) -> String {
    let latin = to_latin(text);
    let mut folded = String::with_capacity(latin.len());
    let mut space = false;
    for c in latin.chars() {
        if crate::names::is_apostrophe(c) {
            continue;
        }
        if c.is_whitespace() {
            space = !folded.is_empty();
            continue;
        }
        if space {
            folded.push(' ');
            space = false;
        }
        match c {
            'A'..='Z' | 'А'..='Я' | 'Ѐ'..='Џ' | '\u{48a}'..='\u{4bf}' => folded.push(lower_char(c)),
            _ if c.is_ascii() => folded.push(c),
            _ => folded.extend(c.to_lowercase()),
        }
    }
    folded
}

/// A code typed in Latin letters back in the Cyrillic it was issued in ("TSH-2026-000003" →
/// "ТШ-2026-000003"): claim and document numbers keep their branch's Cyrillic code, and are
/// found when typed on a Latin keyboard (issue 19). Upper case; digits and signs unchanged.
pub fn code_to_cyrillic(text: &str) -> String {
    const DIGRAPHS: [(&str, char); 7] =
        [("SH", 'Ш'), ("CH", 'Ч'), ("YO", 'Ё'), ("YU", 'Ю'), ("YA", 'Я'), ("O'", 'Ў'), ("G'", 'Ғ')];
    let upper = text.to_uppercase().replace(['\u{2bb}', '\u{2bc}', '\u{2018}', '\u{2019}', '`'], "'");
    let mut out = String::with_capacity(upper.len() * 2);
    let mut rest = upper.as_str();
    while let Some(first) = rest.chars().next() {
        if let Some((latin, cyrillic)) = DIGRAPHS.iter().find(|(latin, _)| rest.starts_with(latin)) {
            out.push(*cyrillic);
            rest = &rest[latin.len()..];
            continue;
        }
        out.push(match first {
            'A' => 'А',
            'B' => 'Б',
            'C' => 'Ц',
            'D' => 'Д',
            'E' => 'Е',
            'F' => 'Ф',
            'G' => 'Г',
            'H' => 'Ҳ',
            'I' => 'И',
            'J' => 'Ж',
            'K' => 'К',
            'L' => 'Л',
            'M' => 'М',
            'N' => 'Н',
            'O' => 'О',
            'P' => 'П',
            'Q' => 'Қ',
            'R' => 'Р',
            'S' => 'С',
            'T' => 'Т',
            'U' => 'У',
            'V' => 'В',
            'X' => 'Х',
            'Y' => 'Й',
            'Z' => 'З',
            other => other,
        });
        rest = &rest[first.len_utf8()..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_number_typed_in_latin_reads_back_in_its_cyrillic() {
        assert_eq!(code_to_cyrillic("tsh-2026-000003"), "ТШ-2026-000003");
        assert_eq!(code_to_cyrillic("SAM-2026-D0001"), "САМ-2026-Д0001");
        assert_eq!(code_to_cyrillic("ТШ-2026-000003"), "ТШ-2026-000003", "Cyrillic stays");
        assert_eq!(code_to_cyrillic("XR-2026-R0002"), "ХР-2026-Р0002");
    }

    #[test]
    fn the_official_letters() {
        assert_eq!(to_latin("Суғурта ҳодисалари бўйича аризалар"), "Sugʻurta hodisalari boʻyicha arizalar");
        assert_eq!(to_latin("Маълумотлар"), "Maʼlumotlar");
        assert_eq!(to_latin("Шикастланиш, қўл, чаноғи"), "Shikastlanish, qoʻl, chanogʻi");
    }

    #[test]
    fn ye_at_word_start_and_after_vowels() {
        assert_eq!(to_latin("Ерназаров Елена"), "Yernazarov Yelena");
        assert_eq!(to_latin("оёқ ейиши"), "oyoq yeyishi");
        assert_eq!(to_latin("Телефон"), "Telefon");
    }

    #[test]
    fn search_folds_script_case_and_apostrophes() {
        assert_eq!(fold_for_search("Тўлов"), fold_for_search("to'lov"));
        assert_eq!(fold_for_search("ЎҒИЛ"), fold_for_search("O‘g‘il"));
        assert_eq!(fold_for_search("70б"), "70b");
        assert_eq!(fold_for_search("  Елка   суяги "), "yelka suyagi");
        assert_eq!(fold_for_search("ǅ İ Ω"), "ǆ i̇ ω", "letters outside the fast path still fold");
    }

    #[test]
    fn the_fast_lower_case_agrees_with_unicode_on_cyrillic_and_latin() {
        for c in ('A'..='Z').chain('Ѐ'..='ӿ').chain('\u{2b0}'..='\u{2ff}').chain('\u{2000}'..='\u{206f}') {
            assert_eq!(lower_char(c), c.to_lowercase().next().unwrap_or(c), "{c}");
        }
    }
}
