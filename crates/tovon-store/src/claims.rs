//! The `claim` and `claim_event` tables: registering a claim under the next number of its
//! branch and year, moving it along its lifecycle, and the list the desk filters.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Row, Transaction, params};
use tovon_core::claim::{ClaimState, DeadlineKind};

use crate::policies::{INSERT, insert_record};
use crate::typed::{TypedRow, iso};
use crate::{PolicyRecord, Store, StoreError, WorkQueue};

/// The incident as registered; dates as dates (stored ISO).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimFacts {
    pub insured_name: String,
    pub name_search: String,
    pub claimant_name: String,
    pub claimant_relation: String,
    pub claimant_phone: Option<String>,
    pub beneficiary_name: Option<String>,
    pub event_date: NaiveDate,
    pub event_place: String,
    pub circumstances: String,
    pub outcome: String,
    pub notice_date: NaiveDate,
    pub was_driving: bool,
    pub fracture: bool,
    pub criminal_case: bool,
    pub suicide: bool,
    pub notes: String,
}

/// A claims-list search: the claim's number in part in either script, its stored name, the
/// policy by number, PINFL or passport.
const QUERY: &str =
    "(c.number LIKE :number_any OR c.number LIKE :number_cyrillic OR c.name_search LIKE :contains
    OR c.policy_id IN
       (SELECT id FROM policy WHERE number = :query
        UNION ALL SELECT id FROM policy WHERE series = :series AND number = :number
        UNION ALL SELECT id FROM policy WHERE pinfl = :query
        UNION ALL SELECT id FROM policy WHERE passport = :query))";

/// [`QUERY`], and the insured's name by its key through the policy's name index.
const QUERY_WITH_NAME_KEY: &str =
    "(c.number LIKE :number_any OR c.number LIKE :number_cyrillic OR c.name_search LIKE :contains
    OR c.policy_id IN (SELECT rowid FROM policy_name WHERE policy_name MATCH :name_match)
    OR c.policy_id IN
       (SELECT id FROM policy WHERE number = :query
        UNION ALL SELECT id FROM policy WHERE series = :series AND number = :number
        UNION ALL SELECT id FROM policy WHERE pinfl = :query
        UNION ALL SELECT id FROM policy WHERE passport = :query))";

/// The dates the deadlines count from, and the deadline the claim waits on next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimProgress {
    pub state: ClaimState,
    pub documents_requested_on: Option<NaiveDate>,
    pub documents_complete_on: Option<NaiveDate>,
    pub decided_on: Option<NaiveDate>,
    pub act_signed_on: Option<NaiveDate>,
    pub paid_on: Option<NaiveDate>,
    pub disability_set_on: Option<NaiveDate>,
    /// (due date, deadline kind), or none when the claim waits on nothing.
    pub next_due: Option<(NaiveDate, DeadlineKind)>,
}

/// The policy a new claim is on: one already stored, or one entered by hand, which is
/// stored "not in registry" with the claim.
#[derive(Debug, Clone)]
pub enum ClaimPolicy {
    Stored(i64),
    ByHand(Box<PolicyRecord>),
}

/// Who did a step, when it happened, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimStep {
    pub user: String,
    pub on_date: NaiveDate,
    pub reason: String,
    pub reopening: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredClaim {
    pub id: i64,
    pub number: String,
    pub branch_code: String,
    pub policy_id: i64,
    pub facts: ClaimFacts,
    pub progress: ClaimProgress,
    pub registered_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimEventRow {
    pub at: String,
    pub user: String,
    pub from_state: Option<ClaimState>,
    pub to_state: ClaimState,
    pub on_date: NaiveDate,
    pub reason: String,
    pub reopening: bool,
}

/// What the list shows of a claim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimListRow {
    pub id: i64,
    pub number: String,
    pub policy_id: i64,
    pub insured_name: String,
    pub policy: String,
    pub event_date: NaiveDate,
    pub outcome: String,
    pub state: ClaimState,
    pub next_due: Option<(NaiveDate, DeadlineKind)>,
    /// An act drafted above the officer's limit waits for a supervisor (a pending submission).
    pub awaiting_approval: bool,
}

