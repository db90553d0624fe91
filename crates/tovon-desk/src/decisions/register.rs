//! The register of earlier payments on a policy (7.2–7.4, D15, D19, D28): the signed acts
//! spread over their items and the payments entered once from outside; what a calculation
//! deducts and what an act lists, never what a request says.

use super::*;

/// The sum of every payment the register knows of.
pub(crate) fn register_total(register: &[RegisterPayment]) -> Result<Money, DeskError> {
    Money::sum(register.iter().flat_map(|payment| &payment.parts).map(|part| part.amount)).ok_or_else(|| {
        DeskError::Internal("the register's payments add up to more than an amount holds".into())
    })
}

/// A part of a payment, by the item it paid for where the register knows it (D15, D19).
pub(crate) struct RegisterPart {
    pub item: Option<String>,
    pub amount: Money,
}

/// A payment the register knows of: a signed act on the policy, or one entered from outside.
pub(crate) struct RegisterPayment {
    /// The claim whose signed act it is (none for a payment made outside the desk).
    pub claim_id: Option<i64>,
    pub source: String,
    pub paid_on: NaiveDate,
    pub external: bool,
    pub parts: Vec<RegisterPart>,
}

impl Desk {
    /// Every payment the register knows of to the claim's insured person under its policy:
    /// the acts signed (spread over their items, so D15 can deduct by item) and those
    /// entered from outside the desk.
    pub(crate) fn register_payments(&self, policy_id: i64) -> Result<Vec<RegisterPayment>, DeskError> {
        let mut payments = Vec::new();
        for approval in self.store.signed_approvals(policy_id)? {
            let lines: Vec<(String, Decimal)> = approval
                .result
                .lines
                .iter()
                .map(|line| (line.item.clone(), Money::from_tiyin(line.amount_tiyin).to_decimal()))
                .collect();
            let act = self
                .store
                .issued_documents(approval.claim_id)?
                .into_iter()
                .rev()
                .find(|document| {
                    document.decision_id == Some(approval.decision_id) && document.kind == DocumentKind::Act
                })
                .map(|document| format!(" ({})", document.number))
                .unwrap_or_default();
            payments.push(RegisterPayment {
                claim_id: Some(approval.claim_id),
                source: format!("{}{act}", approval.claim_number),
                paid_on: approval.signed_on,
                external: false,
                parts: paid_by_item(&lines, Money::from_tiyin(approval.payable_tiyin).to_decimal())
                    .into_iter()
                    .map(|part| {
                        let amount = Money::from_decimal(part.amount).map_err(|error| {
                            DeskError::Internal(format!("decision {}: {error}", approval.decision_id))
                        })?;
                        Ok(RegisterPart { item: part.item, amount })
                    })
                    .collect::<Result<_, DeskError>>()?,
            });
        }
        for external in self.store.external_payments(policy_id)? {
            payments.push(RegisterPayment {
                claim_id: None,
                source: external.reference,
                paid_on: external.paid_on,
                external: true,
                parts: vec![RegisterPart {
                    item: external.item,
                    amount: Money::from_tiyin(external.amount_tiyin),
                }],
            });
        }
        Ok(payments)
    }

    /// The register's payments as the calculator's `prior_payments`.
    pub(crate) fn prior_payments_json(&self, policy_id: i64) -> Result<serde_json::Value, DeskError> {
        let parts = self
            .register_payments(policy_id)?
            .into_iter()
            .flat_map(|payment| payment.parts)
            .map(|part| match part.item {
                Some(item) => serde_json::json!({"item": item, "amount": part.amount.to_string()}),
                None => serde_json::json!({"amount": part.amount.to_string()}),
            })
            .collect();
        Ok(serde_json::Value::Array(parts))
    }
}
