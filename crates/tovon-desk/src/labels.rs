//! A field as a person reads its name (issue 19): an error says "«Аризачининг Ф.И.Ш.»
//! тўлдирилиши шарт", never "claimant_name: is required". `ErrorDto.field` keeps the field's
//! code for the window to put the message beside it; the sentence uses its label.

use tovon_core::Language;

use crate::messages::text;

/// Each field code the desk names in an error, and its label's key in the catalogue.
const LABELS: &[(&str, &str)] = &[
    // The new claim (`ClaimDraftDto`) and its policy typed by hand.
    ("policy", "claim_form.policy"),
    ("policy_id", "claim_form.policy"),
    ("branch_code", "claim_form.branch_code"),
    ("claimant_name", "claim_form.claimant_name"),
    ("claimant_relation", "claim_form.claimant_relation"),
    ("claimant_phone", "claim_form.claimant_phone"),
    ("beneficiary_name", "claim_form.beneficiary_name"),
    ("event_date", "claim_form.event_date"),
    ("event_place", "claim_form.event_place"),
    ("circumstances", "claim_form.circumstances"),
    ("outcome", "claim_form.outcome"),
    ("notice_date", "claim_form.notice_date"),
    ("notes", "claim_form.notes"),
    ("series", "policy.field.series"),
    ("policy_series", "policy.field.series"),
    ("number", "policy.field.number"),
    ("policy_number", "policy.field.number"),
    ("issued_on", "policy.field.issued_on"),
    ("starts_on", "policy.field.starts_on"),
    ("ends_on", "policy.field.ends_on"),
    ("premium_paid_on", "policy.field.premium_paid_on"),
    ("sum_insured", "policy.field.sum_insured"),
    ("full_name", "session.full_name"),
    ("birth_date", "policy.field.birth_date"),
    ("pinfl", "policy.field.pinfl"),
    ("passport", "policy.field.passport"),
    ("phone", "policy.field.phone"),
    ("address", "policy.field.address"),
    ("loan_agreement", "policy.field.loan_agreement"),
    ("loan_amount", "policy.field.loan_amount"),
    ("branch", "policy.field.branch"),
    // Documents.
    ("item", "documents.field.item"),
    ("reason", "documents.field.reason"),
    ("received_on", "documents.field.received_on"),
    ("requested_on", "documents.field.requested_on"),
    ("verified_on", "documents.field.verified_on"),
    ("file", "field.file"),
    // The Calculator's request.
    ("calc_date", "calc.calc_date"),
    ("outcome_date", "calc.outcome_date"),
    ("count", "calc.count"),
    ("side", "calc.side"),
    ("bone", "calc.bone"),
    ("surgery", "field.surgery"),
    ("acuity_before", "calc.acuity_before"),
    ("acuity_after", "field.acuity_after"),
    ("days", "field.days"),
    ("percent", "calc.conclusion.percent"),
    ("section", "calc.conclusion.section"),
    ("reference", "calc.conclusion.reference"),
    ("table_version", "field.table_version"),
    ("injuries", "calc.picked"),
    ("calculation", "field.calculation"),
    ("payable", "decision.payable"),
    ("version", "field.table_version"),
    // Decisions and payments.
    ("decided_on", "decision.decided_on"),
    ("decision", "decision.heading"),
    ("payees", "field.payees"),
    ("payee_id", "decision.payee_name"),
    ("reviewer", "field.reviewer"),
    ("note", "submission.return_reason"),
    ("documents", "claim_view.tab.documents"),
    ("source", "field.source"),
    ("attachment", "field.attachment"),
    ("path", "field.file"),
    ("on_date", "field.on_date"),
    ("date", "field.on_date"),
    ("signed_on", "decision.signed_on"),
    ("paid_on", "decision.external_paid_on"),
    ("amount", "decision.payee_amount"),
    ("order_number", "decision.order_number"),
    ("name", "decision.payee_name"),
    ("details", "decision.payee_details"),
    ("role", "decision.payee_role"),
    ("grounds", "decision.grounds"),
    ("explanation", "decision.explanation"),
    ("case_reference", "decision.case_reference"),
    ("lang", "decision.paper_language"),
    ("language", "language.label"),
    ("state", "decision.state"),
    // Users and settings.
    ("login", "session.login"),
    ("password", "session.password"),
    ("current", "own_password.current"),
    ("officer_limit", "security.limit"),
    ("idle_lock_minutes", "security.idle"),
    ("backup_keep", "security.keep"),
    // The register's file and its mapping.
    ("header", "field.header"),
    ("mapping", "field.mapping"),
    ("mapping.name", "field.mapping_name"),
    ("mapping.pairs", "field.mapping"),
    ("mapping.field", "field.mapping"),
    ("draft", "field.draft"),
    ("request", "field.request"),
    ("calendar", "settings.calendar"),
    ("N", "field.bank_days"),
    ("fingerprint", "field.fingerprint"),
];

/// The lists of a request whose entries are numbered for a person ("2-жароҳат").
const LISTS: &[(&str, &str)] = &[
    ("injuries", "field.list.injuries"),
    ("prior_payments", "field.list.prior_payments"),
    ("payees", "field.list.payees"),
    ("pairs", "field.list.pairs"),
];

/// The label of a field code or a request's path ("injuries[1].side" → "2-жароҳат: Қўл");
/// a code it does not know reads as "кўрсатилган майдон", never as itself.
pub fn field_label(path: &str, language: Language) -> String {
    if let Some((_, key)) = LABELS.iter().find(|(field, _)| *field == path) {
        return text(language, key, &[]);
    }
    let mut parts = Vec::new();
    for segment in path.split('.').filter(|segment| !segment.is_empty()) {
        match segment.split_once('[') {
            Some((list, index)) => {
                let number = index.trim_end_matches(']').parse::<usize>().map_or(0, |index| index + 1);
                match LISTS.iter().find(|(code, _)| *code == list) {
                    Some((_, key)) => parts.push(text(language, key, &[("number", &number.to_string())])),
                    None => parts.push(label_of(list, language)),
                }
            }
            None => parts.push(label_of(segment, language)),
        }
    }
    match parts.is_empty() {
        true => text(language, "field.unknown", &[]),
        false => parts.join(": "),
    }
}

fn label_of(code: &str, language: Language) -> String {
    match LABELS.iter().find(|(field, _)| *field == code) {
        Some((_, key)) => text(language, key, &[]),
        None => text(language, "field.unknown", &[]),
    }
}

/// Every field code with a label (for the test that walks the desk's errors).
pub fn labelled_fields() -> impl Iterator<Item = &'static str> {
    LABELS.iter().map(|(field, _)| *field)
}
