//! People's names as they are typed (issue 19): the key a name is searched by, the same for
//! the register's spelling and the spellings in everyday use — Uzbek Cyrillic or Latin,
//! Cyrillic typed with Russian letters (Х for Ҳ, К for Қ, Г for Ғ, У for Ў), Russian-style
//! Latin (kh, zh, dzh, ts, ye), every apostrophe, ё for е.
//!
//! A key is a sequence of words of one letter per sound. Sounds people spell alike become one
//! letter: х/ҳ/x/h/kh → h, к/қ/k/q → k, г/ғ/g/gʻ → g, у/ў/u/oʻ → u, а/о/a/o → a (Тошкент is
//! Ташкент in Russian), е/э/e/ye → e, ж/дж/j/zh/dzh/dj → j, с/ц/s/ts/c → s, ш/щ/sh → š,
//! ч/ch → č; ё is "ya" where it sounds yo (Ёқубов, Бахтиёр) and e after a consonant
//! (Фёдоров, typed Федоров). A Cyrillic name goes letter by letter (Исҳоқ is s then h, never
//! ш); Latin reads its digraphs first.
//!
//! ў is u to a Russian speller (Тухтаева) and o to one who drops the apostrophe (Toxtayeva):
//! a name is indexed under both ([`index_key`]), a query is keyed once ([`name_key`]).

/// The apostrophes of Uzbek Latin as typed: ʻ ʼ ‘ ’ ' ` ´ ʹ.
pub fn is_apostrophe(c: char) -> bool {
    matches!(c, '\u{2bb}' | '\u{2bc}' | '\u{2018}' | '\u{2019}' | '\'' | '`' | '\u{b4}' | '\u{2b9}')
}

/// The search key of what is typed: lower-case words of one letter per sound separated by
/// one space; anything that is not a letter or digit separates words.
pub fn name_key(text: &str) -> String {
    key(text, "u")
}

/// What a name is indexed under: its key, and the words that differ when ў (oʻ) is read as
/// o, as when the apostrophe is left out.
pub fn index_key(name: &str) -> String {
    let as_u = key(name, "u");
    let as_o = key(name, "a");
    let mut words: Vec<&str> = as_u.split(' ').collect();
    for word in as_o.split(' ') {
        if !words.contains(&word) {
            words.push(word);
        }
    }
    words.join(" ")
}

/// The key with ў (and Latin oʻ) as `u_sound`.
fn key(text: &str, u_sound: &'static str) -> String {
    let chars: Vec<char> = text.chars().map(crate::translit::lower_char).collect();
    let mut key = String::with_capacity(text.len());
    let mut at = 0;
    while at < chars.len() {
        let c = chars[at];
        let word_start = key.is_empty() || key.ends_with(' ');
        let yo = word_start || at.checked_sub(1).is_some_and(|before| "аеёиоуўэюяъь".contains(chars[before]));
        let (sounds, taken) = match is_cyrillic(c) {
            true => cyrillic(&chars[at..], yo, u_sound),
            false => latin(&chars[at..], u_sound),
        };
        match sounds {
            Some(sounds) => key.push_str(sounds),
            // A digit or a letter of another script stands for itself.
            None if c.is_alphanumeric() => key.push(c),
            None if !word_start => key.push(' '),
            None => {}
        }
        at += taken;
    }
    key.trim_end().to_owned()
}

fn is_cyrillic(c: char) -> bool {
    matches!(c, '\u{400}'..='\u{4ff}')
}

/// One Cyrillic letter (or дж) as sounds, and how many characters it took.
fn cyrillic(chars: &[char], yo: bool, u_sound: &'static str) -> (Option<&'static str>, usize) {
    let (sounds, taken) = match chars[0] {
        'ў' => (u_sound, 1),
        _ => cyrillic_sounds(chars, yo),
    };
    (Some(sounds), taken)
}

fn cyrillic_sounds(chars: &[char], yo: bool) -> (&'static str, usize) {
    let next = chars.get(1).copied();
    let one = |sound| (sound, 1);
    match chars[0] {
        'д' if next == Some('ж') => ("j", 2),
        'а' | 'о' => one("a"),
        'у' => one("u"),
        'х' | 'ҳ' => one("h"),
        'к' | 'қ' => one("k"),
        'г' | 'ғ' => one("g"),
        'е' | 'э' => one("e"),
        // Ёқубов is Yoqubov and Якубов, Бахтиёр Baxtiyor; after a consonant ё is typed as е
        // (Фёдоров, Федоров).
        'ё' if yo => one("ya"),
        'ё' => one("e"),
        'ж' => one("j"),
        'с' | 'ц' => one("s"),
        'ш' | 'щ' => one("š"),
        'ч' => one("č"),
        'и' | 'ы' => one("i"),
        'й' => one("y"),
        'ю' => one("yu"),
        'я' => one("ya"),
        'б' => one("b"),
        'в' => one("v"),
        'д' => one("d"),
        'з' => one("z"),
        'л' => one("l"),
        'м' => one("m"),
        'н' => one("n"),
        'п' => one("p"),
        'р' => one("r"),
        'т' => one("t"),
        'ф' => one("f"),
        // ъ, ь and the rest of the block are not sounds of a name.
        _ => one(""),
    }
}

