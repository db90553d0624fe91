//! The `policy` table: importing the register in one transaction (insert, update with the
//! change recorded, or leave unchanged) and the look-ups the desk searches with.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Row, Transaction, params};

use crate::policy_changes::ChangeDigest;
use crate::typed::{TypedRow, iso};
use crate::{Store, StoreError};

/// The first policies a search found, and how many it found in all.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PolicyMatches {
    pub total: i64,
    pub policies: Vec<StoredPolicy>,
}

/// The words of a name key: those the trigram index can find (3 letters or more) and the rest.
pub(crate) struct NameWords<'a> {
    pub(crate) long: Vec<&'a str>,
    pub(crate) short: Vec<&'a str>,
}

impl<'a> NameWords<'a> {
    pub(crate) fn of(key: &'a str) -> NameWords<'a> {
        let (long, short) =
            key.split(' ').filter(|word| !word.is_empty()).partition(|word| word.chars().count() >= 3);
        NameWords { long, short }
    }

    /// The FTS5 query: every long word as a phrase, all of them (in any order).
    pub(crate) fn fts_match(&self) -> Option<String> {
        let phrases: Vec<String> =
            self.long.iter().map(|word| format!("\"{}\"", word.replace('"', "\"\""))).collect();
        (!phrases.is_empty()).then(|| phrases.join(" "))
    }
}

/// A policy as stored: dates as dates (ISO text in the table), money in tiyin, `name_search` the folded name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyRecord {
    pub series: String,
    pub number: String,
    pub issued_on: NaiveDate,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub premium_paid_on: Option<NaiveDate>,
    pub sum_insured_tiyin: i64,
    pub full_name: String,
    pub name_search: String,
    pub birth_date: NaiveDate,
    pub pinfl: String,
    pub passport: Option<String>,
    pub phone: Option<String>,
    pub address: Option<String>,
    pub loan_agreement: Option<String>,
    pub loan_amount_tiyin: Option<i64>,
    pub branch: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredPolicy {
    pub id: i64,
    pub in_registry: bool,
    pub record: PolicyRecord,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportCounts {
    pub inserted: i64,
    pub updated: i64,
    pub unchanged: i64,
}

/// The page cache while importing, and SQLite's default (negative: KiB).
const IMPORT_CACHE_KIB: i64 = -65536;
const DEFAULT_CACHE_KIB: i64 = -2000;

const COLUMNS: &str = "series, number, issued_on, starts_on, ends_on, premium_paid_on, sum_insured_tiyin, \
     full_name, name_search, birth_date, pinfl, passport, phone, address, loan_agreement, loan_amount_tiyin, branch";

/// The insert both import paths share; `insert_record` binds a record to it (and to the
/// upsert's UPDATE, which takes its parameters in the same order).
pub(crate) const INSERT: &str = "INSERT INTO policy (series, number, issued_on, starts_on, ends_on, premium_paid_on, \
     sum_insured_tiyin, full_name, name_search, birth_date, pinfl, passport, phone, address, loan_agreement, \
     loan_amount_tiyin, branch, import_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)";

pub(crate) fn insert_record(
    insert: &mut rusqlite::Statement<'_>,
    r: &PolicyRecord,
    import_id: Option<i64>,
) -> rusqlite::Result<usize> {
    bind_record(insert, r)?;
    insert.raw_bind_parameter(18, import_id)?;
    insert.raw_execute()
}

/// Binds a record as ?1…?17 in INSERT's order (the upsert's UPDATE and the refresh's
/// comparison take the same).
fn bind_record(statement: &mut rusqlite::Statement<'_>, r: &PolicyRecord) -> rusqlite::Result<()> {
    statement.raw_bind_parameter(1, &r.series)?;
    statement.raw_bind_parameter(2, &r.number)?;
    statement.raw_bind_parameter(3, iso(r.issued_on))?;
    statement.raw_bind_parameter(4, iso(r.starts_on))?;
    statement.raw_bind_parameter(5, iso(r.ends_on))?;
    statement.raw_bind_parameter(6, r.premium_paid_on.map(iso))?;
    statement.raw_bind_parameter(7, r.sum_insured_tiyin)?;
    statement.raw_bind_parameter(8, &r.full_name)?;
    statement.raw_bind_parameter(9, &r.name_search)?;
    statement.raw_bind_parameter(10, iso(r.birth_date))?;
    statement.raw_bind_parameter(11, &r.pinfl)?;
    statement.raw_bind_parameter(12, &r.passport)?;
    statement.raw_bind_parameter(13, &r.phone)?;
    statement.raw_bind_parameter(14, &r.address)?;
    statement.raw_bind_parameter(15, &r.loan_agreement)?;
    statement.raw_bind_parameter(16, r.loan_amount_tiyin)?;
    statement.raw_bind_parameter(17, &r.branch)
}

/// A policy's columns, read by name; its dates checked (the row named by `id`).
fn record(row: &TypedRow<'_, '_>) -> rusqlite::Result<PolicyRecord> {
    Ok(PolicyRecord {
        series: row.get("series")?,
        number: row.get("number")?,
        issued_on: row.date("issued_on")?,
        starts_on: row.date("starts_on")?,
        ends_on: row.date("ends_on")?,
        premium_paid_on: row.date_opt("premium_paid_on")?,
        sum_insured_tiyin: row.get("sum_insured_tiyin")?,
        full_name: row.get("full_name")?,
        name_search: row.get("name_search")?,
        birth_date: row.date("birth_date")?,
        pinfl: row.get("pinfl")?,
        passport: row.get("passport")?,
        phone: row.get("phone")?,
        address: row.get("address")?,
        loan_agreement: row.get("loan_agreement")?,
        loan_amount_tiyin: row.get("loan_amount_tiyin")?,
        branch: row.get("branch")?,
    })
}

fn stored(row: &Row<'_>) -> rusqlite::Result<StoredPolicy> {
    let row = TypedRow::new(row, "policy")?;
    Ok(StoredPolicy { id: row.id(), in_registry: row.get::<i64>("in_registry")? != 0, record: record(&row)? })
}

/// The register's digest: the XOR of each policy's SHA-256 over the fields of its record
/// (all but the folded search name). Kept in `policy_digest` by every write, in the writing
/// transaction; `tovon audit verify` recomputes it from the rows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct PolicyDigest([u8; 32]);

impl PolicyDigest {
    /// Adds a record, or takes it out again (XOR). Each field typed and length-prefixed, so
    /// no two records encode alike; no allocation (a first import hashes a million).
    pub(crate) fn toggle(&mut self, record: &PolicyRecord) {
        use chrono::Datelike;
        use sha2::Digest as _;
        let mut hasher = sha2::Sha256::new();
        let text = |hasher: &mut sha2::Sha256, value: Option<&str>| match value {
            Some(text) => {
                hasher.update(b"t");
                hasher.update((text.len() as u64).to_le_bytes());
                hasher.update(text.as_bytes());
            }
            None => hasher.update(b"n"),
        };
        let whole = |hasher: &mut sha2::Sha256, value: Option<i64>| match value {
            Some(number) => {
                hasher.update(b"i");
                hasher.update(number.to_le_bytes());
            }
            None => hasher.update(b"n"),
        };
        let r = record;
        text(&mut hasher, Some(&r.series));
        text(&mut hasher, Some(&r.number));
        for day in
            [Some(r.issued_on), Some(r.starts_on), Some(r.ends_on), r.premium_paid_on, Some(r.birth_date)]
        {
            whole(&mut hasher, day.map(|day| i64::from(day.num_days_from_ce())));
        }
        whole(&mut hasher, Some(r.sum_insured_tiyin));
        for value in
            [Some(&r.full_name), Some(&r.pinfl), r.passport.as_ref(), r.phone.as_ref(), r.address.as_ref()]
        {
            text(&mut hasher, value.map(String::as_str));
        }
        text(&mut hasher, r.loan_agreement.as_deref());
        whole(&mut hasher, r.loan_amount_tiyin);
        text(&mut hasher, r.branch.as_deref());
        for (byte, with) in self.0.iter_mut().zip(hasher.finalize()) {
            *byte ^= with;
        }
    }

    pub(crate) fn hex(&self) -> String {
        crate::digest::hex(&self.0)
    }

    /// The digest as kept; `None` before the program first computed it.
    pub(crate) fn kept(conn: &rusqlite::Connection) -> rusqlite::Result<Option<String>> {
        let kept: String =
            conn.query_row("SELECT digest FROM policy_digest WHERE id = 1", [], |row| row.get(0))?;
        Ok((kept != "pending").then_some(kept))
    }

    /// The digest of the rows as they are now (every policy read once).
    pub(crate) fn of_table(conn: &rusqlite::Connection) -> Result<PolicyDigest, StoreError> {
        let mut digest = PolicyDigest::default();
        let mut statement = conn.prepare(&format!("SELECT id, in_registry, {COLUMNS} FROM policy"))?;
        let mut rows = statement.query([])?;
        while let Some(row) = rows.next()? {
            digest.toggle(&stored(row)?.record);
        }
        Ok(digest)
    }

    /// The digest the writing transaction starts from (computed when still pending).
    pub(crate) fn current(tx: &rusqlite::Connection) -> Result<PolicyDigest, StoreError> {
        match PolicyDigest::kept(tx)? {
            Some(hex) => PolicyDigest::from_hex(&hex).ok_or_else(|| {
                StoreError::BadValue(crate::BadValue {
                    table: "policy_digest",
                    id: 1,
                    column: "digest",
                    value: hex,
                    expected: "a SHA-256 in hex",
                })
            }),
            None => PolicyDigest::of_table(tx),
        }
    }

    fn from_hex(hex: &str) -> Option<PolicyDigest> {
        let mut bytes = [0u8; 32];
        if hex.len() != 64 {
            return None;
        }
        for (at, byte) in bytes.iter_mut().enumerate() {
            *byte = u8::from_str_radix(hex.get(at * 2..at * 2 + 2)?, 16).ok()?;
        }
        Some(PolicyDigest(bytes))
    }

    /// Keeps the digest (an audited change: an entry of the chain).
    pub(crate) fn keep(&self, tx: &rusqlite::Connection) -> rusqlite::Result<()> {
        tx.execute("UPDATE policy_digest SET digest = ?1 WHERE id = 1 AND digest IS NOT ?1", [self.hex()])?;
        Ok(())
    }
}

/// A record's fields as the change log writes them (the folded search name left out: it
/// follows the name).
fn logged_fields(r: &PolicyRecord) -> [(&'static str, serde_json::Value); 14] {
    use serde_json::Value;
    let text = |value: &Option<String>| value.clone().map_or(Value::Null, Value::from);
    [
        ("issued_on", iso(r.issued_on).into()),
        ("starts_on", iso(r.starts_on).into()),
        ("ends_on", iso(r.ends_on).into()),
        ("premium_paid_on", r.premium_paid_on.map_or(Value::Null, |day| iso(day).into())),
        ("sum_insured_tiyin", r.sum_insured_tiyin.into()),
        ("full_name", r.full_name.clone().into()),
        ("birth_date", iso(r.birth_date).into()),
        ("pinfl", r.pinfl.clone().into()),
        ("passport", text(&r.passport)),
        ("phone", text(&r.phone)),
        ("address", text(&r.address)),
        ("loan_agreement", text(&r.loan_agreement)),
        ("loan_amount_tiyin", r.loan_amount_tiyin.map_or(Value::Null, Value::from)),
        ("branch", text(&r.branch)),
    ]
}

/// What a refresh changed in a policy, for `policy_change`: the fields that differ, before and
/// after, as JSON objects (rows written before issue 18 hold each whole record as text).
fn change_of(old: &PolicyRecord, new: &PolicyRecord) -> (String, String) {
    let (mut before, mut after) = (serde_json::Map::new(), serde_json::Map::new());
    for ((name, was), (_, is)) in logged_fields(old).into_iter().zip(logged_fields(new)) {
        if was != is {
            before.insert(name.to_owned(), was);
            after.insert(name.to_owned(), is);
        }
    }
    (serde_json::Value::Object(before).to_string(), serde_json::Value::Object(after).to_string())
}

impl Store {
    /// Imports validated rows in one transaction: a crash leaves the database as it was.
    /// Upsert by series and number; a changed policy keeps its before and after.
    /// `tally` is asked after the records are consumed: (rows read, rows rejected), or an
    /// error that rolls the whole import back (the records ended because reading failed).
    pub fn import_policies(
        &mut self,
        file_name: &str,
        sha256: &str,
        records: impl IntoIterator<Item = PolicyRecord>,
        tally: impl FnOnce() -> Result<(i64, i64), StoreError>,
    ) -> Result<ImportCounts, StoreError> {
        // A refresh touches pages all over a large table: with SQLite's default 2 MB cache
        // they spill to the WAL mid-transaction and are read back. 64 MB while importing.
        self.conn.pragma_update(None, "cache_size", IMPORT_CACHE_KIB)?;
        let imported = self.import_in_one_transaction(file_name, sha256, records, tally);
        let restored = self.conn.pragma_update(None, "cache_size", DEFAULT_CACHE_KIB);
        let counts = imported?;
        restored?;
        Ok(counts)
    }

    fn import_in_one_transaction(
        &mut self,
        file_name: &str,
        sha256: &str,
        records: impl IntoIterator<Item = PolicyRecord>,
        tally: impl FnOnce() -> Result<(i64, i64), StoreError>,
    ) -> Result<ImportCounts, StoreError> {
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO policy_import (file_name, sha256, rows_read, inserted, updated, unchanged, rejected)
             VALUES (?1, ?2, 0, 0, 0, 0, 0)",
            params![file_name, sha256],
        )?;
        let import_id = tx.last_insert_rowid();
        let empty: bool = tx.query_row("SELECT NOT EXISTS (SELECT 1 FROM policy)", [], |row| row.get(0))?;
        let mut digest = PolicyDigest::current(&tx)?;
        let mut changes = ChangeDigest::current(&tx)?;
        let mut digests = Digests { policies: &mut digest, changes: &mut changes };
        let counts = if empty {
            bulk_load(&tx, import_id, records, &mut digests)?
        } else {
            upsert_all(&tx, import_id, records, &mut digests)?
        };
        digest.keep(&tx)?;
        changes.keep(&tx)?;
        let (rows_read, rejected) = tally()?;
        tx.execute(
            "UPDATE policy_import SET rows_read = ?1, rejected = ?2, inserted = ?3, updated = ?4, unchanged = ?5 WHERE id = ?6",
            params![rows_read, rejected, counts.inserted, counts.updated, counts.unchanged, import_id],
        )?;
        tx.commit()?;
        Ok(counts)
    }

    pub fn policy_by_series_number(
        &self,
        series: &str,
        number: &str,
    ) -> Result<Option<StoredPolicy>, StoreError> {
        let sql = format!("SELECT id, in_registry, {COLUMNS} FROM policy WHERE series = ?1 AND number = ?2");
        Ok(self.conn.query_row(&sql, [series, number], stored).optional()?)
    }

    /// Exact look-ups by one indexed column: "number", "pinfl" or "passport".
    pub fn policies_where(
        &self,
        column: &str,
        value: &str,
        limit: u32,
    ) -> Result<Vec<StoredPolicy>, StoreError> {
        let column = match column {
            "pinfl" => "pinfl",
            "passport" => "passport",
            _ => "number",
        };
        let sql = format!(
            "SELECT id, in_registry, {COLUMNS} FROM policy WHERE {column} = ?1 ORDER BY series, number LIMIT ?2"
        );
        let mut statement = self.conn.prepare_cached(&sql)?;
        let rows = statement.query_map(params![value, limit], stored)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Name search on the name's key (`tovon_core::names::name_key`), its words in any
    /// order: words of 3 letters or more through the trigram index, shorter ones as parts of
    /// the key; a lone short word as the key's start. The first `limit` by name, and how many
    /// match in all.
    pub fn policies_by_name(&self, key: &str, limit: u32) -> Result<PolicyMatches, StoreError> {
        let words = NameWords::of(key);
        let mut conditions = vec![];
        let mut values: Vec<String> = vec![];
        if let Some(phrase) = words.fts_match() {
            conditions.push("id IN (SELECT rowid FROM policy_name WHERE policy_name MATCH ?)".to_owned());
            values.push(phrase);
        }
        for (index, word) in words.short.iter().enumerate() {
            conditions.push("name_search LIKE ?".to_owned());
            let alone = words.long.is_empty() && index == 0;
            values.push(if alone { format!("{word}%") } else { format!("%{word}%") });
        }
        if conditions.is_empty() {
            return Ok(PolicyMatches::default());
        }
        let filter = conditions.join(" AND ");
        let total: i64 = self
            .conn
            .prepare_cached(&format!("SELECT count(*) FROM policy WHERE {filter}"))?
            .query_row(rusqlite::params_from_iter(&values), |row| row.get(0))?;
        let sql = format!(
            "SELECT id, in_registry, {COLUMNS} FROM policy WHERE {filter} ORDER BY full_name LIMIT {limit}"
        );
        let mut statement = self.conn.prepare_cached(&sql)?;
        let rows = statement.query_map(rusqlite::params_from_iter(&values), stored)?;
        Ok(PolicyMatches { total, policies: rows.collect::<Result<_, _>>()? })
    }

    /// Policies whose number holds `part` ("123" finds 0000123 and 0123456), by series and
    /// number, and how many in all.
    pub fn policies_by_number_part(&self, part: &str, limit: u32) -> Result<PolicyMatches, StoreError> {
        let filter = "instr(number, ?1) > 0";
        let total: i64 = self
            .conn
            .prepare_cached(&format!("SELECT count(*) FROM policy WHERE {filter}"))?
            .query_row([part], |row| row.get(0))?;
        let sql = format!(
            "SELECT id, in_registry, {COLUMNS} FROM policy WHERE {filter} ORDER BY series, number LIMIT ?2"
        );
        let mut statement = self.conn.prepare_cached(&sql)?;
        let rows = statement.query_map(params![part, limit], stored)?;
        Ok(PolicyMatches { total, policies: rows.collect::<Result<_, _>>()? })
    }

    /// How many policy changes re-imports recorded (for reports and tests).
    pub fn policy_change_count(&self) -> Result<i64, StoreError> {
        Ok(self.conn.query_row("SELECT count(*) FROM policy_change", [], |row| row.get(0))?)
    }
}

pub(crate) fn policy_by_id(conn: &rusqlite::Connection, id: i64) -> Result<Option<StoredPolicy>, StoreError> {
    let sql = format!("SELECT id, in_registry, {COLUMNS} FROM policy WHERE id = ?1");
    Ok(conn.query_row(&sql, [id], stored).optional()?)
}

/// The secondary indexes and the name index's insert trigger, exactly as migration 0004
/// creates them (a test compares): dropped for a first load, rebuilt once after it.
const BULK_DROP: &str = "DROP TRIGGER policy_name_after_insert;
    DROP INDEX policy_pinfl; DROP INDEX policy_passport; DROP INDEX policy_number;";
const BULK_RESTORE: &str = "CREATE INDEX policy_pinfl ON policy (pinfl);
CREATE INDEX policy_passport ON policy (passport);
CREATE INDEX policy_number ON policy (number);
INSERT INTO policy_name (policy_name) VALUES ('rebuild');
CREATE TRIGGER policy_name_after_insert AFTER INSERT ON policy BEGIN
    INSERT INTO policy_name (rowid, name_search) VALUES (new.id, new.name_search);
END;";

/// A first import into an empty register: plain inserts without the secondary indexes and
/// the name index, which are built once at the end (a 1 000 000-row file loads several times
/// faster). A policy repeated within the file takes the ordinary upsert. All of it inside
/// the import's transaction, so a failure leaves the schema and the data as they were.
fn bulk_load(
    tx: &Transaction<'_>,
    import_id: i64,
    records: impl IntoIterator<Item = PolicyRecord>,
    digests: &mut Digests<'_>,
) -> Result<ImportCounts, StoreError> {
    tx.execute_batch(BULK_DROP)?;
    let mut counts = ImportCounts::default();
    let mut repeated = Vec::new();
    {
        let mut insert = tx.prepare(&format!("{INSERT} ON CONFLICT (series, number) DO NOTHING"))?;
        for r in records {
            let added = insert_record(&mut insert, &r, Some(import_id))?;
            if added == 1 {
                digests.policies.toggle(&r);
                counts.inserted += 1;
            } else {
                repeated.push(r);
            }
        }
    }
    // The sorter of CREATE INDEX may use the second core (the rows are all read by now).
    tx.pragma_update(None, "threads", 2)?;
    let restored = tx.execute_batch(BULK_RESTORE);
    tx.pragma_update(None, "threads", 0)?;
    restored?;
    let again = upsert_all(tx, import_id, repeated, digests)?;
    counts.updated += again.updated;
    counts.unchanged += again.unchanged;
    Ok(counts)
}

/// The digests an import keeps: the register's rows and its change log.
struct Digests<'d> {
    policies: &'d mut PolicyDigest,
    changes: &'d mut ChangeDigest,
}

/// Every non-key column compared with the incoming record bound as ?3…?17.
const SAME_AS_BOUND: &str = "(issued_on, starts_on, ends_on, premium_paid_on, sum_insured_tiyin, full_name, \
     name_search, birth_date, pinfl, passport, phone, address, loan_agreement, loan_amount_tiyin, branch) \
     IS (?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)";

/// A refresh: each record looked up by series and number and compared inside SQLite (no row
/// read out unless it changed: a million-row register mostly comes back the same); a changed
/// policy is updated, its digest share replaced, and the change logged field by field.
fn upsert_all(
    tx: &Transaction<'_>,
    import_id: i64,
    records: impl IntoIterator<Item = PolicyRecord>,
    digests: &mut Digests<'_>,
) -> Result<ImportCounts, StoreError> {
    let mut find = tx.prepare(&format!(
        "SELECT id, in_registry, {SAME_AS_BOUND} FROM policy WHERE series = ?1 AND number = ?2"
    ))?;
    let mut old_of = tx.prepare(&format!("SELECT id, in_registry, {COLUMNS} FROM policy WHERE id = ?1"))?;
    let mut insert = tx.prepare(INSERT)?;
    // The same parameter order as INSERT, so `insert_record` binds both.
    let mut update = tx.prepare(
        "UPDATE policy SET issued_on = ?3, starts_on = ?4, ends_on = ?5, premium_paid_on = ?6, sum_insured_tiyin = ?7,
             full_name = ?8, name_search = ?9, birth_date = ?10, pinfl = ?11, passport = ?12, phone = ?13,
             address = ?14, loan_agreement = ?15, loan_amount_tiyin = ?16, branch = ?17, in_registry = 1, import_id = ?18
         WHERE series = ?1 AND number = ?2",
    )?;
    let mut change = tx
        .prepare("INSERT INTO policy_change (policy_id, import_id, before, after) VALUES (?1, ?2, ?3, ?4)")?;
    let mut counts = ImportCounts::default();
    for record in records {
        bind_record(&mut find, &record)?;
        let found: Option<(i64, bool, bool)> = {
            let mut rows = find.raw_query();
            match rows.next()? {
                Some(row) => Some((row.get(0)?, row.get::<_, i64>(1)? != 0, row.get::<_, i64>(2)? != 0)),
                None => None,
            }
        };
        match found {
            None => {
                insert_record(&mut insert, &record, Some(import_id))?;
                digests.policies.toggle(&record);
                counts.inserted += 1;
            }
            Some((_, true, true)) => counts.unchanged += 1,
            Some((id, _, _)) => {
                let old = old_of.query_row([id], stored)?;
                insert_record(&mut update, &record, Some(import_id))?;
                digests.policies.toggle(&old.record);
                digests.policies.toggle(&record);
                let (before, after) = change_of(&old.record, &record);
                change.execute(params![id, import_id, before, after])?;
                digests.changes.toggle(tx.last_insert_rowid(), id, import_id, &before, &after);
                counts.updated += 1;
            }
        }
    }
    Ok(counts)
}

#[cfg(test)]
mod digest_tests {
    use chrono::NaiveDate;

    use super::{PolicyDigest, PolicyRecord};

    fn record(series: &str, number: &str, sum: i64) -> PolicyRecord {
        let day = NaiveDate::from_ymd_opt(2026, 1, 10).unwrap_or_default();
        PolicyRecord {
            series: series.to_owned(),
            number: number.to_owned(),
            issued_on: day,
            starts_on: day,
            ends_on: day,
            premium_paid_on: None,
            sum_insured_tiyin: sum,
            full_name: "Каримов Алишер".to_owned(),
            name_search: "karimov alisher".to_owned(),
            birth_date: day,
            pinfl: "31210632040244".to_owned(),
            passport: None,
            phone: None,
            address: None,
            loan_agreement: None,
            loan_amount_tiyin: None,
            branch: None,
        }
    }

    #[test]
    fn a_record_in_and_out_again_leaves_the_digest_as_it_was_and_fields_stay_apart() {
        let mut digest = PolicyDigest::default();
        digest.toggle(&record("MKS", "0000001", 100));
        let one = digest;
        digest.toggle(&record("MKS", "0000002", 100));
        digest.toggle(&record("MKS", "0000002", 100));
        assert_eq!(digest, one, "in and out again");
        let mut sum = PolicyDigest::default();
        sum.toggle(&record("MKS", "0000001", 1000));
        assert_ne!(sum, one, "a sum insured changed is another digest");
        let (mut split, mut joined) = (PolicyDigest::default(), PolicyDigest::default());
        split.toggle(&record("MK", "S0000001", 100));
        joined.toggle(&record("MKS", "0000001", 100));
        assert_ne!(split, joined, "fields are length-prefixed");
        assert_eq!(one.hex().len(), 64);
        assert_eq!(PolicyDigest::from_hex(&one.hex()), Some(one));
    }
}
