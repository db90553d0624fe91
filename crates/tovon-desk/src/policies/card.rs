//! A person's card (issue 19): from a registry result to everything the desk knows of the
//! insured person — the policy in full, their other policies (the same PINFL) and the claims
//! on any of them — with "Register a claim" on it in the window.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::summary;
use crate::claims::row_dto;
use crate::dto::PersonCardDto;
use crate::{Desk, DeskError};

/// The most policies of one person a card lists.
const POLICIES_MAX: u32 = 100;

impl Desk {
    /// The card of the person insured by policy `policy_id`, their deadlines as of `today`.
    pub fn person_card(&self, policy_id: i64, today: NaiveDate) -> Result<PersonCardDto, DeskError> {
        self.session()?;
        let policy = self.store.policy(policy_id)?.ok_or_else(|| self.policy_not_found(policy_id))?;
        let same_person = self.store.policies_where("pinfl", &policy.record.pinfl, POLICIES_MAX)?;
        let ids: Vec<i64> = same_person.iter().map(|other| other.id).collect();
        let claims = self.store.claims_on_policies(&ids)?;
        let record = &policy.record;
        Ok(PersonCardDto {
            issued_on: tovon_store::iso(record.issued_on),
            premium_paid_on: record.premium_paid_on.map(tovon_store::iso),
            phone: record.phone.clone(),
            address: record.address.clone(),
            loan_agreement: record.loan_agreement.clone(),
            loan_amount: record.loan_amount_tiyin.map(|tiyin| Decimal::new(tiyin, 2).to_string()),
            other_policies: same_person
                .into_iter()
                .filter(|other| other.id != policy_id)
                .map(summary)
                .collect(),
            claims: claims.into_iter().map(|row| row_dto(row, today)).collect(),
            policy: summary(policy),
        })
    }
}
