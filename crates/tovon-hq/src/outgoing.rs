//! The head office's bundles to a desk (issue 20): numbered per desk, signed by the head
//! office and encrypted to the desk, each carrying the desk's terms (its numbering prefix,
//! its branch, the settings the head office owns for that branch) and the acknowledgement of
//! the desk's last bundle taken in. The first is the desk's enrolment answer.

use std::collections::BTreeMap;

use tovon_exchange::{DeskTerms, ExchangeIdentity, HEAD_OFFICE, History, Manifest, Member, Party, members};

use crate::{Hq, HqError};

/// The settings the head office owns, with what each value must be.
pub const OWNED_SETTINGS: &[(&str, &str)] = &[
    ("decisions.officer_limit_tiyin", "a whole number of tiyin, 0 or more"),
    ("security.idle_lock_minutes", "a whole number of minutes from 1 to 480"),
];

/// A bundle made for a desk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outgoing {
    pub file_name: String,
    pub number: u64,
    pub acknowledges: u64,
    pub bytes: Vec<u8>,
}

fn valid(key: &str, value: &str) -> bool {
    match key {
        "decisions.officer_limit_tiyin" => value.parse::<i64>().is_ok_and(|limit| limit >= 0),
        "security.idle_lock_minutes" => {
            value.parse::<u32>().is_ok_and(|minutes| (1..=480).contains(&minutes))
        }
        _ => false,
    }
}

/// The network's own settings (not a branch's): where desks reach the head office.
const NETWORK: &str = "*";
const ADDRESS: &str = "exchange.address";
const CERTIFICATE: &str = "exchange.certificate";

