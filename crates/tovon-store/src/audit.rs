//! The audit log (issue 7): triggers made from each audited table's columns append every
//! change with who, when, the row before and after; each entry is hash-chained to the one
//! before it; `verify` finds the first broken link and any row changed behind the log's back.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use rusqlite::functions::FunctionFlags;
use rusqlite::types::ValueRef;
use rusqlite::{Connection, OptionalExtension, params};
use sha2::{Digest, Sha256};

use crate::{Store, StoreError};

/// Whom a write is recorded against until the program says: migrations and seeding.
pub const SYSTEM_ACTOR: &str = "system";

/// How an audited row names the claim it belongs to, for the claim's history.
#[derive(Debug, Clone, Copy)]
pub(crate) enum ClaimOf {
    Nothing,
    /// The row is the claim.
    Itself,
    /// The row has a `claim_id` column.
    Column,
    /// An expression over the row (`{row}` stands for NEW or OLD).
    Through(&'static str),
}

/// Every table whose changes are logged. A table of the schema is either here or in
/// `NOT_AUDITED` with its reason (a test holds every table to that).
pub(crate) const AUDITED: &[(&str, ClaimOf)] = &[
    ("setting", ClaimOf::Nothing),
    ("schedule_version", ClaimOf::Nothing),
    ("calendar_day", ClaimOf::Nothing),
    ("column_mapping", ClaimOf::Nothing),
    ("policy_import", ClaimOf::Nothing),
    ("claim", ClaimOf::Itself),
    ("claim_event", ClaimOf::Column),
    ("claim_calculation", ClaimOf::Column),
    ("claim_document", ClaimOf::Column),
    ("claim_document_request", ClaimOf::Column),
    ("claim_attachment", ClaimOf::Column),
    ("claim_log", ClaimOf::Column),
    ("claim_decision", ClaimOf::Column),
    ("claim_payee", ClaimOf::Through("(SELECT claim_id FROM claim_decision WHERE id = {row}.decision_id)")),
    (
        "claim_payment",
        ClaimOf::Through(
            "(SELECT d.claim_id FROM claim_payee AS p JOIN claim_decision AS d ON d.id = p.decision_id \
             WHERE p.id = {row}.payee_id)",
        ),
    ),
    ("external_payment", ClaimOf::Nothing),
    ("issued_document", ClaimOf::Column),
    ("app_user", ClaimOf::Nothing),
    ("policy_digest", ClaimOf::Nothing),
    ("policy_change_digest", ClaimOf::Nothing),
    ("act_submission", ClaimOf::Column),
    ("desk_key", ClaimOf::Nothing),
];

/// The tables whose changes the log records, by name.
pub fn audited_tables() -> impl Iterator<Item = &'static str> {
    AUDITED.iter().map(|(table, _)| *table)
}

/// Columns logged by their SHA-256, never their value: a password's hash stays out of the log
/// while a change to it is still seen.
pub(crate) const SECRET_COLUMNS: &[&str] = &["password_hash"];

/// Tables left out of the row log, and why.
pub const NOT_AUDITED: &[(&str, &str)] = &[
    ("audit_log", "the log itself"),
    ("audit_head", "the log's last link"),
    ("schema_migration", "written by migrations only, checked by their SHA-256"),
    (
        "policy",
        "a register import writes up to a million rows: the audited policy_digest covers every row, \
         policy_import and policy_change log each import",
    ),
    (
        "policy_change",
        "a refresh writes up to a row per policy: the audited policy_change_digest covers every row",
    ),
    ("claim_counter", "a number counter; the claim it numbers is logged"),
    ("form_draft", "a user's half-filled form, not a record: the claim it becomes is logged"),
    ("document_counter", "a number counter; the document it numbers is logged"),
    ("calendar_seeded", "marks a year's public holidays as seeded; the days are logged"),
    ("exchange_sent", "the exchange's bookkeeping: which entries each bundle to the head office carried"),
    (
        "exchange_state",
        "the exchange's bookkeeping: what the head office acknowledged and which of its bundles were applied",
    ),
    ("policy_name", "the name search index of the policies (with its policy_name_* shadow tables)"),
];

