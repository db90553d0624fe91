//! What can be wrong with a decision, a payment or an approval, worded once for the person
//! at the desk: each variant names the form's field it is about, and its message is built
//! from the catalogue in the user's language, never from a field's internal name.

use chrono::NaiveDate;
use tovon_core::claim::ClaimState;
use tovon_core::{Language, Money, MoneyError};

use super::papers::money;
use crate::claims::dmy;
use crate::messages::text;

#[derive(Debug, thiserror::Error)]
pub enum DecisionError {
    #[error("{field}: {typed:?} is not an amount: {problem}")]
    Amount { field: String, typed: String, problem: MoneyError },
    #[error("{field}: an amount of 0")]
    ZeroAmount { field: String, typed: String },
    #[error("{field}: {date} is after today ({today})")]
    Future { field: String, date: NaiveDate, today: NaiveDate },
    #[error("{field}: {date} is before the claim's last step ({last})")]
    BeforeLastStep { field: String, date: NaiveDate, last: NaiveDate },
    #[error("claim {claim} has no calculation")]
    NoCalculation { claim: String },
    #[error("the register's earlier payments ({register}) differ from the calculation's ({calculation})")]
    PriorChanged { register: Money, calculation: Money },
    #[error("nothing is payable")]
    NothingPayable,
    #[error("no payees")]
    NoPayees,
    #[error("payee {index} has no name")]
    PayeeName { index: usize },
    #[error("payee {index}: amount {amount:?}")]
    PayeeAmount { index: usize, amount: Money },
    #[error("the payees' amounts add up beyond any amount")]
    PayeesTooLarge,
    #[error("the payees' sum {sum:?} is not the payable {payable:?}")]
    PayeeSum { sum: Money, payable: Money },
    #[error("no grounds")]
    NoGrounds,
    #[error("unknown ground {code:?}")]
    UnknownGround { code: String, known: String },
    #[error("no explanation")]
    NoExplanation,
    #[error("no case reference")]
    NoCase,
    #[error("claim {claim} has no approval")]
    NoApproval { claim: String },
    #[error("claim {claim} is {state:?}, not signed")]
    NotSigned { claim: String, state: ClaimState },
    #[error("payee {id} is not on the act")]
    UnknownPayee { id: i64 },
    #[error("{amount:?} is more than {owed:?} owed to {name}")]
    PaymentAmount { amount: Money, owed: Money, name: String },
    #[error("no payment order number")]
    NoOrder,
    #[error("item {item:?} is not in the schedule")]
    UnknownItem { item: String },
    #[error("no payment reference")]
    NoReference,
    #[error("payment reference {reference:?} is taken")]
    ReferenceTaken { reference: String },
    #[error("claim {claim} has no missing documents")]
    NothingMissing { claim: String },
    #[error("{path} cannot be written: {problem}")]
    CannotWrite { path: String, problem: String },
    #[error("claim {claim} moved meanwhile")]
    Moved { claim: String },
    #[error("an approver may not approve their own act")]
    OwnAct,
    #[error("the calculation changed after the act was drafted")]
    Recalculated,
    #[error("returning an act needs a reason")]
    NoReturnReason,
    #[error("claim {claim} has an act waiting for approval")]
    Pending { claim: String },
}

impl DecisionError {
    /// The form's field the error is about (what the window marks).
    pub fn field(&self) -> String {
        match self {
            DecisionError::Amount { field, .. }
            | DecisionError::ZeroAmount { field, .. }
            | DecisionError::Future { field, .. }
            | DecisionError::BeforeLastStep { field, .. } => field.clone(),
            DecisionError::NoCalculation { .. }
            | DecisionError::PriorChanged { .. }
            | DecisionError::Recalculated => "calculation".to_owned(),
            DecisionError::NothingPayable => "payable".to_owned(),
            DecisionError::NoPayees | DecisionError::PayeesTooLarge | DecisionError::PayeeSum { .. } => {
                "payees".to_owned()
            }
            DecisionError::PayeeName { index } => format!("payees[{index}].name"),
            DecisionError::PayeeAmount { index, .. } => format!("payees[{index}].amount"),
            DecisionError::NoGrounds | DecisionError::UnknownGround { .. } => "grounds".to_owned(),
            DecisionError::NoExplanation => "explanation".to_owned(),
            DecisionError::NoCase => "case_reference".to_owned(),
            DecisionError::NoApproval { .. } | DecisionError::Pending { .. } => "decision".to_owned(),
            DecisionError::NotSigned { .. } | DecisionError::Moved { .. } => "state".to_owned(),
            DecisionError::UnknownPayee { .. } => "payee_id".to_owned(),
            DecisionError::PaymentAmount { .. } => "amount".to_owned(),
            DecisionError::NoOrder => "order_number".to_owned(),
            DecisionError::UnknownItem { .. } => "item".to_owned(),
            DecisionError::NoReference | DecisionError::ReferenceTaken { .. } => "reference".to_owned(),
            DecisionError::NothingMissing { .. } => "documents".to_owned(),
            DecisionError::CannotWrite { .. } => "path".to_owned(),
            DecisionError::OwnAct => "reviewer".to_owned(),
            DecisionError::NoReturnReason => "note".to_owned(),
        }
    }

