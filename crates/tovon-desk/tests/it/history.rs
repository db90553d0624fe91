//! A claim's History in words (issue 19), on a real database and its real audit log.

use crate::claims::{draft, opened, policy_id, today};
use crate::decisions::{approve, pay_all, reviewed};

#[test]
fn the_history_says_what_happened_in_the_users_language_with_no_keys() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = opened(&dir);
    let number = reviewed(&mut desk, "0000001");
    approve(&mut desk, &number, "2026-11-20", today());
    desk.sign_act(&number, "2026-11-21", today()).unwrap();
    pay_all(&mut desk, &number, "2026-11-22", today());
    let lines = desk.claim_history_in_words(&number).unwrap();
    let said: Vec<String> = lines
        .iter()
        .map(|line| {
            let details: Vec<String> = line
                .details
                .iter()
                .map(|d| {
                    format!(
                        "{}: {} → {}",
                        d.label,
                        d.before.as_deref().unwrap_or("—"),
                        d.after.as_deref().unwrap_or("—")
                    )
                })
                .collect();
            format!("{} | {} {}", line.actor, line.text, details.join("; "))
        })
        .collect();
    let all = said.join("\n");
    for expected in [
        format!("Каримова Нилуфар (officer) | Ариза {number} рақами билан рўйхатга олинди"),
        "Ҳолати ўзгарди: Рўйхатга олинган → Кўриб чиқилмоқда (10.11.2026)".to_owned(),
        "Сабаби: — → Барча талаб қилинган ҳужжатлар олинди".to_owned(),
        "Рентген суратлари (суяк синиши) қабул қилинди, Асли (10.11.2026)".to_owned(),
        "қабул қилинди, Асли (10.11.2026)".to_owned(),
        "Ҳужжатлар тўлиқ бўлган сана: — → 10.11.2026".to_owned(),
        "Тўлов ҳисоби сақланди: ".to_owned(),
        "Қарор: тўлов тан олинди, ".to_owned(),
        "Ҳужжат берилди: ".to_owned(),
        "Далолатнома икки томондан имзоланди (21.11.2026)".to_owned(),
        "Тўлов қайд этилди: ".to_owned(),
        "Ҳолати ўзгарди: Далолатнома имзоланган → Тўланган (22.11.2026)".to_owned(),
    ] {
        assert!(all.contains(&expected), "«{expected}» in\n{all}");
    }
    let key = regex_free_key(&all);
    assert!(key.is_none(), "an internal name {key:?} in\n{all}");

    // The same history in Uzbek Latin has no Cyrillic but the names and the number.
    desk.set_language(tovon_desk::dto::LanguageTag::UzLatn).unwrap();
    let latin = desk.claim_history_in_words(&number).unwrap();
    let text: String = latin.iter().map(|line| line.text.clone()).collect::<Vec<_>>().join("\n");
    // Typed as it was (the insured's name, the payment order) and numbers as issued stay.
    let typed = text.replace("Каримов Алишер", "");
    let stripped: Vec<&str> =
        typed.split_whitespace().filter(|word| !word.chars().any(|c| c.is_ascii_digit())).collect();
    assert!(
        !stripped.concat().chars().any(|c| matches!(c, '\u{400}'..='\u{4ff}')),
        "Cyrillic on a Latin desk:\n{text}"
    );
    assert!(text.contains("Holati oʻzgardi: Dalolatnoma imzolangan → Toʻlangan (22.11.2026)"), "{text}");
}

#[test]
fn a_refusal_names_its_grounds_as_clauses_in_the_readers_letters() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = opened(&dir);
    let claim = desk
        .register_claim(&draft(policy_id(&desk, "0000002"), "2026-10-01", "2026-10-05"), today())
        .unwrap();
    crate::documents::receive_all(&mut desk, &claim.number, "2026-11-10");
    desk.refuse_claim(&claim.number, &crate::decisions::refusal(&["3.1j"], "2026-11-20"), today()).unwrap();
    let cyrillic = desk.claim_history_in_words(&claim.number).unwrap();
    assert!(cyrillic.iter().any(|line| line.text.contains("асослари 3.1ж")), "{cyrillic:?}");
    desk.set_language(tovon_desk::dto::LanguageTag::UzLatn).unwrap();
    let latin = desk.claim_history_in_words(&claim.number).unwrap();
    assert!(latin.iter().any(|line| line.text.contains("asoslari 3.1j")), "{latin:?}");
}

/// A column name, an item key or an ISO date, if the text has one.
fn regex_free_key(text: &str) -> Option<String> {
    for word in text.split(|c: char| c.is_whitespace() || ",;:()|→".contains(c)) {
        let snake = word.contains('_') && word.chars().all(|c| c.is_ascii_lowercase() || c == '_');
        let item_key =
            word.split_once('/').is_some_and(|(a, b)| a.chars().all(|c| c.is_ascii_digit()) && !b.is_empty());
        let iso = word.len() == 10
            && word.as_bytes().get(4) == Some(&b'-')
            && word.as_bytes().get(7) == Some(&b'-');
        if snake || item_key || iso {
            return Some(word.to_owned());
        }
    }
    None
}
