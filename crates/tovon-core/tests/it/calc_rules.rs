//! The calculator against the notes of the annex, one test per rule; read like the annex.

use std::str::FromStr;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use tovon_core::calc::{
    CalcError, CalcRequest, CalcSettings, Calculation, Conclusion, Injury, LineKind, Outcome, PriorPayment,
    Side, calculate,
};
use tovon_core::schedule::{Decision, ScheduleTable};

use crate::{SCHEDULE_V1, SCHEDULE_V2};

fn d(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap()
}

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

/// The version every new calculation takes.
fn table() -> ScheduleTable {
    ScheduleTable::from_toml(SCHEDULE_V2).unwrap()
}

fn table_v1() -> ScheduleTable {
    ScheduleTable::from_toml(SCHEDULE_V1).unwrap()
}

/// "97б" plain; "97б+" operated; "29б*3" three units; "86в*2>R" two, right hand;
/// "37:upper_jaw" a bone (D22).
fn injury(spec: &str) -> Injury {
    if let Some((item, bone)) = spec.split_once(':') {
        return Injury { item: item.to_owned(), count: 1, bone: Some(bone.to_owned()), ..Injury::default() };
    }
    let (spec, side) = match spec.split_once('>') {
        Some((spec, "R")) => (spec, Some(Side::Right)),
        Some((spec, _)) => (spec, Some(Side::Left)),
        None => (spec, None),
    };
    let (spec, surgery) = spec.strip_suffix('+').map_or((spec, false), |spec| (spec, true));
    let (item, count) =
        spec.split_once('*').map_or((spec, 1), |(item, count)| (item, count.parse().unwrap()));
    Injury { item: item.to_owned(), count, side, surgery, ..Injury::default() }
}

fn request(sum_insured: &str, specs: &[&str]) -> CalcRequest {
    CalcRequest {
        sum_insured: d(sum_insured),
        event_date: day("2026-04-02"),
        calc_date: day("2026-04-20"),
        birth_date: None,
        outcome: Outcome::Injury,
        outcome_date: None,
        prior_payments: Vec::new(),
        injuries: specs.iter().map(|spec| injury(spec)).collect(),
    }
}

fn run(request: &CalcRequest) -> Calculation {
    calculate(&table(), request, CalcSettings::default()).unwrap()
}

/// Payable for `specs` on a sum insured of 1 000 000, i.e. 10 000 per percent.
fn payable(specs: &[&str]) -> String {
    run(&request("1000000.00", specs)).payable.to_string()
}

fn zeroed(calculation: &Calculation, item: &str) -> bool {
    calculation.lines.iter().any(|line| line.item == item && line.kind == LineKind::Zeroed)
}

#[test]
fn several_injuries_add_up_final_note_2() {
    assert_eq!(payable(&["73в", "97б", "28"]), "400000.00"); // 15 + 15 + 10
}

#[test]
fn once_14_and_16_note_2() {
    let calculation = run(&request("1000000.00", &["14", "16"]));
    assert_eq!(calculation.payable.to_string(), "100000.00");
    assert!(zeroed(&calculation, "16"));
}

#[test]
fn once_95_note_2_keeps_the_most_severe() {
    assert_eq!(payable(&["95а", "95в", "95б"]), "200000.00");
}

#[test]
fn once_53_and_62_to_64() {
    assert_eq!(payable(&["53а", "53г"]), "350000.00");
    assert_eq!(payable(&["64б", "62а", "63"]), "200000.00");
}

#[test]
fn excludes_from_the_notes_of_30_32_39_51_54() {
    assert_eq!(payable(&["27а", "30б"]), "400000.00");
    assert_eq!(payable(&["31", "32"]), "300000.00");
    assert_eq!(payable(&["39а", "42б"]), "400000.00");
    assert_eq!(payable(&["49б", "51в"]), "300000.00");
    assert_eq!(payable(&["52б", "54б"]), "350000.00");
    assert_eq!(payable(&["54б"]), "150000.00", "54 on its own is paid");
}

