//! Why the exchange cannot go on, in the reader's language: a bundle refused (each check by
//! name), the exchange not set up, a head office bundle that asks what it may not.

use tovon_core::Language;
use tovon_exchange::BundleError;

use crate::messages::text;

/// A setting as a person reads it: the label of its field on the Settings screen (a key this
/// desk does not know is shown as the head office wrote it).
pub(super) fn setting_label(key: &str, language: Language) -> String {
    match key {
        crate::users::OFFICER_LIMIT_SETTING => crate::labels::field_label("officer_limit", language),
        crate::users::IDLE_LOCK_SETTING => crate::labels::field_label("idle_lock_minutes", language),
        other => other.to_owned(),
    }
}

/// Whether a head office setting's value is one the desk reads.
pub(super) fn setting_reads(key: &str, value: &str) -> bool {
    match key {
        crate::users::OFFICER_LIMIT_SETTING => value.parse::<i64>().is_ok_and(|limit| limit >= 0),
        crate::users::IDLE_LOCK_SETTING => {
            value.parse::<u32>().is_ok_and(|minutes| crate::users::IDLE_LOCK_RANGE.contains(&minutes))
        }
        _ => false,
    }
}

/// Why the exchange cannot go on; worded from the catalogue at the edge.
#[derive(Debug, thiserror::Error)]
pub enum ExchangeError {
    #[error("no head office is trusted yet: tovon exchange trust")]
    NotTrusted,
    #[error("the desk is not enrolled yet: import the head office's enrolment answer")]
    NotEnrolled,
    #[error(transparent)]
    Refused(#[from] BundleError),
    #[error("the bundle's {member} does not read: {detail}")]
    Member { member: String, detail: String },
    #[error("the head office numbers this desk {given}; it numbers under {kept}")]
    OtherPrefix { given: String, kept: String },
    #[error("the head office sets {key}, which it does not own")]
    NotItsSetting { key: String },
    #[error("the head office sets {key} to {value:?}, which does not read")]
    BadSetting { key: String, value: String },
    #[error("the head office acknowledges bundle {number}, which this desk has no record of")]
    UnknownAcknowledgement { number: u64 },
    #[error(transparent)]
    Parts(tovon_exchange::PartError),
    #[error("the head office sends schedule version {version} with other text than this desk holds")]
    ScheduleDiffers { version: u32 },
    #[error("the head office has sent no address to reach it over the network")]
    NoAddress,
    #[error("the server at {address} did not present the head office's enrolled certificate")]
    WrongCertificate { address: String },
    #[error("the head office at {address} cannot be reached: {detail}")]
    Unreachable { address: String, detail: String },
    #[error("the head office refused the bundle ({code}): {reason}")]
    HeadOfficeRefused { code: String, reason: String },
    #[error("{what} cannot be read for the bundle: {detail}")]
    MissingBytes { what: String, detail: String },
    /// Restored from a backup while enrolled: no claim is numbered or changed until the head
    /// office's copy of the history lost is replayed (entries from `from` on).
    #[error("restored from a backup: waiting for the head office's history from entry {from}")]
    AwaitingHistory { from: i64 },
    /// The history a head office bundle sends back is not this desk's chain.
    #[error("the history the head office sent back does not continue this desk's log: {detail}")]
    HistoryNotOurs { detail: String },
}

impl ExchangeError {
    /// Nothing wrong, only not yet: a part of the bundle is still to come.
    pub fn waits(&self) -> bool {
        matches!(self, ExchangeError::Parts(tovon_exchange::PartError::Missing { .. }))
    }

    pub(crate) fn message(&self, language: Language) -> String {
        let t = |key: &str, params: &[(&str, &str)]| text(language, &format!("exchange.error.{key}"), params);
        match self {
            ExchangeError::NotTrusted => t("not_trusted", &[]),
            ExchangeError::NotEnrolled => t("not_enrolled", &[]),
            ExchangeError::Refused(refusal) => refusal_message(refusal, language),
            ExchangeError::Member { member, detail } => {
                t("member", &[("member", member), ("detail", detail)])
            }
            ExchangeError::OtherPrefix { given, kept } => {
                t("other_prefix", &[("given", given), ("kept", kept)])
            }
            ExchangeError::NotItsSetting { key } => {
                t("not_its_setting", &[("key", &setting_label(key, language))])
            }
            ExchangeError::BadSetting { key, value } => {
                t("bad_setting", &[("key", &setting_label(key, language)), ("value", value)])
            }
            ExchangeError::UnknownAcknowledgement { number } => {
                t("unknown_acknowledgement", &[("number", &number.to_string())])
            }
            ExchangeError::Parts(tovon_exchange::PartError::Missing { missing, count }) => {
                let missing: Vec<String> = missing.iter().map(u32::to_string).collect();
                t("parts_missing", &[("missing", &missing.join(", ")), ("count", &count.to_string())])
            }
            ExchangeError::Parts(tovon_exchange::PartError::Damaged { detail, .. }) => {
                refusal_message(&BundleError::Damaged { detail: detail.clone() }, language)
            }
            ExchangeError::Parts(tovon_exchange::PartError::NotTheWhole) => t("parts_not_whole", &[]),
            ExchangeError::ScheduleDiffers { version } => {
                t("schedule_differs", &[("version", &version.to_string())])
            }
            ExchangeError::NoAddress => t("no_address", &[]),
            ExchangeError::WrongCertificate { address } => t("wrong_certificate", &[("address", address)]),
            ExchangeError::Unreachable { address, detail } => {
                t("unreachable", &[("address", address), ("detail", detail)])
            }
            ExchangeError::HeadOfficeRefused { code, reason } => match code.as_str() {
                "revoked" | "rewritten" | "unknown_sender" | "bad_signature" | "newer_schema" => {
                    t(&format!("head_office_refused.{code}"), &[])
                }
                _ => t("head_office_refused.other", &[("detail", reason)]),
            },
            ExchangeError::MissingBytes { what, detail } => {
                t("missing_bytes", &[("what", what), ("detail", detail)])
            }
            ExchangeError::AwaitingHistory { .. } => t("awaiting_history", &[]),
            ExchangeError::HistoryNotOurs { detail } => t("history_not_ours", &[("detail", detail)]),
        }
    }
}

/// A refused bundle, said in the reader's language.
fn refusal_message(refusal: &BundleError, language: Language) -> String {
    let t = |key: &str, params: &[(&str, &str)]| text(language, &format!("exchange.refused.{key}"), params);
    match refusal {
        BundleError::NotForUs => t("not_for_us", &[]),
        BundleError::Damaged { detail } => t("damaged", &[("detail", detail)]),
        BundleError::NewerFormat { found, known } => {
            t("newer_format", &[("found", &found.to_string()), ("known", &known.to_string())])
        }
        BundleError::NewerSchema { found, known } => {
            t("newer_schema", &[("found", &found.to_string()), ("known", &known.to_string())])
        }
        BundleError::OtherReceiver { named } => t("other_receiver", &[("named", named)]),
        BundleError::UnknownSender { sender } => t("unknown_sender", &[("sender", sender)]),
        BundleError::BadSignature { sender } => t("bad_signature", &[("sender", sender)]),
        BundleError::MemberChanged { name } => t("member_changed", &[("name", name)]),
    }
}
