//! Walks every error the desk gives a person (issue 19): each variant of each error type, in
//! each language, must read without an internal name — no field code ("claimant_name"), no
//! message key, no snake_case identifier — and every field it names must have a label.

use chrono::NaiveDate;
use tovon_core::calc::CalcError;
use tovon_core::calendar::CalendarError;
use tovon_core::claim::{ClaimState, RegistrationError, TransitionError};
use tovon_core::{Language, Money};

use crate::calc_request::{RequestError, RequestProblem};
use crate::decisions::DecisionError;
use crate::documents::DocumentError;
use crate::documents::attachments::AttachmentError;
use crate::dto::RoleCode;
use crate::exchange::ExchangeError;
use crate::labels::{field_label, labelled_fields};
use crate::users::{AccessError, Permission};
use crate::{DeskError, InputError};

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap_or_default()
}

fn money(tiyin: i64) -> Money {
    Money::from_tiyin(tiyin)
}

/// Every field code the desk's code passes as an error's field, as it passes them.
const FIELDS: &[&str] = &[
    "claimant_name",
    "claimant_relation",
    "event_place",
    "circumstances",
    "event_date",
    "notice_date",
    "branch_code",
    "policy",
    "policy_id",
    "login",
    "full_name",
    "role",
    "password",
    "current",
    "file",
    "header",
    "mapping.name",
    "mapping.pairs",
    "paid_on",
    "on_date",
    "decided_on",
    "amount",
    "officer_limit",
    "item",
    "reason",
    "received_on",
    "verified_on",
    "request",
    "draft",
    "table_version",
    "version",
    "date",
    "payees[0].amount",
    "lang",
    "sum_insured",
    "injuries[1].side",
    "injuries[0].item",
    "prior_payments[0].amount",
    "calc_date",
    "birth_date",
    "idle_lock_minutes",
    "fingerprint",
];

fn input_errors() -> Vec<InputError> {
    let field = || "claimant_name".to_owned();
    vec![
        InputError::NotADate { field: "event_date".to_owned(), value: "31.02.2026".to_owned() },
        InputError::Required { field: field() },
        InputError::NotABranchCode { value: "1234567".to_owned() },
        InputError::NotTheDesksBranch { value: "САМ".to_owned(), desk: "ТШ".to_owned() },
        InputError::UnknownPolicy { id: 7 },
        InputError::NoPolicy,
        InputError::NotOneOf {
            field: "role".to_owned(), value: "boss".to_owned(), expected: "—".to_owned()
        },
        InputError::NotACount { field: "version".to_owned(), value: "-1".to_owned() },
        InputError::Shape {
            field: "mapping.pairs".to_owned(),
            value: "x".to_owned(),
            shape: "«А=Б»".to_owned(),
        },
        InputError::NoScheduleVersion { field: "version".to_owned(), version: "9".to_owned() },
        InputError::PrintedAsIssued {
            number: "ТШ-2026-Д0001".to_owned(),
            issued: "ru".to_owned(),
            asked: "uz-Cyrl".to_owned(),
        },
        InputError::CannotWrite {
            field: "file".to_owned(),
            path: "/tmp/a.pdf".to_owned(),
            problem: "—".to_owned(),
        },
        InputError::Unreadable {
            field: "file".to_owned(),
            path: "/tmp/a.csv".to_owned(),
            problem: "—".to_owned(),
        },
        InputError::TooLong { field: "file".to_owned(), max_mb: 20 },
        InputError::TextTooLong { field: "draft".to_owned(), max_kb: 64 },
    ]
}