#[test]
fn surgery_adds_once_per_note_group_d2() {
    assert_eq!(payable(&["97б+"]), "250000.00");
    assert_eq!(payable(&["97б+", "97а+"]), "300000.00", "15 + 5 + one 10");
    assert_eq!(payable(&["63+"]), "350000.00", "spine +15");
    assert_eq!(payable(&["103а+"]), "100000.00", "foot +5");
    assert_eq!(payable(&["1б+"]), "250000.00", "trepanation +10");
    let calculation = run(&request("1000000.00", &["67а+"]));
    let addon = calculation.lines.iter().find(|line| line.kind == LineKind::SurgeryAddon).unwrap();
    assert!(addon.reason.contains("D3"), "{}", addon.reason);
}

#[test]
fn surgery_on_an_item_without_an_add_on_is_a_warning_not_money() {
    let calculation = run(&request("1000000.00", &["28+"]));
    assert_eq!(calculation.payable.to_string(), "100000.00");
    assert!(
        calculation.warnings.iter().any(|warning| warning.starts_with("28:")),
        "{:?}",
        calculation.warnings
    );
}

#[test]
fn fingers_at_most_65_per_hand_and_100_for_both_d12() {
    // 86в 15 × 3 + 84в 25 = 70 on the right hand → 65.
    let calculation = run(&request("1000000.00", &["86в*3>R", "84в>R"]));
    assert_eq!(calculation.payable.to_string(), "650000.00");
    let cut = calculation.lines.iter().find(|line| line.kind == LineKind::Cap).unwrap();
    assert_eq!(cut.amount.to_string(), "-50000.00");
    // 65 + 65 → 100 for both hands.
    assert_eq!(payable(&["87>R", "87>L"]), "1000000.00");
    assert_eq!(payable(&["86в*2>R", "86в*2>L"]), "600000.00", "30 + 30, no cut");
}

#[test]
fn fingers_need_the_hand() {
    let error = calculate(&table(), &request("1000000.00", &["86в"]), CalcSettings::default()).unwrap_err();
    assert_eq!(error.field(), "injuries[0].side");
}

#[test]
fn waiting_periods_defer_with_the_earliest_date_d14() {
    let calculation = run(&request("1000000.00", &["72"]));
    assert_eq!(calculation.payable.to_string(), "0.00");
    assert_eq!(calculation.deferred[0].item, "72");
    assert_eq!(calculation.deferred[0].earliest_date, day("2027-01-02"));
    let mut later = request("1000000.00", &["72"]);
    later.calc_date = day("2027-01-02");
    assert_eq!(run(&later).payable.to_string(), "450000.00");
}

#[test]
fn waiting_pays_the_interim_item_meanwhile_d14() {
    let calculation = run(&request("1000000.00", &["45в"]));
    assert_eq!(calculation.payable.to_string(), "150000.00", "45а meanwhile");
    assert_eq!(calculation.deferred[0].earliest_date, day("2026-10-02"));
    assert!(calculation.lines.iter().any(|line| line.item == "45а" && line.kind == LineKind::Item));
    assert_eq!(payable(&["44б"]), "400000.00", "44а meanwhile");
    assert_eq!(payable(&["45а"]), "0.00", "45а itself waits 3 months");
}

#[test]
fn a_later_item_deducts_what_the_earlier_one_paid_d15() {
    let mut later = request("10000000.00", &["72"]);
    later.calc_date = day("2027-02-01");
    later.prior_payments = vec![PriorPayment { item: Some("70б".into()), amount: d("2500000.00") }];
    let calculation = run(&later);
    assert_eq!(calculation.gross.to_string(), "4500000.00");
    assert_eq!(calculation.payable.to_string(), "2000000.00");
    let deduction = calculation.lines.iter().find(|line| line.kind == LineKind::Deduction).unwrap();
    assert!(deduction.clause.contains("D15"), "{}", deduction.clause);
}

#[test]
fn the_interim_payment_is_deducted_from_the_final_item() {
    let mut later = request("1000000.00", &["45в"]);
    later.calc_date = day("2026-11-01");
    later.prior_payments = vec![PriorPayment { item: Some("45а".into()), amount: d("150000.00") }];
    assert_eq!(run(&later).payable.to_string(), "350000.00");
}

