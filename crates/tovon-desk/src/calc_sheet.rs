//! The Calculator's result on paper (issue 19): the inputs, each line with its clause, the
//! totals, warnings and deferred items, as an unnumbered PDF for information — not an issued
//! document, not stored, no anchor.

use chrono::NaiveDate;
use tovon_core::Money;
use tovon_print::{Align, Block, Column, Document, Table};

use crate::claims::dmy;
use crate::decisions::papers::money;
use crate::dto::CalculationDto;
use crate::messages::text;
use crate::{Desk, DeskError};

impl Desk {
    /// The calculation of `request_json` as a PDF in the desk's language.
    pub fn calculation_pdf(&self, request_json: &str, today: NaiveDate) -> Result<Vec<u8>, DeskError> {
        self.session()?;
        let result = self.calculate(request_json, today)?;
        let request: serde_json::Value = serde_json::from_str(request_json).unwrap_or_default();
        let language = self.language();
        let t = |key: &str, params: &[(&str, &str)]| text(language, key, params);
        let sums = |amount: &str| {
            let shown = Money::parse(amount)
                .map(|amount| money(amount.tiyin()))
                .unwrap_or_else(|_| amount.to_owned());
            format!("{shown} {}", t("paper.currency", &[]))
        };
        let given =
            |key: &str| request.get(key).and_then(|value| value.as_str()).unwrap_or_default().to_owned();
        let day = |iso: String| iso.parse::<NaiveDate>().map(dmy).unwrap_or(iso);
        let mut blocks = vec![
            Block::Heading(t("calc_sheet.heading", &[])),
            Block::Paragraph(t("calc_sheet.note", &[])),
            Block::Fields(vec![
                (t("calc.sum_insured", &[]), sums(&given("sum_insured"))),
                (t("calc.event_date", &[]), day(given("event_date"))),
                (
                    t("calc.calc_date", &[]),
                    day(if given("calc_date").is_empty() { today.to_string() } else { given("calc_date") }),
                ),
                (
                    t("calc_sheet.table", &[]),
                    t("calc.schedule", &[("version", &result.table_version.to_string())]),
                ),
            ]),
            Block::Table(lines_table(&result, language)),
            Block::Fields(vec![
                (t("calc.total_percent", &[]), format!("{} %", result.total_percent.replace('.', ","))),
                (t("calc.gross", &[]), sums(&result.gross)),
                (t("calc.prior_paid", &[]), sums(&result.prior_paid)),
                (t("calc.payable", &[]), sums(&result.payable)),
            ]),
        ];
        if !result.warnings.is_empty() {
            blocks.push(Block::Strong(t("calc.warnings", &[])));
            blocks.extend(result.warnings.iter().map(|warning| Block::Paragraph(warning.clone())));
        }
        if !result.deferred.is_empty() {
            blocks.push(Block::Strong(t("calc.deferred", &[])));
            blocks.extend(result.deferred.iter().map(|deferred| {
                let item = crate::messages::clause(&deferred.item, language);
                Block::Paragraph(t(
                    "calc.deferred_item",
                    &[("item", &item), ("date", &day(deferred.earliest_date.clone()))],
                ))
            }));
        }
        let document = Document {
            title: t("calc_sheet.heading", &[]),
            letterhead: std::iter::once(t("paper.insurer", &[]))
                .chain(
                    (!self.branch_code.is_empty())
                        .then(|| t("paper.branch", &[("branch", &self.branch_code)])),
                )
                .collect(),
            reference: vec![t("paper.dated", &[("date", &dmy(today))])],
            blocks,
            footer: t("calc_sheet.footer", &[]),
            issued_on: today,
            anchor: String::new(),
        };
        tovon_print::render(&document).map_err(|error| DeskError::Internal(error.to_string()))
    }
}

fn lines_table(result: &CalculationDto, language: tovon_core::Language) -> Table {
    let t = |key: &str| text(language, key, &[]);
    let column = |key: &str, width: f32, align: Align| Column { title: t(key), width, align };
    Table {
        columns: vec![
            column("paper.col.item", 0.08, Align::Left),
            column("paper.col.text", 0.5, Align::Left),
            column("calc.col.percent", 0.08, Align::Right),
            column("paper.col.amount", 0.18, Align::Right),
            column("paper.col.clause", 0.16, Align::Left),
        ],
        rows: result
            .lines
            .iter()
            .map(|line| {
                let amount = Money::parse(&line.amount)
                    .map(|amount| money(amount.tiyin()))
                    .unwrap_or_else(|_| line.amount.clone());
                vec![
                    line.item.clone(),
                    line.text.clone(),
                    line.percent.as_deref().map(|percent| percent.replace('.', ",")).unwrap_or_default(),
                    amount,
                    line.clause.clone(),
                ]
            })
            .collect(),
        bold_rows: vec![],
    }
}