fn decision_errors() -> Vec<DecisionError> {
    let claim = || "ТШ-2026-000001".to_owned();
    vec![
        DecisionError::ZeroAmount { field: "amount".to_owned(), typed: "0".to_owned() },
        DecisionError::Future {
            field: "decided_on".to_owned(),
            date: day("2027-01-01"),
            today: day("2026-12-01"),
        },
        DecisionError::BeforeLastStep {
            field: "on_date".to_owned(),
            date: day("2026-01-01"),
            last: day("2026-02-01"),
        },
        DecisionError::NoCalculation { claim: claim() },
        DecisionError::PriorChanged { register: money(100), calculation: money(200) },
        DecisionError::NothingPayable,
        DecisionError::NoPayees,
        DecisionError::PayeeName { index: 0 },
        DecisionError::PayeeAmount { index: 1, amount: money(0) },
        DecisionError::PayeesTooLarge,
        DecisionError::PayeeSum { sum: money(100), payable: money(200) },
        DecisionError::NoGrounds,
        DecisionError::NoExplanation,
        DecisionError::NoCase,
        DecisionError::NoApproval { claim: claim() },
        DecisionError::NotSigned { claim: claim(), state: ClaimState::UnderReview },
        DecisionError::UnknownPayee { id: 3 },
        DecisionError::PaymentAmount {
            amount: money(300), owed: money(200), name: "Каримов".to_owned()
        },
        DecisionError::NoOrder,
        DecisionError::UnknownItem { item: "999".to_owned() },
        DecisionError::NoReference,
        DecisionError::ReferenceTaken { reference: "№ 5".to_owned() },
        DecisionError::NothingMissing { claim: claim() },
        DecisionError::CannotWrite { path: "/tmp/a.pdf".to_owned(), problem: "—".to_owned() },
        DecisionError::Moved { claim: claim() },
        DecisionError::OwnAct,
        DecisionError::Recalculated,
        DecisionError::NoReturnReason,
        DecisionError::Pending { claim: claim() },
    ]
}

fn document_errors() -> Vec<DocumentError> {
    // As the desk passes them: the document's title, or what was typed for an unknown one.
    let item = || "Рентген суратлари".to_owned();
    let file = || "скан.pdf".to_owned();
    vec![
        DocumentError::UnknownItem { item: "рентген".to_owned() },
        DocumentError::NotReceived { item: item() },
        DocumentError::NotOnline { item: item() },
        DocumentError::NotMedical { item: item() },
        DocumentError::DateInFuture {
            field: "received_on",
            date: "2027-01-01".to_owned(),
            today: "2026-12-01".to_owned(),
        },
        DocumentError::DateTooEarly {
            field: "received_on",
            date: "2020-01-01".to_owned(),
            earlier: "2026-01-01".to_owned(),
            what: "documents.field.event_date",
        },
        DocumentError::Required { field: "reason" },
        DocumentError::Required { field: "item" },
        DocumentError::AlreadyRequested { item: item() },
        DocumentError::AlreadyRequired { item: item() },
        DocumentError::AlreadyRemoved { id: 4 },
        DocumentError::Incomplete { missing: "Рентген суратлари".to_owned() },
        DocumentError::Attachment(AttachmentError::Unreadable { file: file(), detail: "—".to_owned() }),
        DocumentError::Attachment(AttachmentError::Empty { file: file() }),
        DocumentError::Attachment(AttachmentError::TooLarge { file: file(), size: 30 << 20, max: 20 << 20 }),
        DocumentError::Attachment(AttachmentError::NotAFile { file: file() }),
        DocumentError::Attachment(AttachmentError::NotAScan { file: file() }),
        DocumentError::Attachment(AttachmentError::Missing { file: file(), path: "/x".to_owned() }),
        DocumentError::Attachment(AttachmentError::Tampered {
            file: file(),
            expected: "ab".to_owned(),
            found: "cd".to_owned(),
        }),
        DocumentError::Attachment(AttachmentError::Write { file: file(), detail: "—".to_owned() }),
    ]
}