#[test]
fn on_top_items_need_a_base_line() {
    assert_eq!(payable(&["108"]), "0.00");
    assert_eq!(payable(&["108", "97б"]), "250000.00");
    assert_eq!(payable(&["1д"]), "0.00");
    assert_eq!(payable(&["1д", "1б"]), "200000.00");
    assert_eq!(payable(&["60", "108"]), "0.00", "two on-top items are no base for each other");
}

#[test]
fn ribs_first_then_each_further_one_d17() {
    assert_eq!(payable(&["29а", "29б*3"]), "140000.00");
    let calculation = run(&request("1000000.00", &["29б*3"]));
    assert!(calculation.lines[0].reason.contains("× 3 = 9 % (D17"), "{}", calculation.lines[0].reason);
}

#[test]
fn version_1_still_reads_as_it_was() {
    let on_v1 = |specs: &[&str], calc_date: &str| {
        let mut asked = request("1000000.00", specs);
        asked.calc_date = day(calc_date);
        calculate(&table_v1(), &asked, CalcSettings::default())
    };
    let paid = |specs: &[&str]| on_v1(specs, "2026-04-20").unwrap().payable.to_string();
    assert_eq!(paid(&["37*2"]), "100000.00", "37 with a count, jaws at most twice");
    let error = on_v1(&["37*3"], "2026-04-20").unwrap_err();
    assert!(matches!(error, CalcError::CountAboveMax { max: 2, .. }), "{error}");
    assert_eq!(paid(&["46", "97б"]), "150000.00", "46 only on top of an abdominal injury");
    assert_eq!(paid(&["46", "49б"]), "400000.00");
    assert_eq!(on_v1(&["45а", "45в"], "2026-11-01").unwrap().payable.to_string(), "650000.00");
    assert_eq!(table_v1().version, 1);
}

#[test]
fn age_bands_of_56v_use_full_years_on_the_accident_date_d16() {
    let at = |birth: &str| {
        let mut asked = request("1000000.00", &["56в"]);
        asked.birth_date = Some(day(birth));
        run(&asked).payable.to_string()
    };
    assert_eq!(at("1986-04-03"), "500000.00", "39 the day before her 40th birthday");
    assert_eq!(at("1986-04-02"), "300000.00", "40 on the day");
    assert_eq!(at("1976-01-01"), "150000.00");
    let error = calculate(&table(), &request("1000000.00", &["56в"]), CalcSettings::default()).unwrap_err();
    assert_eq!(error.field(), "birth_date");
}

#[test]
fn visual_acuity_by_the_legible_cells_d8() {
    let with = |before: &str, after: &str| {
        let mut asked = request("1000000.00", &["20"]);
        asked.injuries[0].acuity_before = Some(before.into());
        asked.injuries[0].acuity_after = Some(after.into());
        calculate(&table(), &asked, CalcSettings::default())
    };
    assert_eq!(with("1,0", "0,5").unwrap().payable.to_string(), "100000.00");
    assert_eq!(with("0.9", "0.0").unwrap().payable.to_string(), "500000.00");
    assert_eq!(with("0.5", "0,1 дан паст").unwrap().payable.to_string(), "150000.00");
    // No row for 0.7 before the event (the source's rows are damaged): the acuity before
    // is what cannot be read; with a row, the missing cell is the acuity after's.
    let no_row = with("0.7", "0.5").unwrap_err();
    assert!(matches!(no_row, CalcError::AcuityBeforeUnknown { .. }), "{no_row}");
    assert_eq!(no_row.field(), "injuries[0].acuity_before");
    let missing = with("0.8", "0.5").unwrap_err();
    assert!(matches!(missing, CalcError::AcuityCellMissing { .. }), "{missing}");
    assert_eq!(missing.field(), "injuries[0].acuity_after");
    assert!(missing.to_string().contains("D8"));
}

#[test]
fn hospital_days_pick_the_sub_item_of_6() {
    let mut asked = request("1000000.00", &["6"]);
    asked.injuries[0].days = Some(21);
    assert_eq!(run(&asked).payable.to_string(), "100000.00");
    asked.injuries[0].days = Some(31);
    assert_eq!(run(&asked).payable.to_string(), "250000.00");
    asked.injuries[0].days = None;
    assert_eq!(calculate(&table(), &asked, CalcSettings::default()).unwrap_err().field(), "injuries[0].days");
}

