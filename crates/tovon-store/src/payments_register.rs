//! The payments register for the people downstream (issue 19): every recorded payment of a
//! period with its claim, act, payee and the insured's identifiers, in the order paid.

use chrono::NaiveDate;
use tovon_core::decision::PayeeRole;

use crate::typed::{TypedRow, iso};
use crate::{Store, StoreError};

/// One payment as the register lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisterPayment {
    pub paid_on: NaiveDate,
    pub amount_tiyin: i64,
    pub order_number: String,
    pub payee_name: String,
    pub payee_role: PayeeRole,
    pub claim_number: String,
    pub insured_name: String,
    /// Series and number.
    pub policy: String,
    pub pinfl: String,
    pub passport: Option<String>,
    /// The act the payment is made on (its first issue).
    pub act_number: Option<String>,
    pub user: String,
}

impl Store {
    /// The payments recorded as paid from `from` to `to`, both included, oldest first.
    pub fn payments_between(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<RegisterPayment>, StoreError> {
        let mut statement = self.conn.prepare_cached(
            "SELECT m.id, m.paid_on, m.amount_tiyin, m.order_number, m.user_name, e.name AS payee_name, e.role,
                    c.number AS claim_number, c.insured_name, p.series || ' ' || p.number AS policy, p.pinfl,
                    p.passport,
                    (SELECT i.number FROM issued_document i WHERE i.decision_id = d.id AND i.kind = 'act'
                     ORDER BY i.id LIMIT 1) AS act_number
             FROM claim_payment m
             JOIN claim_payee e ON e.id = m.payee_id
             JOIN claim_decision d ON d.id = e.decision_id
             JOIN claim c ON c.id = d.claim_id
             JOIN policy p ON p.id = c.policy_id
             WHERE m.paid_on BETWEEN ?1 AND ?2
             ORDER BY m.paid_on, m.id",
        )?;
        let rows = statement.query_map([iso(from), iso(to)], |row| {
            let typed = TypedRow::new(row, "claim_payment")?;
            Ok(RegisterPayment {
                paid_on: typed.date("paid_on")?,
                amount_tiyin: row.get("amount_tiyin")?,
                order_number: row.get("order_number")?,
                payee_name: row.get("payee_name")?,
                payee_role: typed.code("role", "a payee's role (insured, bank, heir, other)")?,
                claim_number: row.get("claim_number")?,
                insured_name: row.get("insured_name")?,
                policy: row.get("policy")?,
                pinfl: row.get("pinfl")?,
                passport: row.get("passport")?,
                act_number: row.get("act_number")?,
                user: row.get("user_name")?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