impl Hq {
    /// Where desks reach the head office over HTTPS and the SHA-256 of the certificate it
    /// presents there: sent to every desk with its next bundle.
    pub fn set_address(&mut self, address: &str, certificate_sha256: &str) -> Result<(), HqError> {
        let mut tx = self.client.transaction()?;
        for (key, value) in [(ADDRESS, address), (CERTIFICATE, certificate_sha256)] {
            tx.execute(
                "INSERT INTO hq_setting (branch, key, value) VALUES ($1, $2, $3)
                 ON CONFLICT (branch, key) DO UPDATE SET value = excluded.value",
                &[&NETWORK, &key, &value],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Sets a setting the head office owns for every desk of `branch`; it reaches them with
    /// their next bundle.
    pub fn set_branch_setting(&mut self, branch: &str, key: &str, value: &str) -> Result<(), HqError> {
        let Some((_, expected)) = OWNED_SETTINGS.iter().find(|(owned, _)| *owned == key) else {
            return Err(HqError::NotOwnedSetting { key: key.to_owned() });
        };
        let value = value.trim();
        if !valid(key, value) {
            return Err(HqError::BadSetting { key: key.to_owned(), value: value.to_owned(), expected });
        }
        self.client.execute(
            "INSERT INTO hq_setting (branch, key, value) VALUES ($1, $2, $3)
             ON CONFLICT (branch, key) DO UPDATE SET value = excluded.value",
            &[&branch.trim().to_uppercase(), &key, &value],
        )?;
        Ok(())
    }

    /// Makes the next bundle for the desk numbering under `prefix`, as `identity`.
    pub fn bundle_for(&mut self, prefix: &str, identity: &ExchangeIdentity) -> Result<Outgoing, HqError> {
        self.bundle_with(prefix, identity, false)
    }

    /// The same; with `whole_register`, the whole register rather than its changes (issue 20:
    /// "a full register when enrolling or on request").
    pub fn bundle_with(
        &mut self,
        prefix: &str,
        identity: &ExchangeIdentity,
        whole_register: bool,
    ) -> Result<Outgoing, HqError> {
        let mut tx = self.client.transaction()?;
        let row = tx
            .query_opt(
                "SELECT id, branch, verifying_key, recipient, revoked_at IS NOT NULL, out_number + 1, last_in,
                        history_from, last_out, coalesce(chain_seq, 0), coalesce(chain_head, ''), history_nonce
                 FROM hq_desk WHERE prefix = $1 FOR UPDATE",
                &[&prefix],
            )?
            .ok_or_else(|| HqError::NoSuchDesk { prefix: prefix.to_owned() })?;
        let (desk_id, branch, revoked): (i64, String, bool) = (row.get(0), row.get(1), row.get(4));
        if revoked {
            return Err(HqError::NoSuchDesk { prefix: prefix.to_owned() });
        }
        let desk = Party::from_text(row.get(2), row.get(3))
            .ok_or_else(|| HqError::DamagedDesk { prefix: prefix.to_owned() })?;
        let (number, acknowledges): (i64, i64) = (row.get(5), row.get(6));
        let history_from: Option<i64> = row.get(7);
        let history = history_from.map(|from| History {
            from,
            nonce: row.get::<_, Option<String>>(11).unwrap_or_default(),
            since: row.get::<_, i64>(8) as u64,
            last_in: acknowledges as u64,
            head_seq: row.get(9),
            head_hash: row.get(10),
            lines: Vec::new(),
            policies: Vec::new(),
        });
        let settings: BTreeMap<String, String> = tx
            .query("SELECT key, value FROM hq_setting WHERE branch = $1", &[&branch])?
            .iter()
            .map(|row| (row.get(0), row.get(1)))
            .collect();
        let network: BTreeMap<String, String> = tx
            .query("SELECT key, value FROM hq_setting WHERE branch = $1", &[&NETWORK])?
            .iter()
            .map(|row| (row.get(0), row.get(1)))
            .collect();
        let terms = DeskTerms {
            prefix: prefix.to_owned(),
            branch,
            settings,
            address: network.get(ADDRESS).cloned(),
            certificate: network.get(CERTIFICATE).cloned(),
        };
        // What changed since the marks the desk's last acknowledged bundle carried.
        let (register_since, reference_since): (i64, i64) = tx
            .query_opt(
                "SELECT o.register_to, o.reference_to FROM hq_bundle_out o JOIN hq_desk d ON d.id = o.desk_id
                 WHERE o.desk_id = $1 AND o.number = d.last_out",
                &[&desk_id],
            )?
            .map_or((0, 0), |row| (row.get(0), row.get(1)));
        let register_since = if whole_register { 0 } else { register_since };
        let (register, register_to) = crate::register::register_for(&mut tx, register_since)?;
        let (reference, reference_to) = crate::reference::reference_for(&mut tx, reference_since)?;
        let mut members = vec![Member {
            name: members::DESK_TERMS.to_owned(),
            bytes: serde_json::to_vec(&terms).unwrap_or_default(),
        }];
        members.extend(register.map(|bytes| Member { name: members::REGISTER.to_owned(), bytes }));
        members.extend(reference.map(|reference| Member {
            name: members::REFERENCE.to_owned(),
            bytes: serde_json::to_vec(&reference).unwrap_or_default(),
        }));
        if let Some(history) = history {
            members.extend(crate::history::history_members(&mut tx, desk_id, history)?);
        }
        let manifest = Manifest {
            format: tovon_exchange::FORMAT,
            schema: tovon_exchange::DESK_SCHEMA,
            sender: HEAD_OFFICE.to_owned(),
            receiver: prefix.to_owned(),
            number: number as u64,
            acknowledges: acknowledges as u64,
            audit: None,
            members: vec![],
        };
        let bytes = tovon_exchange::seal(manifest, &members, identity, &desk)
            .map_err(|error| HqError::Refused(crate::Refusal::Bundle(error)))?;
        tx.execute(
            "UPDATE hq_desk SET out_number = $2, last_out_at = now() WHERE id = $1",
            &[&desk_id, &number],
        )?;
        tx.execute(
            "INSERT INTO hq_bundle_out (desk_id, number, size, register_to, reference_to) VALUES ($1, $2, $3, $4, $5)",
            &[&desk_id, &number, &(bytes.len() as i64), &register_to, &reference_to],
        )?;
        tx.commit()?;
        Ok(Outgoing {
            file_name: members::file_name(HEAD_OFFICE, prefix, number as u64),
            number: number as u64,
            acknowledges: acknowledges as u64,
            bytes,
        })
    }
}