/// One Latin letter or digraph as sounds, and how many characters it took; `None` for what
/// is not a Latin letter (a digit, a letter of another script, a space).
fn latin(chars: &[char], u_sound: &'static str) -> (Option<&'static str>, usize) {
    let next = chars.get(1).copied();
    let starts = |with: &str| with.chars().enumerate().all(|(index, c)| chars.get(index) == Some(&c));
    if starts("dzh") {
        return (Some("j"), 3);
    }
    for (digraph, sound) in [("dj", "j"), ("zh", "j"), ("sh", "š"), ("ch", "č"), ("kh", "h"), ("ts", "s")] {
        if starts(digraph) {
            return (Some(sound), 2);
        }
    }
    if chars[0] == 'o' && next.is_some_and(is_apostrophe) {
        return (Some(u_sound), 2);
    }
    let (sounds, taken) = match latin_letter(chars[0], next) {
        Some(found) => found,
        None => return (None, 1),
    };
    (Some(sounds), taken)
}

fn latin_letter(c: char, next: Option<char>) -> Option<(&'static str, usize)> {
    let one = |sound| (sound, 1);
    Some(match c {
        // gʻ is ғ, a g.
        'g' if next.is_some_and(is_apostrophe) => ("g", 2),
        // Yevgeniy, Jurayev: ye is the е of Russian spelling.
        'y' if next == Some('e') => ("e", 2),
        'a' | 'o' => one("a"),
        'x' | 'h' => one("h"),
        'q' | 'k' => one("k"),
        'c' | 's' => one("s"),
        'w' | 'v' => one("v"),
        'b' => one("b"),
        'd' => one("d"),
        'e' => one("e"),
        'f' => one("f"),
        'g' => one("g"),
        'i' => one("i"),
        'j' => one("j"),
        'l' => one("l"),
        'm' => one("m"),
        'n' => one("n"),
        'p' => one("p"),
        'r' => one("r"),
        't' => one("t"),
        'u' => one("u"),
        'y' => one("y"),
        'z' => one("z"),
        c if is_apostrophe(c) => one(""),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every word typed is a word the register's name is indexed under.
    fn same(register: &str, typed: &str) {
        let index = index_key(register);
        let words: Vec<&str> = index.split(' ').collect();
        for word in name_key(typed).split(' ') {
            assert!(words.contains(&word), "{register} ({index}) ~ {typed} ({})", name_key(typed));
        }
    }

    #[test]
    fn russian_style_latin_finds_the_uzbek_name() {
        same("Ҳолматов", "kholmatov");
        same("Холматов", "Xolmatov");
        same("Йўлдошев", "yuldashev");
        same("Юлдашев", "Yoʻldoshev");
        same("Жўраев", "juraev");
        same("Жўраев", "Dzhuraev");
        same("Жўраев", "Jo'rayev");
        same("Тўхтаева", "tukhtaeva");
        same("Раҳимов", "rakhimov");
        same("Ахмаджон", "Akhmadzhon");
        same("Ахмаджон", "Ahmadjon");
        same("Ёқубов", "Yoqubov");
        same("Ёқубов", "Якубов");
        same("Бахтиёр", "Bakhtiyor");
        same("Бахтиёр", "Baxtiyor");
    }

    #[test]
    fn cyrillic_typed_with_russian_letters_and_every_apostrophe() {
        same("Ҳасанов Қодир Ғуломович", "Хасанов Кодир Гуломович");
        same("Тўйчиев", "Туйчиев");
        same("Фёдоров", "Федоров");
        same("Тўхтаева", "Toxtayeva");
        same("Oʻgʻilxon Toʻxtayeva", "og'ilxon to`xtayeva");
        assert_eq!(index_key("Тўхтаева Гулнора"), "tuhtaeva gulnara tahtaeva");
        for apostrophe in ['ʻ', '‘', '’', '\'', '`', '´', 'ʹ', 'ʼ'] {
            same("Тўхтаева Гўзал", &format!("To{apostrophe}xtayeva G{apostrophe}o{apostrophe}zal"));
        }
    }

    #[test]
    fn cyrillic_goes_letter_by_letter_and_words_stay_words() {
        assert_eq!(name_key("Исҳоқов"), "ishakav", "с then ҳ, not ш");
        assert_ne!(name_key("Исҳоқов"), name_key("Ишоқов"));
        assert_eq!(name_key("  Каримова   Нилуфар-Ой "), "karimava nilufar ay");
        assert_eq!(name_key("Алиев 2-чи"), "aliev 2 či");
        assert_eq!(name_key("ʼ ъ ь"), "");
        assert_eq!(name_key("Müller Ω"), "müller ω", "other letters stand for themselves");
    }
}
