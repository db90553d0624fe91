//! The calculator's request as JSON (the `tovon calc` contract and the Calculator screen):
//! read field by field from the raw text, so that decimals given as numbers never pass
//! through f64 and every error names its field.

use std::collections::BTreeMap;
use std::str::FromStr;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde_json::value::RawValue;
use tovon_core::Money;
use tovon_core::calc::{CONCLUSION_ITEM, CalcRequest, Conclusion, Injury, Outcome, PriorPayment, Side};

use crate::DeskError;
use crate::messages::text as say;

/// What is wrong with one field of a calculation request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RequestProblem {
    NotJson {
        detail: String,
    },
    NotAnObject,
    UnknownField {
        known: String,
    },
    Required,
    NotAString,
    NotAList,
    NotABool,
    NotADecimal {
        value: String,
    },
    Money(tovon_core::MoneyError),
    NotADate {
        value: String,
    },
    NotACount {
        value: String,
    },
    /// A closed set of codes; `expected` lists them.
    NotOneOf {
        value: String,
        expected: String,
    },
    OnlyConclusion,
    /// More entries than one calculation takes.
    TooMany {
        max: usize,
    },
    /// A request longer than any real one.
    TooLong {
        max_kb: usize,
    },
}

/// The most injuries one calculation takes: far above any real claim, low enough that a
/// request can never keep the desk busy.
pub const MAX_INJURIES: usize = 200;
/// The longest request read: 1 MB.
pub const MAX_REQUEST_BYTES: usize = 1024 * 1024;

/// A field of the request that does not read. The request's own JSON path opens the message
/// (the request is written by a script or by `tovon calc`'s user, who named the field).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {problem:?}")]
pub struct RequestError {
    pub field: String,
    pub problem: RequestProblem,
}

impl RequestError {
    pub fn message(&self, language: tovon_core::Language) -> String {
        let t = |key: &str, params: &[(&str, &str)]| {
            let label = crate::labels::field_label(&self.field, language);
            let mut all = vec![("field", label.as_str())];
            all.extend_from_slice(params);
            say(language, &format!("request_error.{key}"), &all)
        };
        match &self.problem {
            RequestProblem::NotJson { detail } => t("not_json", &[("detail", detail)]),
            RequestProblem::NotAnObject => t("not_an_object", &[]),
            RequestProblem::UnknownField { known } => t("unknown_field", &[("known", known)]),
            RequestProblem::Required => t("required", &[]),
            RequestProblem::NotAString => t("not_a_string", &[]),
            RequestProblem::NotAList => t("not_a_list", &[]),
            RequestProblem::NotABool => t("not_a_bool", &[]),
            RequestProblem::NotADecimal { value } => t("not_a_decimal", &[("value", value)]),
            RequestProblem::Money(problem) => {
                t("money", &[("problem", &crate::decisions::money_problem(problem, language))])
            }
            RequestProblem::NotADate { value } => t("not_a_date", &[("value", value)]),
            RequestProblem::NotACount { value } => t("not_a_count", &[("value", value)]),
            RequestProblem::NotOneOf { value, expected } => {
                t("not_one_of", &[("value", value), ("expected", expected)])
            }
            RequestProblem::OnlyConclusion => t("only_conclusion", &[]),
            RequestProblem::TooMany { max } => t("too_many", &[("max", &max.to_string())]),
            RequestProblem::TooLong { max_kb } => t("too_long", &[("max", &max_kb.to_string())]),
        }
    }
}

fn invalid(field: &str, problem: RequestProblem) -> DeskError {
    DeskError::Request(RequestError { field: field.to_owned(), problem })
}

type Object<'a> = BTreeMap<String, &'a RawValue>;

/// The request with its optional table version.
pub struct ParsedRequest {
    pub request: CalcRequest,
    pub table_version: Option<u32>,
}

fn object<'a>(raw: &'a RawValue, field: &str) -> Result<Object<'a>, DeskError> {
    serde_json::from_str(raw.get()).map_err(|_| invalid(field, RequestProblem::NotAnObject))
}

fn check_keys(object: &Object<'_>, field: &str, known: &[&str]) -> Result<(), DeskError> {
    match object.keys().find(|key| !known.contains(&key.as_str())) {
        Some(key) => {
            Err(invalid(&join(field, key), RequestProblem::UnknownField { known: known.join(", ") }))
        }
        None => Ok(()),
    }
}

fn join(parent: &str, key: &str) -> String {
    if parent.is_empty() { key.to_owned() } else { format!("{parent}.{key}") }
}

/// Present and not null.
fn value<'a>(object: &Object<'a>, key: &str) -> Option<&'a RawValue> {
    object.get(key).copied().filter(|raw| raw.get().trim() != "null")
}

fn text(raw: &RawValue, field: &str) -> Result<String, DeskError> {
    serde_json::from_str::<String>(raw.get()).map_err(|_| invalid(field, RequestProblem::NotAString))
}

