//! A restored desk's lost history put back from the head office's copy (issue 20: "the head
//! office sends it back its own missing history ..., the desk replays it, and its counters
//! continue above the highest number the network has seen"). Inside the transaction that
//! applies the head office's bundle: the entries the desk made after its restore are taken
//! out, the head office's entries go into the log as the desk first wrote them, the rows they
//! leave are written back (`replay_rows`, the audit triggers set aside meanwhile so nothing is
//! logged twice), the entries made since the restore follow, re-chained, a row written other
//! than its entry says (a claim's policy under another row here, a password the log never
//! held) is logged as changed, and the number counters move above every number held.

use std::collections::{BTreeMap, BTreeSet};

use rusqlite::types::ValueRef;
use rusqlite::{Connection, params_from_iter};
use tovon_exchange::AuditLine;

use crate::StoreError;
use crate::audit::{columns, link_hash, quoted};
use crate::exchange::{LINE_COLUMNS, audit_line};
use crate::replay_rows::{Rows, json_value};

/// What the head office sent back, checked as a chain by the caller.
pub struct History<'a> {
    /// The first entry sent back: the restore's own entry number.
    pub from: i64,
    pub lines: &'a [AuditLine],
    /// Documents' bytes by SHA-256 (an issued document's PDF).
    pub blobs: &'a BTreeMap<String, Vec<u8>>,
    /// The policies the rows refer to, as the desk's bundles carried them.
    pub policies: &'a [serde_json::Value],
    /// Whom the replay's own changes are logged against (the person applying the bundle).
    pub actor: &'a str,
}

/// What replaying did.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Replayed {
    /// Entries put back.
    pub entries: usize,
    /// Entries made since the restore, moved after them.
    pub moved: usize,
    /// Users whose password did not come back (the log holds only its hash's hash): made
    /// inactive until an administrator sets a new one.
    pub users_reset: Vec<String>,
    /// Claims and outside payments whose policy is here under another row, relinked.
    pub relinked: usize,
}

/// Replays `history` in `tx` (see the module); the caller commits it with the rest of the
/// bundle. Nothing to replay when it holds no entry.
pub(crate) fn replay(tx: &Connection, history: &History<'_>) -> Result<Replayed, StoreError> {
    let Some(last_line) = history.lines.last() else { return Ok(Replayed::default()) };
    tx.execute_batch("PRAGMA defer_foreign_keys = ON;")?;
    let local = entries_from(tx, history.from)?;
    let touched: BTreeSet<(String, String)> = local
        .iter()
        .filter(|line| line.action != "event")
        .map(|line| (line.entity.clone(), line.entity_key.clone()))
        .collect();
    let mut last: BTreeMap<(&str, &str), &AuditLine> = BTreeMap::new();
    for line in history.lines.iter().filter(|line| line.action != "event") {
        last.insert((&line.entity, &line.entity_key), line);
    }
    // A row changed here since the restore stays as it is now: its later entry comes last.
    let mut rows: Vec<&AuditLine> = last
        .into_values()
        .filter(|line| !touched.contains(&(line.entity.clone(), line.entity_key.clone())))
        .collect();
    rows.sort_by_key(|line| line.seq);
    let mut writer = Rows::new(tx, history, &rows)?;
    let triggers = set_aside(tx)?;
    tx.execute("DELETE FROM audit_log WHERE seq >= ?1", [history.from])?;
    for line in history.lines {
        insert_line(tx, line)?;
    }
    let mut adjusted = Vec::new();
    for line in &rows {
        if writer.write(line)? {
            adjusted.push(*line);
        }
    }
    let moved = move_after(tx, &local, last_line)?;
    for (name, sql) in triggers {
        tx.execute_batch(&sql).map_err(|source| history_error(0, format!("trigger {name}: {source}")))?;
    }
    for line in adjusted {
        log_adjusted(tx, line)?;
    }
    raise_counters(tx)?;
    crate::policies::PolicyDigest::of_table(tx)?.keep(tx)?;
    crate::policy_changes::ChangeDigest::of_table(tx)?.keep(tx)?;
    Ok(Replayed {
        entries: history.lines.len(),
        moved,
        users_reset: writer.users_reset,
        relinked: writer.relinked,
    })
}

pub(crate) fn history_error(seq: i64, detail: String) -> StoreError {
    StoreError::History { seq, detail }
}

/// The log's entries from `from` on, in order.
fn entries_from(tx: &Connection, from: i64) -> Result<Vec<AuditLine>, StoreError> {
    let mut statement =
        tx.prepare(&format!("SELECT {LINE_COLUMNS} FROM audit_log WHERE seq >= ?1 ORDER BY seq"))?;
    let lines = statement.query_map([from], audit_line)?;
    Ok(lines.collect::<Result<_, _>>()?)
}

