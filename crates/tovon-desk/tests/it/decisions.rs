//! Decisions against a real database: the act drawn from the latest calculation, numbered
//! without gaps and stored byte for byte; payees that must add up; the refusal letter with
//! its grounds; signing, payments part by part; payments from the register deducted by the
//! next calculation; the documents request.

use std::process::Command;

use tovon_desk::Desk;
use tovon_desk::dto::{
    ApproveDto, ClaimOutcome, ClaimStateCode, DecisionViewDto, DeferDto, ExternalPaymentInputDto,
    IssuedKindCode, PayeeInputDto, PayeeRoleCode, PaymentInputDto, RefuseDto,
};

use crate::claims::{day, draft, opened, policy_id, today};
use crate::documents::receive_all;

pub(crate) fn refusal(grounds: &[&str], on: &str) -> RefuseDto {
    RefuseDto {
        grounds: grounds.iter().map(|code| (*code).to_owned()).collect(),
        explanation: "Ҳужжатлар уч ой ичида тақдим этилмади.".to_owned(),
        decided_on: on.to_owned(),
        language: None,
    }
}

/// Approves with the payees the desk proposes.
pub(crate) fn approve(desk: &mut Desk, number: &str, on: &str, today: chrono::NaiveDate) -> DecisionViewDto {
    let view = desk.decision_view(number, today).unwrap();
    let request = ApproveDto { payees: view.default_payees, decided_on: on.to_owned(), language: None };
    desk.approve_claim(number, &request, today).unwrap()
}

/// Records every payee's whole part.
pub(crate) fn pay_all(desk: &mut Desk, number: &str, on: &str, today: chrono::NaiveDate) -> DecisionViewDto {
    let view = desk.decision_view(number, today).unwrap();
    let payees = view.decisions.last().unwrap().payees.clone();
    let mut last = view;
    for (index, payee) in payees.iter().enumerate() {
        let payment = PaymentInputDto {
            payee_id: payee.id,
            paid_on: on.to_owned(),
            amount: payee.amount.clone(),
            order_number: format!("ПТ-{index}"),
        };
        last = desk.record_payment(number, &payment, today).unwrap();
    }
    last
}

