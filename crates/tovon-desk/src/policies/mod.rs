//! The policy register: importing the insurer's file (`import`, reading CSV or XLSX in
//! `source`, saved column mappings in `mapping`) and finding a policy.

mod card;
mod import;
mod mapping;
mod source;

use rust_decimal::Decimal;
use tovon_core::identity::{Passport, Pinfl};
use tovon_core::names::{index_key, name_key};
use tovon_core::policy::Policy;
use tovon_store::{PolicyMatches, PolicyRecord, StoredPolicy};

pub use import::{
    REGISTER_COLUMNS, RegisterRead, read_register, register_csv, register_csv_header, register_csv_line,
};
pub(crate) use import::{RejectedRows, row_problem_text};

use crate::dto::{IdentityDto, PolicySearchDto, PolicySummaryDto};
use crate::messages::text;
use crate::{Desk, DeskError};

/// The most matches a search returns.
const MATCHES: u32 = 50;

pub(crate) fn record(policy: Policy) -> PolicyRecord {
    PolicyRecord {
        name_search: index_key(&policy.full_name),
        series: policy.series,
        number: policy.number,
        issued_on: policy.issued_on,
        starts_on: policy.starts_on,
        ends_on: policy.ends_on,
        premium_paid_on: policy.premium_paid_on,
        sum_insured_tiyin: policy.sum_insured.tiyin(),
        full_name: policy.full_name,
        birth_date: policy.birth_date,
        pinfl: policy.pinfl.as_str().to_owned(),
        passport: policy.passport.map(|passport| passport.as_str().to_owned()),
        phone: policy.phone,
        address: policy.address,
        loan_agreement: policy.loan_agreement,
        loan_amount_tiyin: policy.loan_amount.map(|amount| amount.tiyin()),
        branch: policy.branch,
    }
}

impl Desk {
    /// Finds policies by series and number, number, PINFL, passport, or name (either script).
    pub fn find_policies(&self, query: &str) -> Result<Vec<PolicySummaryDto>, DeskError> {
        Ok(self.search_policies(query)?.policies)
    }

    /// The registry search as people type (issue 19): series and number, a number in full or
    /// in part, PINFL, passport, or a name as spelt in everyday use, its words in any order
    /// (`tovon_core::names`). The first 50, and how many match in all.
    pub fn search_policies(&self, query: &str) -> Result<PolicySearchDto, DeskError> {
        self.session()?;
        let query = query.trim();
        let exact = |found: Vec<StoredPolicy>| PolicyMatches { total: found.len() as i64, policies: found };
        let found = if query.is_empty() {
            PolicyMatches::default()
        } else if let Ok(pinfl) = Pinfl::parse(query) {
            exact(self.store.policies_where("pinfl", pinfl.as_str(), MATCHES)?)
        } else if let Ok(passport) = Passport::parse(query) {
            exact(self.store.policies_where("passport", passport.as_str(), MATCHES)?)
        } else if query.chars().any(|c| c.is_ascii_digit()) {
            let parts: Vec<&str> =
                query.split([' ', '-', '/', '№']).filter(|part| !part.is_empty()).collect();
            match parts.as_slice() {
                [series, number] => {
                    exact(self.store.policy_by_series_number(series, number)?.into_iter().collect())
                }
                _ => match self.store.policies_where("number", query, MATCHES)? {
                    found if found.is_empty() => self.store.policies_by_number_part(query, MATCHES)?,
                    found => exact(found),
                },
            }
        } else {
            self.store.policies_by_name(&name_key(query), MATCHES)?
        };
        Ok(PolicySearchDto {
            total: found.total,
            policies: found.policies.into_iter().map(summary).collect(),
        })
    }

    /// "Policy N not found", in the user's language.
    pub(crate) fn policy_not_found(&self, policy_id: i64) -> DeskError {
        DeskError::NotFound(text(self.language(), "policy.not_found", &[("id", &policy_id.to_string())]))
    }

    /// A policy's PINFL and passport in full; the audit log records who saw them, and on
    /// which claim when one is named.
    pub fn reveal_identity(&self, policy_id: i64, claim: Option<&str>) -> Result<IdentityDto, DeskError> {
        self.session()?;
        let claim_id = claim.map(|claim| self.find_claim(claim)).transpose()?.map(|claim| claim.id);
        let policy = self.store.policy(policy_id)?.ok_or_else(|| self.policy_not_found(policy_id))?;
        self.store.audit_event(
            "policy",
            &policy_id.to_string(),
            claim_id,
            r#"{"revealed":["pinfl","passport"]}"#,
        )?;
        Ok(IdentityDto { pinfl: policy.record.pinfl, passport: policy.record.passport.unwrap_or_default() })
    }
}

/// A personal identifier as lists show it (5.4д): the first `lead` and the last `tail`
/// characters, the rest as asterisks; the full value only on request ([`Desk::reveal_identity`], logged).
pub(crate) fn masked(value: &str, lead: usize, tail: usize) -> String {
    let chars: Vec<char> = value.chars().collect();
    if chars.len() <= lead + tail {
        return "*".repeat(chars.len());
    }
    chars
        .iter()
        .enumerate()
        .map(|(index, c)| if index < lead || index >= chars.len() - tail { *c } else { '*' })
        .collect()
}

/// A policy as lists and the claim show it, its PINFL and passport masked.
pub(crate) fn summary(policy: StoredPolicy) -> PolicySummaryDto {
    let record = policy.record;
    PolicySummaryDto {
        id: policy.id,
        series: record.series,
        number: record.number,
        full_name: record.full_name,
        birth_date: tovon_store::iso(record.birth_date),
        pinfl: masked(&record.pinfl, 0, 4),
        passport: record.passport.map(|passport| masked(&passport, 2, 2)),
        starts_on: tovon_store::iso(record.starts_on),
        ends_on: tovon_store::iso(record.ends_on),
        sum_insured: (Decimal::new(record.sum_insured_tiyin, 2)).to_string(),
        branch: record.branch,
        in_registry: policy.in_registry,
    }
}