/// One link of the chain that does not hold, and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuditBreak {
    /// The entry's fields no longer give its hash: it was edited, or moved to another place.
    Altered { seq: i64 },
    /// The entry does not follow the one before it: entries between were removed.
    Unlinked { seq: i64, previous: i64 },
    /// The entries after `seq` are gone: the log ends before its recorded head.
    Truncated { seq: i64, head: i64 },
    /// Entries after the recorded head (`head`) up to `last` were written by another tool.
    PastHead { head: i64, last: i64 },
    /// A row whose current content is not what the log last recorded for it.
    ChangedOutside { entity: String, key: String },
    /// A row the log holds as existing is gone without a logged deletion.
    DeletedOutside { entity: String, key: String },
    /// The register's rows no longer give the digest the log last recorded.
    PoliciesChangedOutside,
    /// The register's change log no longer gives the digest the log last recorded.
    PolicyChangesOutside,
}

/// What `verify` found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditCheck {
    pub entries: u64,
    pub last_seq: i64,
    pub broken: Option<AuditBreak>,
}

/// One entry, as a claim's history shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    pub seq: i64,
    pub at: String,
    pub actor: String,
    pub entity: String,
    pub entity_key: String,
    pub action: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// The SQL functions the triggers call; they exist only in the program's connections.
pub(crate) fn register_functions(conn: &Connection, actor: Arc<Mutex<String>>) -> rusqlite::Result<()> {
    conn.create_scalar_function("tovon_actor", 0, FunctionFlags::SQLITE_UTF8, move |_| {
        Ok(actor.lock().unwrap_or_else(PoisonError::into_inner).clone())
    })?;
    conn.create_scalar_function(
        "tovon_digest",
        1,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| {
            Ok(match ctx.get_raw(0) {
                ValueRef::Text(bytes) | ValueRef::Blob(bytes) => Some(crate::digest::sha256_hex(bytes)),
                ValueRef::Null | ValueRef::Integer(_) | ValueRef::Real(_) => None,
            })
        },
    )?;
    // A name's search key, for migration 0019; the same function the program keys names by.
    conn.create_scalar_function(
        "tovon_name_key",
        1,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| Ok(tovon_core::names::index_key(&ctx.get::<String>(0)?)),
    )?;
    conn.create_scalar_function(
        "tovon_audit_hash",
        10,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| {
            let fields: Vec<ValueRef<'_>> = (0..ctx.len()).map(|index| ctx.get_raw(index)).collect();
            Ok(link_hash(&fields))
        },
    )
}

