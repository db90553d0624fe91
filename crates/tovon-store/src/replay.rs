//! A restored desk's lost history put back from the head office's copy (issue 20: "the head
//! office sends it back its own missing history ..., the desk replays it, and its counters
//! continue above the highest number the network has seen"). In one transaction: the
//! entries the desk made after its restore are taken out, the head office's entries go into
//! the log as the desk first wrote them, the rows they leave are written back (the audit
//! triggers set aside meanwhile, so nothing is logged twice), the entries made since the
//! restore follow, re-chained, and the number counters move above every number held.

use std::collections::{BTreeMap, BTreeSet};

use rusqlite::types::{Value, ValueRef};
use rusqlite::{Connection, OptionalExtension, Transaction, params_from_iter};
use tovon_exchange::AuditLine;

use crate::audit::{AUDITED, SECRET_COLUMNS, columns, link_hash, quoted};
use crate::exchange::{LINE_COLUMNS, audit_line};
use crate::{Store, StoreError};

/// What the head office sent back, checked as a chain by the caller.
pub struct History<'a> {
    /// The first entry sent back: the restore's own entry number.
    pub from: i64,
    pub lines: &'a [AuditLine],
    /// Documents' bytes by SHA-256 (an issued document's PDF).
    pub blobs: &'a BTreeMap<String, Vec<u8>>,
    /// The policies the rows refer to, as the desk's bundles carried them.
    pub policies: &'a [serde_json::Value],
}

/// What replaying did.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Replayed {
    /// Entries put back, and the rows they left.
    pub entries: usize,
    pub rows: usize,
    /// Entries made since the restore, moved after them.
    pub moved: usize,
    /// Users whose password did not come back (the log holds only its hash's hash): made
    /// inactive until an administrator sets a new one.
    pub users_reset: Vec<String>,
    /// Claims whose policy is here under another row, relinked.
    pub relinked: usize,
}

/// Stands for the password of a user the replay could not bring back: an Argon2id string
/// whose hash is all zeros, which no password gives; the user stays inactive until an
/// administrator sets a new one.
const NO_PASSWORD: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$replayedWithoutPassword$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