#[test]
fn items_the_table_cannot_pay_are_clear_errors() {
    let error_of = |spec: &str| {
        calculate(&table(), &request("1000000.00", &[spec]), CalcSettings::default()).unwrap_err()
    };
    let five = error_of("5");
    assert!(five.to_string().contains("D6") && five.to_string().contains('5'), "{five}");
    let missing = error_of("23");
    assert!(missing.to_string().contains("23") && missing.to_string().contains("D7"), "{missing}");
    assert!(matches!(error_of("70"), CalcError::ArticleNeedsSubItem { .. }));
    assert!(matches!(error_of("70ж"), CalcError::UnknownItem { .. }));
    assert!(matches!(error_of("abc"), CalcError::UnknownItem { .. }));
}

#[test]
fn death_pays_100_less_prior_payments_d10() {
    let mut asked = request("7000000.00", &["97б"]);
    asked.outcome = Outcome::Death;
    asked.outcome_date = Some(day("2026-05-01"));
    asked.prior_payments = vec![PriorPayment { item: Some("75а".into()), amount: d("700000.00") }];
    let calculation = run(&asked);
    assert_eq!(calculation.gross.to_string(), "7000000.00");
    assert_eq!(calculation.payable.to_string(), "6300000.00");
    assert!(
        calculation.lines.iter().any(|line| line.kind == LineKind::Outcome && line.reason.contains("D10"))
    );
}

#[test]
fn disability_group_2_is_80_by_7_2_or_100_by_setting_d9() {
    let mut asked = request("1000000.00", &[]);
    asked.outcome = Outcome::Disability2;
    asked.outcome_date = Some(day("2026-07-01"));
    assert_eq!(run(&asked).payable.to_string(), "800000.00");
    let annex = CalcSettings { disability_2_at_annex_percent: true };
    assert_eq!(calculate(&table(), &asked, annex).unwrap().payable.to_string(), "1000000.00");
}

#[test]
fn disability_set_after_six_months_pays_only_the_table_d11() {
    let mut asked = request("1000000.00", &["97б"]);
    asked.outcome = Outcome::Disability1;
    asked.outcome_date = Some(day("2026-10-03"));
    asked.calc_date = day("2026-10-10");
    let calculation = run(&asked);
    assert_eq!(calculation.payable.to_string(), "150000.00");
    assert!(calculation.warnings.iter().any(|warning| warning.contains("D11")));
}

#[test]
fn the_table_wins_when_it_is_larger_than_the_outcome_d10() {
    let mut asked = request("1000000.00", &["94а", "71а"]);
    asked.outcome = Outcome::Disability2;
    asked.outcome_date = Some(day("2026-05-01"));
    let calculation = run(&asked);
    assert_eq!(calculation.total_percent.to_string(), "150");
    assert_eq!(calculation.payable.to_string(), "1000000.00", "7.4: never above the sum insured");
}

#[test]
fn everything_paid_stays_within_the_sum_insured_7_4() {
    let mut asked = request("1000000.00", &["94б"]);
    asked.prior_payments = vec![PriorPayment { item: None, amount: d("300000.00") }];
    let calculation = run(&asked);
    assert_eq!(calculation.payable.to_string(), "700000.00");
    assert!(calculation.warnings.iter().any(|warning| warning.starts_with("7.4")));
}

#[test]
fn lines_are_rounded_half_away_from_zero_and_the_gross_is_their_sum_d13() {
    let calculation = run(&request("1000.10", &["29а", "29б"])); // 50.005 → 50.01, 30.003 → 30.00
    let amounts: Vec<String> = calculation.lines.iter().map(|line| line.amount.to_string()).collect();
    assert_eq!(amounts, ["50.01", "30.00"]);
    assert_eq!(calculation.gross.to_string(), "80.01");
}

