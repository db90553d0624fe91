//! The calculation pipeline. Each step is one rule family of the annex; each leaves lines
//! that name their clause, so that every number on an act traces back to the rules.

use std::collections::BTreeSet;

use chrono::{Months, NaiveDate};
use rust_decimal::Decimal;

use crate::schedule::{ItemId, Requirement, Rule, RuleKind, ScheduleTable, Section};

use super::money::{line_amount, round_tiyin};
use super::resolve::{Resolved, resolve};
use super::{
    CONCLUSION_ITEM, CalcError, CalcRequest, CalcSettings, Calculation, Conclusion, Deferred, Line, LineKind,
    Outcome, Side,
};

/// Where an injury stands after the rules.
#[derive(Debug, Clone)]
enum State {
    Active,
    Zeroed { clause: String, reason: String },
    Deferred { clause: String, reason: String },
}

#[derive(Debug, Clone)]
struct Entry<'t> {
    injury: Resolved<'t>,
    state: State,
}

impl Entry<'_> {
    fn id(&self) -> &ItemId {
        &self.injury.item.id
    }

    fn is_active(&self) -> bool {
        matches!(self.state, State::Active)
    }

    fn percent(&self) -> Decimal {
        self.injury.percent_per_unit * Decimal::from(self.injury.count)
    }

    /// The id, with the bone or parameters when there are any: "37 (юқори жағ)".
    fn label(&self) -> String {
        match &self.injury.detail {
            Some(detail) if self.injury.bone.is_some() => format!("{} ({detail})", self.id()),
            _ => self.id().to_string(),
        }
    }
}

/// D27: a doctor's conclusion, checked against the table.
#[derive(Debug, Clone)]
struct CheckedConclusion<'t> {
    section: &'t Section,
    /// The section's largest single item percentage.
    ceiling: Decimal,
    percent: Decimal,
    reference: String,
}

/// The payout for `request` under `table` (which the caller chose as in force, see
/// [`crate::schedule::in_force`]).
pub fn calculate(
    table: &ScheduleTable,
    request: &CalcRequest,
    settings: CalcSettings,
) -> Result<Calculation, CalcError> {
    check_request(request)?;
    let mut entries = Vec::new();
    let mut conclusions = Vec::new();
    for (index, injury) in request.injuries.iter().enumerate() {
        match &injury.conclusion {
            Some(conclusion) => conclusions.push(check_conclusion(table, index, conclusion)?),
            None => {
                entries.push(Entry { injury: resolve(table, request, index, injury)?, state: State::Active })
            }
        }
    }
    check_units(table, &entries)?;
    // The order the injuries were picked in must not change anything.
    entries.sort_by(|a, b| entry_key(a).cmp(&entry_key(b)));
    conclusions.sort_by(|a, b| {
        (&a.section.id, a.percent, &a.reference).cmp(&(&b.section.id, b.percent, &b.reference))
    });
    let mut draft = Draft { table, request, lines: Vec::new(), warnings: Vec::new(), deferred: Vec::new() };
    draft.apply_waiting(&mut entries);
    for rule in &table.rules {
        match &rule.kind {
            RuleKind::Excludes { when, surgery } => apply_excludes(rule, when, *surgery, &mut entries),
            RuleKind::Once => apply_once(rule, &mut entries),
            RuleKind::Advance { interim } => apply_advance(rule, interim, &mut entries),
            _ => {}
        }
    }
    draft.apply_on_top(&mut entries);
    draft.item_lines(&entries);
    draft.conclusion_lines(&conclusions);
    draft.rule_warnings(&entries);
    draft.surgery_addons(&entries);
    draft.hand_caps(&entries);
    let outcome_applies = draft.outcome(settings);
    draft.deductions(outcome_applies);
    Ok(draft.finish())
}

fn entry_key<'a>(entry: &'a Entry<'_>) -> (usize, Option<Side>, u32, bool, &'a Option<String>) {
    let injury = &entry.injury;
    (injury.position, injury.side, injury.count, injury.surgery, &injury.detail)
}