/// A decimal written as a string ("10000000.00") or a JSON number (10000000.00), exactly.
fn decimal(raw: &RawValue, field: &str) -> Result<Decimal, DeskError> {
    let written = raw.get().trim();
    let digits = match serde_json::from_str::<String>(written) {
        Ok(text) => text,
        Err(_) => written.to_owned(),
    };
    let cleaned: String = digits.chars().filter(|c| !c.is_whitespace() && *c != '\u{a0}').collect();
    Decimal::from_str(&cleaned.replace(',', "."))
        .or_else(|_| Decimal::from_scientific(&cleaned))
        .map_err(|_| invalid(field, RequestProblem::NotADecimal { value: digits.to_owned() }))
}

/// D25: money as written, in tiyin at most (two decimals) and within 999 999 999 999,99
/// either way ([`Money::from_decimal`]); never rounded. The sign is the engine's to judge
/// (it names the field too).
fn money(raw: &RawValue, field: &str) -> Result<Decimal, DeskError> {
    let amount = decimal(raw, field)?;
    if amount.scale() > 2 {
        return Err(invalid(
            field,
            RequestProblem::Money(tovon_core::MoneyError::TooPrecise(amount.to_string())),
        ));
    }
    Money::from_decimal(amount)
        .map(Money::to_decimal)
        .map_err(|error| invalid(field, RequestProblem::Money(error)))
}

fn date(raw: &RawValue, field: &str) -> Result<NaiveDate, DeskError> {
    let written = text(raw, field)?;
    NaiveDate::parse_from_str(written.trim(), "%Y-%m-%d")
        .map_err(|_| invalid(field, RequestProblem::NotADate { value: written.clone() }))
}

fn whole(raw: &RawValue, field: &str) -> Result<u32, DeskError> {
    serde_json::from_str::<u32>(raw.get().trim())
        .map_err(|_| invalid(field, RequestProblem::NotACount { value: raw.get().trim().to_owned() }))
}

fn flag(raw: &RawValue, field: &str) -> Result<bool, DeskError> {
    serde_json::from_str::<bool>(raw.get()).map_err(|_| invalid(field, RequestProblem::NotABool))
}

fn required<'a>(object: &Object<'a>, parent: &str, key: &str) -> Result<&'a RawValue, DeskError> {
    value(object, key).ok_or_else(|| invalid(&join(parent, key), RequestProblem::Required))
}

fn list<'a>(object: &Object<'a>, key: &str) -> Result<Vec<&'a RawValue>, DeskError> {
    match value(object, key) {
        None => Ok(Vec::new()),
        Some(raw) => serde_json::from_str(raw.get()).map_err(|_| invalid(key, RequestProblem::NotAList)),
    }
}

/// Parses the request; `today` is the default `calc_date`.
pub fn parse_request(json: &str, today: NaiveDate) -> Result<ParsedRequest, DeskError> {
    if json.len() > MAX_REQUEST_BYTES {
        return Err(invalid("request", RequestProblem::TooLong { max_kb: MAX_REQUEST_BYTES / 1024 }));
    }
    // A UTF-8 byte order mark (Notepad's "UTF-8 with BOM") is not part of the JSON.
    let json = json.strip_prefix('\u{feff}').unwrap_or(json);
    let root: &RawValue = serde_json::from_str(json)
        .map_err(|error| invalid("request", RequestProblem::NotJson { detail: error.to_string() }))?;
    let top = object(root, "request")?;
    check_keys(
        &top,
        "",
        &[
            "sum_insured",
            "event_date",
            "calc_date",
            "birth_date",
            "outcome",
            "outcome_date",
            "prior_payments",
            "injuries",
            "table_version",
        ],
    )?;
    let outcome = match value(&top, "outcome").map(|raw| text(raw, "outcome")).transpose()?.as_deref() {
        None | Some("injury") => Outcome::Injury,
        Some("disability_1") => Outcome::Disability1,
        Some("disability_2") => Outcome::Disability2,
        Some("death") => Outcome::Death,
        Some(other) => {
            return Err(invalid(
                "outcome",
                RequestProblem::NotOneOf {
                    value: other.to_owned(),
                    expected: "injury, disability_1, disability_2, death".to_owned(),
                },
            ));
        }
    };
    let optional_date = |key: &str| value(&top, key).map(|raw| date(raw, key)).transpose();
    let request = CalcRequest {
        sum_insured: money(required(&top, "", "sum_insured")?, "sum_insured")?,
        event_date: date(required(&top, "", "event_date")?, "event_date")?,
        calc_date: optional_date("calc_date")?.unwrap_or(today),
        birth_date: optional_date("birth_date")?,
        outcome,
        outcome_date: optional_date("outcome_date")?,
        prior_payments: list(&top, "prior_payments")?
            .into_iter()
            .enumerate()
            .map(|(index, raw)| prior_payment(raw, &format!("prior_payments[{index}]")))
            .collect::<Result<_, _>>()?,
        injuries: bounded(list(&top, "injuries")?, "injuries")?
            .into_iter()
            .enumerate()
            .map(|(index, raw)| injury(raw, &format!("injuries[{index}]")))
            .collect::<Result<_, _>>()?,
    };
    let prior = request.prior_payments.iter().try_fold(Decimal::ZERO, |sum, p| sum.checked_add(p.amount));
    if prior.is_none_or(|sum| tovon_core::Money::from_decimal(sum).is_err()) {
        let shown = prior.map_or_else(|| "∞".to_owned(), |sum| sum.to_string());
        return Err(invalid(
            "prior_payments",
            RequestProblem::Money(tovon_core::MoneyError::TooLarge(shown)),
        ));
    }
    let table_version = value(&top, "table_version").map(|raw| whole(raw, "table_version")).transpose()?;
    Ok(ParsedRequest { request, table_version })
}