#[test]
fn bad_requests_name_their_field() {
    let field = |change: &dyn Fn(&mut CalcRequest)| {
        let mut asked = request("1000000.00", &["97б"]);
        change(&mut asked);
        calculate(&table(), &asked, CalcSettings::default()).unwrap_err().field()
    };
    assert_eq!(field(&|r| r.sum_insured = Decimal::ZERO), "sum_insured");
    assert_eq!(field(&|r| r.calc_date = day("2026-01-01")), "calc_date");
    assert_eq!(field(&|r| r.injuries[0].count = 0), "injuries[0].count");
    assert_eq!(field(&|r| r.outcome = Outcome::Death), "outcome_date");
    assert_eq!(
        field(&|r| r.prior_payments = vec![PriorPayment { item: None, amount: d("-1") }]),
        "prior_payments[0].amount"
    );
}

/// Every note of the annex that carries a rule, as (its clause, injuries, payable on a sum
/// insured of 1 000 000 on the 18th day after the event). The explanation must cite the clause.
#[test]
fn every_rule_bearing_note_applies_and_is_cited() {
    let rows: &[(&str, &[&str], &str)] = &[
        ("5-банд, 1-изоҳ", &["3+"], "200000.00"),
        ("1-банд, д) кичик банди", &["1д"], "0.00"),
        ("16-банд, 2-изоҳ", &["14", "16"], "100000.00"),
        ("жадвал, 29б-банд", &["29а", "29б*2"], "110000.00"),
        ("30-банд изоҳи", &["27б", "30а"], "600000.00"),
        ("32-банд, 1-изоҳ", &["31", "32"], "300000.00"),
        ("37-банд, 1-изоҳ", &["37:upper_jaw", "37:lower_jaw"], "100000.00"),
        ("37-банд, 5-изоҳ", &["37:upper_jaw", "37:cheekbone"], "50000.00"),
        ("39-банд, 1-изоҳ", &["39б", "42в"], "800000.00"),
        ("44-банд изоҳи", &["44б"], "400000.00"),
        ("45-банд, 1-изоҳ", &["45б"], "0.00"),
        ("45-банд, 2-изоҳ", &["45г"], "150000.00"),
        ("46-банд, 1-изоҳ", &["46", "97б"], "250000.00"),
        ("51-банд, 1-изоҳ", &["47б", "51в"], "150000.00"),
        ("53-банд изоҳи", &["53б", "53д"], "500000.00"),
        ("54-банд изоҳи", &["52в", "54а"], "600000.00"),
        ("60-банд изоҳи", &["60"], "0.00"),
        ("63-банд, 1-изоҳ", &["62а+"], "350000.00"),
        ("64-банд изоҳи", &["62б", "64а"], "300000.00"),
        ("69-банд, 1-изоҳ", &["68б+"], "200000.00"),
        ("69-банд, 1-изоҳ", &["61", "68б+"], "200000.00"),
        ("70-банд изоҳи", &["70а+"], "250000.00"),
        ("72-банд изоҳи", &["72"], "0.00"),
        ("74-банд изоҳи", &["73а+"], "150000.00"),
        ("76-банд, 1-изоҳ", &["75а+"], "200000.00"),
        ("76-банд, 2-изоҳ", &["76а"], "0.00"),
        ("79-банд изоҳи", &["78+"], "200000.00"),
        ("80-банд изоҳи", &["80а+"], "150000.00"),
        ("82–84-бандлар (биринчи бармоқ)", &["82>R", "82>L"], "100000.00"),
        ("87-банд изоҳи", &["87>R", "82>R"], "650000.00"),
        ("89-банд, 1-изоҳ", &["88а+"], "150000.00"),
        ("90-банд изоҳи", &["90+"], "300000.00"),
        ("92-банд изоҳи", &["92а+"], "300000.00"),
        ("93-банд изоҳи", &["93"], "0.00"),
        ("95-банд, 1-изоҳ", &["95а+", "95б+"], "200000.00"),
        ("95-банд, 2-изоҳ", &["95а", "95в"], "200000.00"),
        ("97-банд, 1-изоҳ", &["97а+", "97б+"], "300000.00"),
        ("99-банд изоҳи", &["99б"], "0.00"),
        ("101-банд, 1-изоҳ", &["100а+"], "150000.00"),
        ("103-банд, 1-изоҳ", &["103а+"], "100000.00"),
        ("107-банд, 1-изоҳ", &["107"], "0.00"),
        ("108-банд изоҳи", &["108"], "0.00"),
    ];
    for (clause, specs, expected) in rows {
        let calculation = run(&request("1000000.00", specs));
        assert_eq!(calculation.payable.to_string(), *expected, "{clause}: {specs:?}");
        let cited =
            calculation.lines.iter().any(|line| line.clause.contains(clause) || line.reason.contains(clause))
                || calculation.warnings.iter().any(|warning| warning.contains(clause));
        assert!(cited, "{clause} is not cited for {specs:?}: {:#?}", calculation.lines);
    }
    // The deductions of D15, each from its own note.
    for (clause, later, earlier) in
        [("69-банд, 3-изоҳ", "69а", "68а"), ("72-банд изоҳи", "72", "70а"), ("93-банд изоҳи", "93", "92а")]
    {
        let mut asked = request("1000000.00", &[later]);
        asked.calc_date = day("2027-02-01");
        asked.prior_payments = vec![PriorPayment { item: Some(earlier.into()), amount: d("50000.00") }];
        let calculation = run(&asked);
        let deduction = calculation.lines.iter().find(|line| line.kind == LineKind::Deduction).expect(clause);
        assert!(
            deduction.clause.contains(clause) && deduction.clause.contains("D15"),
            "{}",
            deduction.clause
        );
        assert_eq!(deduction.amount.to_string(), "-50000.00");
    }
}

