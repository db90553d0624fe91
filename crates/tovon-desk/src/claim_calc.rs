//! A claim's calculation: the Calculator's request on the claim's own facts (sum insured,
//! event date, birth date from the claim and its policy, never retyped), saved as an
//! immutable snapshot; its deferred items (D14) become the claim's waiting deadlines.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde_json::value::RawValue;
use tovon_core::claim::{ClaimState, DeadlineFacts};
use tovon_core::policy::parse_date;
use tovon_store::records::DeferredRecord;
use tovon_store::{NewCalculation, StoredCalculation, StoredClaim};

use crate::claims::deadline_facts;
use crate::dto::{CalculationDto, ClaimCalculationDto, ClaimDto};
use crate::error::invalid;
use crate::messages::text;
use crate::{Desk, DeskError};

/// The request with the claim's facts put in: its raw text otherwise kept, so amounts in it
/// never pass through a float. Also its calculation date, if it names one.
fn on_claim_facts(
    request_json: &str,
    facts: &[(&str, serde_json::Value)],
) -> Result<(String, Option<NaiveDate>), DeskError> {
    let mut fields: BTreeMap<String, Box<RawValue>> =
        serde_json::from_str(request_json).map_err(|error| {
            DeskError::Request(crate::calc_request::RequestError {
                field: "request".to_owned(),
                problem: crate::calc_request::RequestProblem::NotJson { detail: error.to_string() },
            })
        })?;
    for (name, value) in facts {
        let raw = serde_json::to_string(value)
            .ok()
            .and_then(|json| RawValue::from_string(json).ok())
            .ok_or_else(|| invalid(name, value.to_string()))?;
        fields.insert((*name).to_owned(), raw);
    }
    let calc_date = fields
        .get("calc_date")
        .and_then(|raw| serde_json::from_str::<String>(raw.get()).ok())
        .and_then(|text| parse_date(&text));
    let text = serde_json::to_string(&fields).map_err(|error| invalid("request", error.to_string()))?;
    Ok((text, calc_date))
}

/// The deferred items (D14) with their first day: the claim's waiting deadlines.
fn waiting(deferred: &[DeferredRecord]) -> Vec<(String, NaiveDate)> {
    deferred.iter().map(|deferred| (deferred.item.clone(), deferred.earliest_date)).collect()
}

/// The items a saved calculation deferred, with their first day.
pub(crate) fn waiting_of(calculation: &StoredCalculation) -> Vec<(String, NaiveDate)> {
    waiting(&calculation.result.deferred)
}

/// A saved calculation as shown in `language`.
pub(crate) fn calculation_dto(
    calculation: StoredCalculation,
    language: tovon_core::Language,
) -> Result<ClaimCalculationDto, DeskError> {
    let result = CalculationDto::from(&crate::calc::in_language(calculation.result, language));
    Ok(ClaimCalculationDto {
        id: calculation.id,
        calculated_on: calculation.calculated_on,
        user: calculation.user,
        entered_at: calculation.entered_at,
        request: calculation.request,
        result,
        count: calculation.count,
    })
}

impl Desk {
    /// Calculates the claim with the Calculator's request (injuries, outcome, calculation
    /// date) and saves it; the claim then goes by it. The prior payments are the register's
    /// (signed acts on the policy and payments entered from outside), whatever the request
    /// says. Only a claim not yet decided is calculated.
    pub fn calculate_claim(
        &mut self,
        id_or_number: &str,
        request_json: &str,
        today: NaiveDate,
    ) -> Result<ClaimDto, DeskError> {
        self.require(crate::users::Permission::ClaimWork)?;
        let language = self.language();
        let claim: StoredClaim = self.find_claim(id_or_number)?;
        let state = claim.progress.state;
        // A calculation comes before the decision; after it the act fixes the amount (6.5),
        // and a supplementary one starts from a reopening.
        if !matches!(
            state,
            ClaimState::Registered
                | ClaimState::AwaitingDocuments
                | ClaimState::UnderReview
                | ClaimState::Deferred
        ) {
            return Err(invalid(
                "state",
                text(
                    language,
                    "claim_error.decided",
                    &[
                        ("number", &claim.number),
                        ("state", &text(language, &format!("claim.state.{}", state.code()), &[])),
                    ],
                ),
            ));
        }
        let policy =
            self.store.policy(claim.policy_id)?.ok_or_else(|| self.policy_not_found(claim.policy_id))?;
        let sum_insured = Decimal::new(policy.record.sum_insured_tiyin, 2).to_string();
        let (request, calc_date) = on_claim_facts(
            request_json,
            &[
                ("sum_insured", sum_insured.into()),
                ("event_date", claim.facts.event_date.to_string().into()),
                ("birth_date", policy.record.birth_date.to_string().into()),
                // 7.2–7.4, D15: what was paid before comes from the register, never typed.
                ("prior_payments", self.prior_payments_json(policy.id)?),
            ],
        )?;
        let calculation = self.calculate_canonical(&request, today)?;
        let facts = DeadlineFacts { waiting: waiting(&calculation.deferred), ..deadline_facts(&claim, None) };
        let disability_set_on = claim.progress.disability_set_on;
        let progress = self.progress(state, &facts, disability_set_on, today)?;
        let calculated_on = calc_date.unwrap_or(today).to_string();
        let user = self.user().to_owned();
        let saved = self.store.save_calculation(
            claim.id,
            &NewCalculation {
                request: &request,
                result: &calculation,
                calculated_on: &calculated_on,
                user: &user,
            },
            &progress,
        )?;
        if saved.is_none() {
            return Err(crate::decisions::DecisionError::Moved { claim: claim.number.clone() }.into());
        }
        self.claim(&claim.id.to_string(), today)
    }
}