fn check_request(request: &CalcRequest) -> Result<(), CalcError> {
    if request.sum_insured <= Decimal::ZERO {
        return Err(CalcError::SumInsuredNotPositive(request.sum_insured.to_string()));
    }
    if request.calc_date < request.event_date {
        return Err(CalcError::CalcBeforeEvent { calc: request.calc_date, event: request.event_date });
    }
    if let Some(birth) = request.birth_date.filter(|birth| *birth > request.event_date) {
        return Err(CalcError::BirthAfterEvent { birth, event: request.event_date });
    }
    let outcome_name = match request.outcome {
        Outcome::Injury => None,
        Outcome::Disability1 => Some("disability_1"),
        Outcome::Disability2 => Some("disability_2"),
        Outcome::Death => Some("death"),
    };
    match (outcome_name, request.outcome_date) {
        (Some(outcome), None) => return Err(CalcError::OutcomeDateRequired { outcome }),
        (_, Some(outcome_date)) if outcome_date < request.event_date => {
            return Err(CalcError::OutcomeBeforeEvent { outcome_date, event: request.event_date });
        }
        _ => {}
    }
    match request.prior_payments.iter().position(|payment| payment.amount.is_sign_negative()) {
        Some(index) => Err(CalcError::NegativePriorPayment { index }),
        None => Ok(()),
    }
}

/// A conclusion's number and date fit a line of the act; more is not a reference.
const MAX_REFERENCE_CHARS: usize = 200;

/// D27: the section must be the table's, the percentage in (0, 100] in whole tiyin-like
/// steps (two decimals), the conclusion named; the ceiling is the section's largest item.
fn check_conclusion<'t>(
    table: &'t ScheduleTable,
    index: usize,
    conclusion: &Conclusion,
) -> Result<CheckedConclusion<'t>, CalcError> {
    let section = table.section(conclusion.section.trim()).ok_or_else(|| CalcError::UnknownSection {
        index,
        section: conclusion.section.clone(),
        version: table.version,
    })?;
    let percent = conclusion.percent.normalize();
    if percent <= Decimal::ZERO || percent > Decimal::ONE_HUNDRED || percent.scale() > 2 {
        return Err(CalcError::ConclusionPercent { index, value: conclusion.percent.to_string() });
    }
    let reference = conclusion.reference.trim();
    // A line of the act: not empty, not longer than a line, no control characters.
    if reference.is_empty()
        || reference.chars().count() > MAX_REFERENCE_CHARS
        || reference.chars().any(char::is_control)
    {
        return Err(CalcError::ConclusionReference { index });
    }
    Ok(CheckedConclusion {
        section,
        ceiling: table.section_max_percent(&section.id).unwrap_or(Decimal::ZERO),
        percent,
        reference: reference.to_owned(),
    })
}