/// The hash of one entry: each field typed and length-prefixed, so no two entries encode alike.
pub(crate) fn link_hash(fields: &[ValueRef<'_>]) -> String {
    let mut hasher = Sha256::new();
    for field in fields {
        match field {
            ValueRef::Null => hasher.update(b"n;"),
            ValueRef::Integer(number) => hasher.update(format!("i{number};").as_bytes()),
            ValueRef::Real(number) => hasher.update(format!("r{number};").as_bytes()),
            ValueRef::Text(bytes) | ValueRef::Blob(bytes) => {
                hasher.update(format!("t{}:", bytes.len()).as_bytes());
                hasher.update(bytes);
                hasher.update(b";");
            }
        }
    }
    crate::digest::hex(&hasher.finalize())
}

pub(crate) fn quoted(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// A table's columns (name, declared type) and its primary key's columns in key order.
pub(crate) struct Columns {
    pub(crate) all: Vec<(String, String)>,
    pub(crate) key: Vec<String>,
}

pub(crate) fn columns(conn: &Connection, table: &str) -> rusqlite::Result<Columns> {
    let mut statement = conn.prepare("SELECT name, type, pk FROM pragma_table_info(?1) ORDER BY cid")?;
    let rows = statement
        .query_map([table], |row| {
            Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?, row.get::<_, i64>(2)?))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let mut key: Vec<(i64, String)> =
        rows.iter().filter(|(_, _, pk)| *pk > 0).map(|(name, _, pk)| (*pk, name.clone())).collect();
    key.sort();
    Ok(Columns {
        all: rows.into_iter().map(|(name, kind, _)| (name, kind)).collect(),
        key: key.into_iter().map(|(_, name)| name).collect(),
    })
}

/// How the log writes a row: format 1 logged a BLOB by its length; format 2 (issue 18) by its
/// SHA-256, so an edit keeping the length is seen. A database logged in format 1 moves over
/// through a checked re-baseline (`rebaseline_blobs`).
pub const AUDIT_FORMAT: i64 = 2;

impl Columns {
    fn has_blob(&self) -> bool {
        self.all.iter().any(|(_, kind)| kind.eq_ignore_ascii_case("BLOB"))
    }

    /// The row as a JSON object; a BLOB is logged by its SHA-256, a secret by its SHA-256.
    pub(crate) fn json(&self, row: &str) -> String {
        self.json_in(row, AUDIT_FORMAT)
    }

    /// The row as `format` wrote it.
    fn json_in(&self, row: &str, format: i64) -> String {
        let pairs: Vec<String> = self
            .all
            .iter()
            .map(|(name, kind)| {
                let value = format!("{row}.{}", quoted(name));
                let blob = kind.eq_ignore_ascii_case("BLOB");
                if blob && format < 2 {
                    format!("'{name}_bytes', length({value})")
                } else if blob || SECRET_COLUMNS.contains(&name.as_str()) {
                    format!("'{name}_sha256', tovon_digest({value})")
                } else {
                    format!("'{name}', {value}")
                }
            })
            .collect();
        format!("json_object({})", pairs.join(", "))
    }

    /// For a table that keeps its BLOB's SHA-256 beside it (`sha256`, an issued document): a
    /// condition true when the bytes no longer give it — format 1 logged only their length, so
    /// this is what tells a same-length edit made before the move to SHA-256.
    fn own_digest_differs(&self, row: &str) -> String {
        let blobs: Vec<&str> = self
            .all
            .iter()
            .filter(|(_, kind)| kind.eq_ignore_ascii_case("BLOB"))
            .map(|(name, _)| name.as_str())
            .collect();
        match blobs.as_slice() {
            [blob] if self.all.iter().any(|(name, _)| name == "sha256") => {
                format!(" OR tovon_digest({row}.{}) IS NOT {row}.sha256", quoted(blob))
            }
            _ => String::new(),
        }
    }

    /// The row's primary key as text.
    fn key(&self, row: &str) -> String {
        if self.key.is_empty() {
            return format!("CAST({row}.rowid AS TEXT)");
        }
        self.key
            .iter()
            .map(|name| format!("CAST({row}.{} AS TEXT)", quoted(name)))
            .collect::<Vec<_>>()
            .join(" || '/' || ")
    }

    fn changed(&self) -> String {
        self.all
            .iter()
            .map(|(name, _)| format!("OLD.{0} IS NOT NEW.{0}", quoted(name)))
            .collect::<Vec<_>>()
            .join(" OR ")
    }
}

fn claim_of(claim: ClaimOf, row: &str) -> String {
    match claim {
        ClaimOf::Nothing => "NULL".to_owned(),
        ClaimOf::Itself => format!("{row}.id"),
        ClaimOf::Column => format!("{row}.claim_id"),
        ClaimOf::Through(sql) => sql.replace("{row}", row),
    }
}

/// The three triggers of one table, by name.
fn triggers_of(conn: &Connection, table: &str, claim: ClaimOf) -> rusqlite::Result<Vec<(String, String)>> {
    let columns = columns(conn, table)?;
    let append = |row: &str, action: &str, before: &str, after: &str| {
        format!(
            "INSERT INTO audit_entry (entity, entity_key, claim_id, action, before, after) VALUES ('{table}', {}, {}, '{action}', {before}, {after});",
            columns.key(row),
            claim_of(claim, row),
        )
    };
    let name = |action: &str| format!("audit_on_{table}_{action}");
    let target = quoted(table);
    Ok(vec![
        (
            name("insert"),
            format!(
                "CREATE TRIGGER {} AFTER INSERT ON {target} BEGIN\n    {}\nEND",
                name("insert"),
                append("NEW", "insert", "NULL", &columns.json("NEW"))
            ),
        ),
        (
            name("update"),
            format!(
                "CREATE TRIGGER {} AFTER UPDATE ON {target} WHEN {} BEGIN\n    {}\nEND",
                name("update"),
                columns.changed(),
                append("NEW", "update", &columns.json("OLD"), &columns.json("NEW"))
            ),
        ),
        (
            name("delete"),
            format!(
                "CREATE TRIGGER {} AFTER DELETE ON {target} BEGIN\n    {}\nEND",
                name("delete"),
                append("OLD", "delete", &columns.json("OLD"), "NULL")
            ),
        ),
    ])
}

/// The names of the file's tables.
pub(crate) fn table_names(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    let mut statement = conn.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'")?;
    statement.query_map([], |row| row.get(0))?.collect()
}

/// Makes the audit triggers match the tables as they are now, and records each row that has
/// no entry yet (a database from before the log) as a baseline. Runs on every open; a
/// trigger already as it should be is left alone; one missing or changed is put back and, for
/// a table the file had before this open's migrations (`tables_before`), logged.
pub(crate) fn install(conn: &mut Connection, tables_before: &[String]) -> Result<(), StoreError> {
    let tx = conn.transaction()?;
    // Every guard as the migrations made it (append-only tables, the log's append), and the
    // log's own refusals, put back if someone dropped or changed them — and said so below.
    let mut restored: Vec<String> = Vec::new();
    let mut guards = expected_guards()?.to_vec();
    guards.push((
        "audit_log_no_update".to_owned(),
        "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN
             SELECT RAISE(ABORT, 'the audit log is append-only');
         END"
        .to_owned(),
    ));
    guards.push((
        "audit_log_no_delete".to_owned(),
        "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN
             SELECT RAISE(ABORT, 'the audit log is append-only');
         END"
        .to_owned(),
    ));
    for (name, sql) in guards {
        if let Some(why) = put_back(&tx, &name, &sql)? {
            restored.push(format!("{name} ({why})"));
        }
    }
    let mut wanted: Vec<String> = Vec::new();
    let mut remade: Vec<String> = Vec::new();
    for (table, claim) in AUDITED {
        let new_table = !tables_before.iter().any(|before| before == table);
        for (name, sql) in triggers_of(&tx, table, *claim)? {
            if let Some(why) = put_back(&tx, &name, &sql)?
                && !new_table
            {
                remade.push(format!("{name} ({why})"));
            }
            wanted.push(name);
        }
    }
    let stale: Vec<String> = {
        let mut statement =
            tx.prepare("SELECT name FROM sqlite_schema WHERE type = 'trigger' AND name LIKE 'audit\\_on\\_%' ESCAPE '\\'")?;
        let names = statement.query_map([], |row| row.get::<_, String>(0))?.collect::<Result<Vec<_>, _>>()?;
        names.into_iter().filter(|name| !wanted.contains(name)).collect()
    };
    for name in stale {
        tx.execute_batch(&format!("DROP TRIGGER {};", quoted(&name)))?;
    }
    let baseline_taken: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM audit_log WHERE entity = 'audit_log' AND action = 'event' \
         AND json_extract(after, '$.baseline') = 1)",
        [],
        |row| row.get(0),
    )?;
    // A database the log has already covered: every guard put back is on the record.
    let put_back_now: Vec<String> = restored.into_iter().chain(remade).collect();
    if baseline_taken && !put_back_now.is_empty() {
        tx.execute(
            "INSERT INTO audit_entry (entity, entity_key, action, after) \
             VALUES ('audit_log', '', 'event', json_object('guards_restored', json(?1)))",
            [serde_json::Value::from(put_back_now).to_string()],
        )?;
    }
    if baseline_taken {
        rebaseline_blobs(&tx)?;
    }
    // The register's digest, first computed now (an update of the audited row: on the log).
    if crate::policies::PolicyDigest::kept(&tx)?.is_none() {
        crate::policies::PolicyDigest::of_table(&tx)?.keep(&tx)?;
    }
    if crate::policy_changes::ChangeDigest::kept(&tx)?.is_none() {
        crate::policy_changes::ChangeDigest::of_table(&tx)?.keep(&tx)?;
    }
    if !baseline_taken {
        for (table, claim) in AUDITED {
            baseline(&tx, table, *claim, &columns(&tx, table)?)?;
        }
        tx.execute(
            "INSERT INTO audit_entry (entity, entity_key, action, after) \
             VALUES ('audit_log', '', 'event', json_object('baseline', 1, 'audit_format', ?1))",
            [AUDIT_FORMAT],
        )?;
    }
    tx.commit()?;
    Ok(())
}

