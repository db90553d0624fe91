//! Amounts in words, as the incident act prints the payable (1.1.15, 6.5): "<so'm in words>
//! <currency> <tiyin as two digits> <currency>", first letter capital, the rest lower case.
//!
//! - uz-Cyrl / uz-Latn: biggest group first; no "бир"/"bir" before юз/yuz and минг/ming when
//!   the count is one (100 → юз, 1 000 → минг, 101 000 → юз бир минг), but "бир" before
//!   миллион and миллиард; "сўм", "тийин" do not change with the number.
//! - ru: тысяча is feminine (одна тысяча, две тысячи, пять тысяч); "один"/"одна" is written
//!   before тысяча, миллион, миллиард; the currency follows the last two digits (1 → сум,
//!   2–4 → сума, else сумов; 11–14 → сумов), likewise тийин / тийина / тийинов.

use crate::Language;
use crate::money::{Money, MoneyError};

/// The amount in words in `language`: "Бир миллион икки юз эллик минг сўм 50 тийин".
/// A negative amount or one beyond [`Money::MAX`] has no words on a document.
pub fn amount_in_words(amount: Money, language: Language) -> Result<String, MoneyError> {
    if amount.is_negative() {
        return Err(MoneyError::Negative(amount.to_string()));
    }
    if amount > Money::MAX {
        return Err(MoneyError::TooLarge(amount.to_string()));
    }
    let total = amount.tiyin().unsigned_abs();
    let (som, tiyin) = (total / 100, total % 100);
    let text = match language {
        Language::UzbekCyrillic => format!("{} сўм {tiyin:02} тийин", uzbek(som, &CYRILLIC)),
        Language::UzbekLatin => format!("{} soʻm {tiyin:02} tiyin", uzbek(som, &LATIN)),
        Language::Russian => {
            let forms = |one, few, many| russian_form(som, one, few, many);
            let tiyin_word = russian_form(tiyin, "тийин", "тийина", "тийинов");
            format!("{} {} {tiyin:02} {tiyin_word}", russian(som), forms("сум", "сума", "сумов"))
        }
    };
    Ok(capitalised(&text))
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

struct UzbekWords {
    units: [&'static str; 10],
    tens: [&'static str; 10],
    hundred: &'static str,
    thousand: &'static str,
    million: &'static str,
    billion: &'static str,
    zero: &'static str,
}

const CYRILLIC: UzbekWords = UzbekWords {
    units: ["", "бир", "икки", "уч", "тўрт", "беш", "олти", "етти", "саккиз", "тўққиз"],
    tens: ["", "ўн", "йигирма", "ўттиз", "қирқ", "эллик", "олтмиш", "етмиш", "саксон", "тўқсон"],
    hundred: "юз",
    thousand: "минг",
    million: "миллион",
    billion: "миллиард",
    zero: "нол",
};

const LATIN: UzbekWords = UzbekWords {
    units: ["", "bir", "ikki", "uch", "toʻrt", "besh", "olti", "yetti", "sakkiz", "toʻqqiz"],
    tens: ["", "oʻn", "yigirma", "oʻttiz", "qirq", "ellik", "oltmish", "yetmish", "sakson", "toʻqson"],
    hundred: "yuz",
    thousand: "ming",
    million: "million",
    billion: "milliard",
    zero: "nol",
};

/// 1..=999 in Uzbek; "юз" alone for one hundred.
fn uzbek_triple(n: u64, words: &UzbekWords, out: &mut Vec<&'static str>) {
    let (hundreds, tens, units) = (n / 100, n / 10 % 10, n % 10);
    if hundreds > 1 {
        out.push(words.units[hundreds as usize]);
    }
    if hundreds > 0 {
        out.push(words.hundred);
    }
    if tens > 0 {
        out.push(words.tens[tens as usize]);
    }
    if units > 0 {
        out.push(words.units[units as usize]);
    }
}

fn uzbek(n: u64, words: &UzbekWords) -> String {
    if n == 0 {
        return words.zero.to_owned();
    }
    let mut out = Vec::new();
    for (scale, name) in [(1_000_000_000, words.billion), (1_000_000, words.million), (1_000, words.thousand)]
    {
        let count = n / scale % 1000;
        if count == 0 {
            continue;
        }
        // "минг" alone for one thousand; "бир миллион", "бир миллиард".
        if !(count == 1 && scale == 1_000) {
            uzbek_triple(count, words, &mut out);
        }
        out.push(name);
    }
    uzbek_triple(n % 1000, words, &mut out);
    out.join(" ")
}

/// The Russian noun form for a count: 1 (not 11) → one, 2–4 (not 12–14) → few, else many.
fn russian_form(n: u64, one: &'static str, few: &'static str, many: &'static str) -> &'static str {
    match (n % 10, n % 100) {
        (_, 11..=14) => many,
        (1, _) => one,
        (2..=4, _) => few,
        _ => many,
    }
}

const RU_UNITS_M: [&str; 10] =
    ["", "один", "два", "три", "четыре", "пять", "шесть", "семь", "восемь", "девять"];
const RU_UNITS_F: [&str; 10] =
    ["", "одна", "две", "три", "четыре", "пять", "шесть", "семь", "восемь", "девять"];
const RU_TEENS: [&str; 10] = [
    "десять",
    "одиннадцать",
    "двенадцать",
    "тринадцать",
    "четырнадцать",
    "пятнадцать",
    "шестнадцать",
    "семнадцать",
    "восемнадцать",
    "девятнадцать",
];
const RU_TENS: [&str; 10] = [
    "",
    "",
    "двадцать",
    "тридцать",
    "сорок",
    "пятьдесят",
    "шестьдесят",
    "семьдесят",
    "восемьдесят",
    "девяносто",
];
const RU_HUNDREDS: [&str; 10] =
    ["", "сто", "двести", "триста", "четыреста", "пятьсот", "шестьсот", "семьсот", "восемьсот", "девятьсот"];

fn russian_triple(n: u64, feminine: bool, out: &mut Vec<&'static str>) {
    let (hundreds, tens, units) = ((n / 100) as usize, (n / 10 % 10) as usize, (n % 10) as usize);
    if hundreds > 0 {
        out.push(RU_HUNDREDS[hundreds]);
    }
    if tens == 1 {
        out.push(RU_TEENS[units]);
        return;
    }
    if tens > 1 {
        out.push(RU_TENS[tens]);
    }
    if units > 0 {
        out.push(if feminine { RU_UNITS_F[units] } else { RU_UNITS_M[units] });
    }
}

fn russian(n: u64) -> String {
    if n == 0 {
        return "ноль".to_owned();
    }
    let mut out = Vec::new();
    let groups: [(u64, bool, [&'static str; 3]); 3] = [
        (1_000_000_000, false, ["миллиард", "миллиарда", "миллиардов"]),
        (1_000_000, false, ["миллион", "миллиона", "миллионов"]),
        (1_000, true, ["тысяча", "тысячи", "тысяч"]),
    ];
    for (scale, feminine, [one, few, many]) in groups {
        let count = n / scale % 1000;
        if count == 0 {
            continue;
        }
        russian_triple(count, feminine, &mut out);
        out.push(russian_form(count, one, few, many));
    }
    russian_triple(n % 1000, false, &mut out);
    out.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(amount: &str, language: Language) -> String {
        amount_in_words(Money::parse(amount).unwrap_or_default(), language).unwrap_or_default()
    }

    #[test]
    fn the_issues_examples() {
        assert_eq!(
            words("1250000.50", Language::UzbekCyrillic),
            "Бир миллион икки юз эллик минг сўм 50 тийин"
        );
        assert_eq!(
            words("1250000.50", Language::Russian),
            "Один миллион двести пятьдесят тысяч сумов 50 тийинов"
        );
        assert_eq!(
            words("1250000.50", Language::UzbekLatin),
            "Bir million ikki yuz ellik ming soʻm 50 tiyin"
        );
    }

    #[test]
    fn uzbek_says_no_bir_before_yuz_and_ming() {
        let cyrl = |amount| words(amount, Language::UzbekCyrillic);
        assert_eq!(cyrl("100"), "Юз сўм 00 тийин");
        assert_eq!(cyrl("1000"), "Минг сўм 00 тийин");
        assert_eq!(cyrl("101000"), "Юз бир минг сўм 00 тийин");
        assert_eq!(cyrl("1001000"), "Бир миллион минг сўм 00 тийин");
        assert_eq!(cyrl("1000000000"), "Бир миллиард сўм 00 тийин");
        assert_eq!(cyrl("0"), "Нол сўм 00 тийин");
        assert_eq!(cyrl("0.07"), "Нол сўм 07 тийин");
        assert_eq!(
            cyrl("999999999999.99"),
            "Тўққиз юз тўқсон тўққиз миллиард тўққиз юз тўқсон тўққиз миллион тўққиз юз тўқсон тўққиз минг тўққиз юз тўқсон тўққиз сўм 99 тийин"
        );
        assert_eq!(cyrl("2111"), "Икки минг юз ўн бир сўм 00 тийин");
        assert_eq!(words("14", Language::UzbekLatin), "Oʻn toʻrt soʻm 00 tiyin");
    }

    #[test]
    fn russian_agrees_in_gender_and_number() {
        let ru = |amount| words(amount, Language::Russian);
        assert_eq!(ru("1"), "Один сум 00 тийинов");
        assert_eq!(ru("2.01"), "Два сума 01 тийин");
        assert_eq!(ru("11.11"), "Одиннадцать сумов 11 тийинов");
        assert_eq!(ru("21.22"), "Двадцать один сум 22 тийина");
        assert_eq!(ru("1000"), "Одна тысяча сумов 00 тийинов");
        assert_eq!(ru("2000"), "Две тысячи сумов 00 тийинов");
        assert_eq!(ru("5000"), "Пять тысяч сумов 00 тийинов");
        assert_eq!(ru("12000"), "Двенадцать тысяч сумов 00 тийинов");
        assert_eq!(ru("1000000"), "Один миллион сумов 00 тийинов");
        assert_eq!(ru("3000000000"), "Три миллиарда сумов 00 тийинов");
        assert_eq!(ru("0"), "Ноль сумов 00 тийинов");
        assert_eq!(ru("113"), "Сто тринадцать сумов 00 тийинов");
        assert_eq!(ru("104"), "Сто четыре сума 00 тийинов");
    }

    /// Reads Uzbek Cyrillic words back into a number (the inverse, for the property test).
    fn read_back(text: &str) -> u64 {
        let (mut total, mut group, mut pending) = (0, 0, 0);
        for word in text.to_lowercase().split(' ') {
            if let Some(unit) = CYRILLIC.units.iter().position(|w| *w == word).filter(|p| *p > 0) {
                pending += unit as u64;
            } else if let Some(ten) = CYRILLIC.tens.iter().position(|w| *w == word).filter(|p| *p > 0) {
                pending += 10 * ten as u64;
            } else if word == "юз" {
                group += 100 * pending.max(1);
                pending = 0;
            } else if let Some(scale) = [("минг", 1_000), ("миллион", 1_000_000), ("миллиард", 1_000_000_000)]
                .iter()
                .find(|(w, _)| *w == word)
                .map(|(_, scale)| *scale)
            {
                total += (group + pending).max(1) * scale;
                (group, pending) = (0, 0);
            } else {
                assert!(word == "нол", "unexpected word {word:?}");
            }
        }
        total + group + pending
    }

    proptest::proptest! {
        #[test]
        fn uzbek_words_read_back_to_the_amount(som in 0u64..=999_999_999_999, tiyin in 0u64..100) {
            let amount = Money::from_tiyin((som * 100 + tiyin) as i64);
            let text = amount_in_words(amount, Language::UzbekCyrillic).unwrap_or_default();
            let (words, rest) = text.split_once(" сўм ").unwrap_or_default();
            proptest::prop_assert_eq!(read_back(words), som, "{}", text);
            proptest::prop_assert_eq!(rest.to_owned(), format!("{tiyin:02} тийин"));
            proptest::prop_assert!(!words.contains("бир юз"), "{}", text);
            if som / 1000 % 1000 == 1 {
                proptest::prop_assert!(!words.contains("бир минг"), "{}", text);
            }
        }
    }

    #[test]
    fn what_has_no_words_is_refused() {
        assert!(matches!(
            amount_in_words(Money::from_tiyin(-500), Language::Russian),
            Err(MoneyError::Negative(_))
        ));
        let beyond = Money::MAX.checked_add(Money::from_tiyin(1)).unwrap_or_default();
        assert!(matches!(amount_in_words(beyond, Language::UzbekLatin), Err(MoneyError::TooLarge(_))));
    }
}