/// A list of at most [`MAX_INJURIES`] entries.
fn bounded<'a>(entries: Vec<&'a RawValue>, field: &str) -> Result<Vec<&'a RawValue>, DeskError> {
    if entries.len() > MAX_INJURIES {
        return Err(invalid(field, RequestProblem::TooMany { max: MAX_INJURIES }));
    }
    Ok(entries)
}

fn prior_payment(raw: &RawValue, field: &str) -> Result<PriorPayment, DeskError> {
    let payment = object(raw, field)?;
    check_keys(&payment, field, &["item", "amount"])?;
    Ok(PriorPayment {
        item: value(&payment, "item")
            .map(|raw| text(raw, &join(field, "item")).map(|item| item_code(&item)))
            .transpose()?,
        amount: money(required(&payment, field, "amount")?, &join(field, "amount"))?,
    })
}

fn injury(raw: &RawValue, field: &str) -> Result<Injury, DeskError> {
    let injury = object(raw, field)?;
    check_keys(
        &injury,
        field,
        &[
            "item",
            "count",
            "side",
            "surgery",
            "acuity_before",
            "acuity_after",
            "days",
            "bone",
            "section",
            "percent",
            "reference",
        ],
    )?;
    let at = |key: &str| join(field, key);
    let item = item_code(&text(required(&injury, field, "item")?, &at("item"))?);
    if item.trim() == CONCLUSION_ITEM {
        // D27: a doctor's conclusion has no count, side, surgery or parameters to ignore.
        check_keys(&injury, field, &["item", "section", "percent", "reference"])?;
    }
    let side = match value(&injury, "side").map(|raw| text(raw, &at("side"))).transpose()?.as_deref() {
        None => None,
        Some("left") => Some(Side::Left),
        Some("right") => Some(Side::Right),
        Some(other) => {
            return Err(invalid(
                &at("side"),
                RequestProblem::NotOneOf { value: other.to_owned(), expected: "left, right".to_owned() },
            ));
        }
    };
    let conclusion = conclusion(&injury, field, item.trim() == CONCLUSION_ITEM)?;
    Ok(Injury {
        item,
        count: value(&injury, "count").map(|raw| whole(raw, &at("count"))).transpose()?.unwrap_or(1),
        side,
        surgery: value(&injury, "surgery").map(|raw| flag(raw, &at("surgery"))).transpose()?.unwrap_or(false),
        acuity_before: value(&injury, "acuity_before")
            .map(|raw| acuity(raw, &at("acuity_before")))
            .transpose()?,
        acuity_after: value(&injury, "acuity_after")
            .map(|raw| acuity(raw, &at("acuity_after")))
            .transpose()?,
        days: value(&injury, "days").map(|raw| whole(raw, &at("days"))).transpose()?,
        bone: value(&injury, "bone").map(|raw| text(raw, &at("bone"))).transpose()?,
        conclusion,
    })
}

/// D27: item "7.1" is a doctor's conclusion: its section, percentage and reference; no
/// other item takes them.
fn conclusion(
    injury: &Object<'_>,
    field: &str,
    is_conclusion: bool,
) -> Result<Option<Conclusion>, DeskError> {
    let at = |key: &str| join(field, key);
    if !is_conclusion {
        return match ["section", "percent", "reference"].into_iter().find(|key| value(injury, key).is_some())
        {
            Some(key) => Err(invalid(&at(key), RequestProblem::OnlyConclusion)),
            None => Ok(None),
        };
    }
    Ok(Some(Conclusion {
        section: text(required(injury, field, "section")?, &at("section"))?,
        percent: decimal(required(injury, field, "percent")?, &at("percent"))?,
        reference: value(injury, "reference")
            .map(|raw| text(raw, &at("reference")))
            .transpose()?
            .unwrap_or_default(),
    }))
}

/// Acuity as a string ("0.5", "0,1 дан паст") or a number (0.5), kept as written.
fn acuity(raw: &RawValue, field: &str) -> Result<String, DeskError> {
    match serde_json::from_str::<String>(raw.get()) {
        Ok(text) => Ok(text),
        Err(_) => decimal(raw, field).map(|value| value.to_string()),
    }
}

/// An item as typed, in the schedule's own letters: "70b" typed on a Latin keyboard is item
/// 70б (issue 19); Cyrillic and digits stay as they are.
fn item_code(typed: &str) -> String {
    tovon_core::translit::code_to_cyrillic(typed.trim()).to_lowercase()
}
