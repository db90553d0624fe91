//! The three documents a claim issues, composed for `tovon_print::render` in the reader's
//! language: the incident act (1.1.15, 6.5), the refusal letter (6.6) and the documents
//! request (6.1б, 5.3б, 6.4). Every word comes from the message catalogue (`paper.*`).

use chrono::NaiveDate;
use tovon_core::Language;
use tovon_core::decision::{Ground, PayeeRole};
use tovon_core::words::amount_in_words;
use tovon_print::{Align, Block, Column, Document, Table};
use tovon_store::{StoredClaim, StoredPolicy};

use crate::DeskError;
use crate::claims::dmy;
use crate::messages::text;
use tovon_store::records::{CalculationRecord, LineKindRecord};

/// The earlier document a new one refers to: its number, its day, and whether the new one
/// supplements it (its act was signed) rather than replaces it.
pub(crate) type Earlier = (String, NaiveDate, bool);

/// What every document of a claim shows about it.
pub(crate) struct ClaimPaper<'a> {
    pub claim: &'a StoredClaim,
    pub policy: &'a StoredPolicy,
    pub language: Language,
    /// The number given at issue ("—" on a preview).
    pub number: &'a str,
    pub issued_on: NaiveDate,
    /// The claims officer who issues it.
    pub officer: &'a str,
    /// The earlier document this one replaces or supplements: (number, issued on, supplementary).
    pub refers_to: Option<Earlier>,
}

pub(crate) struct ActPayee {
    pub role: PayeeRole,
    pub name: String,
    pub details: String,
    pub amount_tiyin: i64,
}

pub(crate) struct PriorLine {
    pub source: String,
    pub paid_on: String,
    pub item: Option<String>,
    pub amount_tiyin: i64,
}

pub(crate) struct ActContent<'a> {
    pub calculation: &'a CalculationRecord,
    pub payable_tiyin: i64,
    pub payees: Vec<ActPayee>,
    pub prior: Vec<PriorLine>,
    /// The documents received: title, date, original or copy.
    pub received: Vec<(String, String)>,
    /// The supervisor who approved an act above the officer's authority limit.
    pub approver: Option<&'a str>,
    /// A draft: marked so, without a number.
    pub preview: bool,
}

pub(crate) struct RefusalContent<'a> {
    pub grounds: Vec<&'a Ground>,
    pub explanation: &'a str,
    pub complete_on: Option<NaiveDate>,
    /// A draft shown before the letter is issued: marked so, without a number (issue 19).
    pub preview: bool,
}

pub(crate) struct RequestContent {
    /// Each missing item: title, clauses.
    pub missing: Vec<(String, String)>,
    pub due: NaiveDate,
}

/// 1 250 000,00 — spaces between thousands, a comma before the tiyin.
pub(crate) fn money(tiyin: i64) -> String {
    let sign = if tiyin < 0 { "-" } else { "" };
    let whole = (tiyin.unsigned_abs() / 100).to_string();
    let mut grouped = String::new();
    for (index, digit) in whole.chars().enumerate() {
        if index > 0 && (whole.len() - index).is_multiple_of(3) {
            grouped.push(' ');
        }
        grouped.push(digit);
    }
    format!("{sign}{grouped},{:02}", tiyin.unsigned_abs() % 100)
}