fn pdf_text(bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("document.pdf");
    std::fs::write(&path, bytes).unwrap();
    let out =
        Command::new("pdftotext").args(["-layout", "-enc", "UTF-8"]).arg(&path).arg("-").output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// A claim with its documents complete, calculated for item 71а, under review.
pub(crate) fn reviewed(desk: &mut Desk, policy: &str) -> String {
    let claim =
        desk.register_claim(&draft(policy_id(desk, policy), "2026-10-01", "2026-10-05"), today()).unwrap();
    receive_all(desk, &claim.number, "2026-11-10");
    desk.calculate_claim(&claim.number, r#"{"injuries": [{"item": "71а"}]}"#, today()).unwrap();
    claim.number
}

#[test]
fn an_approval_issues_the_numbered_act_from_the_latest_calculation_and_a_reprint_is_the_same_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = opened(&dir);
    let number = reviewed(&mut desk, "0000001");
    let view = desk.decision_view(&number, today()).unwrap();
    assert!(view.can_decide);
    let payable = view.payable.clone().unwrap();
    assert_eq!(view.default_payees.len(), 1, "the insured person by default (1.1.3)");
    assert_eq!(view.default_payees[0].role, PayeeRoleCode::Insured);
    assert_eq!(view.default_payees[0].amount, payable);

    // Parts that do not add up are refused naming the field, and take no number.
    let short = ApproveDto {
        payees: vec![PayeeInputDto { amount: "1".to_owned(), ..view.default_payees[0].clone() }],
        decided_on: "2026-11-20".to_owned(),
        language: None,
    };
    let error = desk.approve_claim(&number, &short, today()).unwrap_err();
    assert_eq!(error.field().as_deref(), Some("payees"), "{error}");
    let preview = desk
        .preview_act(&number, &ApproveDto { payees: view.default_payees.clone(), ..short.clone() }, today())
        .unwrap()
        .pdf()
        .unwrap();
    assert!(pdf_text(&preview).contains("ЛОЙИҲА"), "a preview is marked as a draft");
    assert!(desk.decision_view(&number, today()).unwrap().documents.is_empty(), "a preview stores nothing");

    let approved = approve(&mut desk, &number, "2026-11-20", today());
    assert_eq!(approved.state, ClaimStateCode::Approved);
    assert_eq!(approved.documents.len(), 1);
    let act = &approved.documents[0];
    assert_eq!(
        (act.kind, act.number.as_str()),
        (IssuedKindCode::Act, "ТШ-2026-Д0001"),
        "the first number: no gap"
    );
    let (_, bytes) = desk.issued_document(&number, IssuedKindCode::Act).unwrap();
    let (_, again) = desk.issued_pdf(act.id).unwrap();
    assert_eq!(bytes, again, "a reprint is the stored file");
    assert_eq!(bytes.len() as i64, act.size);

    let text = pdf_text(&bytes);
    let figures = payable.replace(".", ",");
    for expected in [
        "СУҒУРТА ҲОДИСАСИ ТЎҒРИСИДА ДАЛОЛАТНОМА",
        "ТШ-2026-Д0001",
        &number,
        "СФ 00054",
        "Каримов Алишер",
        "71а",
        "М.Ў.",
        "5 (беш) банк куни",
        "1/",
    ] {
        assert!(text.contains(expected), "{expected:?} not in the act:\n{text}");
    }
    assert!(text.replace(' ', "").contains(&figures), "the payable {figures} in figures:\n{text}");
    let words = tovon_desk::words(&payable, tovon_desk::Language::UzbekCyrillic).unwrap();
    let first_words: String = words.split_whitespace().take(3).collect::<Vec<_>>().join(" ");
    assert!(text.replace('\n', " ").contains(&first_words), "{first_words:?} in words:\n{text}");

    // Signed, paid in two parts: paid with the last.
    desk.sign_act(&number, "2026-11-21", today()).unwrap();
    let view = desk.decision_view(&number, today()).unwrap();
    let deadline = view.payment_deadline.clone().unwrap();
    assert_eq!(deadline.basis, "2026-11-21");
    let payee = view.decisions[0].payees[0].clone();
    let total = payee.amount.parse::<rust_decimal::Decimal>().unwrap();
    let half = (total / rust_decimal::Decimal::TWO).round_dp(2);
    let part = |amount: String, order: &str| PaymentInputDto {
        payee_id: payee.id,
        paid_on: "2026-11-22".to_owned(),
        amount,
        order_number: order.to_owned(),
    };
    let too_much = desk
        .record_payment(&number, &part((total + rust_decimal::Decimal::ONE).to_string(), "1"), today())
        .unwrap_err();
    assert_eq!(too_much.field().as_deref(), Some("amount"));
    let no_order = desk.record_payment(&number, &part(half.to_string(), " "), today()).unwrap_err();
    assert_eq!(no_order.field().as_deref(), Some("order_number"));
    let first = desk.record_payment(&number, &part(half.to_string(), "ПТ-17"), today()).unwrap();
    assert_eq!(first.state, ClaimStateCode::ActSigned, "one part paid, one owed");
    let paid = desk.record_payment(&number, &part((total - half).to_string(), "ПТ-18"), today()).unwrap();
    assert_eq!(paid.state, ClaimStateCode::Paid);
    let deadline = paid.payment_deadline.unwrap();
    assert_eq!(deadline.state, tovon_desk::dto::DeadlineStateCode::Met, "paid within 6.9's five bank days");
}

#[test]
fn a_refusal_needs_grounds_and_an_explanation_and_its_letter_quotes_the_clauses() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = opened(&dir);
    let number = reviewed(&mut desk, "0000001");
    let unknown = desk.refuse_claim(&number, &refusal(&["3.1и"], "2026-11-20"), today()).unwrap_err();
    assert_eq!(unknown.field().as_deref(), Some("grounds"));
    let shown = unknown.message(tovon_desk::Language::UzbekCyrillic);
    assert!(shown.contains("3.1d") && shown.contains("3.1и"), "the known grounds are listed: {shown}");
    assert!(!shown.contains("grounds"), "no field's internal name in the message: {shown}");
    let none = desk.refuse_claim(&number, &refusal(&[], "2026-11-20"), today()).unwrap_err();
    assert_eq!(none.field().as_deref(), Some("grounds"));
    let silent = RefuseDto { explanation: "  ".to_owned(), ..refusal(&["3.1d"], "2026-11-20") };
    assert_eq!(
        desk.refuse_claim(&number, &silent, today()).unwrap_err().field().as_deref(),
        Some("explanation")
    );
    // Documents complete on 10.11.2026: the 15 days of 6.6 ran out on 25.11.2026.
    let late = desk.decision_view(&number, day("2026-11-27")).unwrap();
    assert!(late.refusal_late.unwrap().contains("25.11.2026"));
    assert!(desk.decision_view(&number, today()).unwrap().refusal_late.is_none());

    // Issue 19: the letter is read as a draft before a number is taken; the draft is checked
    // as refusing checks, and takes no number.
    let none = desk.preview_refusal(&number, &refusal(&[], "2026-11-20"), today()).unwrap_err();
    assert_eq!(none.field().as_deref(), Some("grounds"));
    let draft = pdf_text(
        &desk
            .preview_refusal(&number, &refusal(&["3.1d", "6.8"], "2026-11-20"), today())
            .unwrap()
            .pdf()
            .unwrap(),
    );
    assert!(draft.contains("ЛОЙИҲА") && !draft.contains("Р0001"), "{draft}");
    assert!(desk.decision_view(&number, today()).unwrap().documents.is_empty(), "no number taken");

    let refused = desk.refuse_claim(&number, &refusal(&["3.1d", "6.8"], "2026-11-20"), today()).unwrap();
    assert_eq!(refused.state, ClaimStateCode::Refused);
    assert_eq!(refused.decisions[0].grounds.len(), 2);
    let letter = &refused.documents[0];
    assert_eq!((letter.kind, letter.number.as_str()), (IssuedKindCode::Refusal, "ТШ-2026-Р0001"));
    let text = pdf_text(&desk.issued_pdf(letter.id).unwrap().1).replace('\n', " ");
    for expected in
        ["РАД ЭТИШ", &number, "3.1д", "алкоголь", "6.8", "Ҳужжатлар уч ой ичида", "8.2", "05.10.2026"]
    {
        assert!(text.contains(expected), "{expected:?} not in the letter:\n{text}");
    }
}