fn request_errors() -> Vec<RequestError> {
    let error = |field: &str, problem| RequestError { field: field.to_owned(), problem };
    vec![
        error("request", RequestProblem::NotAnObject),
        error("sum_insured", RequestProblem::Required),
        error("injuries[0].item", RequestProblem::NotAString),
        error("injuries", RequestProblem::NotAList),
        error("injuries[1].surgery", RequestProblem::NotABool),
        error("injuries[1].percent", RequestProblem::NotADecimal { value: "x".to_owned() }),
        error("calc_date", RequestProblem::NotADate { value: "x".to_owned() }),
        error("injuries[0].count", RequestProblem::NotACount { value: "-1".to_owned() }),
        error(
            "injuries[1].side",
            RequestProblem::NotOneOf { value: "up".to_owned(), expected: "—".to_owned() },
        ),
        error("injuries[0].reference", RequestProblem::OnlyConclusion),
        error("injuries", RequestProblem::TooMany { max: 200 }),
        error("request", RequestProblem::TooLong { max_kb: 256 }),
    ]
}

fn exchange_errors() -> Vec<ExchangeError> {
    use tovon_exchange::BundleError;
    vec![
        ExchangeError::NotTrusted,
        ExchangeError::NotEnrolled,
        ExchangeError::Member { member: "desk.json".to_owned(), detail: "missing".to_owned() },
        ExchangeError::OtherPrefix { given: "ТШ2".to_owned(), kept: "ТШ".to_owned() },
        ExchangeError::NotItsSetting { key: "backup.keep".to_owned() },
        ExchangeError::BadSetting { key: crate::users::IDLE_LOCK_SETTING.to_owned(), value: "0".to_owned() },
        ExchangeError::UnknownAcknowledgement { number: 7 },
        ExchangeError::MissingBytes { what: "ТШ-2026-Д0001".to_owned(), detail: "—".to_owned() },
        ExchangeError::AwaitingHistory { from: 120 },
        ExchangeError::HistoryNotOurs { detail: "—".to_owned() },
        ExchangeError::NoAddress,
        ExchangeError::ScheduleDiffers { version: 3 },
        ExchangeError::Parts(tovon_exchange::PartError::Missing { missing: vec![2], count: 3 }),
        ExchangeError::Parts(tovon_exchange::PartError::NotTheWhole),
        ExchangeError::WrongCertificate { address: "https://10.0.0.1:8443".to_owned() },
        ExchangeError::Unreachable { address: "https://10.0.0.1:8443".to_owned(), detail: "—".to_owned() },
        ExchangeError::HeadOfficeRefused { code: "rewritten".to_owned(), reason: "—".to_owned() },
        ExchangeError::HeadOfficeRefused { code: "revoked".to_owned(), reason: "—".to_owned() },
        ExchangeError::HeadOfficeRefused { code: "unknown_sender".to_owned(), reason: "—".to_owned() },
        ExchangeError::HeadOfficeRefused { code: "bad_signature".to_owned(), reason: "—".to_owned() },
        ExchangeError::HeadOfficeRefused { code: "newer_schema".to_owned(), reason: "—".to_owned() },
        ExchangeError::HeadOfficeRefused { code: "damaged".to_owned(), reason: "—".to_owned() },
        ExchangeError::Refused(BundleError::NotForUs),
        ExchangeError::Refused(BundleError::Damaged { detail: "—".to_owned() }),
        ExchangeError::Refused(BundleError::NewerFormat { found: 2, known: 1 }),
        ExchangeError::Refused(BundleError::NewerSchema { found: 21, known: 20 }),
        ExchangeError::Refused(BundleError::OtherReceiver { named: "САМ".to_owned() }),
        ExchangeError::Refused(BundleError::UnknownSender { sender: "ХР".to_owned() }),
        ExchangeError::Refused(BundleError::BadSignature { sender: "HQ".to_owned() }),
        ExchangeError::Refused(BundleError::MemberChanged { name: "desk.json".to_owned() }),
    ]
}