/// D19: an interim item is an advance on its final item.
#[test]
fn the_interim_item_is_an_advance_on_the_final_one_d19() {
    let after = |specs: &[&str], prior: Option<(&str, &str)>| {
        let mut asked = request("1000000.00", specs);
        asked.calc_date = day("2026-10-02");
        asked.prior_payments = prior
            .map(|(item, amount)| PriorPayment { item: Some(item.into()), amount: d(amount) })
            .into_iter()
            .collect();
        run(&asked)
    };
    // One calculation never pays both: 45а is zeroed beside 45в (not 15 + 50).
    let both = after(&["45а", "45в"], None);
    assert_eq!(both.payable.to_string(), "500000.00");
    let interim = both.lines.iter().find(|line| line.item == "45а").unwrap();
    assert!(interim.kind == LineKind::Zeroed && interim.reason.contains("D19"), "{interim:?}");
    assert_eq!(after(&["44а", "44б"], None).payable.to_string(), "1000000.00");
    // Paid earlier under the same policy: deducted as its own line with its clause.
    let later = after(&["45в"], Some(("45а", "150000.00")));
    assert_eq!(later.payable.to_string(), "350000.00");
    let deduction = later.lines.iter().find(|line| line.kind == LineKind::Deduction).unwrap();
    assert!(
        deduction.clause.contains("45-банд, 2-изоҳ") && deduction.clause.contains("D19"),
        "{deduction:?}"
    );
    assert_eq!(after(&["44б"], Some(("44а", "400000.00"))).payable.to_string(), "600000.00");
    assert_eq!(after(&["45г"], Some(("45а", "150000.00"))).payable.to_string(), "850000.00");
    // Never below 0; before the waiting period the interim item is paid meanwhile (D14).
    let over = after(&["45в"], Some(("45а", "900000.00")));
    assert_eq!(over.payable.to_string(), "0.00");
    let deduction = over.lines.iter().find(|line| line.kind == LineKind::Deduction).unwrap();
    assert_eq!(deduction.amount.to_string(), "-500000.00", "at most the final item's amount");
    assert_eq!(payable(&["45в"]), "150000.00");
}

#[test]
fn teeth_beside_a_missing_jaw_are_in_its_payout_d18() {
    let calculation = run(&request("1000000.00", &["39а", "42б"]));
    assert_eq!(calculation.payable.to_string(), "400000.00");
    let teeth = calculation.lines.iter().find(|line| line.item == "42б").unwrap();
    assert!(teeth.kind == LineKind::Zeroed && teeth.reason.contains("D18"), "{teeth:?}");
    let rule = table().rules.into_iter().find(|rule| rule.decision == Some(Decision(18))).unwrap();
    assert_eq!(rule.defects, ["verb_lost"], "the note's lost verb is flagged");
}