/// Drops the log's delete guard and every audit trigger for the transaction; returns them to
/// be put back exactly as they were.
fn set_aside(tx: &Connection) -> Result<Vec<(String, String)>, StoreError> {
    let triggers: Vec<(String, String)> = {
        let mut statement = tx.prepare(
            "SELECT name, sql FROM sqlite_schema WHERE type = 'trigger'
             AND (name = 'audit_log_no_delete' OR name LIKE 'audit\\_on\\_%' ESCAPE '\\')",
        )?;
        statement.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?.collect::<Result<_, _>>()?
    };
    for (name, _) in &triggers {
        tx.execute_batch(&format!("DROP TRIGGER {};", quoted(name)))?;
    }
    Ok(triggers)
}

fn insert_line(tx: &Connection, line: &AuditLine) -> Result<(), StoreError> {
    tx.execute(
        "INSERT INTO audit_log (seq, at, actor, entity, entity_key, claim_id, action, before, after, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        rusqlite::params![
            line.seq,
            line.at,
            line.actor,
            line.entity,
            line.entity_key,
            line.claim_id,
            line.action,
            line.before,
            line.after,
            line.prev_hash,
            line.hash
        ],
    )?;
    Ok(())
}

/// The entries made since the restore, after the replayed ones: the same content, numbered on
/// and re-chained; the head moved to the last.
fn move_after(tx: &Connection, local: &[AuditLine], last: &AuditLine) -> Result<usize, StoreError> {
    let (mut seq, mut hash) = (last.seq, last.hash.clone());
    for line in local {
        seq += 1;
        let fields = [
            ValueRef::Integer(seq),
            ValueRef::Text(hash.as_bytes()),
            ValueRef::Text(line.at.as_bytes()),
            ValueRef::Text(line.actor.as_bytes()),
            ValueRef::Text(line.entity.as_bytes()),
            ValueRef::Text(line.entity_key.as_bytes()),
            line.claim_id.map_or(ValueRef::Null, ValueRef::Integer),
            ValueRef::Text(line.action.as_bytes()),
            line.before.as_deref().map_or(ValueRef::Null, |text| ValueRef::Text(text.as_bytes())),
            line.after.as_deref().map_or(ValueRef::Null, |text| ValueRef::Text(text.as_bytes())),
        ];
        let moved = AuditLine { seq, prev_hash: hash.clone(), hash: link_hash(&fields), ..line.clone() };
        insert_line(tx, &moved)?;
        hash = moved.hash;
    }
    tx.execute("UPDATE audit_head SET seq = ?1, hash = ?2 WHERE id = 1", rusqlite::params![seq, hash])?;
    Ok(local.len())
}

/// Logs a row the replay wrote other than its entry says: an update from the entry's `after`
/// to the row as it now is (in the log's own JSON), against the replay's actor.
fn log_adjusted(tx: &Connection, line: &AuditLine) -> Result<(), StoreError> {
    let columns = columns(tx, &line.entity)?;
    let image: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(line.after.as_deref().unwrap_or("{}"))
            .map_err(|error| history_error(line.seq, error.to_string()))?;
    let key_sql: Vec<String> = columns.key.iter().map(|name| format!("row.{} = ?", quoted(name))).collect();
    let mut values = vec![
        rusqlite::types::Value::Text(line.entity.clone()),
        rusqlite::types::Value::Text(line.entity_key.clone()),
        line.claim_id.map_or(rusqlite::types::Value::Null, rusqlite::types::Value::Integer),
        line.after.clone().map_or(rusqlite::types::Value::Null, rusqlite::types::Value::Text),
    ];
    values.extend(columns.key.iter().map(|name| json_value(image.get(name))));
    tx.execute(
        &format!(
            "INSERT INTO audit_entry (entity, entity_key, claim_id, action, before, after)
             SELECT ?, ?, ?, 'update', ?, {} FROM {} AS row WHERE {}",
            columns.json("row"),
            quoted(&line.entity),
            key_sql.join(" AND ")
        ),
        params_from_iter(values),
    )?;
    Ok(())
}

/// Every claim and document counter above the highest number held.
fn raise_counters(tx: &Connection) -> Result<(), StoreError> {
    tx.execute_batch(
        "INSERT INTO claim_counter (branch_code, year, last)
             SELECT branch_code, year, max(seq) FROM claim WHERE true GROUP BY branch_code, year
         ON CONFLICT (branch_code, year) DO UPDATE SET last = max(last, excluded.last);
         INSERT INTO document_counter (branch_code, year, kind, last)
             SELECT branch_code, year, kind, max(seq) FROM issued_document WHERE true GROUP BY branch_code, year, kind
         ON CONFLICT (branch_code, year, kind) DO UPDATE SET last = max(last, excluded.last);",
    )?;
    Ok(())
}