fn every_error() -> Vec<DeskError> {
    let mut all: Vec<DeskError> = vec![];
    all.extend(input_errors().into_iter().map(DeskError::from));
    all.extend(decision_errors().into_iter().map(DeskError::from));
    all.extend(document_errors().into_iter().map(DeskError::from));
    all.extend(request_errors().into_iter().map(DeskError::from));
    all.extend([
        DeskError::InvalidInput { field: "officer_limit".to_owned(), problem: "—".to_owned() },
        DeskError::Cancelled,
        DeskError::Calendar(CalendarError::CountBelowOne),
        DeskError::Calendar(CalendarError::NoBankDay(day("2026-01-01"))),
        DeskError::Registration(RegistrationError::EventInFuture {
            event_date: day("2027-01-01"),
            today: day("2026-12-01"),
        }),
        DeskError::Registration(RegistrationError::NoticeBeforeEvent {
            notice_date: day("2026-01-01"),
            event_date: day("2026-02-01"),
        }),
        DeskError::Registration(RegistrationError::NoticeInFuture {
            notice_date: day("2027-01-01"),
            today: day("2026-12-01"),
        }),
        DeskError::Transition(TransitionError::UnknownState("flying".to_owned())),
        DeskError::Transition(TransitionError::Illegal {
            from: ClaimState::Paid,
            to: ClaimState::Registered,
            allowed: "closed".to_owned(),
        }),
        DeskError::Transition(TransitionError::ReasonRequired {
            from: ClaimState::UnderReview,
            to: ClaimState::Refused,
        }),
        DeskError::Access(AccessError::SignedOut),
        DeskError::Access(AccessError::Locked),
        DeskError::Access(AccessError::WrongCredentials),
        DeskError::Access(AccessError::Deactivated),
        DeskError::Access(AccessError::Forbidden {
            role: RoleCode::Officer,
            permission: Permission::Administer,
        }),
        DeskError::Access(AccessError::FirstUserExists),
        DeskError::Access(AccessError::TooManyAttempts { seconds: 30 }),
        DeskError::Calc(CalcError::SideRequired { index: 0, item: "86в".to_owned() }),
    ]);
    all.extend(exchange_errors().into_iter().map(DeskError::from));
    all
}

/// The first thing in `message` a person should not read: a field code, a key, an identifier.
fn internal_name(message: &str) -> Option<String> {
    let words = message.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.'));
    for word in words.filter(|word| !word.is_empty()) {
        let word = word.trim_matches('.');
        let snake = word.contains('_') && word.chars().any(|c| c.is_ascii_lowercase());
        let key = crate::messages::keys().any(|key| key == word);
        if snake || key || labelled_fields().any(|field| field.contains('_') && field == word) {
            return Some(word.to_owned());
        }
    }
    None
}

#[test]
fn every_error_reads_without_an_internal_name_in_every_language() {
    let mut wrong = vec![];
    for error in every_error() {
        for language in [Language::UzbekCyrillic, Language::UzbekLatin, Language::Russian] {
            let shown = error.to_dto(language);
            if shown.message.trim().is_empty() {
                wrong.push(format!("{error:?}: no message"));
            }
            if let Some(name) = internal_name(&shown.message) {
                wrong.push(format!("{error:?} in {language:?}: «{name}» in {}", shown.message));
            }
            if let Some(field) =
                shown.field.as_ref().filter(|field| field_label(field, language) == field_label("", language))
            {
                wrong.push(format!("{error:?}: the field {field} has no label"));
            }
        }
    }
    wrong.dedup();
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn every_field_the_desk_names_has_a_label_in_every_language() {
    for field in FIELDS {
        for language in [Language::UzbekCyrillic, Language::UzbekLatin, Language::Russian] {
            let label = field_label(field, language);
            assert_ne!(label, field_label("", language), "{field}");
            assert_eq!(internal_name(&label), None, "{field}: {label}");
        }
    }
    assert_eq!(field_label("injuries[1].side", Language::UzbekCyrillic), "2-шикастланиш: Қўл");
}