    /// The message for the person at the desk, in their language.
    pub fn message(&self, language: Language) -> String {
        let t = |key: &str, params: &[(&str, &str)]| text(language, key, params);
        let sum = |amount: &Money| money(amount.tiyin());
        match self {
            DecisionError::Amount { typed, problem, .. } => t(
                "decision_error.amount",
                &[("value", typed), ("problem", &money_problem(problem, language))],
            ),
            DecisionError::ZeroAmount { typed, .. } => {
                t("decision_error.amount", &[("value", typed), ("problem", &t("money_error.zero", &[]))])
            }
            DecisionError::Future { date, today, .. } => {
                t("decision_error.future", &[("date", &dmy(*date)), ("today", &dmy(*today))])
            }
            DecisionError::BeforeLastStep { date, last, .. } => {
                t("decision_error.before_last_step", &[("date", &dmy(*date)), ("last", &dmy(*last))])
            }
            DecisionError::NoCalculation { claim } => {
                t("decision_error.no_calculation", &[("number", claim)])
            }
            DecisionError::PriorChanged { register, calculation } => t(
                "decision_error.prior_changed",
                &[("register", &sum(register)), ("calculation", &sum(calculation))],
            ),
            DecisionError::NothingPayable => t("decision_error.nothing_payable", &[]),
            DecisionError::NoPayees => t("decision_error.no_payees", &[]),
            DecisionError::PayeesTooLarge => t("money_error.too_large", &[]),
            DecisionError::PayeeName { index } => {
                t("decision_error.payee_name", &[("n", &(index + 1).to_string())])
            }
            DecisionError::PayeeAmount { index, amount } => {
                t("decision_error.payee_amount", &[("n", &(index + 1).to_string()), ("amount", &sum(amount))])
            }
            DecisionError::PayeeSum { sum: total, payable } => {
                t("decision_error.payee_sum", &[("sum", &sum(total)), ("payable", &sum(payable))])
            }
            DecisionError::NoGrounds => t("decision_error.no_grounds", &[]),
            DecisionError::UnknownGround { code, known } => {
                t("decision_error.unknown_ground", &[("code", code), ("known", known)])
            }
            DecisionError::NoExplanation => t("decision_error.no_explanation", &[]),
            DecisionError::NoCase => t("decision_error.no_case", &[]),
            DecisionError::NoApproval { claim } => t("decision_error.no_approval", &[("number", claim)]),
            DecisionError::NotSigned { claim, state } => t(
                "decision_error.not_signed",
                &[("number", claim), ("state", &t(&format!("claim.state.{}", state.code()), &[]))],
            ),
            DecisionError::UnknownPayee { id } => {
                t("decision_error.unknown_payee", &[("id", &id.to_string())])
            }
            DecisionError::PaymentAmount { amount, owed, name } => t(
                "decision_error.payment_amount",
                &[("amount", &sum(amount)), ("owed", &sum(owed)), ("name", name)],
            ),
            DecisionError::NoOrder => t("decision_error.no_order", &[]),
            DecisionError::UnknownItem { item } => t("decision_error.unknown_item", &[("item", item)]),
            DecisionError::NoReference => t("decision_error.no_reference", &[]),
            DecisionError::ReferenceTaken { reference } => {
                t("decision_error.reference_taken", &[("reference", reference)])
            }
            DecisionError::NothingMissing { claim } => {
                t("decision_error.nothing_missing", &[("number", claim)])
            }
            DecisionError::CannotWrite { path, problem } => {
                t("decision_error.cannot_write", &[("path", path), ("problem", problem)])
            }
            DecisionError::Moved { claim } => t("claim_error.moved", &[("number", claim)]),
            DecisionError::OwnAct => t("approval_error.own", &[]),
            DecisionError::Recalculated => t("approval_error.recalculated", &[]),
            DecisionError::NoReturnReason => t("approval_error.no_reason", &[]),
            DecisionError::Pending { claim } => t("approval_error.pending", &[("number", claim)]),
        }
    }
}