#[test]
fn a_deferral_names_its_case_and_the_claim_returns_to_review_with_the_ruling() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = opened(&dir);
    let number = reviewed(&mut desk, "0000001");
    let blank =
        DeferDto { case_reference: " ".to_owned(), explanation: String::new(), decided_on: String::new() };
    assert_eq!(
        desk.defer_claim(&number, &blank, today()).unwrap_err().field().as_deref(),
        Some("case_reference")
    );
    let case = DeferDto {
        case_reference: "Жиноят иши № 12-345, Чилонзор ИИБ".to_owned(), ..blank
    };
    let deferred = desk.defer_claim(&number, &case, today()).unwrap();
    assert_eq!(deferred.state, ClaimStateCode::Deferred);
    assert_eq!(deferred.decisions[0].case_reference, "Жиноят иши № 12-345, Чилонзор ИИБ");
    assert!(deferred.documents.is_empty());
    let claim = desk.claim(&number, today()).unwrap();
    assert!(claim.events.last().unwrap().reason.contains("12-345"));
}

#[test]
fn on_death_the_bank_takes_its_loan_and_the_heirs_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = opened(&dir);
    let mut death = draft(policy_id(&desk, "0000001"), "2026-10-01", "2026-10-05");
    death.outcome = ClaimOutcome::Death;
    let claim = desk.register_claim(&death, today()).unwrap();
    receive_all(&mut desk, &claim.number, "2026-11-10");
    desk.calculate_claim(
        &claim.number,
        r#"{"outcome": "death", "outcome_date": "2026-10-01", "injuries": []}"#,
        today(),
    )
    .unwrap();
    let view = desk.decision_view(&claim.number, today()).unwrap();
    assert_eq!(view.payable.as_deref(), Some("10000000.00"), "7.3: the whole sum insured");
    let roles: Vec<_> = view.default_payees.iter().map(|payee| payee.role).collect();
    assert_eq!(roles, [PayeeRoleCode::Bank], "the register's loan (20 000 000) covers the whole payable");
    let parts = vec![
        PayeeInputDto {
            role: PayeeRoleCode::Bank,
            name: "«Халқ банки» АЖ".to_owned(),
            details: "KR-1".to_owned(),
            amount: "6 500 000,00".to_owned(),
        },
        PayeeInputDto {
            role: PayeeRoleCode::Heir,
            name: "Каримова Дилноза".to_owned(),
            details: String::new(),
            amount: "3500000".to_owned(),
        },
    ];
    let approved = desk
        .approve_claim(
            &claim.number,
            &ApproveDto { payees: parts, decided_on: String::new(), language: None },
            today(),
        )
        .unwrap();
    let payees = &approved.decisions[0].payees;
    assert_eq!((payees[0].amount.as_str(), payees[1].amount.as_str()), ("6500000.00", "3500000.00"));
    let text = pdf_text(&desk.issued_document(&claim.number, IssuedKindCode::Act).unwrap().1);
    assert!(text.contains("Каримова Дилноза") && text.contains("6 500 000,00"), "{text}");
}

