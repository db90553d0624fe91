//! What an earlier act paid, item by item, as a later calculation deducts it: 7.4 caps the
//! total, D15 and D14 deduct by item, 7.2 and 7.3 deduct everything.

use rust_decimal::Decimal;

use crate::calc::PriorPayment;

/// An earlier act's payable, spread over its items as its lines give them (each item's
/// lines, add-ons, caps and deductions summed, in the order the lines list the items); what
/// the items do not account for (an outcome line, 7.2/7.3) is a payment with no item. The
/// parts add up to the payable exactly, so a 7.4 cap on the earlier act is never counted
/// twice.
pub fn paid_by_item(lines: &[(String, Decimal)], payable: Decimal) -> Vec<PriorPayment> {
    let mut items: Vec<(String, Decimal)> = Vec::new();
    for (item, amount) in lines.iter().filter(|(item, _)| !item.is_empty()) {
        match items.iter_mut().find(|(seen, _)| seen == item) {
            Some((_, sum)) => *sum += *amount,
            None => items.push((item.clone(), *amount)),
        }
    }
    let mut left = payable.max(Decimal::ZERO);
    let mut payments = Vec::new();
    for (item, net) in items {
        let part = net.min(left);
        if part > Decimal::ZERO {
            payments.push(PriorPayment { item: Some(item), amount: part });
            left -= part;
        }
    }
    if left > Decimal::ZERO {
        payments.push(PriorPayment { item: None, amount: left });
    }
    payments
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(item: &str, amount: i64) -> (String, Decimal) {
        (item.to_owned(), Decimal::new(amount, 2))
    }

    #[test]
    fn an_act_is_spread_over_its_items_and_adds_up_to_its_payable() {
        let lines = [line("70б", 50000000), line("70б", 10000000), line("72", 30000000)];
        let paid = paid_by_item(&lines, Decimal::new(90000000, 2));
        assert_eq!(
            paid,
            vec![
                PriorPayment { item: Some("70б".to_owned()), amount: Decimal::new(60000000, 2) },
                PriorPayment { item: Some("72".to_owned()), amount: Decimal::new(30000000, 2) },
            ]
        );
    }

    #[test]
    fn a_capped_act_counts_only_what_it_paid_and_an_outcome_has_no_item() {
        let capped = paid_by_item(&[line("1", 80000), line("2", 80000)], Decimal::new(100000, 2));
        let total: Decimal = capped.iter().map(|payment| payment.amount).sum();
        assert_eq!(total, Decimal::new(100000, 2));
        assert_eq!(capped[1].amount, Decimal::new(20000, 2));
        let death = paid_by_item(&[line("", 90000), line("5", 10000)], Decimal::new(100000, 2));
        assert_eq!(death[1], PriorPayment { item: None, amount: Decimal::new(90000, 2) });
    }
}