#[test]
fn a_hernia_46_is_paid_on_its_own_and_adds_to_an_abdominal_item_d20() {
    let alone = run(&request("1000000.00", &["46"]));
    assert_eq!(alone.payable.to_string(), "100000.00");
    assert!(alone.lines[0].reason.contains("D20"), "{}", alone.lines[0].reason);
    assert_eq!(payable(&["46", "49б"]), "400000.00", "10 + 30, not absorbed");
    assert_eq!(payable(&["46", "43а"]), "150000.00", "43 is no partner and no condition");
}

#[test]
fn burn_disease_60_needs_another_line_and_warns_of_its_cause_d21() {
    assert_eq!(payable(&["60"]), "0.00");
    let calculation = run(&request("1000000.00", &["60", "58в"]));
    assert_eq!(calculation.payable.to_string(), "200000.00");
    assert!(
        calculation.warnings.iter().any(|warning| warning.contains("D21") && warning.contains("куйиш")),
        "{:?}",
        calculation.warnings
    );
    assert!(!run(&request("1000000.00", &["58в"])).warnings.iter().any(|warning| warning.contains("D21")));
}

#[test]
fn jaws_are_picked_by_bone_d22() {
    assert_eq!(payable(&["37:upper_jaw", "37:lower_jaw"]), "100000.00", "note 1: summed");
    assert_eq!(payable(&["37:upper_jaw", "37:cheekbone"]), "50000.00", "note 5: once");
    assert_eq!(
        payable(&["37:lower_jaw_dislocation", "37:cheekbone", "37:lower_jaw", "37:upper_jaw"]),
        "150000.00"
    );
    let calculation = run(&request("1000000.00", &["37:cheekbone", "37:upper_jaw"]));
    let once = calculation.lines.iter().find(|line| line.kind == LineKind::Zeroed).unwrap();
    assert!(once.reason.contains("37-банд, 5-изоҳ") && once.reason.contains("D22"), "{once:?}");
    assert!(calculation.lines.iter().all(|line| line.text.contains("жағ") || line.text.contains("ёноқ")));
    let field = |specs: &[&str]| {
        calculate(&table(), &request("1000000.00", specs), CalcSettings::default()).unwrap_err().field()
    };
    assert_eq!(field(&["37"]), "injuries[0].bone", "a bone is needed");
    assert_eq!(field(&["37*2"]), "injuries[0].count", "no count: one injury per bone");
    assert_eq!(field(&["37:lower_jaw", "37:lower_jaw"]), "injuries[1].bone", "one injury per bone");
    assert_eq!(field(&["37:nose"]), "injuries[0].bone");
    assert_eq!(field(&["28:lower_jaw"]), "injuries[0].bone", "only 37 takes a bone");
    assert_eq!(payable(&["29а", "29б*3"]), "140000.00", "29б keeps its count");
}

#[test]
fn a_graft_beside_surgery_and_107_beside_vessels_or_nerves_are_not_paid_d23() {
    let graft = run(&request("1000000.00", &["61", "68б+"]));
    assert_eq!(graft.payable.to_string(), "200000.00", "68б 10 + surgery 10, 61 not");
    let zeroed = graft.lines.iter().find(|line| line.item == "61").unwrap();
    assert!(zeroed.kind == LineKind::Zeroed && zeroed.reason.contains("D23"), "{zeroed:?}");
    assert_eq!(payable(&["61", "68б"]), "150000.00", "no surgery add-on: 61 is paid");
    let after_six_months = |specs: &[&str]| {
        let mut asked = request("1000000.00", specs);
        asked.calc_date = day("2026-10-02");
        run(&asked)
    };
    for partner in ["35", "36", "9а", "9е"] {
        let calculation = after_six_months(&["107", partner]);
        let line = calculation.lines.iter().find(|line| line.item == "107").unwrap();
        assert!(line.kind == LineKind::Zeroed && line.reason.contains("D23"), "{partner}: {line:?}");
    }
    assert_eq!(after_six_months(&["107", "97б"]).payable.to_string(), "250000.00");
}

