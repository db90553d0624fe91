//! The rows a restored desk's history leaves, written back as its entries say (issue 20), with
//! what the log cannot say itself: a document's bytes (the log holds their SHA-256; the head
//! office sends them), a claim's or outside payment's policy (the register may have come
//! again in another order: found by series and number, or added when typed by hand), and a
//! password (the log holds only its hash's hash: the one here is kept, or the user made
//! inactive until an administrator sets one).

use std::collections::BTreeMap;

use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, params_from_iter};
use tovon_exchange::AuditLine;

use crate::StoreError;
use crate::audit::{AUDITED, SECRET_COLUMNS, columns, quoted};
use crate::replay::{History, history_error};

/// Stands for the password of a user the replay could not bring back: an Argon2id string
/// whose hash is all zeros, which no password gives.
const NO_PASSWORD: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$replayedWithoutPassword$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

/// The tables whose rows name a policy by its row here.
const ON_POLICY: &[&str] = &["claim", "external_payment"];

/// Writes the rows of one replay.
pub(crate) struct Rows<'a> {
    tx: &'a Connection,
    blobs: &'a BTreeMap<String, Vec<u8>>,
    /// A policy's row as the history names it → its row here.
    policy_here: BTreeMap<i64, i64>,
    pub(crate) users_reset: Vec<String>,
    pub(crate) relinked: usize,
}

impl<'a> Rows<'a> {
    /// Finds each policy the rows' claims and outside payments are on — or adds one typed by
    /// hand — before any row is written.
    pub(crate) fn new(
        tx: &'a Connection,
        history: &'a History<'_>,
        rows: &[&AuditLine],
    ) -> Result<Rows<'a>, StoreError> {
        let sent: BTreeMap<i64, &serde_json::Value> = history
            .policies
            .iter()
            .filter_map(|policy| policy["id"].as_i64().map(|id| (id, policy)))
            .collect();
        let mut policy_here = BTreeMap::new();
        for line in
            rows.iter().filter(|line| ON_POLICY.contains(&line.entity.as_str()) && line.after.is_some())
        {
            let image = image_of(line)?;
            let Some(policy_id) = image.get("policy_id").and_then(serde_json::Value::as_i64) else {
                return Err(history_error(line.seq, "no policy_id".to_owned()));
            };
            if policy_here.contains_key(&policy_id) {
                continue;
            }
            let Some(policy) = sent.get(&policy_id) else {
                return Err(history_error(line.seq, format!("policy {policy_id} was not sent")));
            };
            policy_here.insert(policy_id, find_or_add(tx, policy, line.seq)?);
        }
        Ok(Rows { tx, blobs: history.blobs, policy_here, users_reset: Vec::new(), relinked: 0 })
    }

    /// Leaves the row `line` names as its `after` (or removes it, for a delete); true when it
    /// was written other than the entry says.
    pub(crate) fn write(&mut self, line: &AuditLine) -> Result<bool, StoreError> {
        if !AUDITED.iter().any(|(table, _)| *table == line.entity) {
            return Err(history_error(line.seq, format!("{} is not a table of the desk", line.entity)));
        }
        let columns = columns(self.tx, &line.entity)?;
        if columns.key.is_empty() {
            return Err(history_error(line.seq, format!("{} has no key", line.entity)));
        }
        let image = image_of(line)?;
        let table = quoted(&line.entity);
        let key_sql =
            columns.key.iter().map(|name| format!("{} = ?", quoted(name))).collect::<Vec<_>>().join(" AND ");
        let key_values: Vec<Value> = columns.key.iter().map(|name| json_value(image.get(name))).collect();
        if line.action == "delete" || line.after.is_none() {
            self.tx.execute(&format!("DELETE FROM {table} WHERE {key_sql}"), params_from_iter(key_values))?;
            return Ok(false);
        }
        let mut adjusted = false;
        let mut row: Vec<(String, Value)> = Vec::new();
        for (name, kind) in &columns.all {
            let value = if kind.eq_ignore_ascii_case("BLOB") {
                let sha256 =
                    image.get(&format!("{name}_sha256")).and_then(|value| value.as_str()).unwrap_or("");
                match self.blobs.get(sha256) {
                    Some(bytes) => Value::Blob(bytes.clone()),
                    None => return Err(history_error(line.seq, format!("the bytes {sha256} were not sent"))),
                }
            } else if SECRET_COLUMNS.contains(&name.as_str()) {
                let wanted = image.get(&format!("{name}_sha256")).and_then(|value| value.as_str());
                let here: Option<String> = self
                    .tx
                    .query_row(
                        &format!("SELECT {} FROM {table} WHERE {key_sql}", quoted(name)),
                        params_from_iter(key_values.iter()),
                        |found| found.get(0),
                    )
                    .optional()?;
                // The one here is one its user knows; none here, nobody does.
                let kept = here.unwrap_or_else(|| {
                    self.users_reset
                        .push(image.get("login").and_then(|login| login.as_str()).unwrap_or("").to_owned());
                    NO_PASSWORD.to_owned()
                });
                adjusted |= wanted != Some(crate::digest::sha256_hex(kept.as_bytes()).as_str());
                Value::Text(kept)
            } else if name == "policy_id" && ON_POLICY.contains(&line.entity.as_str()) {
                let named = image.get(name).and_then(serde_json::Value::as_i64).unwrap_or_default();
                let here = self.policy_here.get(&named).copied().unwrap_or(named);
                if here != named {
                    adjusted = true;
                    self.relinked += 1;
                }
                Value::Integer(here)
            } else {
                json_value(image.get(name))
            };
            row.push((name.clone(), value));
        }
        if row.iter().any(|(name, value)| {
            SECRET_COLUMNS.contains(&name.as_str()) && *value == Value::Text(NO_PASSWORD.to_owned())
        }) {
            for (name, value) in &mut row {
                if name == "active" {
                    *value = Value::Integer(0);
                }
            }
        }
        self.put(&table, &key_sql, key_values, row)?;
        Ok(adjusted)
    }

    /// Updates the row by its key, or inserts it when there is none.
    fn put(
        &self,
        table: &str,
        key_sql: &str,
        key_values: Vec<Value>,
        row: Vec<(String, Value)>,
    ) -> Result<(), StoreError> {
        let names: Vec<String> = row.iter().map(|(name, _)| quoted(name)).collect();
        let values: Vec<Value> = row.into_iter().map(|(_, value)| value).collect();
        let sets: Vec<String> = names.iter().map(|name| format!("{name} = ?")).collect();
        let mut update_values = values.clone();
        update_values.extend(key_values);
        let updated = self.tx.execute(
            &format!("UPDATE {table} SET {} WHERE {key_sql}", sets.join(", ")),
            params_from_iter(update_values),
        )?;
        if updated == 0 {
            let marks = vec!["?"; names.len()].join(", ");
            self.tx.execute(
                &format!("INSERT INTO {table} ({}) VALUES ({marks})", names.join(", ")),
                params_from_iter(values),
            )?;
        }
        Ok(())
    }
}