#[test]
fn payments_in_the_register_are_deducted_by_the_next_calculation_and_listed_on_the_act() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = opened(&dir);
    let first = reviewed(&mut desk, "0000001");
    approve(&mut desk, &first, "2026-11-20", today());
    let unsigned_prior = desk.decision_view(&first, today()).unwrap().prior_payments;
    assert!(unsigned_prior.is_empty(), "an act counts once signed");
    desk.sign_act(&first, "2026-11-20", today()).unwrap();
    let first_paid = desk.decision_view(&first, today()).unwrap().decisions[0].payable.clone().unwrap();

    // A second event on the same policy: its calculation takes the first act from the register.
    let second = desk
        .register_claim(&draft(policy_id(&desk, "0000001"), "2026-10-20", "2026-10-25"), today())
        .unwrap();
    receive_all(&mut desk, &second.number, "2026-11-12");
    let calculated = desk
        .calculate_claim(&second.number, r#"{"prior_payments": [], "injuries": [{"item": "28"}]}"#, today())
        .unwrap();
    assert_eq!(calculated.calculation.unwrap().result.prior_paid, first_paid, "not what the request said");

    // A payment made outside the desk, entered once; the old calculation no longer stands.
    let outside = ExternalPaymentInputDto {
        paid_on: "2026-06-01".to_owned(),
        amount: "250 000".to_owned(),
        item: Some("70б".to_owned()),
        reference: "Акт № 17/2026, Самарқанд филиали".to_owned(),
    };
    desk.add_external_payment(&second.number, &outside, today()).unwrap();
    let twice = desk.add_external_payment(&second.number, &outside, today()).unwrap_err();
    assert_eq!(twice.field().as_deref(), Some("reference"), "entered once");
    let bad_item = ExternalPaymentInputDto {
        item: Some("999".to_owned()),
        reference: "x".to_owned(),
        ..outside.clone()
    };
    assert_eq!(
        desk.add_external_payment(&second.number, &bad_item, today()).unwrap_err().field().as_deref(),
        Some("item")
    );
    let view = desk.decision_view(&second.number, today()).unwrap();
    assert!(view.prior_changed);
    assert_eq!(view.prior_payments.len(), 2);
    let stale = desk
        .approve_claim(
            &second.number,
            &ApproveDto { payees: view.default_payees, decided_on: String::new(), language: None },
            today(),
        )
        .unwrap_err();
    assert_eq!(stale.field().as_deref(), Some("calculation"), "{stale}");

    desk.calculate_claim(&second.number, r#"{"injuries": [{"item": "28"}]}"#, today()).unwrap();
    let approved = approve(&mut desk, &second.number, "", today());
    assert_eq!(approved.documents[0].number, "ТШ-2026-Д0002", "the branch's second act");
    let text = pdf_text(&desk.issued_document(&second.number, IssuedKindCode::Act).unwrap().1);
    assert!(text.contains(&first) && text.contains("ТШ-2026-Д0001"), "the first act is listed:\n{text}");
    assert!(text.contains("Акт № 17/2026") && text.contains("250 000,00"), "{text}");
}

#[test]
fn a_documents_request_lists_what_is_missing_and_is_reissued_only_when_that_changes() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = opened(&dir);
    let claim = desk
        .register_claim(&draft(policy_id(&desk, "0000002"), "2026-10-01", "2026-10-05"), today())
        .unwrap();
    let request = desk.issue_request(&claim.number, None, today()).unwrap();
    assert_eq!(request.number, "ТШ-2026-С0001");
    let same = desk.issue_request(&claim.number, None, today()).unwrap();
    assert_eq!(same.id, request.id, "nothing changed: the same document");
    let text = pdf_text(&desk.issued_pdf(request.id).unwrap().1);
    for expected in ["ҲУЖЖАТЛАР ТАҚДИМ ЭТИШ", "Рентген", "6.2.1", "05.01.2027"] {
        assert!(text.contains(expected), "{expected:?}:\n{text}");
    }
    let latin =
        desk.issue_request(&claim.number, Some(tovon_desk::dto::LanguageTag::UzLatn), today()).unwrap();
    assert_ne!(latin.id, request.id);
    assert_eq!(latin.refers_to.as_deref(), Some("ТШ-2026-С0001"));
    assert!(pdf_text(&desk.issued_pdf(latin.id).unwrap().1).contains("HUJJATLAR TAQDIM ETISH"));
    receive_all(&mut desk, &claim.number, "2026-11-10");
    let nothing = desk.issue_request(&claim.number, None, today()).unwrap_err();
    assert_eq!(nothing.field().as_deref(), Some("documents"));
}