/// Records every row of `table` as it is now (a `baseline` entry each).
fn baseline(tx: &Connection, table: &str, claim: ClaimOf, columns: &Columns) -> rusqlite::Result<usize> {
    tx.execute(
        &format!(
            "INSERT INTO audit_entry (entity, entity_key, claim_id, action, before, after) \
             SELECT '{table}', {}, {}, 'baseline', NULL, {} FROM {} AS row",
            columns.key("row"),
            claim_of(claim, "row"),
            columns.json("row"),
            quoted(table)
        ),
        [],
    )
}

/// The format the log was last written in (1: before formats were logged).
fn logged_format(tx: &Connection) -> rusqlite::Result<i64> {
    tx.query_row(
        "SELECT coalesce(max(json_extract(after, '$.audit_format')), 1) FROM audit_log \
         WHERE entity = 'audit_log' AND action = 'event'",
        [],
        |row| row.get(0),
    )
}

/// Moves a log written in format 1 (BLOBs by length) over to SHA-256: each table with a BLOB
/// is first checked row by row against its last entry as format 1 wrote it; only when every
/// row matches are its rows re-baselined by SHA-256. A table that does not match is not
/// re-baselined — `verify` keeps naming its rows — and the event says which. Logged once.
fn rebaseline_blobs(tx: &Connection) -> Result<(), StoreError> {
    if logged_format(tx)? >= AUDIT_FORMAT {
        return Ok(());
    }
    let (mut rebaselined, mut refused) = (Vec::new(), Vec::new());
    for (table, claim) in AUDITED {
        let columns = columns(tx, table)?;
        if !columns.has_blob() {
            continue;
        }
        let unmatched: i64 = tx.query_row(
            &format!(
                "SELECT count(*) FROM {} AS row WHERE {} IS NOT (SELECT after FROM audit_log \
                 WHERE entity = '{table}' AND entity_key = {} AND action IN ('insert', 'update', 'baseline') \
                 ORDER BY seq DESC LIMIT 1){}",
                quoted(table),
                columns.json_in("row", 1),
                columns.key("row"),
                columns.own_digest_differs("row"),
            ),
            [],
            |row| row.get(0),
        )?;
        if unmatched > 0 {
            refused.push((*table).to_owned());
            continue;
        }
        baseline(tx, table, *claim, &columns)?;
        rebaselined.push((*table).to_owned());
    }
    tx.execute(
        "INSERT INTO audit_entry (entity, entity_key, action, after) VALUES ('audit_log', '', 'event', \
         json_object('audit_format', ?1, 'rebaselined', json(?2), 'not_rebaselined', json(?3)))",
        params![
            AUDIT_FORMAT,
            serde_json::Value::from(rebaselined).to_string(),
            serde_json::Value::from(refused).to_string()
        ],
    )?;
    Ok(())
}