/// The same, per user: logged, so it must differ from the one written while the log was set aside.
fn no_password_of(id: i64) -> String {
    format!("$argon2id$v=19$m=19456,t=2,p=1$replayedUser{id:08}$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
}

impl Store {
    /// Holds the desk from entry `from` on (the first after the backup's own): restored from
    /// a backup while enrolled, it waits for the head office's copy of what it lost.
    pub fn hold_for_history(&self, from: i64) -> Result<(), StoreError> {
        self.conn.execute("UPDATE exchange_state SET restored_from = ?1 WHERE id = 1", [from])?;
        Ok(())
    }

    /// Replays `history` (see the module) in one transaction. The hold ends with the head
    /// office bundle's own transaction (`apply_head_office`), after this one: a replay
    /// interrupted between the two is found done when the bundle is applied again (the log
    /// holds the history's last entry) and not repeated.
    pub fn replay_history(&mut self, history: &History<'_>) -> Result<Replayed, StoreError> {
        let Some(last) = history.lines.last() else { return Ok(Replayed::default()) };
        let held: Option<String> = self
            .conn
            .query_row("SELECT hash FROM audit_log WHERE seq = ?1", [last.seq], |row| row.get(0))
            .optional()?;
        if held.as_deref() == Some(last.hash.as_str()) {
            return Ok(Replayed { entries: history.lines.len(), ..Replayed::default() });
        }
        let tx = self.conn.transaction()?;
        let replayed = replay(&tx, history)?;
        tx.commit()?;
        Ok(replayed)
    }
}

fn replay(tx: &Transaction<'_>, history: &History<'_>) -> Result<Replayed, StoreError> {
    tx.execute_batch("PRAGMA defer_foreign_keys = ON;")?;
    let local = entries_from(tx, history.from)?;
    let touched: BTreeSet<(String, String)> = local
        .iter()
        .filter(|line| line.action != "event")
        .map(|line| (line.entity.clone(), line.entity_key.clone()))
        .collect();
    let triggers = set_aside(tx)?;
    tx.execute("DELETE FROM audit_log WHERE seq >= ?1", [history.from])?;
    for line in history.lines {
        insert_line(tx, line)?;
    }
    let mut last: BTreeMap<(&str, &str), &AuditLine> = BTreeMap::new();
    for line in history.lines.iter().filter(|line| line.action != "event") {
        last.insert((&line.entity, &line.entity_key), line);
    }
    let mut rows: Vec<&AuditLine> = last
        .into_values()
        .filter(|line| !touched.contains(&(line.entity.clone(), line.entity_key.clone())))
        .collect();
    rows.sort_by_key(|line| line.seq);
    let mut reset = Vec::new();
    for line in &rows {
        write_row(tx, line, history.blobs, &mut reset)?;
    }
    let moved = move_after(tx, &local, history.lines.last())?;
    for (name, sql) in triggers {
        tx.execute_batch(&sql).map_err(|source| history_error(0, format!("trigger {name}: {source}")))?;
    }
    let relinked = relink_policies(tx, history, &rows)?;
    let users_reset = reset_passwords(tx, &reset)?;
    raise_counters(tx)?;
    crate::policies::PolicyDigest::of_table(tx)?.keep(tx)?;
    crate::policy_changes::ChangeDigest::of_table(tx)?.keep(tx)?;
    Ok(Replayed { entries: history.lines.len(), rows: rows.len(), moved, users_reset, relinked })
}

fn history_error(seq: i64, detail: String) -> StoreError {
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
fn move_after(tx: &Connection, local: &[AuditLine], last: Option<&AuditLine>) -> Result<usize, StoreError> {
    let Some(last) = last else { return Ok(0) };
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

/// Leaves the row an entry names as its `after` (or removes it, for a delete).
fn write_row(
    tx: &Connection,
    line: &AuditLine,
    blobs: &BTreeMap<String, Vec<u8>>,
    reset: &mut Vec<i64>,
) -> Result<(), StoreError> {
    if !AUDITED.iter().any(|(table, _)| *table == line.entity) {
        return Err(history_error(line.seq, format!("{} is not a table of the desk", line.entity)));
    }
    let columns = columns(tx, &line.entity)?;
    let image = line.after.as_deref().or(line.before.as_deref()).unwrap_or("{}");
    let image: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(image).map_err(|error| history_error(line.seq, error.to_string()))?;
    let table = quoted(&line.entity);
    let key_sql: Vec<String> = columns.key.iter().map(|name| format!("{} = ?", quoted(name))).collect();
    let key_values: Vec<Value> =
        columns.key.iter().map(|name| json_value(image.get(name))).collect::<Vec<_>>();
    if columns.key.is_empty() {
        return Err(history_error(line.seq, format!("{} has no key", line.entity)));
    }
    if line.action == "delete" || line.after.is_none() {
        tx.execute(
            &format!("DELETE FROM {table} WHERE {}", key_sql.join(" AND ")),
            params_from_iter(key_values),
        )?;
        return Ok(());
    }
    let mut names = Vec::new();
    let mut values = Vec::new();
    for (name, kind) in &columns.all {
        let value = if kind.eq_ignore_ascii_case("BLOB") {
            let sha256 = image.get(&format!("{name}_sha256")).and_then(|value| value.as_str()).unwrap_or("");
            match blobs.get(sha256) {
                Some(bytes) => Value::Blob(bytes.clone()),
                None => return Err(history_error(line.seq, format!("the bytes {sha256} were not sent"))),
            }
        } else if SECRET_COLUMNS.contains(&name.as_str()) {
            let wanted = image.get(&format!("{name}_sha256")).and_then(|value| value.as_str());
            match kept_secret(tx, &table, name, &key_sql, &key_values, wanted)? {
                Some(kept) => Value::Text(kept),
                None => {
                    reset.extend(image.get("id").and_then(serde_json::Value::as_i64));
                    Value::Text(NO_PASSWORD.to_owned())
                }
            }
        } else {
            json_value(image.get(name))
        };
        names.push(quoted(name));
        values.push(value);
    }
    let sets: Vec<String> = names.iter().map(|name| format!("{name} = ?")).collect();
    let mut update_values = values.clone();
    update_values.extend(key_values);
    let updated = tx.execute(
        &format!("UPDATE {table} SET {} WHERE {}", sets.join(", "), key_sql.join(" AND ")),
        params_from_iter(update_values),
    )?;
    if updated == 0 {
        let marks = vec!["?"; names.len()].join(", ");
        tx.execute(
            &format!("INSERT INTO {table} ({}) VALUES ({marks})", names.join(", ")),
            params_from_iter(values),
        )?;
    }
    Ok(())
}

/// The row's secret as stored here when it is the one the entry logged by its SHA-256.
fn kept_secret(
    tx: &Connection,
    table: &str,
    column: &str,
    key_sql: &[String],
    key_values: &[Value],
    wanted: Option<&str>,
) -> Result<Option<String>, StoreError> {
    let kept: Option<String> = tx
        .query_row(
            &format!("SELECT {} FROM {table} WHERE {}", quoted(column), key_sql.join(" AND ")),
            params_from_iter(key_values.iter()),
            |row| row.get(0),
        )
        .optional()?;
    Ok(kept.filter(|kept| Some(crate::digest::sha256_hex(kept.as_bytes()).as_str()) == wanted))
}

fn json_value(value: Option<&serde_json::Value>) -> Value {
    match value {
        None | Some(serde_json::Value::Null) => Value::Null,
        Some(serde_json::Value::Bool(flag)) => Value::Integer(i64::from(*flag)),
        Some(serde_json::Value::Number(number)) => match number.as_i64() {
            Some(whole) => Value::Integer(whole),
            None => Value::Real(number.as_f64().unwrap_or_default()),
        },
        Some(serde_json::Value::String(text)) => Value::Text(text.clone()),
        Some(other) => Value::Text(other.to_string()),
    }
}

/// Claims and outside payments the history put back whose policy is here under another row
/// (the register came again after the restore, in another order): relinked by series and
/// number, logged; a policy typed by hand that is not here is added.
fn relink_policies(tx: &Connection, history: &History<'_>, rows: &[&AuditLine]) -> Result<usize, StoreError> {
    let sent: BTreeMap<i64, &serde_json::Value> =
        history.policies.iter().filter_map(|policy| policy["id"].as_i64().map(|id| (id, policy))).collect();
    let mut here_of: BTreeMap<i64, i64> = BTreeMap::new();
    let mut relinked = 0;
    for line in rows.iter().filter(|line| matches!(line.entity.as_str(), "claim" | "external_payment")) {
        let Ok(id) = line.entity_key.parse::<i64>() else { continue };
        let table = quoted(&line.entity);
        let Some(policy_id) = tx
            .query_row(&format!("SELECT policy_id FROM {table} WHERE id = ?1"), [id], |row| {
                row.get::<_, i64>(0)
            })
            .optional()?
        else {
            continue;
        };
        let Some(policy) = sent.get(&policy_id) else { continue };
        let here = match here_of.get(&policy_id) {
            Some(here) => *here,
            None => {
                let here = policy_here(tx, policy)?;
                here_of.insert(policy_id, here);
                here
            }
        };
        if here != policy_id {
            relinked +=
                tx.execute(&format!("UPDATE {table} SET policy_id = ?1 WHERE id = ?2"), [here, id])?;
        }
    }
    Ok(relinked)
}

/// The row here of a policy a desk's bundle carried: by its series and number, or, for one
/// typed by hand that is not here, a row of its own added.
fn policy_here(tx: &Connection, policy: &serde_json::Value) -> Result<i64, StoreError> {
    let (Some(series), Some(number)) = (policy["series"].as_str(), policy["number"].as_str()) else {
        return Err(history_error(0, format!("a policy without its series and number: {policy}")));
    };
    let found: Option<i64> = tx
        .query_row("SELECT id FROM policy WHERE series = ?1 AND number = ?2", [series, number], |row| {
            row.get(0)
        })
        .optional()?;
    match found {
        Some(id) => Ok(id),
        None if policy["in_registry"].as_i64() == Some(0) => add_hand_policy(tx, policy),
        None => Err(history_error(0, format!("policy {series} {number} is not in the register here"))),
    }
}

/// A policy typed by hand that came back with its claim, under a row of its own.
fn add_hand_policy(tx: &Connection, policy: &serde_json::Value) -> Result<i64, StoreError> {
    const FIELDS: &[&str] = &[
        "series",
        "number",
        "issued_on",
        "starts_on",
        "ends_on",
        "premium_paid_on",
        "sum_insured_tiyin",
        "full_name",
        "birth_date",
        "pinfl",
        "passport",
        "phone",
        "address",
        "loan_agreement",
        "loan_amount_tiyin",
        "branch",
    ];
    let mut values: Vec<Value> = FIELDS.iter().map(|field| json_value(policy.get(*field))).collect();
    let name = policy["full_name"].as_str().unwrap_or_default();
    values.push(Value::Text(tovon_core::names::index_key(name)));
    let marks = vec!["?"; FIELDS.len() + 1].join(", ");
    tx.execute(
        &format!("INSERT INTO policy ({}, name_search, in_registry) VALUES ({marks}, 0)", FIELDS.join(", ")),
        params_from_iter(values),
    )
    .map_err(|error| history_error(0, format!("policy {}: {error}", policy["number"])))?;
    Ok(tx.last_insert_rowid())
}

/// Users whose password did not come back: inactive, under a password nothing reads as
/// (logged, so the row is what the log says).
fn reset_passwords(tx: &Connection, ids: &[i64]) -> Result<Vec<String>, StoreError> {
    let mut logins = Vec::new();
    for id in ids {
        let login: Option<String> = tx
            .query_row(
                "UPDATE app_user SET active = 0, password_hash = ?2 WHERE id = ?1 RETURNING login",
                rusqlite::params![id, no_password_of(*id)],
                |row| row.get(0),
            )
            .optional()?;
        logins.extend(login);
    }
    Ok(logins)
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