#[test]
fn a_claim_calculated_on_a_latin_desk_prints_its_act_in_the_language_of_the_act() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = opened(&dir);
    desk.set_language(tovon_desk::dto::LanguageTag::UzLatn).unwrap();
    let number = reviewed(&mut desk, "0000001");
    let shown = desk.claim(&number, today()).unwrap().calculation.unwrap();
    assert!(shown.result.lines[0].text.contains("travmatik"), "{:?}", shown.result.lines[0].text);
    desk.set_language(tovon_desk::dto::LanguageTag::UzCyrl).unwrap();
    let saved = desk.claim(&number, today()).unwrap().calculation.unwrap();
    assert!(saved.result.lines[0].text.contains("травматик"), "{:?}", saved.result.lines[0].text);
    approve(&mut desk, &number, "", today());
    let text = pdf_text(&desk.issued_document(&number, IssuedKindCode::Act).unwrap().1);
    assert!(text.contains("травматик") && !text.contains("travmatik"), "one script in the act:\n{text}");
}

/// Issue 19: on a Latin act what was typed in Cyrillic is transliterated (the numbers stay as
/// issued); on a Russian act the "Основание" column names the parts in Russian and the
/// claimant's "ўзи" is "сам".
#[test]
fn a_latin_act_transliterates_what_was_typed_and_a_russian_act_names_its_clauses_in_russian() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = opened(&dir);
    let latin = reviewed(&mut desk, "0000001");
    let request = |language| {
        let view = desk.decision_view(&latin, today()).unwrap();
        ApproveDto { payees: view.default_payees, decided_on: String::new(), language: Some(language) }
    };
    let asked = request(tovon_desk::dto::LanguageTag::UzLatn);
    desk.approve_claim(&latin, &asked, today()).unwrap();
    let text = pdf_text(&desk.issued_document(&latin, IssuedKindCode::Act).unwrap().1);
    assert!(text.contains("Karimov Alisher") && text.contains("Toshkent"), "typed names in Latin:\n{text}");
    assert!(text.contains(&latin), "the claim's number as issued:\n{text}");
    assert!(text.contains("jadval,") && text.contains("71a-band"), "the clause in Latin letters:\n{text}");

    let russian = desk
        .register_claim(
            &crate::claims::draft(policy_id(&desk, "0000002"), "2026-10-01", "2026-10-05"),
            today(),
        )
        .unwrap()
        .number;
    crate::documents::receive_all(&mut desk, &russian, "2026-11-10");
    desk.calculate_claim(&russian, r#"{"injuries": [{"item": "71а"}]}"#, today()).unwrap();
    let view = desk.decision_view(&russian, today()).unwrap();
    let asked = ApproveDto {
        payees: view.default_payees,
        decided_on: String::new(),
        language: Some(tovon_desk::dto::LanguageTag::Ru),
    };
    desk.approve_claim(&russian, &asked, today()).unwrap();
    let text = pdf_text(&desk.issued_document(&russian, IssuedKindCode::Act).unwrap().1);
    assert!(text.contains("таблица, п.") && !text.contains("71а-банд"), "the clause in Russian:\n{text}");
    assert!(text.contains("(сам)"), "the claimant's relation in Russian:\n{text}");
    assert!(!text.contains("жадвал,") && !text.contains("-банд"), "no Uzbek clause words:\n{text}");
}