impl ClaimPaper<'_> {
    fn t(&self, key: &str) -> String {
        text(self.language, &format!("paper.{key}"), &[])
    }

    fn tp(&self, key: &str, params: &[(&str, &str)]) -> String {
        text(self.language, &format!("paper.{key}"), params)
    }

    /// The claimant's relation: "ўзи" (the form's default) in the paper's words, else as typed.
    fn relation(&self, typed: &str) -> String {
        self.typed(&crate::messages::in_language(typed, self.language, &["claim_form.relation_self"]))
    }

    /// What a person typed (a name, a place, the circumstances) as this paper writes it: on a
    /// Latin paper Cyrillic is transliterated by the 1995 alphabet (a name the register has
    /// in Latin stays as spelt there); claim and document numbers are never passed here.
    fn typed(&self, typed: &str) -> String {
        match self.language {
            Language::UzbekLatin => tovon_core::translit::to_latin(typed),
            _ => typed.to_owned(),
        }
    }

    fn document(&self, kind: &str, blocks: Vec<Block>) -> Document {
        let claim = self.claim;
        let mut letterhead = vec![self.t("insurer"), self.t("licence")];
        letterhead.push(self.tp("branch", &[("branch", &claim.branch_code)]));
        Document {
            title: self.tp(&format!("{kind}.title"), &[("number", self.number)]),
            letterhead,
            reference: vec![
                format!("№ {}", self.number),
                self.tp("dated", &[("date", &dmy(self.issued_on))]),
            ],
            blocks,
            footer: self.tp("footer", &[("claim", &claim.number), ("number", self.number)]),
            issued_on: self.issued_on,
            // Set at issue, when the store has signed the chain's head (`rendered`).
            anchor: String::new(),
        }
    }

    fn refers_block(&self, kind: &str) -> Option<Block> {
        self.refers_to.as_ref().map(|(number, on, supplementary)| {
            let key = if *supplementary { "supplements" } else { "replaces" };
            Block::Strong(self.tp(&format!("{kind}.{key}"), &[("number", number), ("date", &dmy(*on))]))
        })
    }

    fn policy_fields(&self) -> Vec<(String, String)> {
        let record = &self.policy.record;
        vec![
            (
                self.t("field.claim"),
                self.tp(
                    "claim_of",
                    &[("number", &self.claim.number), ("date", &dmy(self.claim.facts.notice_date))],
                ),
            ),
            (
                self.t("field.policy"),
                self.tp(
                    "policy_of",
                    &[
                        ("series", &record.series),
                        ("number", &record.number),
                        ("starts", &dmy(record.starts_on)),
                        ("ends", &dmy(record.ends_on)),
                    ],
                ),
            ),
            (
                self.t("field.sum_insured"),
                format!("{} {}", money(record.sum_insured_tiyin), self.t("currency")),
            ),
            (
                self.t("field.insured"),
                self.tp(
                    "insured_of",
                    &[("name", &self.typed(&record.full_name)), ("birth", &dmy(record.birth_date))],
                ),
            ),
            (self.t("field.pinfl"), record.pinfl.clone()),
        ]
    }

    fn claimant_field(&self) -> (String, String) {
        let facts = &self.claim.facts;
        let mut claimant =
            format!("{} ({})", self.typed(&facts.claimant_name), self.relation(&facts.claimant_relation));
        if let Some(phone) = facts.claimant_phone.as_deref().filter(|phone| !phone.trim().is_empty()) {
            claimant.push_str(&format!(", {phone}"));
        }
        (self.t("field.claimant"), claimant)
    }

    fn words(&self, tiyin: i64) -> Result<String, DeskError> {
        amount_in_words(tovon_core::Money::from_tiyin(tiyin), self.language)
            .map_err(|error| DeskError::Internal(format!("amount in words: {error}")))
    }

    /// The incident act (1.1.15, 6.5): it fixes the amount and is signed by both sides.
    pub fn act(&self, content: &ActContent<'_>) -> Result<Document, DeskError> {
        let mut blocks = vec![Block::Heading(self.t("act.heading"))];
        if content.preview {
            blocks.push(Block::Strong(self.t("act.draft")));
        }
        blocks.extend(self.refers_block("act"));
        blocks.push(Block::Paragraph(self.t("act.preamble")));
        let mut fields = self.policy_fields();
        fields.push(self.claimant_field());
        blocks.push(Block::Fields(fields));
        blocks.extend(self.act_event(content));
        blocks.extend(self.act_documents(content));
        blocks.extend(self.act_calculation(content));
        blocks.extend(self.act_prior(content));
        let figures = format!("{} {}", money(content.payable_tiyin), self.t("currency"));
        blocks.push(Block::Strong(self.tp("act.payable", &[("amount", &figures)])));
        blocks.push(Block::Paragraph(
            self.tp("act.payable_words", &[("words", &self.words(content.payable_tiyin)?)]),
        ));
        blocks.extend(self.act_payees(content));
        blocks.push(Block::Paragraph(self.t("act.term")));
        blocks.push(Block::Space(4.0));
        blocks.extend(self.act_signatures(content));
        Ok(self.document("act", blocks))
    }

    /// The event and the diagnosis: the items the calculation pays.
    fn act_event(&self, content: &ActContent<'_>) -> Vec<Block> {
        let facts = &self.claim.facts;
        let diagnosis = content
            .calculation
            .lines
            .iter()
            .filter(|line| line.kind == LineKindRecord::Item)
            .map(|line| format!("{} ({})", line.text, line.item))
            .collect::<Vec<_>>()
            .join("; ");
        vec![
            Block::Strong(self.t("act.event")),
            Block::Fields(vec![
                (self.t("field.event_date"), dmy(facts.event_date)),
                (self.t("field.event_place"), self.typed(&facts.event_place)),
                (self.t("field.circumstances"), self.typed(&facts.circumstances)),
                (
                    self.t("field.outcome"),
                    text(self.language, &format!("claim.outcome.{}", facts.outcome), &[]),
                ),
                (self.t("field.diagnosis"), if diagnosis.is_empty() { "—".to_owned() } else { diagnosis }),
            ]),
        ]
    }

    /// The documents received, with their dates.
    fn act_documents(&self, content: &ActContent<'_>) -> Vec<Block> {
        let rows = content
            .received
            .iter()
            .enumerate()
            .map(|(index, (title, received))| vec![(index + 1).to_string(), title.clone(), received.clone()])
            .collect();
        vec![
            Block::Strong(self.t("act.documents")),
            Block::Table(Table {
                columns: vec![
                    Column { title: "№".to_owned(), width: 0.6, align: Align::Right },
                    Column { title: self.t("col.document"), width: 7.0, align: Align::Left },
                    Column { title: self.t("col.received"), width: 2.4, align: Align::Left },
                ],
                rows,
                bold_rows: vec![],
            }),
        ]
    }

    /// Every line of the calculation with its clause, the totals, and its warnings.
    fn act_calculation(&self, content: &ActContent<'_>) -> Vec<Block> {
        let calculation = content.calculation;
        let mut rows: Vec<Vec<String>> = calculation
            .lines
            .iter()
            .map(|line| {
                let percent = line.percent.clone().unwrap_or_default();
                vec![
                    line.item.clone(),
                    line.text.clone(),
                    percent,
                    money(line.amount_tiyin),
                    line.clause.clone(),
                ]
            })
            .collect();
        let totals = rows.len();
        let gross = money(calculation.gross_tiyin);
        rows.push(vec![
            String::new(),
            self.t("act.gross"),
            calculation.total_percent.clone(),
            gross,
            String::new(),
        ]);
        let payable = money(content.payable_tiyin);
        rows.push(vec![String::new(), self.t("act.payable_row"), String::new(), payable, String::new()]);
        let mut blocks = vec![
            Block::Strong(self.tp("act.calculation", &[("version", &calculation.table_version.to_string())])),
            Block::Table(Table {
                columns: vec![
                    Column { title: self.t("col.item"), width: 1.0, align: Align::Left },
                    Column { title: self.t("col.text"), width: 5.2, align: Align::Left },
                    Column { title: "%".to_owned(), width: 0.9, align: Align::Right },
                    Column { title: self.t("col.amount"), width: 2.0, align: Align::Right },
                    Column { title: self.t("col.clause"), width: 1.4, align: Align::Left },
                ],
                rows,
                bold_rows: vec![totals, totals + 1],
            }),
        ];
        // The schedule's texts exist in Uzbek only: a Russian act says so (issue 19).
        if self.language == Language::Russian {
            blocks.push(Block::Paragraph(self.t("act.texts_uzbek")));
        }
        blocks.extend(calculation.warnings.iter().map(|warning| Block::Paragraph(warning.clone())));
        blocks
    }

    /// What the register says was paid before under the policy (7.2–7.4).
    fn act_prior(&self, content: &ActContent<'_>) -> Vec<Block> {
        let mut blocks = vec![Block::Strong(self.t("act.prior"))];
        if content.prior.is_empty() {
            blocks.push(Block::Paragraph(self.t("act.prior_none")));
            return blocks;
        }
        let total: i64 = content.prior.iter().map(|prior| prior.amount_tiyin).sum();
        let mut rows: Vec<Vec<String>> = content
            .prior
            .iter()
            .map(|prior| {
                let item = prior.item.clone().unwrap_or_default();
                vec![prior.source.clone(), prior.paid_on.clone(), item, money(prior.amount_tiyin)]
            })
            .collect();
        let total_row = rows.len();
        rows.push(vec![self.t("act.prior_total"), String::new(), String::new(), money(total)]);
        blocks.push(Block::Table(Table {
            columns: vec![
                Column { title: self.t("col.source"), width: 5.0, align: Align::Left },
                Column { title: self.t("col.date"), width: 1.8, align: Align::Left },
                Column { title: self.t("col.item"), width: 1.0, align: Align::Left },
                Column { title: self.t("col.amount"), width: 2.2, align: Align::Right },
            ],
            rows,
            bold_rows: vec![total_row],
        }));
        blocks
    }

    /// Who is paid what (1.1.3).
    fn act_payees(&self, content: &ActContent<'_>) -> Vec<Block> {
        let rows = content
            .payees
            .iter()
            .map(|payee| {
                let role = text(self.language, &format!("payee.role.{}", payee.role.code()), &[]);
                vec![self.typed(&payee.name), role, self.typed(&payee.details), money(payee.amount_tiyin)]
            })
            .collect();
        vec![
            Block::Strong(self.t("act.payees")),
            Block::Table(Table {
                columns: vec![
                    Column { title: self.t("col.payee"), width: 4.2, align: Align::Left },
                    Column { title: self.t("col.role"), width: 2.2, align: Align::Left },
                    Column { title: self.t("col.details"), width: 3.0, align: Align::Left },
                    Column { title: self.t("col.amount"), width: 2.2, align: Align::Right },
                ],
                rows,
                bold_rows: vec![],
            }),
        ]
    }

    /// The insurer, the officer, the approver above the limit, the claimant; the seal.
    fn act_signatures(&self, content: &ActContent<'_>) -> Vec<Block> {
        let mut roles = vec![self.t("sign.insurer"), self.tp("sign.officer", &[("name", self.officer)])];
        if let Some(approver) = content.approver {
            roles.push(self.tp("sign.approver", &[("name", approver)]));
        }
        roles.push(self.tp("sign.claimant", &[("name", &self.typed(&self.claim.facts.claimant_name))]));
        vec![Block::Signatures { roles, caption: self.t("sign.caption") }, Block::Paragraph(self.t("seal"))]
    }

    /// The refusal letter (6.6): the grounds with their clauses' words, the explanation and
    /// the right to dispute (8.2).
    pub fn refusal(&self, content: &RefusalContent<'_>) -> Document {
        let facts = &self.claim.facts;
        let record = &self.policy.record;
        let mut blocks = vec![
            Block::Paragraph(self.tp("refusal.to", &[("name", &self.typed(&facts.claimant_name))])),
            Block::Heading(self.t("refusal.heading")),
        ];
        if content.preview {
            blocks.push(Block::Strong(self.t("act.draft")));
        }
        blocks.extend(self.refers_block("refusal"));
        let (notice, event) = (dmy(facts.notice_date), dmy(facts.event_date));
        blocks.push(Block::Paragraph(self.tp(
            "refusal.intro",
            &[
                ("claim", &self.claim.number),
                ("notice", &notice),
                ("event", &event),
                ("insured", &self.typed(&record.full_name)),
                ("series", &record.series),
                ("policy", &record.number),
            ],
        )));
        if let Some(complete_on) = content.complete_on {
            blocks.push(Block::Paragraph(self.tp("refusal.complete", &[("date", &dmy(complete_on))])));
        }
        blocks.push(Block::Strong(self.t("refusal.decision")));
        blocks.push(Block::Strong(self.t("refusal.grounds")));
        for (index, ground) in content.grounds.iter().enumerate() {
            blocks.push(Block::Paragraph(format!(
                "{}. {} {}: «{}».",
                index + 1,
                self.t("refusal.clause"),
                ground.clause,
                ground.text(self.language)
            )));
        }
        blocks.push(Block::Strong(self.t("refusal.explanation")));
        for paragraph in content.explanation.split('\n').map(str::trim).filter(|line| !line.is_empty()) {
            blocks.push(Block::Paragraph(paragraph.to_owned()));
        }
        blocks.push(Block::Paragraph(self.t("refusal.dispute")));
        blocks.push(Block::Space(6.0));
        blocks.push(Block::Signatures {
            roles: vec![self.t("sign.insurer"), self.tp("sign.officer", &[("name", self.officer)])],
            caption: self.t("sign.caption"),
        });
        blocks.push(Block::Paragraph(self.t("seal")));
        self.document("refusal", blocks)
    }

    /// The documents request: what is missing, under which clause, by which day.
    pub fn request(&self, content: &RequestContent) -> Document {
        let facts = &self.claim.facts;
        let mut blocks = vec![
            Block::Paragraph(self.tp("request.to", &[("name", &self.typed(&facts.claimant_name))])),
            Block::Heading(self.t("request.heading")),
        ];
        blocks.extend(self.refers_block("request"));
        blocks.push(Block::Paragraph(self.tp(
            "request.intro",
            &[("claim", &self.claim.number), ("insured", &self.typed(&self.policy.record.full_name))],
        )));
        blocks.push(Block::Table(Table {
            columns: vec![
                Column { title: "№".to_owned(), width: 0.6, align: Align::Right },
                Column { title: self.t("col.document"), width: 7.2, align: Align::Left },
                Column { title: self.t("col.clause"), width: 2.2, align: Align::Left },
            ],
            rows: content
                .missing
                .iter()
                .enumerate()
                .map(|(index, (title, clauses))| {
                    vec![(index + 1).to_string(), title.clone(), clauses.clone()]
                })
                .collect(),
            bold_rows: vec![],
        }));
        blocks.push(Block::Strong(self.tp("request.due", &[("date", &dmy(content.due))])));
        blocks.push(Block::Paragraph(self.t("request.warning")));
        blocks.push(Block::Space(6.0));
        blocks.push(Block::Signatures {
            roles: vec![self.tp("sign.officer", &[("name", self.officer)])],
            caption: self.t("sign.caption"),
        });
        self.document("request", blocks)
    }
}

#[cfg(test)]
mod tests {
    use super::money;

    #[test]
    fn money_groups_thousands_and_keeps_two_tiyin_digits() {
        assert_eq!(money(125_000_050), "1 250 000,50");
        assert_eq!(money(5), "0,05");
        assert_eq!(money(100_000), "1 000,00");
        assert_eq!(money(-2_500), "-25,00");
    }
}
