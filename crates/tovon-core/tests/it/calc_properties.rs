//! Properties of every calculation: payable within [0, sum insured − prior payments], the
//! same whatever order the injuries were picked in, and the same for the same input.

use chrono::NaiveDate;
use proptest::prelude::*;
use rust_decimal::Decimal;
use tovon_core::calc::{
    CalcRequest, CalcSettings, Conclusion, Injury, Outcome, PriorPayment, Side, calculate,
};
use tovon_core::schedule::{ItemParameters, RuleKind, ScheduleTable};

use crate::SCHEDULE_V2;

fn table() -> ScheduleTable {
    ScheduleTable::from_toml(SCHEDULE_V2).unwrap()
}

/// Every item that needs no parameter besides count, side and surgery, and takes any count
/// (a thumb counts once a hand, D26: a request over it is refused, not calculated).
fn plain_items() -> Vec<String> {
    let table = table();
    let limited =
        |id| table.rules_for(id).any(|rule| matches!(rule.kind, RuleKind::PerUnit { max_count: Some(_) }));
    table
        .items
        .iter()
        .filter(|item| {
            item.percent.is_some() && item.parameters == ItemParameters::None && !limited(&item.id)
        })
        .map(|item| item.id.to_string())
        .collect()
}

fn injuries() -> impl Strategy<Value = Vec<Injury>> {
    let items = plain_items();
    prop::collection::vec(
        (0..items.len(), 1u32..=2, any::<bool>(), any::<bool>()).prop_map(
            move |(at, count, surgery, right)| Injury {
                item: items[at].clone(),
                count,
                side: Some(if right { Side::Right } else { Side::Left }),
                surgery,
                ..Injury::default()
            },
        ),
        0..12,
    )
    .prop_flat_map(|plain| (Just(plain), bones(), conclusions()))
    .prop_map(|(mut plain, bones, conclusions)| {
        plain.extend(bones);
        plain.extend(conclusions);
        plain
    })
}

/// D22: item 37 by bone, each bone at most once.
fn bones() -> impl Strategy<Value = Vec<Injury>> {
    let keys = ["upper_jaw", "cheekbone", "lower_jaw", "lower_jaw_dislocation"];
    prop::sample::subsequence(keys.to_vec(), 0..=4).prop_map(|picked| {
        picked
            .into_iter()
            .map(|bone| Injury { item: "37".into(), count: 1, bone: Some(bone.into()), ..Injury::default() })
            .collect()
    })
}

/// D27: doctors' conclusions in any section, at any percentage up to 100.
fn conclusions() -> impl Strategy<Value = Vec<Injury>> {
    let sections: Vec<String> = table().sections.iter().map(|section| section.id.clone()).collect();
    prop::collection::vec((0..sections.len(), 1i64..=10_000), 0..3).prop_map(move |picked| {
        picked
            .into_iter()
            .enumerate()
            .map(|(at, (section, hundredths))| Injury {
                item: "7.1".into(),
                count: 1,
                conclusion: Some(Conclusion {
                    section: sections[section].clone(),
                    percent: Decimal::new(hundredths, 2),
                    reference: format!("№ {at}"),
                }),
                ..Injury::default()
            })
            .collect()
    })
}

fn outcome() -> impl Strategy<Value = Outcome> {
    prop_oneof![
        Just(Outcome::Injury),
        Just(Outcome::Disability1),
        Just(Outcome::Disability2),
        Just(Outcome::Death)
    ]
}

fn requests() -> impl Strategy<Value = CalcRequest> {
    (
        1u64..=5_000_000_000, // tiyin: up to 50 000 000 so'm
        0u32..=400,
        0u32..=400,
        outcome(),
        prop::collection::vec((prop::option::of(0usize..6), 0u64..=500_000_000), 0..3),
        injuries(),
    )
        .prop_map(|(tiyin, calc_after, outcome_after, outcome, payments, injuries)| {
            let event = NaiveDate::from_ymd_opt(2026, 2, 10).unwrap();
            let paid_items = ["70б", "92а", "45а", "97б", "68а", "29а"];
            CalcRequest {
                sum_insured: Decimal::new(i64::try_from(tiyin).unwrap(), 2),
                event_date: event,
                calc_date: event + chrono::Days::new(u64::from(calc_after)),
                birth_date: None,
                outcome,
                outcome_date: Some(event + chrono::Days::new(u64::from(outcome_after))),
                prior_payments: payments
                    .into_iter()
                    .map(|(item, amount)| PriorPayment {
                        item: item.map(|at| paid_items[at].to_owned()),
                        amount: Decimal::new(i64::try_from(amount).unwrap(), 2),
                    })
                    .collect(),
                injuries,
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn payable_is_never_negative_nor_above_what_is_left_of_the_sum_insured(request in requests()) {
        let calculation = calculate(&table(), &request, CalcSettings::default()).unwrap();
        let prior: Decimal = request.prior_payments.iter().map(|payment| payment.amount).sum();
        let left = (request.sum_insured - prior).max(Decimal::ZERO);
        prop_assert!(calculation.payable >= Decimal::ZERO, "{}", calculation.payable);
        prop_assert!(calculation.payable <= left, "{} > {}", calculation.payable, left);
        prop_assert_eq!(calculation.payable.scale(), 2);
        let sum: Decimal = calculation.lines.iter().filter(|line| line.percent.is_some()).map(|line| line.amount).sum();
        prop_assert_eq!(sum, calculation.gross, "D13: the gross is the sum of the rounded lines");
    }

    #[test]
    fn the_order_of_the_injuries_changes_nothing(request in requests(), seed in any::<u64>()) {
        let table = table();
        let first = calculate(&table, &request, CalcSettings::default()).unwrap();
        let mut shuffled = request.clone();
        let len = shuffled.injuries.len();
        if len > 1 {
            shuffled.injuries.rotate_left(usize::try_from(seed % len as u64).unwrap());
            shuffled.injuries.reverse();
        }
        shuffled.prior_payments.reverse();
        prop_assert_eq!(first, calculate(&table, &shuffled, CalcSettings::default()).unwrap());
    }

    #[test]
    fn the_same_input_gives_the_same_output(request in requests()) {
        let table = table();
        prop_assert_eq!(
            calculate(&table, &request, CalcSettings::default()).unwrap(),
            calculate(&table, &request, CalcSettings::default()).unwrap()
        );
    }
}