/// Deadline filter of the list, against the day given with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DueFilter {
    Overdue,
    /// Due today or within the next 3 days.
    DueSoon,
    /// Waiting on a deadline more than 3 days away.
    Ok,
    /// Waiting on none.
    None,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClaimSort {
    /// Earliest deadline first (overdue on top), claims waiting on none last.
    NextDue,
    /// Newest registration first.
    Newest,
    EventDate,
    Number,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimQuery {
    pub text: String,
    pub folded: String,
    /// The text as a claim number in its Cyrillic ("TSH-2026-000003" → "ТШ-2026-000003").
    pub cyrillic: String,
    /// The text as a name's key (`tovon_core::names::name_key`): "kholmatov" finds Ҳолматов.
    pub name_key: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimFilter {
    pub state: Option<ClaimState>,
    pub due: Option<DueFilter>,
    /// Only claims whose act waits for a supervisor's approval.
    pub awaiting_approval: bool,
    /// One of the Today screen's queues (issue 19).
    pub queue: Option<WorkQueue>,
    /// Claim number (prefix), policy number, or insured name (`folded`, any part).
    pub query: Option<ClaimQuery>,
    pub today: NaiveDate,
    pub sort: ClaimSort,
    pub limit: u32,
    pub offset: u32,
}

const CLAIM_COLUMNS: &str = "c.id, c.number, c.branch_code, c.policy_id, c.insured_name, c.name_search, \
    c.claimant_name, c.claimant_relation, c.claimant_phone, c.beneficiary_name, c.event_date, c.event_place, \
    c.circumstances, c.outcome, c.notice_date, c.was_driving, c.fracture, c.criminal_case, c.suicide, c.notes, \
    c.state, c.documents_requested_on, c.documents_complete_on, c.decided_on, c.act_signed_on, c.paid_on, \
    c.disability_set_on, c.next_due, c.next_due_kind, c.registered_at";

fn next_due(typed: &TypedRow<'_, '_>) -> rusqlite::Result<Option<(NaiveDate, DeadlineKind)>> {
    let due = typed.date_opt("next_due")?;
    let kind = typed.code_opt("next_due_kind", "a deadline (notice, documents, decision, payment, …)")?;
    Ok(due.zip(kind))
}

fn stored_claim(row: &Row<'_>) -> rusqlite::Result<StoredClaim> {
    let typed = TypedRow::new(row, "claim")?;
    Ok(StoredClaim {
        id: typed.id(),
        number: row.get("number")?,
        branch_code: row.get("branch_code")?,
        policy_id: row.get("policy_id")?,
        facts: ClaimFacts {
            insured_name: row.get("insured_name")?,
            name_search: row.get("name_search")?,
            claimant_name: row.get("claimant_name")?,
            claimant_relation: row.get("claimant_relation")?,
            claimant_phone: row.get("claimant_phone")?,
            beneficiary_name: row.get("beneficiary_name")?,
            event_date: typed.date("event_date")?,
            event_place: row.get("event_place")?,
            circumstances: row.get("circumstances")?,
            outcome: row.get("outcome")?,
            notice_date: typed.date("notice_date")?,
            was_driving: row.get("was_driving")?,
            fracture: row.get("fracture")?,
            criminal_case: row.get("criminal_case")?,
            suicide: row.get("suicide")?,
            notes: row.get("notes")?,
        },
        progress: ClaimProgress {
            state: typed.state("state")?,
            documents_requested_on: typed.date_opt("documents_requested_on")?,
            documents_complete_on: typed.date_opt("documents_complete_on")?,
            decided_on: typed.date_opt("decided_on")?,
            act_signed_on: typed.date_opt("act_signed_on")?,
            paid_on: typed.date_opt("paid_on")?,
            disability_set_on: typed.date_opt("disability_set_on")?,
            next_due: next_due(&typed)?,
        },
        registered_at: row.get("registered_at")?,
    })
}

pub(crate) fn add_event(
    tx: &Transaction<'_>,
    claim_id: i64,
    from_state: Option<ClaimState>,
    to_state: ClaimState,
    step: &ClaimStep,
) -> rusqlite::Result<usize> {
    tx.execute(
        "INSERT INTO claim_event (claim_id, user_name, from_state, to_state, on_date, reason, reopening)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            claim_id,
            step.user,
            from_state.map(ClaimState::code),
            to_state.code(),
            iso(step.on_date),
            step.reason,
            step.reopening
        ],
    )
}

/// Writes a claim's state, its dates and the deadline it waits on, while it is still in
/// `from`; the one place these columns are written (registration and every step).
pub(crate) fn write_progress(
    tx: &Transaction<'_>,
    claim_id: i64,
    from: ClaimState,
    progress: &ClaimProgress,
) -> rusqlite::Result<usize> {
    let (due, due_kind) = progress.next_due.unzip();
    let due_kind = due_kind.map(DeadlineKind::code);
    let day = |day: Option<NaiveDate>| day.map(iso);
    tx.execute(
        "UPDATE claim SET state = ?3, documents_requested_on = ?4, documents_complete_on = ?5,
             decided_on = ?6, act_signed_on = ?7, paid_on = ?8, disability_set_on = ?9,
             next_due = ?10, next_due_kind = ?11
         WHERE id = ?1 AND state = ?2",
        params![
            claim_id,
            from.code(),
            progress.state.code(),
            day(progress.documents_requested_on),
            day(progress.documents_complete_on),
            day(progress.decided_on),
            day(progress.act_signed_on),
            day(progress.paid_on),
            day(progress.disability_set_on),
            day(due),
            due_kind
        ],
    )
}

/// "ТШ-2026-000042": branch code, year, the year's sequence number in six digits.
pub fn claim_number(branch_code: &str, year: i32, seq: i64) -> String {
    format!("{branch_code}-{year}-{seq:06}")
}

impl Store {
    /// Registers a claim: the policy (stored by hand if it is not in the register), the next
    /// number of the branch and year, the claim and its "registered" event — all in one
    /// transaction, so a failure takes no number and leaves no gap.
    pub fn register_claim(
        &mut self,
        policy: &ClaimPolicy,
        branch_code: &str,
        year: i32,
        facts: &ClaimFacts,
        progress: &ClaimProgress,
        step: &ClaimStep,
    ) -> Result<(i64, String), StoreError> {
        let tx = self.conn.transaction()?;
        let policy_id = match policy {
            ClaimPolicy::Stored(id) => *id,
            ClaimPolicy::ByHand(record) => {
                let mut digest = crate::policies::PolicyDigest::current(&tx)?;
                insert_record(&mut tx.prepare(INSERT)?, record, None)?;
                digest.toggle(record);
                digest.keep(&tx)?;
                let id = tx.last_insert_rowid();
                tx.execute("UPDATE policy SET in_registry = 0 WHERE id = ?1", [id])?;
                id
            }
        };
        let seq: i64 = tx.query_row(
            "INSERT INTO claim_counter (branch_code, year, last) VALUES (?1, ?2, 1)
             ON CONFLICT (branch_code, year) DO UPDATE SET last = last + 1
             RETURNING last",
            params![branch_code, year],
            |row| row.get(0),
        )?;
        let number = claim_number(branch_code, year, seq);
        tx.execute(
            "INSERT INTO claim (number, branch_code, year, seq, policy_id, insured_name, name_search, claimant_name,
                 claimant_relation, claimant_phone, beneficiary_name, event_date, event_place, circumstances,
                 outcome, notice_date, was_driving, fracture, criminal_case, suicide, notes, state)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20,
                 ?21, ?22)",
            params![
                number,
                branch_code,
                year,
                seq,
                policy_id,
                facts.insured_name,
                facts.name_search,
                facts.claimant_name,
                facts.claimant_relation,
                facts.claimant_phone,
                facts.beneficiary_name,
                iso(facts.event_date),
                facts.event_place,
                facts.circumstances,
                facts.outcome,
                iso(facts.notice_date),
                facts.was_driving,
                facts.fracture,
                facts.criminal_case,
                facts.suicide,
                facts.notes,
                progress.state.code(),
            ],
        )?;
        let claim_id = tx.last_insert_rowid();
        write_progress(&tx, claim_id, progress.state, progress)?;
        add_event(&tx, claim_id, None, progress.state, step)?;
        tx.commit()?;
        Ok((claim_id, number))
    }

    /// Moves a claim on: its new state and dates, and the event, in one transaction. Only
    /// if the claim is still in `from` (someone else may have moved it); `Ok(false)` if not.
    pub fn move_claim(
        &mut self,
        claim_id: i64,
        from: ClaimState,
        progress: &ClaimProgress,
        step: &ClaimStep,
    ) -> Result<bool, StoreError> {
        let tx = self.conn.transaction()?;
        let changed = write_progress(&tx, claim_id, from, progress)?;
        if changed == 0 {
            return Ok(false);
        }
        add_event(&tx, claim_id, Some(from), progress.state, step)?;
        tx.commit()?;
        Ok(true)
    }

    pub fn claim(&self, id: i64) -> Result<Option<StoredClaim>, StoreError> {
        let sql = format!("SELECT {CLAIM_COLUMNS} FROM claim c WHERE c.id = ?1");
        Ok(self.conn.query_row(&sql, [id], stored_claim).optional()?)
    }

    pub fn claim_by_number(&self, number: &str) -> Result<Option<StoredClaim>, StoreError> {
        let sql = format!("SELECT {CLAIM_COLUMNS} FROM claim c WHERE c.number = ?1");
        Ok(self.conn.query_row(&sql, [number], stored_claim).optional()?)
    }

    pub fn policy(&self, id: i64) -> Result<Option<crate::StoredPolicy>, StoreError> {
        crate::policies::policy_by_id(&self.conn, id)
    }

    /// The numbers of claims on the same policy and event date (a likely duplicate).
    pub fn claims_on(&self, policy_id: i64, event_date: NaiveDate) -> Result<Vec<(i64, String)>, StoreError> {
        let mut statement = self.conn.prepare_cached(
            "SELECT id, number FROM claim WHERE policy_id = ?1 AND event_date = ?2 ORDER BY id",
        )?;
        let rows =
            statement.query_map(params![policy_id, iso(event_date)], |row| Ok((row.get(0)?, row.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The claim's lifecycle events, oldest first.
    pub fn claim_events(&self, claim_id: i64) -> Result<Vec<ClaimEventRow>, StoreError> {
        let mut statement = self.conn.prepare_cached(
            "SELECT id, at, user_name, from_state, to_state, on_date, reason, reopening
             FROM claim_event WHERE claim_id = ?1 ORDER BY id",
        )?;
        let rows = statement.query_map([claim_id], |row| {
            let typed = TypedRow::new(row, "claim_event")?;
            Ok(ClaimEventRow {
                at: row.get("at")?,
                user: row.get("user_name")?,
                from_state: typed.state_opt("from_state")?,
                to_state: typed.state("to_state")?,
                on_date: typed.date("on_date")?,
                reason: row.get("reason")?,
                reopening: row.get("reopening")?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// One page of the claims list and how many claims match in all. The page is chosen
    /// from `claim` alone (its indexes serve the orders); only its rows meet `policy`.
    pub fn list_claims(&self, filter: &ClaimFilter) -> Result<(i64, Vec<ClaimListRow>), StoreError> {
        let mut conditions = vec!["1"];
        if filter.state.is_some() {
            conditions.push("c.state = :state");
        }
        match filter.due {
            Some(DueFilter::Overdue) => conditions.push("c.next_due < :today"),
            Some(DueFilter::DueSoon) => {
                conditions.push("c.next_due BETWEEN :today AND date(:today, '+3 days')")
            }
            Some(DueFilter::Ok) => conditions.push("c.next_due > date(:today, '+3 days')"),
            Some(DueFilter::None) => conditions.push("c.next_due IS NULL"),
            None => {}
        }
        if filter.awaiting_approval {
            conditions.push("c.id IN (SELECT claim_id FROM act_submission WHERE state = 'pending')");
        }
        let queue = filter.queue.as_ref().map(WorkQueue::condition);
        if let Some((condition, _)) = &queue {
            conditions.push(condition);
        }
        let name_match =
            filter.query.as_ref().and_then(|q| crate::policies::NameWords::of(&q.name_key).fts_match());
        if filter.query.is_some() {
            // The number in full or in part, in either script; the name (as stored with the
            // claim, or by its key through the policy's name index, any word order); the
            // policy by its number, the insured's PINFL or passport (issue 19).
            conditions.push(if name_match.is_some() { QUERY_WITH_NAME_KEY } else { QUERY });
        }
        let order = match filter.sort {
            ClaimSort::NextDue => "(c.next_due IS NULL), c.next_due, c.id",
            ClaimSort::Newest => "c.id DESC",
            ClaimSort::EventDate => "c.event_date DESC, c.id DESC",
            ClaimSort::Number => "c.number",
        };
        // A search matches few claims: reading the table once and sorting the matches beats
        // walking the order's index through every claim (measured: 200 ms → 30 ms at 100 000).
        let scan = if filter.query.is_some() { "NOT INDEXED" } else { "" };
        let filtered = format!("FROM claim c {scan} WHERE {}", conditions.join(" AND "));
        let (text, folded, cyrillic) = filter
            .query
            .as_ref()
            .map(|q| (q.text.clone(), q.folded.clone(), q.cyrillic.clone()))
            .unwrap_or_default();
        let number_any = format!("%{}%", text.replace(['%', '_'], ""));
        let number_cyrillic = format!("%{}%", cyrillic.replace(['%', '_'], ""));
        let contains = format!("%{}%", folded.replace(['%', '_'], ""));
        let (series, number) = match text.split_once([' ', '-', '№']) {
            Some((series, number)) => (series.trim().to_owned(), number.trim().to_owned()),
            None => (String::new(), text.clone()),
        };
        let state = filter.state.map(ClaimState::code);
        let today = iso(filter.today);
        let mut named: Vec<(&str, &dyn rusqlite::ToSql)> = vec![];
        if filter.state.is_some() {
            named.push((":state", &state));
        }
        if filter.due.is_some() {
            named.push((":today", &today));
        }
        if filter.query.is_some() {
            named.extend([
                (":query", &text as &dyn rusqlite::ToSql),
                (":number_any", &number_any),
                (":number_cyrillic", &number_cyrillic),
                (":contains", &contains),
                (":series", &series),
                (":number", &number),
            ]);
        }
        if let Some(name_match) = &name_match {
            named.push((":name_match", name_match));
        }
        if let Some((_, values)) = &queue {
            named.extend(values.iter().map(|(name, value)| (*name, value as &dyn rusqlite::ToSql)));
        }
        let total: i64 = self
            .conn
            .prepare_cached(&format!("SELECT count(*) {filtered}"))?
            .query_row(&*named, |row| row.get(0))?;
        let sql = format!(
            "SELECT {LIST_COLUMNS}
             FROM (SELECT c.id {filtered} ORDER BY {order} LIMIT {} OFFSET {}) page
             JOIN claim c ON c.id = page.id
             JOIN policy p ON p.id = c.policy_id
             ORDER BY {order}",
            filter.limit, filter.offset
        );
        let mut statement = self.conn.prepare_cached(&sql)?;
        let rows = statement.query_map(&*named, list_row)?;
        Ok((total, rows.collect::<Result<_, _>>()?))
    }

    /// The claims on any of these policies (a person's card), newest first.
    pub fn claims_on_policies(&self, policy_ids: &[i64]) -> Result<Vec<ClaimListRow>, StoreError> {
        let ids = serde_json::to_string(policy_ids).unwrap_or_else(|_| unreachable!("integers encode"));
        let sql = format!(
            "SELECT {LIST_COLUMNS} FROM claim c JOIN policy p ON p.id = c.policy_id
             WHERE c.policy_id IN (SELECT value FROM json_each(?1)) ORDER BY c.id DESC"
        );
        let mut statement = self.conn.prepare_cached(&sql)?;
        let rows = statement.query_map([ids], list_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

/// What the list shows of a claim, from `claim c` and its `policy p`.
const LIST_COLUMNS: &str = "c.id, c.number, c.policy_id, c.insured_name, p.series || ' ' || p.number AS policy, c.event_date,
    c.outcome, c.state, c.next_due, c.next_due_kind,
    EXISTS (SELECT 1 FROM act_submission s WHERE s.claim_id = c.id AND s.state = 'pending') AS awaiting_approval";

fn list_row(row: &Row<'_>) -> rusqlite::Result<ClaimListRow> {
    let typed = TypedRow::new(row, "claim")?;
    Ok(ClaimListRow {
        id: typed.id(),
        number: row.get("number")?,
        policy_id: row.get("policy_id")?,
        insured_name: row.get("insured_name")?,
        policy: row.get("policy")?,
        event_date: typed.date("event_date")?,
        outcome: row.get("outcome")?,
        state: typed.state("state")?,
        next_due: next_due(&typed)?,
        awaiting_approval: row.get("awaiting_approval")?,
    })
}