/// Why a typed amount is not money, in the user's language (D25).
pub(crate) fn money_problem(problem: &MoneyError, language: Language) -> String {
    let key = match problem {
        MoneyError::NotANumber(_) => "money_error.not_a_number",
        MoneyError::Negative(_) => "money_error.negative",
        MoneyError::TooPrecise(_) => "money_error.too_precise",
        MoneyError::TooLarge(_) => "money_error.too_large",
    };
    text(language, key, &[])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn every_kind() -> Vec<DecisionError> {
        let day = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        let sum = Money::from_tiyin(125_000_050);
        let claim = || "ТШ-2026-000001".to_owned();
        vec![
            DecisionError::Amount {
                field: "payees[0].amount".to_owned(),
                typed: "1,234".to_owned(),
                problem: MoneyError::TooPrecise("1.234".to_owned()),
            },
            DecisionError::ZeroAmount { field: "amount".to_owned(), typed: "0".to_owned() },
            DecisionError::Future { field: "paid_on".to_owned(), date: day, today: day },
            DecisionError::BeforeLastStep { field: "decided_on".to_owned(), date: day, last: day },
            DecisionError::NoCalculation { claim: claim() },
            DecisionError::PriorChanged { register: sum, calculation: Money::ZERO },
            DecisionError::NothingPayable,
            DecisionError::NoPayees,
            DecisionError::PayeeName { index: 1 },
            DecisionError::PayeeAmount { index: 0, amount: sum },
            DecisionError::PayeesTooLarge,
            DecisionError::PayeeSum { sum, payable: Money::ZERO },
            DecisionError::NoGrounds,
            DecisionError::UnknownGround { code: "3.1и".to_owned(), known: "3.1а, 3.1б".to_owned() },
            DecisionError::NoExplanation,
            DecisionError::NoCase,
            DecisionError::NoApproval { claim: claim() },
            DecisionError::NotSigned { claim: claim(), state: ClaimState::Approved },
            DecisionError::UnknownPayee { id: 7 },
            DecisionError::PaymentAmount { amount: sum, owed: Money::ZERO, name: "Алиев".to_owned() },
            DecisionError::NoOrder,
            DecisionError::UnknownItem { item: "999".to_owned() },
            DecisionError::NoReference,
            DecisionError::ReferenceTaken { reference: "ПТ-1".to_owned() },
            DecisionError::NothingMissing { claim: claim() },
            DecisionError::CannotWrite { path: "/x/act.pdf".to_owned(), problem: "denied".to_owned() },
            DecisionError::Moved { claim: claim() },
            DecisionError::OwnAct,
            DecisionError::Recalculated,
            DecisionError::NoReturnReason,
            DecisionError::Pending { claim: claim() },
        ]
    }

    #[test]
    fn every_decision_error_reads_in_each_language_without_a_fields_internal_name() {
        for error in every_kind() {
            let field = error.field();
            for language in [Language::UzbekCyrillic, Language::UzbekLatin, Language::Russian] {
                let shown = error.message(language);
                assert!(
                    !shown.contains('{') && !shown.contains("_error."),
                    "{error:?}: a key or a hole: {shown}"
                );
                let internal = field.split(['[', '.']).next().unwrap_or(&field);
                assert!(!shown.contains(internal), "{error:?} names its field {internal:?}: {shown}");
                if language == Language::UzbekLatin {
                    let cyrillic = shown.chars().filter(|c| ('\u{400}'..='\u{4ff}').contains(c)).count();
                    let from_values =
                        ["ТШ", "Алиев", "ПТ", "и"].iter().map(|v| v.chars().count()).sum::<usize>();
                    assert!(cyrillic <= from_values, "{error:?}: Cyrillic on a Latin message: {shown}");
                }
            }
        }
    }
}