/// The row an entry leaves (or, for a delete, the one it removed), as its JSON object.
fn image_of(line: &AuditLine) -> Result<serde_json::Map<String, serde_json::Value>, StoreError> {
    let text = line.after.as_deref().or(line.before.as_deref()).unwrap_or("{}");
    serde_json::from_str(text).map_err(|error| history_error(line.seq, error.to_string()))
}

/// A logged JSON value as SQLite stores it (`json_object` wrote integers, reals and texts).
pub(crate) fn json_value(value: Option<&serde_json::Value>) -> Value {
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

/// The row here of a policy a desk's bundle carried: by its series and number; one typed by
/// hand (`in_registry` 0, or absent: bundles before the register's were carried) that is not
/// here is added under a row of its own.
fn find_or_add(tx: &Connection, policy: &serde_json::Value, seq: i64) -> Result<i64, StoreError> {
    let (Some(series), Some(number)) = (policy["series"].as_str(), policy["number"].as_str()) else {
        return Err(history_error(seq, format!("a policy without its series and number: {policy}")));
    };
    let found: Option<i64> = tx
        .query_row("SELECT id FROM policy WHERE series = ?1 AND number = ?2", [series, number], |row| {
            row.get(0)
        })
        .optional()?;
    match found {
        Some(id) => Ok(id),
        None if policy["in_registry"].as_i64() != Some(1) => add_hand_policy(tx, policy, seq),
        None => Err(history_error(seq, format!("policy {series} {number} is not in the register here"))),
    }
}

/// A policy typed by hand that came back with its claim, under a row of its own.
fn add_hand_policy(tx: &Connection, policy: &serde_json::Value, seq: i64) -> Result<i64, StoreError> {
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
    let Some(name) = policy["full_name"].as_str() else {
        return Err(history_error(seq, format!("policy {} has no name", policy["number"])));
    };
    let mut values: Vec<Value> = FIELDS.iter().map(|field| json_value(policy.get(*field))).collect();
    values.push(Value::Text(tovon_core::names::index_key(name)));
    let marks = vec!["?"; FIELDS.len() + 1].join(", ");
    tx.execute(
        &format!("INSERT INTO policy ({}, name_search, in_registry) VALUES ({marks}, 0)", FIELDS.join(", ")),
        params_from_iter(values),
    )
    .map_err(|error| history_error(seq, format!("policy {}: {error}", policy["number"])))?;
    Ok(tx.last_insert_rowid())
}