#[test]
fn the_bands_conventions_are_stated_by_the_data_d24() {
    let conventions = table().conventions.unwrap();
    assert_eq!(conventions.decision, Some(Decision(24)));
    assert!(conventions.age.contains("тўлиқ йиллар") && conventions.day_bands.contains("охирги кун"));
    // "N ёшгача" below N, "N ёшдан" N and above; "7 кунгача, охирги кун кирган ҳолда" has day 7.
    let at = |birth: &str| {
        let mut asked = request("1000000.00", &["56в"]);
        asked.birth_date = Some(day(birth));
        run(&asked).payable.to_string()
    };
    assert_eq!(at("1976-04-03"), "300000.00", "49: from 40 to below 50");
    assert_eq!(at("1976-04-02"), "150000.00", "50 on the day");
    let days = |days: u32| {
        let mut asked = request("1000000.00", &["6"]);
        asked.injuries[0].days = Some(days);
        run(&asked).payable.to_string()
    };
    assert_eq!([days(7), days(8), days(30), days(31)], ["50000.00", "100000.00", "150000.00", "250000.00"]);
}

#[test]
fn a_thumb_counts_once_a_hand_d26() {
    let field = |specs: &[&str]| {
        calculate(&table(), &request("1000000.00", specs), CalcSettings::default()).unwrap_err().field()
    };
    assert_eq!(field(&["82>R", "82>R"]), "injuries[1].count");
    assert_eq!(field(&["84а*2>L"]), "injuries[0].count");
    assert_eq!(field(&["83а*2"]), "injuries[0].count", "without a side, a count above 1 is refused");
    assert_eq!(payable(&["82>R", "82>L"]), "100000.00", "one thumb on each hand");
    assert_eq!(payable(&["86а*3>R"]), "150000.00", "the other fingers keep their count");
}

fn conclusion(section: &str, percent: &str, reference: &str) -> Injury {
    Injury {
        item: "7.1".into(),
        count: 1,
        conclusion: Some(Conclusion {
            section: section.into(),
            percent: d(percent),
            reference: reference.into(),
        }),
        ..Injury::default()
    }
}

#[test]
fn an_injury_the_schedule_lacks_is_paid_on_the_doctors_conclusion_within_its_section_d27() {
    let with = |injury: Injury| {
        let mut asked = request("1000000.00", &["28"]);
        asked.injuries.push(injury);
        calculate(&table(), &asked, CalcSettings::default())
    };
    let within = with(conclusion("arms", "12.5", "№ 17, 03.05.2026")).unwrap();
    assert_eq!(within.payable.to_string(), "225000.00", "10 + 12.5");
    let line = within.lines.iter().find(|line| line.item == "7.1").unwrap();
    assert!(line.clause.contains("7.1") && line.clause.contains("D27"), "{line:?}");
    assert!(line.text.contains("№ 17, 03.05.2026") && line.text.contains("Қўлларда"), "{line:?}");
    // The largest single item of 107–108 is 10 %: a conclusion of 15 % pays 10 %.
    let capped = with(conclusion("articles_107_108", "15", "№ 18")).unwrap();
    assert_eq!(capped.payable.to_string(), "200000.00");
    assert!(capped.lines.iter().any(|line| line.reason.contains("15 %") && line.reason.contains("10 %")));
    assert_eq!(table().section_max_percent("articles_27_32").unwrap().to_string(), "60");
    let field = |injury: Injury| with(injury).unwrap_err().field();
    assert_eq!(field(conclusion("arms", "0", "№ 1")), "injuries[1].percent");
    assert_eq!(field(conclusion("arms", "100.01", "№ 1")), "injuries[1].percent");
    assert_eq!(field(conclusion("arms", "12.345", "№ 1")), "injuries[1].percent");
    assert_eq!(field(conclusion("eyes", "10", "№ 1")), "injuries[1].section");
    assert_eq!(field(conclusion("arms", "10", "  ")), "injuries[1].reference");
    assert_eq!(field(conclusion("arms", "10", &"№".repeat(201))), "injuries[1].reference");
    assert_eq!(field(conclusion("arms", "10", "№ 1\n\u{0}")), "injuries[1].reference");
}
