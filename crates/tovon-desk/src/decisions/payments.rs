//! After the act: its signing (the five bank days of 6.9 start), each payee's transfer with
//! its payment order (the claim is paid with the last part), and payments made outside the
//! desk, entered once per policy and reference.

use super::*;

impl Desk {
    /// The act was signed by both sides on `on` (empty: today): 6.9's 5 bank days start.
    pub fn sign_act(
        &mut self,
        id_or_number: &str,
        on: &str,
        today: NaiveDate,
    ) -> Result<DecisionViewDto, DeskError> {
        self.require(Permission::ClaimWork)?;
        let claim = self.find_claim(id_or_number)?;
        let state = claim.progress.state;
        check_move(state, ClaimState::ActSigned)?;
        let decision = self.current_approval(&claim)?;
        let on_day = step_day(self, &claim, "signed_on", on, today)?;
        let (progress, step) = self.step_to(&claim, ClaimState::ActSigned, on_day, "", today)?;
        let from = claim.progress.state;
        let written = self.store.sign_act(
            &ClaimMove { claim_id: claim.id, from, progress: &progress, step: &step },
            decision.id,
        )?;
        self.after_decision(&claim, written, today)
    }

    /// A transfer to one of the act's payees; the claim becomes paid with the last part.
    pub fn record_payment(
        &mut self,
        id_or_number: &str,
        payment: &PaymentInputDto,
        today: NaiveDate,
    ) -> Result<DecisionViewDto, DeskError> {
        self.require(Permission::ClaimWork)?;
        let claim = self.find_claim(id_or_number)?;
        let state = claim.progress.state;
        if state != ClaimState::ActSigned {
            return Err(DecisionError::NotSigned { claim: claim.number.clone(), state }.into());
        }
        let decision = self.current_approval(&claim)?;
        let payee = decision
            .payees
            .iter()
            .find(|payee| payee.id == payment.payee_id)
            .ok_or(DecisionError::UnknownPayee { id: payment.payee_id })?;
        let paid_now = amount("amount", &payment.amount)?.tiyin();
        let paid_before: i64 = payee.payments.iter().map(|p| p.amount_tiyin).sum();
        let owed = payee.amount_tiyin - paid_before;
        if paid_now <= 0 || paid_now > owed {
            return Err(DecisionError::PaymentAmount {
                amount: Money::from_tiyin(paid_now),
                owed: Money::from_tiyin(owed),
                name: payee.name.clone(),
            }
            .into());
        }
        let order_number = payment.order_number.trim();
        if order_number.is_empty() {
            return Err(DecisionError::NoOrder.into());
        }
        let paid_on = step_day(self, &claim, "paid_on", &payment.paid_on, today)?;
        let all_paid = decision.payees.iter().all(|other| {
            let paid: i64 = other.payments.iter().map(|p| p.amount_tiyin).sum();
            paid + if other.id == payee.id { paid_now } else { 0 } >= other.amount_tiyin
        });
        let paid_move =
            if all_paid { Some(self.step_to(&claim, ClaimState::Paid, paid_on, "", today)?) } else { None };
        let from = claim.progress.state;
        let record = StoredPayment {
            id: 0,
            paid_on,
            amount_tiyin: paid_now,
            order_number: order_number.to_owned(),
            user: self.user().to_owned(),
        };
        let moved =
            paid_move.as_ref().map(|(progress, step)| ClaimMove { claim_id: claim.id, from, progress, step });
        let written = self.store.record_payment(payee.id, &record, moved.as_ref())?;
        self.after_decision(&claim, written, today)
    }

    /// A payment made outside the desk to the claim's insured person under its policy,
    /// entered once with its document reference; later calculations deduct it.
    pub fn add_external_payment(
        &mut self,
        id_or_number: &str,
        payment: &ExternalPaymentInputDto,
        today: NaiveDate,
    ) -> Result<DecisionViewDto, DeskError> {
        self.require(Permission::ClaimWork)?;
        let claim = self.find_claim(id_or_number)?;
        let paid_on = date("paid_on", &payment.paid_on)?;
        if paid_on > today {
            return Err(DecisionError::Future { field: "paid_on".to_owned(), date: paid_on, today }.into());
        }
        let amount_tiyin = amount("amount", &payment.amount)?.tiyin();
        if amount_tiyin <= 0 {
            return Err(DecisionError::ZeroAmount {
                field: "amount".to_owned(),
                typed: payment.amount.clone(),
            }
            .into());
        }
        let item = payment.item.as_deref().map(str::trim).filter(|item| !item.is_empty()).map(str::to_owned);
        if let Some(item) = &item
            && !self.tables.iter().any(|table| table.item(item).is_some())
        {
            return Err(DecisionError::UnknownItem { item: item.clone() }.into());
        }
        let reference = payment.reference.trim();
        if reference.is_empty() {
            return Err(DecisionError::NoReference.into());
        }
        let added = self.store.add_external_payment(&NewExternalPayment {
            policy_id: claim.policy_id,
            paid_on,
            amount_tiyin,
            item,
            reference: reference.to_owned(),
            user: self.user().to_owned(),
        })?;
        if !added {
            return Err(DecisionError::ReferenceTaken { reference: reference.to_owned() }.into());
        }
        self.decision_view(&claim.id.to_string(), today)
    }
}