/// The triggers every database of this program has, as its migrations made them: the
/// migrations run once per process on an empty database in memory (about 2.5 ms), not on
/// every open.
fn expected_guards() -> Result<&'static [(String, String)], StoreError> {
    static GUARDS: std::sync::OnceLock<Vec<(String, String)>> = std::sync::OnceLock::new();
    if let Some(guards) = GUARDS.get() {
        return Ok(guards);
    }
    let memory = Connection::open_in_memory()?;
    register_functions(&memory, Arc::new(Mutex::new(SYSTEM_ACTOR.to_owned())))?;
    for migration in crate::migrations::MIGRATIONS {
        memory.execute_batch(migration.sql)?;
    }
    let mut statement =
        memory.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' ORDER BY name")?;
    let guards =
        statement.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?.collect::<Result<Vec<_>, _>>()?;
    Ok(GUARDS.get_or_init(|| guards))
}

/// Makes the trigger `name` read `sql`; says why when it had to ("missing", "changed").
fn put_back(tx: &Connection, name: &str, sql: &str) -> rusqlite::Result<Option<&'static str>> {
    let existing: Option<String> = tx
        .query_row("SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = ?1", [name], |row| {
            row.get(0)
        })
        .optional()?;
    if existing.as_deref() == Some(sql) {
        return Ok(None);
    }
    tx.execute_batch(&format!("DROP TRIGGER IF EXISTS {}; {sql};", quoted(name)))?;
    Ok(Some(if existing.is_some() { "changed" } else { "missing" }))
}

impl Store {
    /// Whom the log records the following writes against.
    pub fn set_actor(&self, actor: &str) {
        *self.actor.lock().unwrap_or_else(PoisonError::into_inner) = actor.to_owned();
    }