/// D19 through the register: the interim item (45а) paid on the first act is an advance on
/// the final item (45в) when a later claim on the same policy pays it, deducted as its own
/// line with its clause on the act.
#[test]
fn an_interim_payment_on_a_signed_act_is_deducted_when_the_final_item_is_paid_d19() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = opened(&dir);
    let first = desk
        .register_claim(&draft(policy_id(&desk, "0000001"), "2026-09-01", "2026-09-05"), today())
        .unwrap()
        .number;
    receive_all(&mut desk, &first, "2026-11-10");
    let interim = desk.calculate_claim(&first, r#"{"injuries": [{"item": "45в"}]}"#, today()).unwrap();
    let result = interim.calculation.unwrap().result;
    assert_eq!((result.table_version, result.payable.as_str()), (2, "1500000.00"), "45а meanwhile (D14)");
    approve(&mut desk, &first, "2026-11-20", today());
    desk.sign_act(&first, "2026-11-20", today()).unwrap();

    // Six months after the accident the final item is paid on a new claim, less the advance.
    let later = day("2027-03-05");
    let second = desk
        .register_claim(&draft(policy_id(&desk, "0000001"), "2026-09-01", "2027-03-02"), later)
        .unwrap()
        .number;
    crate::documents::receive_all_as_of(&mut desk, &second, "2027-03-03", later);
    let calculated = desk
        .calculate_claim(&second, r#"{"injuries": [{"item": "45а"}, {"item": "45в"}]}"#, later)
        .unwrap()
        .calculation
        .unwrap()
        .result;
    assert_eq!(calculated.payable, "3500000.00", "50 % less the 15 % advance, not 65 %");
    let deduction = calculated.lines.iter().find(|line| line.amount.starts_with('-')).unwrap();
    assert!(
        deduction.clause.contains("45-банд, 2-изоҳ") && deduction.clause.contains("D19"),
        "{deduction:?}"
    );
    approve(&mut desk, &second, "2027-03-05", later);
    let text = pdf_text(&desk.issued_document(&second, IssuedKindCode::Act).unwrap().1);
    assert!(text.contains("D19") && text.contains("-1 500 000,00"), "the deduction is its own line:\n{text}");
}

/// Runs `sql` on the database with `table`'s triggers dropped and its checks off: an attacker
/// with the sqlite3 shell, not the desk.
fn tamper(db: &std::path::Path, table: &str, sql: &str) {
    let sqlite3 = |script: &str| {
        let out =
            Command::new("sqlite3").arg(db).arg(script).output().expect("sqlite3 (make test installs it)");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    let drops = sqlite3(&format!(
        "SELECT 'DROP TRIGGER ' || name || ';' FROM sqlite_master WHERE type = 'trigger' AND tbl_name = '{table}'"
    ));
    sqlite3(&format!("PRAGMA ignore_check_constraints = ON; {drops}{sql}"));
}

/// A decision's, a payee's, a transfer's, an issued document's or a policy's stored value
/// that does not read as its type stops the Decision tab with the table, row and column
/// named — never approve-by-default, today's language, the earliest day or no grounds.
#[test]
fn a_decisions_stored_value_that_does_not_read_is_refused_naming_its_table_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("tovon.sqlite3");
    let mut desk = opened(&dir);
    let paid = reviewed(&mut desk, "0000001");
    approve(&mut desk, &paid, "2026-11-18", today());
    desk.sign_act(&paid, "2026-11-19", today()).unwrap();
    pay_all(&mut desk, &paid, "2026-11-20", today());
    let refused = reviewed(&mut desk, "0000002");
    desk.refuse_claim(&refused, &refusal(&["3.1d"], "2026-11-20"), today()).unwrap();
    drop(desk);
    let pristine = std::fs::read(&db).unwrap();
    let cases = [
        (&paid, "UPDATE claim_decision SET kind = 'Approve'", "claim_decision", "kind"),
        (&paid, "UPDATE claim_decision SET signed_on = '19.11.2026'", "claim_decision", "signed_on"),
        (&refused, "UPDATE claim_decision SET grounds = '3.1d'", "claim_decision", "grounds"),
        (&refused, "UPDATE claim_decision SET decided_on = '2026-11-31'", "claim_decision", "decided_on"),
        (&paid, "UPDATE claim_payee SET role = 'cousin'", "claim_payee", "role"),
        (&paid, "UPDATE claim_payment SET paid_on = ''", "claim_payment", "paid_on"),
        (&refused, "UPDATE issued_document SET language = 'en'", "issued_document", "language"),
        (
            &refused,
            "UPDATE issued_document SET kind = 'letter' WHERE kind = 'refusal'",
            "issued_document",
            "kind",
        ),
        (&paid, "UPDATE policy SET birth_date = '1963-13-12'", "policy", "birth_date"),
        (&refused, "UPDATE claim SET next_due_kind = 'soon'", "claim", "next_due_kind"),
    ];
    for (number, sql, table, column) in cases {
        std::fs::write(&db, &pristine).unwrap();
        tamper(&db, table, sql);
        let desk = crate::signed_in(&db, "officer");
        let error = desk.decision_view(number, today()).unwrap_err();
        let shown = error.to_dto(tovon_desk::Language::UzbekCyrillic).message;
        assert!(shown.contains(table) && shown.contains(column), "{sql}: {shown}");
    }
}