/// D22: one injury per bone; a per-unit limit (D26: one thumb per hand) holds across the
/// injuries of the same item and hand, not only within one. Names the later injury.
fn check_units(table: &ScheduleTable, entries: &[Entry<'_>]) -> Result<(), CalcError> {
    for (at, entry) in entries.iter().enumerate() {
        let injury = &entry.injury;
        let same = |other: &&Entry<'_>| other.id() == entry.id() && other.injury.side == injury.side;
        if let Some(bone) = &injury.bone
            && entries[..at]
                .iter()
                .any(|other| other.id() == entry.id() && other.injury.bone.as_ref() == Some(bone))
        {
            return Err(CalcError::BoneTwice {
                index: injury.index,
                item: entry.id().to_string(),
                bone: bone.clone(),
            });
        }
        for rule in table.rules_for(entry.id()) {
            let RuleKind::PerUnit { max_count: Some(max) } = rule.kind else { continue };
            let count = entries[..=at]
                .iter()
                .filter(same)
                .fold(0u32, |sum, other| sum.saturating_add(other.injury.count));
            if count > max {
                return Err(CalcError::CountAboveMax {
                    index: injury.index,
                    item: entry.id().to_string(),
                    max,
                    clause: rule.clause.clone(),
                });
            }
        }
    }
    Ok(())
}

/// " (D18)" where the rule applies a decision.
fn decision_note(rule: &Rule) -> String {
    rule.decision.map(|decision| format!(" ({decision})")).unwrap_or_default()
}

/// The rule's items are not applied when a `when` item is (operated on, with `surgery`).
fn apply_excludes(rule: &Rule, when: &[ItemId], surgery: bool, entries: &mut [Entry<'_>]) {
    let Some(trigger) = entries
        .iter()
        .find(|entry| entry.is_active() && (!surgery || entry.injury.surgery) && when.contains(entry.id()))
    else {
        return;
    };
    let trigger = trigger.id().clone();
    let decision = decision_note(rule);
    for entry in entries.iter_mut().filter(|entry| entry.is_active() && rule.covers(entry.injury.position)) {
        let reason = if surgery {
            format!(
                "{}: {trigger} бўйича жарроҳлик аралашуви учун қўшимча тўланганда {} учун алоҳида тўлов олинмайди{decision}",
                rule.clause,
                entry.id()
            )
        } else {
            format!("{}: {trigger} бўйича тўланганда {} қўлланилмайди{decision}", rule.clause, entry.id())
        };
        entry.state = State::Zeroed { clause: rule.clause.clone(), reason };
    }
}

/// D19: once a final item is paid, its interim item is an advance on it, not a payment
/// beside it; what was paid for the interim item is deducted later (`deductions`).
fn apply_advance(rule: &Rule, interim: &ItemId, entries: &mut [Entry<'_>]) {
    let Some(paid) = entries.iter().find(|entry| entry.is_active() && rule.covers(entry.injury.position))
    else {
        return;
    };
    let paid = paid.id().clone();
    for entry in entries.iter_mut().filter(|entry| entry.is_active() && entry.id() == interim) {
        entry.state = State::Zeroed {
            clause: rule.clause.clone(),
            reason: format!(
                "{}: {interim} бўйича тўлов {paid} учун дастлабки тўловдир; якуний банд тўланганда алоҳида тўланмайди (D19)",
                rule.clause
            ),
        };
    }
}

/// D1: of the set only the highest percentage counts; the others show 0 and why.
fn apply_once(rule: &Rule, entries: &mut [Entry<'_>]) {
    let members: Vec<usize> = (0..entries.len())
        .filter(|&at| {
            let injury = &entries[at].injury;
            entries[at].is_active() && rule.covers_injury(injury.position, injury.bone.as_deref())
        })
        .collect();
    // The first of the highest, in table order (entries are sorted by position).
    let Some(&kept) = members.iter().rev().max_by_key(|&&at| entries[at].percent()) else { return };
    if members.len() < 2 {
        return;
    }
    let (kept_id, kept_percent) = (entries[kept].label(), entries[kept].percent());
    let decision = decision_note(rule);
    for &at in members.iter().filter(|&&at| at != kept) {
        entries[at].state = State::Zeroed {
            clause: rule.clause.clone(),
            reason: format!(
                "{}: бир марта, энг оғир шикастланиш бўйича тўланади — {kept_id} ({kept_percent} %){decision}",
                rule.clause
            ),
        };
    }
}

struct Draft<'t> {
    table: &'t ScheduleTable,
    request: &'t CalcRequest,
    lines: Vec<Line>,
    warnings: Vec<String>,
    deferred: Vec<Deferred>,
}

impl<'t> Draft<'t> {
    fn amount(&self, percent: Decimal) -> Decimal {
        line_amount(self.request.sum_insured, percent)
    }

    fn months_after_event(&self, months: u32) -> NaiveDate {
        self.request.event_date.checked_add_months(Months::new(months)).unwrap_or(NaiveDate::MAX)
    }

    /// D14: an item with a waiting period is 0 before it, with its earliest date; where the
    /// note names an interim item, that item is paid meanwhile.
    fn apply_waiting(&mut self, entries: &mut Vec<Entry<'t>>) {
        let mut interims = Vec::new();
        for entry in entries.iter_mut() {
            let waiting = self.table.rules_for(entry.id()).find_map(|rule| match &rule.kind {
                RuleKind::Waiting { months, interim } => Some((rule, *months, interim.clone())),
                _ => None,
            });
            let Some((rule, months, interim)) = waiting else { continue };
            let earliest = self.months_after_event(months);
            if self.request.calc_date >= earliest {
                continue;
            }
            let meanwhile =
                interim.as_ref().map(|id| format!("; ҳозирча {id} бўйича тўланади")).unwrap_or_default();
            entry.state = State::Deferred {
                clause: rule.clause.clone(),
                reason: format!(
                    "{}: шикастланишдан камида {months} ой ўтгач, {} дан тўланади{meanwhile} (D14)",
                    rule.clause,
                    earliest.format("%d.%m.%Y")
                ),
            };
            if !self.deferred.iter().any(|deferred| deferred.item == entry.id().as_str()) {
                self.deferred.push(Deferred { item: entry.id().to_string(), earliest_date: earliest });
            }
            interims.extend(interim.map(|id| (id, entry.id().clone(), rule.clause.clone())));
        }
        for (id, deferred_item, clause) in interims {
            let already = entries.iter().any(|entry| entry.id() == &id && entry.is_active());
            let Some(item) = self.table.item(id.as_str()).filter(|_| !already) else { continue };
            let Some(percent_per_unit) = item.percent else { continue };
            entries.push(Entry {
                injury: Resolved {
                    index: usize::MAX,
                    position: self.table.position(&id).unwrap_or(usize::MAX),
                    item,
                    percent_per_unit,
                    count: 1,
                    side: None,
                    surgery: false,
                    bone: None,
                    detail: Some(format!("{deferred_item} учун дастлабки тўлов, {clause} (D14)")),
                },
                state: State::Active,
            });
        }
        entries.sort_by(|a, b| entry_key(a).cmp(&entry_key(b)));
    }

    /// 1д, 46, 60, 108: paid only on top of another line.
    fn apply_on_top(&mut self, entries: &mut [Entry<'t>]) {
        let on_top_items: Vec<&ItemId> = self
            .table
            .rules
            .iter()
            .filter(|rule| matches!(rule.kind, RuleKind::OnTop { .. }))
            .flat_map(|rule| rule.items.iter())
            .collect();
        for rule in &self.table.rules {
            let RuleKind::OnTop { requires } = &rule.kind else { continue };
            for at in 0..entries.len() {
                if !(entries[at].is_active() && rule.covers(entries[at].injury.position)) {
                    continue;
                }
                let has_base = entries.iter().enumerate().any(|(other, entry)| {
                    other != at
                        && entry.is_active()
                        && match requires {
                            Requirement::AnyOther => !on_top_items.contains(&entry.id()),
                            Requirement::OneOf(items) => items.contains(entry.id()),
                        }
                });
                if !has_base {
                    let reason = format!(
                        "{}: фақат бошқа шикастланиш учун тўловга қўшимча равишда тўланади",
                        rule.clause
                    );
                    self.warnings.push(format!("{}: {reason}", entries[at].id()));
                    entries[at].state = State::Zeroed { clause: rule.clause.clone(), reason };
                }
            }
        }
    }

    fn item_lines(&mut self, entries: &[Entry<'t>]) {
        for entry in entries {
            let item = entry.injury.item;
            let mut text = item.full_text();
            if let Some(detail) = &entry.injury.detail {
                text = format!("{text} — {detail}");
            }
            let decision = item.decision.map(|decision| format!("; {decision}")).unwrap_or_default();
            let line = match &entry.state {
                State::Active => {
                    let percent = entry.percent();
                    // D17, D20, D22, D26: a per-unit or adding-up rule's decision is named on the line.
                    let decisions: BTreeSet<String> = self
                        .table
                        .rules_for(&item.id)
                        .filter(|rule| matches!(rule.kind, RuleKind::PerUnit { .. } | RuleKind::Sum))
                        .filter_map(|rule| {
                            rule.decision.map(|decision| format!("{decision}: {}", rule.clause))
                        })
                        .collect();
                    let named_decisions = if decisions.is_empty() {
                        String::new()
                    } else {
                        format!(" ({})", decisions.into_iter().collect::<Vec<_>>().join("; "))
                    };
                    let times = if entry.injury.count > 1 {
                        format!(" × {} = {percent} %", entry.injury.count)
                    } else {
                        String::new()
                    };
                    Line {
                        kind: LineKind::Item,
                        item: item.id.to_string(),
                        text,
                        percent: Some(percent),
                        amount: self.amount(percent),
                        clause: format!("жадвал, {}-банд{decision}", item.id),
                        reason: format!(
                            "7.1: суғурта суммасининг {} %{times}{named_decisions}",
                            entry.injury.percent_per_unit
                        ),
                    }
                }
                State::Zeroed { clause, reason } | State::Deferred { clause, reason } => Line {
                    kind: LineKind::Zeroed,
                    item: item.id.to_string(),
                    text,
                    percent: Some(Decimal::ZERO),
                    amount: Decimal::ZERO,
                    clause: clause.clone(),
                    reason: reason.clone(),
                },
            };
            self.lines.push(line);
        }
    }

    /// D27 (7.1, second paragraph): an injury the schedule lacks, at the percentage of the
    /// insurer's doctor's conclusion, within the largest item percentage of its section.
    fn conclusion_lines(&mut self, conclusions: &[CheckedConclusion<'t>]) {
        for conclusion in conclusions {
            let percent = conclusion.percent.min(conclusion.ceiling);
            let title = &conclusion.section.title;
            let within = if conclusion.percent > conclusion.ceiling {
                format!(
                    "хулосадаги {} % «{title}» бўлимининг энг катта фоизи {} % гача чекланди",
                    conclusion.percent, conclusion.ceiling
                )
            } else {
                format!("«{title}» бўлимининг энг катта фоизи {} % доирасида", conclusion.ceiling)
            };
            self.lines.push(Line {
                kind: LineKind::Item,
                item: CONCLUSION_ITEM.to_owned(),
                text: format!(
                    "Жадвалда кўрсатилмаган шикастланиш («{title}» бўлими) — суғурта ташкилоти шифокорининг хулосаси: {}",
                    conclusion.reference
                ),
                percent: Some(percent),
                amount: self.amount(percent),
                clause: "7.1, иккинчи хатбоши (D27)".to_owned(),
                reason: format!("7.1: шифокор хулосасига кўра суғурта суммасининг {percent} %, {within} (D27)"),
            });
        }
    }

    /// D21 and the like: a rule's warning, once, whenever one of its items is on the
    /// calculation and not deferred.
    fn rule_warnings(&mut self, entries: &[Entry<'t>]) {
        for rule in &self.table.rules {
            let Some(warning) = &rule.warning else { continue };
            let shown = entries.iter().find(|entry| {
                !matches!(entry.state, State::Deferred { .. }) && rule.covers(entry.injury.position)
            });
            if let Some(entry) = shown {
                self.warnings.push(format!(
                    "{}: {}: {warning}{}",
                    entry.id(),
                    rule.clause,
                    decision_note(rule)
                ));
            }
        }
    }

    /// D2: a surgery adds its note's percentage once per note group, as its own line.
    fn surgery_addons(&mut self, entries: &[Entry<'t>]) {
        let mut covered: Vec<&ItemId> = Vec::new();
        for rule in &self.table.rules {
            let RuleKind::SurgeryAddon { percent } = rule.kind else { continue };
            let operated: Vec<&Entry<'_>> = entries
                .iter()
                .filter(|entry| entry.injury.surgery && rule.covers(entry.injury.position))
                .collect();
            covered.extend(operated.iter().map(|entry| entry.id()));
            let Some(first) = operated.iter().find(|entry| !matches!(entry.state, State::Deferred { .. }))
            else {
                if let Some(entry) = operated.first() {
                    self.warnings.push(format!(
                        "{}: жарроҳлик қўшимчаси ({}) кечиктирилган банд билан бирга тўланади",
                        entry.id(),
                        rule.clause
                    ));
                }
                continue;
            };
            let decisions = match rule.decision {
                Some(decision) if decision.0 == 3 => {
                    " (D2; D3: манбада «ўтказилмаган» деб ёзилган, «ўтказилган» деб ўқилади)".to_owned()
                }
                Some(decision) => format!(" ({decision})"),
                None => String::new(),
            };
            self.lines.push(Line {
                kind: LineKind::SurgeryAddon,
                item: first.id().to_string(),
                text: "Жарроҳлик аралашуви ўтказилгани учун қўшимча тўлов".to_owned(),
                percent: Some(percent),
                amount: self.amount(percent),
                clause: rule.clause.clone(),
                reason: format!("{}: бир марта {percent} % қўшимча{decisions}", rule.clause),
            });
        }
        for entry in entries.iter().filter(|entry| entry.injury.surgery && !covered.contains(&entry.id())) {
            self.warnings.push(format!(
                "{}: жадвалда бу банд учун жарроҳлик қўшимчаси назарда тутилмаган",
                entry.id()
            ));
        }
    }

    /// D12: fingers, at most `per_hand` per hand and `both_hands` for both; a cut is a
    /// negative line that brings the amount to exactly the cap.
    fn hand_caps(&mut self, entries: &[Entry<'t>]) {
        for rule in &self.table.rules {
            let RuleKind::HandCap { per_hand, both_hands } = rule.kind else { continue };
            let mut kept = Vec::new();
            for (side, name) in [(Side::Left, "чап"), (Side::Right, "ўнг")] {
                let hand: Vec<&Entry<'_>> = entries
                    .iter()
                    .filter(|entry| {
                        entry.is_active()
                            && entry.injury.side == Some(side)
                            && rule.covers(entry.injury.position)
                    })
                    .collect();
                let percent: Decimal = hand.iter().map(|entry| entry.percent()).sum();
                let amount: Decimal = hand.iter().map(|entry| self.amount(entry.percent())).sum();
                kept.push(self.cap(rule, &format!("{name} қўл"), percent, amount, per_hand));
            }
            let (percent, amount) =
                kept.into_iter().fold((Decimal::ZERO, Decimal::ZERO), |(p, a), (kp, ka)| (p + kp, a + ka));
            self.cap(rule, "ҳар иккала қўл", percent, amount, both_hands);
        }
    }

    /// Adds a cut when `percent` exceeds `limit`; returns what remains (percent, amount).
    fn cap(
        &mut self,
        rule: &Rule,
        scope: &str,
        percent: Decimal,
        amount: Decimal,
        limit: Decimal,
    ) -> (Decimal, Decimal) {
        if percent <= limit {
            return (percent, amount);
        }
        let limit_amount = self.amount(limit);
        self.lines.push(Line {
            kind: LineKind::Cap,
            item: rule.items.first().map(ToString::to_string).unwrap_or_default(),
            text: format!("Бармоқлар учун чегара: {scope}"),
            percent: Some(limit - percent),
            amount: limit_amount - amount,
            clause: rule.clause.clone(),
            reason: format!("{}: {scope} учун {percent} % эмас, кўпи билан {limit} % (D12)", rule.clause),
        });
        (limit, limit_amount)
    }

    fn table_totals(&self) -> (Decimal, Decimal) {
        self.lines
            .iter()
            .filter(|line| line.kind != LineKind::Deduction)
            .fold((Decimal::ZERO, Decimal::ZERO), |(p, a), line| {
                (p + line.percent.unwrap_or_default(), a + line.amount)
            })
    }

    /// 7.2, 7.3 with D9–D11: the outcome's percentage when it is larger than the table lines'.
    /// Returns whether the outcome governs (then every earlier payment is deducted).
    fn outcome(&mut self, settings: CalcSettings) -> bool {
        let outcomes = &self.table.outcomes;
        let (percent, label, clause) = match self.request.outcome {
            Outcome::Injury => return false,
            Outcome::Death => (outcomes.death_percent, "вафот этганда", outcomes.death_clause.clone()),
            Outcome::Disability1 => {
                (outcomes.disability_1_percent, "I гуруҳ ногиронлигида", outcomes.disability_clause.clone())
            }
            Outcome::Disability2 if settings.disability_2_at_annex_percent => (
                outcomes.disability_2_annex_percent,
                "II гуруҳ ногиронлигида",
                "жадвал, якуний 1-изоҳ (D9: созламага кўра)".to_owned(),
            ),
            Outcome::Disability2 => (
                outcomes.disability_2_percent,
                "II гуруҳ ногиронлигида",
                format!("{} (D9)", outcomes.disability_2_clause),
            ),
        };
        let within = self.months_after_event(outcomes.disability_window_months);
        let outcome_date = self.request.outcome_date.unwrap_or(self.request.event_date);
        if self.request.outcome != Outcome::Death && outcome_date > within {
            self.warnings.push(format!(
                "7.2: ногиронлик бахтсиз ҳодисадан {} ой ичида белгиланмаган ({} > {}), ногиронлик бўйича тўлов лозим эмас; жадвал бандлари ҳисобга олинди (D11)",
                outcomes.disability_window_months,
                outcome_date.format("%d.%m.%Y"),
                within.format("%d.%m.%Y")
            ));
            return false;
        }
        let (table_percent, table_amount) = self.table_totals();
        if table_percent >= percent {
            self.warnings.push(format!(
                "{clause}: жадвал бўйича {table_percent} % {label} {percent} % дан кам эмас, жадвал бўйича тўланади (D10)"
            ));
            return true;
        }
        self.lines.push(Line {
            kind: LineKind::Outcome,
            item: String::new(),
            text: format!("Суғурта товони {label}"),
            percent: Some(percent - table_percent),
            amount: self.amount(percent) - table_amount,
            clause: clause.clone(),
            reason: format!(
                "{clause}: {label} {percent} %, жадвал бўйича {table_percent} % — каттаси олинади (D10)"
            ),
        });
        true
    }

    /// Earlier payments: on death or disability all of them (7.2, 7.3); otherwise those for the
    /// same item, for an item a later one replaces (D15) or for an interim item (D14).
    fn deductions(&mut self, outcome_governs: bool) {
        let mut payments: Vec<(Option<String>, Decimal)> = self
            .request
            .prior_payments
            .iter()
            .map(|payment| (payment.item.clone(), payment.amount))
            .collect();
        payments.sort();
        for (item, amount) in payments {
            if outcome_governs {
                let clause = if self.request.outcome == Outcome::Death { "7.3" } else { "7.2" };
                self.push_deduction(
                    item.clone().unwrap_or_default(),
                    item.as_deref(),
                    -amount,
                    clause.to_owned(),
                    "илгари тўланган суғурта товони айириб ташланади",
                );
                continue;
            }
            let Some(item) = item else { continue };
            if let Some((target, clause, why)) = self.deduction_target(&item) {
                let remaining = self.remaining(&target);
                let deducted = amount.min(remaining);
                if deducted > Decimal::ZERO {
                    self.push_deduction(target, Some(&item), -deducted, clause, why);
                }
            }
        }
    }

    fn deduction_target(&self, paid_item: &str) -> Option<(String, String, &'static str)> {
        let active: Vec<&Line> = self.lines.iter().filter(|line| line.kind == LineKind::Item).collect();
        if active.iter().any(|line| line.item == paid_item) {
            return Some((
                paid_item.to_owned(),
                "7.4".to_owned(),
                "шу банд бўйича илгари тўланган миқдор айириб ташланади",
            ));
        }
        // D19 first: an interim item paid earlier is an advance on the final one.
        for line in &active {
            let Some(item) = self.table.item(&line.item) else { continue };
            let advance = self.table.rules_for(&item.id).find(
                |rule| matches!(&rule.kind, RuleKind::Advance { interim } if interim.as_str() == paid_item),
            );
            if let Some(rule) = advance {
                return Some((
                    line.item.clone(),
                    format!("{} (D19)", rule.clause),
                    "дастлабки тарзда тўланган миқдор якуний банд бўйича тўловдан айириб ташланади",
                ));
            }
        }
        for line in active {
            let Some(item) = self.table.item(&line.item) else { continue };
            for rule in self.table.rules_for(&item.id) {
                match &rule.kind {
                    RuleKind::DeductEarlier { earlier }
                        if earlier.iter().any(|id| id.as_str() == paid_item) =>
                    {
                        let clause = format!("{} (D15)", rule.clause);
                        return Some((
                            line.item.clone(),
                            clause,
                            "илгари тўланган миқдор якуний қарорда айириб ташланади",
                        ));
                    }
                    RuleKind::Waiting { interim: Some(id), .. } if id.as_str() == paid_item => {
                        let clause = format!("{} (D14)", rule.clause);
                        return Some((
                            line.item.clone(),
                            clause,
                            "дастлабки тўлов якуний миқдордан айириб ташланади",
                        ));
                    }
                    _ => {}
                }
            }
        }
        None
    }

    /// What is left of an item's lines after the deductions already made against it.
    fn remaining(&self, item: &str) -> Decimal {
        self.lines
            .iter()
            .filter(|line| line.item == item && matches!(line.kind, LineKind::Item | LineKind::Deduction))
            .map(|line| line.amount)
            .sum::<Decimal>()
            .max(Decimal::ZERO)
    }

    fn push_deduction(
        &mut self,
        target: String,
        paid_item: Option<&str>,
        amount: Decimal,
        clause: String,
        why: &str,
    ) {
        let paid = paid_item.map(|item| format!(" ({item} бўйича)")).unwrap_or_default();
        self.lines.push(Line {
            kind: LineKind::Deduction,
            item: target,
            text: format!("Илгари тўланган{paid}"),
            percent: None,
            amount,
            clause: clause.clone(),
            reason: format!("{clause}: {why}"),
        });
    }

    fn finish(mut self) -> Calculation {
        let (total_percent, gross) = self.table_totals();
        let deducted: Decimal =
            self.lines.iter().filter(|line| line.kind == LineKind::Deduction).map(|line| line.amount).sum();
        let prior_paid: Decimal = self.request.prior_payments.iter().map(|payment| payment.amount).sum();
        let limit = (self.request.sum_insured - prior_paid).max(Decimal::ZERO);
        let net = (gross + deducted).max(Decimal::ZERO);
        if net > limit {
            self.warnings.push(format!(
                "7.4: бир суғурталанган шахсга тўловлар суғурта суммасидан ошмайди; тўлов {} гача чекланди",
                round_tiyin(limit)
            ));
        }
        for line in &mut self.lines {
            line.amount = round_tiyin(line.amount);
        }
        Calculation {
            table_version: self.table.version,
            lines: self.lines,
            warnings: self.warnings,
            deferred: self.deferred,
            total_percent,
            gross: round_tiyin(gross),
            prior_paid: round_tiyin(prior_paid),
            payable: round_tiyin(net.min(limit)),
        }
    }
}