    /// Appends an event that changes no row (an identifier shown in full, a backup made).
    pub fn audit_event(
        &self,
        entity: &str,
        key: &str,
        claim_id: Option<i64>,
        detail: &str,
    ) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT INTO audit_entry (entity, entity_key, claim_id, action, after) VALUES (?1, ?2, ?3, 'event', ?4)",
            params![entity, key, claim_id, detail],
        )?;
        Ok(())
    }

    /// The wrong passwords typed for `login` since its last sign-in (refused attempts while
    /// it waited do not count), and how many seconds ago the last was — read from the log's
    /// newest entries for that login through its index, never a scan.
    pub fn sign_in_failures(&self, login: &str) -> Result<(u32, Option<f64>), StoreError> {
        let mut statement = self.conn.prepare_cached(
            "SELECT json_extract(after, '$.sign_in'), (julianday('now') - julianday(at)) * 86400.0
             FROM audit_log WHERE entity = 'app_user' AND entity_key = ?1 AND action = 'event'
             ORDER BY seq DESC LIMIT 64",
        )?;
        let mut rows = statement.query([login])?;
        let (mut failures, mut last) = (0u32, None);
        while let Some(row) = rows.next()? {
            match row.get::<_, Option<String>>(0)?.as_deref() {
                Some("throttled") => continue,
                Some("wrong_password") => {
                    failures += 1;
                    if last.is_none() {
                        last = Some(row.get::<_, f64>(1)?);
                    }
                }
                _ => break,
            }
        }
        Ok((failures, last))
    }

    /// A claim's history from the log: its own row and every row that belongs to it.
    pub fn claim_audit(&self, claim_id: i64) -> Result<Vec<AuditEntry>, StoreError> {
        let mut statement = self.conn.prepare(
            "SELECT seq, at, actor, entity, entity_key, action, before, after FROM audit_log
             WHERE claim_id = ?1 ORDER BY seq",
        )?;
        let rows = statement
            .query_map([claim_id], |row| {
                Ok(AuditEntry {
                    seq: row.get(0)?,
                    at: row.get(1)?,
                    actor: row.get(2)?,
                    entity: row.get(3)?,
                    entity_key: row.get(4)?,
                    action: row.get(5)?,
                    before: row.get(6)?,
                    after: row.get(7)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }

    /// Walks the chain from the first entry and compares every audited row with what the
    /// log last recorded for it; reports the first thing that does not hold.
    pub fn verify_audit(&self) -> Result<AuditCheck, StoreError> {
        let mut statement = self.conn.prepare(
            "SELECT seq, prev_hash, at, actor, entity, entity_key, claim_id, action, before, after, hash
             FROM audit_log ORDER BY seq",
        )?;
        let mut rows = statement.query([])?;
        let (mut entries, mut previous_seq, mut previous_hash) = (0u64, 0i64, String::new());
        let mut broken = None;
        while let Some(row) = rows.next()? {
            entries += 1;
            let seq: i64 = row.get(0)?;
            let prev: String = row.get(1)?;
            let fields: Vec<ValueRef<'_>> = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]
                .iter()
                .map(|index| row.get_ref(*index))
                .collect::<Result<_, _>>()?;
            let hash: String = row.get(10)?;
            if broken.is_none() {
                if prev != previous_hash || seq != previous_seq + 1 {
                    broken = Some(AuditBreak::Unlinked { seq, previous: previous_seq });
                } else if link_hash(&fields) != hash {
                    broken = Some(AuditBreak::Altered { seq });
                }
            }
            previous_seq = seq;
            previous_hash = hash;
        }
        drop(rows);
        if broken.is_none() {
            let head: Option<(i64, String)> = self
                .conn
                .query_row("SELECT seq, hash FROM audit_head WHERE id = 1", [], |row| {
                    Ok((row.get(0)?, row.get(1)?))
                })
                .optional()?;
            match head {
                Some((head, _)) if head < previous_seq => {
                    broken = Some(AuditBreak::PastHead { head, last: previous_seq });
                }
                Some((head, hash)) if head != previous_seq || hash != previous_hash => {
                    broken = Some(AuditBreak::Truncated { seq: previous_seq, head });
                }
                None if entries > 0 => broken = Some(AuditBreak::Truncated { seq: previous_seq, head: 0 }),
                _ => {}
            }
        }
        if broken.is_none() {
            broken = self.rows_behind_the_log()?;
        }
        if broken.is_none() {
            let kept = crate::policies::PolicyDigest::kept(&self.conn)?;
            let now = crate::policies::PolicyDigest::of_table(&self.conn)?.hex();
            if kept.as_deref() != Some(now.as_str()) {
                broken = Some(AuditBreak::PoliciesChangedOutside);
            }
        }
        if broken.is_none() {
            let kept = crate::policy_changes::ChangeDigest::kept(&self.conn)?;
            let now = crate::policy_changes::ChangeDigest::of_table(&self.conn)?.hex();
            if kept.as_deref() != Some(now.as_str()) {
                broken = Some(AuditBreak::PolicyChangesOutside);
            }
        }
        Ok(AuditCheck { entries, last_seq: previous_seq, broken })
    }

    /// The first audited row whose content is not the log's last record of it.
    fn rows_behind_the_log(&self) -> Result<Option<AuditBreak>, StoreError> {
        let mut last: HashMap<(String, String), (String, Option<String>)> = HashMap::new();
        {
            // Only each row's last entry: the log may be far larger than the rows.
            let mut statement = self.conn.prepare(
                "SELECT entity, entity_key, action, after FROM audit_log
                 WHERE seq IN (SELECT max(seq) FROM audit_log
                               WHERE action IN ('insert', 'update', 'delete', 'baseline')
                               GROUP BY entity, entity_key)",
            )?;
            let mut rows = statement.query([])?;
            while let Some(row) = rows.next()? {
                last.insert((row.get(0)?, row.get(1)?), (row.get(2)?, row.get(3)?));
            }
        }
        for (table, _) in AUDITED {
            let columns = columns(&self.conn, table)?;
            let sql = format!(
                "SELECT {}, {} FROM {} AS row",
                columns.key("row"),
                columns.json("row"),
                quoted(table)
            );
            let mut statement = self.conn.prepare(&sql)?;
            let mut rows = statement.query([])?;
            while let Some(row) = rows.next()? {
                let key: String = row.get(0)?;
                let content: String = row.get(1)?;
                match last.remove(&((*table).to_owned(), key.clone())) {
                    Some((action, Some(after))) if action != "delete" && after == content => {}
                    _ => return Ok(Some(AuditBreak::ChangedOutside { entity: (*table).to_owned(), key })),
                }
            }
        }
        let mut gone: Vec<(String, String)> = last
            .into_iter()
            .filter(|((entity, _), (action, _))| {
                action != "delete" && AUDITED.iter().any(|(table, _)| table == entity)
            })
            .map(|(entity_key, _)| entity_key)
            .collect();
        gone.sort();
        Ok(gone.into_iter().next().map(|(entity, key)| AuditBreak::DeletedOutside { entity, key }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_encoding_keeps_fields_apart() {
        let one = link_hash(&[ValueRef::Text(b"ab"), ValueRef::Text(b"c")]);
        let two = link_hash(&[ValueRef::Text(b"a"), ValueRef::Text(b"bc")]);
        assert_ne!(one, two);
        assert_ne!(link_hash(&[ValueRef::Null]), link_hash(&[ValueRef::Text(b"")]));
        assert_ne!(link_hash(&[ValueRef::Integer(1)]), link_hash(&[ValueRef::Text(b"1")]));
        assert_eq!(one.len(), 64);
    }

    /// The work of one append, as SQLite counts it: (full-scan steps, VM steps).
    fn append_cost(store: &Store) -> (i32, i32) {
        let mut append = store
            .conn
            .prepare("INSERT INTO audit_entry (entity, entity_key, action, after) VALUES ('test', '', 'event', '{}')")
            .expect("prepare");
        append.execute([]).expect("append");
        (
            append.get_status(rusqlite::StatementStatus::FullscanStep),
            append.get_status(rusqlite::StatementStatus::VmStep),
        )
    }

    /// Issue 18: the append reads the head by its key and never scans the log, so an entry
    /// costs the same at 200 entries as at 20 000.
    #[test]
    fn appending_never_scans_the_log_and_costs_the_same_however_long_it_is() {
        let dir = tempfile::tempdir().expect("temp");
        let store = Store::open(&dir.path().join("tovon.sqlite3")).expect("open");
        let grow = |count: usize| {
            store.conn.execute_batch("BEGIN").expect("begin");
            for _ in 0..count {
                store.audit_event("test", "", None, "{}").expect("event");
            }
            store.conn.execute_batch("COMMIT").expect("commit");
        };
        grow(200);
        let (scans, short) = append_cost(&store);
        assert_eq!(scans, 0, "the append scanned a table");
        grow(20_000);
        let (scans, long) = append_cost(&store);
        assert_eq!(scans, 0, "the append scanned a table");
        assert_eq!(long, short, "an append at 20 000 entries took {long} VM steps, at 200 {short}");
    }
}
