//! Decisions (`claim_decision` with the act's `claim_payee`s), transfers (`claim_payment`),
//! payments made outside the desk (`external_payment`) and issued documents
//! (`issued_document`, numbered from `document_counter` in the issuing transaction).

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Row, Transaction, params};
use tovon_core::Language;
use tovon_core::decision::{DecisionKind, DocumentKind, PayeeRole};

use crate::claims::{add_event, write_progress};
use crate::typed::{TypedRow, iso};
use crate::{ClaimProgress, ClaimStep, DeskKey, Store, StoreError};

/// A claim's move with the step that records it, made only while it is still in `from`.
#[derive(Debug, Clone)]
pub struct ClaimMove<'a> {
    pub claim_id: i64,
    pub from: tovon_core::claim::ClaimState,
    pub progress: &'a ClaimProgress,
    pub step: &'a ClaimStep,
}

#[derive(Debug, Clone)]
pub struct NewDecision<'a> {
    pub kind: DecisionKind,
    pub calculation_id: Option<i64>,
    pub payable_tiyin: Option<i64>,
    /// The refusal's ground codes (6.6), stored as a JSON array.
    pub grounds: &'a [String],
    pub explanation: &'a str,
    pub case_reference: &'a str,
    pub decided_on: NaiveDate,
    pub user: &'a str,
    /// The submission this decision approves and the supervisor approving it: closed as
    /// approved in the decision's transaction.
    pub approves: Option<(i64, &'a str)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPayee {
    pub role: PayeeRole,
    pub name: String,
    pub details: String,
    pub amount_tiyin: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredPayee {
    pub id: i64,
    pub role: PayeeRole,
    pub name: String,
    pub details: String,
    pub amount_tiyin: i64,
    pub payments: Vec<StoredPayment>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredPayment {
    pub id: i64,
    pub paid_on: NaiveDate,
    pub amount_tiyin: i64,
    pub order_number: String,
    pub user: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredDecision {
    pub id: i64,
    pub claim_id: i64,
    pub kind: DecisionKind,
    pub calculation_id: Option<i64>,
    pub payable_tiyin: Option<i64>,
    pub grounds: Vec<String>,
    pub explanation: String,
    pub case_reference: String,
    pub decided_on: NaiveDate,
    pub user: String,
    pub entered_at: String,
    /// The day the act was signed and who recorded it.
    pub signed: Option<(NaiveDate, String)>,
    pub payees: Vec<StoredPayee>,
}

/// An approval whose act was signed: what a later calculation on the policy deducts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedApproval {
    pub claim_id: i64,
    pub claim_number: String,
    pub decision_id: i64,
    pub signed_on: NaiveDate,
    pub payable_tiyin: i64,
    /// The calculation the act was drawn from (its lines give the items).
    pub result: crate::records::CalculationRecord,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewExternalPayment {
    pub policy_id: i64,
    pub paid_on: NaiveDate,
    pub amount_tiyin: i64,
    pub item: Option<String>,
    pub reference: String,
    pub user: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredExternalPayment {
    pub id: i64,
    pub paid_on: NaiveDate,
    pub amount_tiyin: i64,
    pub item: Option<String>,
    pub reference: String,
    pub user: String,
    pub entered_at: String,
}

/// A document to issue: its kind, the number's parts and who issues it.
#[derive(Debug, Clone)]
pub struct DocumentIssue<'a> {
    pub kind: DocumentKind,
    pub branch_code: &'a str,
    pub year: i32,
    pub language: Language,
    pub issued_on: NaiveDate,
    pub refers_to: Option<i64>,
    pub user: &'a str,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredDocument {
    pub id: i64,
    pub claim_id: i64,
    pub decision_id: Option<i64>,
    pub kind: DocumentKind,
    pub number: String,
    pub language: Language,
    pub issued_on: NaiveDate,
    pub sha256: String,
    pub size: i64,
    pub refers_to: Option<i64>,
    pub user: String,
    pub entered_at: String,
}

/// Why issuing failed: the database, or the document's own rendering.
#[derive(Debug, thiserror::Error)]
pub enum IssueError<E> {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("rendering the document: {0}")]
    Render(E),
}

impl<E> From<rusqlite::Error> for IssueError<E> {
    fn from(error: rusqlite::Error) -> Self {
        IssueError::Store(StoreError::from(error))
    }
}

/// Renders a decision's document once its number, the decision's id and the anchor it carries
/// (the audit chain's head signed by the desk, issue 18) are known.
pub type Render<'r, E> = Box<dyn FnOnce(&str, i64, &str) -> Result<Vec<u8>, E> + 'r>;

/// "ТШ-2026-Д0007": branch, year, the kind's letter and the year's sequence in four digits.
pub fn document_number(branch_code: &str, year: i32, mark: &str, seq: i64) -> String {
    format!("{branch_code}-{year}-{mark}{seq:04}")
}

const DOCUMENT_COLUMNS: &str = "id, claim_id, decision_id, kind, number, language, issued_on, sha256, \
     length(pdf) AS size, refers_to, user_name, entered_at";

fn stored_document(row: &Row<'_>) -> rusqlite::Result<StoredDocument> {
    let row = TypedRow::new(row, "issued_document")?;
    Ok(StoredDocument {
        id: row.id(),
        claim_id: row.get("claim_id")?,
        decision_id: row.get("decision_id")?,
        kind: row.code("kind", "a document kind (act, refusal, request)")?,
        number: row.get("number")?,
        language: row.code("language", "a language (uz-Cyrl, uz-Latn, ru)")?,
        issued_on: row.date("issued_on")?,
        sha256: row.get("sha256")?,
        size: row.get("size")?,
        refers_to: row.get("refers_to")?,
        user: row.get("user_name")?,
        entered_at: row.get("entered_at")?,
    })
}

fn stored_decision(row: &Row<'_>) -> rusqlite::Result<StoredDecision> {
    let row = TypedRow::new(row, "claim_decision")?;
    let grounds: String = row.get("grounds")?;
    let signed_by: Option<String> = row.get("signed_by")?;
    Ok(StoredDecision {
        id: row.id(),
        claim_id: row.get("claim_id")?,
        kind: row.code("kind", "a decision (approve, refuse, defer)")?,
        calculation_id: row.get("calculation_id")?,
        payable_tiyin: row.get("payable_tiyin")?,
        grounds: serde_json::from_str(&grounds)
            .map_err(|_| row.bad("grounds", &grounds, "a list of ground codes"))?,
        explanation: row.get("explanation")?,
        case_reference: row.get("case_reference")?,
        decided_on: row.date("decided_on")?,
        user: row.get("user_name")?,
        entered_at: row.get("entered_at")?,
        signed: row.date_opt("signed_on")?.zip(signed_by),
        payees: Vec::new(),
    })
}

fn stored_payee(row: &Row<'_>) -> rusqlite::Result<StoredPayee> {
    let row = TypedRow::new(row, "claim_payee")?;
    Ok(StoredPayee {
        id: row.id(),
        role: row.code("role", "a payee's role (insured, bank, heir, other)")?,
        name: row.get("name")?,
        details: row.get("details")?,
        amount_tiyin: row.get("amount_tiyin")?,
        payments: Vec::new(),
    })
}

fn stored_payment(row: &Row<'_>) -> rusqlite::Result<StoredPayment> {
    let row = TypedRow::new(row, "claim_payment")?;
    Ok(StoredPayment {
        id: row.id(),
        paid_on: row.date("paid_on")?,
        amount_tiyin: row.get("amount_tiyin")?,
        order_number: row.get("order_number")?,
        user: row.get("user_name")?,
    })
}

fn move_claim(tx: &Transaction<'_>, step: &ClaimMove<'_>) -> rusqlite::Result<bool> {
    if write_progress(tx, step.claim_id, step.from, step.progress)? == 0 {
        return Ok(false);
    }
    add_event(tx, step.claim_id, Some(step.from), step.progress.state, step.step)?;
    Ok(true)
}

/// Takes the next number of the branch, year and kind, renders the document with it and the
/// anchor — the audit chain's head as this transaction leaves it, signed by `key` — and stores
/// the bytes with their SHA-256. Inside the caller's transaction: a failure takes no number.
fn issue<E>(
    tx: &Transaction<'_>,
    key: &DeskKey,
    claim_id: i64,
    decision_id: Option<i64>,
    document: &DocumentIssue<'_>,
    render: impl FnOnce(&str, &str) -> Result<Vec<u8>, E>,
) -> Result<i64, IssueError<E>> {
    let seq: i64 = tx.query_row(
        "INSERT INTO document_counter (branch_code, year, kind, last) VALUES (?1, ?2, ?3, 1)
         ON CONFLICT (branch_code, year, kind) DO UPDATE SET last = last + 1
         RETURNING last",
        params![document.branch_code, document.year, document.kind.code()],
        |row| row.get(0),
    )?;
    let number = document_number(document.branch_code, document.year, document.kind.mark(), seq);
    let anchor = crate::anchor::anchor_head(tx, key).map_err(IssueError::Store)?;
    let pdf = render(&number, &anchor.line()).map_err(IssueError::Render)?;
    let sha256 = crate::digest::sha256_hex(&pdf);
    tx.execute(
        "INSERT INTO issued_document (claim_id, decision_id, kind, branch_code, year, seq, number, language,
             issued_on, pdf, sha256, refers_to, user_name)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        params![
            claim_id,
            decision_id,
            document.kind.code(),
            document.branch_code,
            document.year,
            seq,
            number,
            document.language.tag(),
            iso(document.issued_on),
            pdf,
            sha256,
            document.refers_to,
            document.user
        ],
    )?;
    Ok(tx.last_insert_rowid())
}

impl Store {
    /// Records a decision: the claim's move, the decision with its payees, and the document
    /// it issues (the act, the refusal letter), all in one transaction. `Ok(None)`: the claim
    /// moved meanwhile and nothing was written.
    pub fn decide<E>(
        &mut self,
        step: &ClaimMove<'_>,
        decision: &NewDecision<'_>,
        payees: &[NewPayee],
        document: Option<(&DocumentIssue<'_>, Render<'_, E>)>,
    ) -> Result<Option<(i64, Option<i64>)>, IssueError<E>> {
        let grounds = serde_json::Value::from(decision.grounds.to_vec()).to_string();
        let key = self.desk_key.as_ref().ok_or(IssueError::Store(StoreError::NoDeskKey))?;
        let tx = self.conn.transaction()?;
        if !move_claim(&tx, step)? {
            return Ok(None);
        }
        tx.execute(
            "INSERT INTO claim_decision (claim_id, kind, calculation_id, payable_tiyin, grounds, explanation,
                 case_reference, decided_on, user_name)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                step.claim_id,
                decision.kind.code(),
                decision.calculation_id,
                decision.payable_tiyin,
                grounds,
                decision.explanation,
                decision.case_reference,
                iso(decision.decided_on),
                decision.user
            ],
        )?;
        let decision_id = tx.last_insert_rowid();
        if let Some((submission_id, reviewer)) = decision.approves {
            let closed = tx.execute(
                "UPDATE act_submission SET state = 'approved', reviewer = ?2, decision_id = ?3,
                     reviewed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
                 WHERE id = ?1 AND state = 'pending' AND claim_id = ?4",
                params![submission_id, reviewer, decision_id, step.claim_id],
            )?;
            if closed != 1 {
                return Ok(None);
            }
        }
        for (position, payee) in payees.iter().enumerate() {
            tx.execute(
                "INSERT INTO claim_payee (decision_id, position, role, name, details, amount_tiyin)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    decision_id,
                    position as i64,
                    payee.role.code(),
                    payee.name,
                    payee.details,
                    payee.amount_tiyin
                ],
            )?;
        }
        let document_id = match document {
            Some((document, render)) => {
                Some(issue(&tx, key, step.claim_id, Some(decision_id), document, |number, anchor| {
                    render(number, decision_id, anchor)
                })?)
            }
            None => None,
        };
        tx.commit()?;
        Ok(Some((decision_id, document_id)))
    }

    /// The act is signed: the day set once on the decision, and the claim's move to
    /// "act signed", in one transaction. `false`: the claim or the decision moved meanwhile.
    pub fn sign_act(&mut self, step: &ClaimMove<'_>, decision_id: i64) -> Result<bool, StoreError> {
        let tx = self.conn.transaction()?;
        let signed = tx.execute(
            "UPDATE claim_decision SET signed_on = ?2, signed_by = ?3
             WHERE id = ?1 AND kind = 'approve' AND signed_on IS NULL",
            params![decision_id, crate::typed::iso(step.step.on_date), step.step.user],
        )?;
        if signed == 0 || !move_claim(&tx, step)? {
            return Ok(false);
        }
        tx.commit()?;
        Ok(true)
    }

    /// A transfer to a payee, and the claim's move to "paid" with it when it was the last
    /// part owed. `false`: the claim moved meanwhile.
    pub fn record_payment(
        &mut self,
        payee_id: i64,
        payment: &StoredPayment,
        paid: Option<&ClaimMove<'_>>,
    ) -> Result<bool, StoreError> {
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO claim_payment (payee_id, paid_on, amount_tiyin, order_number, user_name)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![payee_id, iso(payment.paid_on), payment.amount_tiyin, payment.order_number, payment.user],
        )?;
        if let Some(step) = paid
            && !move_claim(&tx, step)?
        {
            return Ok(false);
        }
        tx.commit()?;
        Ok(true)
    }

    /// A claim's decisions, oldest first, with their payees and the transfers made to them.
    pub fn decisions(&self, claim_id: i64) -> Result<Vec<StoredDecision>, StoreError> {
        let mut statement = self.conn.prepare_cached(
            "SELECT id, claim_id, kind, calculation_id, payable_tiyin, grounds, explanation, case_reference,
                 decided_on, user_name, entered_at, signed_on, signed_by
             FROM claim_decision WHERE claim_id = ?1 ORDER BY id",
        )?;
        let mut decisions =
            statement.query_map([claim_id], stored_decision)?.collect::<Result<Vec<_>, _>>()?;
        let mut payees = self.conn.prepare_cached(
            "SELECT id, role, name, details, amount_tiyin FROM claim_payee WHERE decision_id = ?1 ORDER BY position",
        )?;
        let mut payments = self.conn.prepare_cached(
            "SELECT id, paid_on, amount_tiyin, order_number, user_name FROM claim_payment
             WHERE payee_id = ?1 ORDER BY id",
        )?;
        for decision in &mut decisions {
            decision.payees =
                payees.query_map([decision.id], stored_payee)?.collect::<Result<Vec<_>, _>>()?;
            for payee in &mut decision.payees {
                payee.payments =
                    payments.query_map([payee.id], stored_payment)?.collect::<Result<Vec<_>, _>>()?;
            }
        }
        Ok(decisions)
    }

    /// The signed acts on a policy, oldest first: what was paid to its insured person.
    pub fn signed_approvals(&self, policy_id: i64) -> Result<Vec<SignedApproval>, StoreError> {
        let mut statement = self.conn.prepare_cached(
            "SELECT c.id AS claim_id, c.number, d.id AS decision_id, d.signed_on, d.payable_tiyin,
                    k.id AS calculation_id, k.result
             FROM claim_decision d
             JOIN claim c ON c.id = d.claim_id
             JOIN claim_calculation k ON k.id = d.calculation_id
             WHERE c.policy_id = ?1 AND d.kind = 'approve' AND d.signed_on IS NOT NULL
             ORDER BY d.signed_on, d.id",
        )?;
        let rows = statement
            .query_map([policy_id], |row| {
                let decision_id: i64 = row.get("decision_id")?;
                Ok((
                    row.get::<_, i64>("claim_id")?,
                    row.get::<_, String>("number")?,
                    decision_id,
                    TypedRow::keyed(row, "claim_decision", decision_id).date("signed_on")?,
                    row.get::<_, i64>("payable_tiyin")?,
                    row.get::<_, i64>("calculation_id")?,
                    row.get::<_, String>("result")?,
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        rows.into_iter()
            .map(|(claim_id, claim_number, decision_id, signed_on, payable_tiyin, calculation_id, result)| {
                let result = crate::records::CalculationRecord::decode(&result).map_err(|source| {
                    StoreError::Record { table: "claim_calculation", id: calculation_id, source }
                })?;
                Ok(SignedApproval { claim_id, claim_number, decision_id, signed_on, payable_tiyin, result })
            })
            .collect()
    }

    /// Records a payment made outside the desk; `false` when the policy already has one
    /// with this reference (it is entered once).
    pub fn add_external_payment(&mut self, payment: &NewExternalPayment) -> Result<bool, StoreError> {
        let inserted = self.conn.execute(
            "INSERT INTO external_payment (policy_id, paid_on, amount_tiyin, item, reference, user_name)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (policy_id, reference) DO NOTHING",
            params![
                payment.policy_id,
                iso(payment.paid_on),
                payment.amount_tiyin,
                payment.item,
                payment.reference,
                payment.user
            ],
        )?;
        Ok(inserted == 1)
    }

    pub fn external_payments(&self, policy_id: i64) -> Result<Vec<StoredExternalPayment>, StoreError> {
        let mut statement = self.conn.prepare_cached(
            "SELECT id, paid_on, amount_tiyin, item, reference, user_name, entered_at FROM external_payment
             WHERE policy_id = ?1 ORDER BY paid_on, id",
        )?;
        let rows = statement.query_map([policy_id], |row| {
            let row = TypedRow::new(row, "external_payment")?;
            Ok(StoredExternalPayment {
                id: row.id(),
                paid_on: row.date("paid_on")?,
                amount_tiyin: row.get("amount_tiyin")?,
                item: row.get("item")?,
                reference: row.get("reference")?,
                user: row.get("user_name")?,
                entered_at: row.get("entered_at")?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Issues a document on its own (a documents request, a copy in another language, a
    /// correction): the next number, the rendered bytes, in one transaction.
    pub fn issue_document<E>(
        &mut self,
        claim_id: i64,
        decision_id: Option<i64>,
        document: &DocumentIssue<'_>,
        render: impl FnOnce(&str, &str) -> Result<Vec<u8>, E>,
    ) -> Result<i64, IssueError<E>> {
        let key = self.desk_key.as_ref().ok_or(IssueError::Store(StoreError::NoDeskKey))?;
        let tx = self.conn.transaction()?;
        let id = issue(&tx, key, claim_id, decision_id, document, render)?;
        tx.commit()?;
        Ok(id)
    }

    /// A claim's issued documents, oldest first (without their bytes).
    pub fn issued_documents(&self, claim_id: i64) -> Result<Vec<StoredDocument>, StoreError> {
        let sql = format!("SELECT {DOCUMENT_COLUMNS} FROM issued_document WHERE claim_id = ?1 ORDER BY id");
        let mut statement = self.conn.prepare_cached(&sql)?;
        let rows = statement.query_map([claim_id], stored_document)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// One issued document's record, without its bytes.
    pub fn issued_document(&self, id: i64) -> Result<Option<StoredDocument>, StoreError> {
        let sql = format!("SELECT {DOCUMENT_COLUMNS} FROM issued_document WHERE id = ?1");
        Ok(self.conn.query_row(&sql, [id], stored_document).optional()?)
    }

    /// One issued document with its bytes, exactly as issued.
    pub fn issued_pdf(&self, id: i64) -> Result<Option<(StoredDocument, Vec<u8>)>, StoreError> {
        let sql = format!("SELECT {DOCUMENT_COLUMNS}, pdf FROM issued_document WHERE id = ?1");
        Ok(self
            .conn
            .query_row(&sql, [id], |row| Ok((stored_document(row)?, row.get::<_, Vec<u8>>("pdf")?)))
            .optional()?)
    }
}
