//! Who an act pays (1.1.3): the insured person by default; on death the bank (its
//! outstanding loan) and the heirs (the rest). The parts add up to the payable exactly.

use crate::money::Money;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PayeeRole {
    /// 1.1.3: "Бошқа барча тўловлар бўйича … Суғурталанган шахснинг ўзи Наф олувчидир".
    Insured,
    /// 1.1.3: "Халқ банки" AJ, the lender: its outstanding loan amount.
    Bank,
    /// 1.1.3: the insured person's legal heirs.
    Heir,
    /// A beneficiary named otherwise (6.2.3б).
    Other,
}

impl PayeeRole {
    pub const ALL: [PayeeRole; 4] = [PayeeRole::Insured, PayeeRole::Bank, PayeeRole::Heir, PayeeRole::Other];

    pub fn code(self) -> &'static str {
        match self {
            PayeeRole::Insured => "insured",
            PayeeRole::Bank => "bank",
            PayeeRole::Heir => "heir",
            PayeeRole::Other => "other",
        }
    }

    pub fn from_code(code: &str) -> Option<PayeeRole> {
        PayeeRole::ALL.into_iter().find(|role| role.code() == code)
    }
}

impl std::str::FromStr for PayeeRole {
    type Err = super::UnknownKind;

    fn from_str(code: &str) -> Result<Self, super::UnknownKind> {
        PayeeRole::from_code(code).ok_or_else(|| super::UnknownKind(code.to_owned()))
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Payee {
    pub role: PayeeRole,
    pub name: String,
    /// Bank account, card or other payment details as staff typed them.
    pub details: String,
    pub amount: Money,
}

/// What is wrong with an act's payees; `index` counts from 0 as listed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PayeeError {
    #[error("payees: an act pays at least one payee")]
    None,
    #[error("payees[{index}].name: a payee needs a name")]
    NoName { index: usize },
    #[error("payees[{index}].amount: {amount} is not a positive amount")]
    Amount { index: usize, amount: Money },
    #[error("payees: the parts add up to {sum}, the payable is {payable}")]
    Sum { sum: Money, payable: Money },
    #[error("payees: the parts add up to more than an amount holds")]
    Overflow,
}

/// The parts must be named, positive (whole tiyin by their type), and add up to the payable.
pub fn check_payees(payable: Money, payees: &[Payee]) -> Result<(), PayeeError> {
    if payees.is_empty() {
        return Err(PayeeError::None);
    }
    for (index, payee) in payees.iter().enumerate() {
        if payee.name.trim().is_empty() {
            return Err(PayeeError::NoName { index });
        }
        if payee.amount <= Money::ZERO {
            return Err(PayeeError::Amount { index, amount: payee.amount });
        }
    }
    let sum = Money::sum(payees.iter().map(|payee| payee.amount)).ok_or(PayeeError::Overflow)?;
    if sum != payable {
        return Err(PayeeError::Sum { sum, payable });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn payee(role: PayeeRole, amount: i64) -> Payee {
        Payee { role, name: "X".to_owned(), details: String::new(), amount: Money::from_tiyin(amount) }
    }

    #[test]
    fn the_parts_add_up_to_the_payable_to_the_tiyin() {
        let payable = Money::from_tiyin(100000000);
        let parts = [payee(PayeeRole::Bank, 40000000), payee(PayeeRole::Heir, 60000000)];
        assert_eq!(check_payees(payable, &parts), Ok(()));
        let short = [payee(PayeeRole::Bank, 40000000), payee(PayeeRole::Heir, 59999999)];
        assert_eq!(
            check_payees(payable, &short),
            Err(PayeeError::Sum { sum: Money::from_tiyin(99999999), payable })
        );
    }

    #[test]
    fn a_part_is_named_positive_and_in_whole_tiyin() {
        let payable = Money::from_tiyin(10000);
        assert_eq!(check_payees(payable, &[]), Err(PayeeError::None));
        let mut unnamed = payee(PayeeRole::Insured, 10000);
        unnamed.name = " ".to_owned();
        assert_eq!(check_payees(payable, &[unnamed]), Err(PayeeError::NoName { index: 0 }));
        let zero = [payee(PayeeRole::Insured, 10000), payee(PayeeRole::Heir, 0)];
        assert!(matches!(check_payees(payable, &zero), Err(PayeeError::Amount { index: 1, .. })));
        let negative = [payee(PayeeRole::Insured, -1)];
        assert!(matches!(check_payees(payable, &negative), Err(PayeeError::Amount { index: 0, .. })));
        let huge = [payee(PayeeRole::Insured, i64::MAX), payee(PayeeRole::Heir, 1)];
        assert_eq!(check_payees(payable, &huge), Err(PayeeError::Overflow));
    }
}
