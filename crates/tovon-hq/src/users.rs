//! The head office's own users (issue 20): Argon2id passwords, two roles (an administrator
//! does everything; an auditor reads), and the access log — sign-ins, identifiers shown in
//! full, scans read — appended to, never changed. A head office with no user yet is being
//! set up: its first administrator is made with `user init`.

use argon2::Argon2;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};

use crate::{Hq, HqError};

/// What a user may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HqRole {
    Administrator,
    Auditor,
}

impl HqRole {
    fn code(self) -> &'static str {
        match self {
            HqRole::Administrator => "administrator",
            HqRole::Auditor => "auditor",
        }
    }

    pub fn parse(text: &str) -> Option<HqRole> {
        match text {
            "administrator" => Some(HqRole::Administrator),
            "auditor" => Some(HqRole::Auditor),
            _ => None,
        }
    }
}

/// Who is signed in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HqSession {
    pub login: String,
    pub role: HqRole,
}

/// The most characters a password may have (Argon2 of a megabyte is no sign-in).
const MAX_PASSWORD: usize = 256;
const MIN_PASSWORD: usize = 8;

fn hash(password: &str) -> Result<String, HqError> {
    let length = password.chars().count();
    if !(MIN_PASSWORD..=MAX_PASSWORD).contains(&length) {
        return Err(HqError::Password { min: MIN_PASSWORD, max: MAX_PASSWORD });
    }
    Argon2::default()
        .hash_password(password.as_bytes(), &SaltString::generate(&mut OsRng))
        .map(|hash| hash.to_string())
        .map_err(|error| HqError::Serve(format!("argon2: {error}")))
}

impl Hq {
    /// Whether the head office has a user yet.
    pub fn has_users(&mut self) -> Result<bool, HqError> {
        Ok(self.client.query_one("SELECT EXISTS (SELECT 1 FROM hq_user)", &[])?.get(0))
    }

    /// The first administrator, only while there is no user.
    pub fn init_user(&mut self, login: &str, full_name: &str, password: &str) -> Result<(), HqError> {
        let hash = hash(password)?;
        let mut tx = self.client.transaction()?;
        tx.batch_execute("LOCK TABLE hq_user IN EXCLUSIVE MODE")?;
        if tx.query_one("SELECT EXISTS (SELECT 1 FROM hq_user)", &[])?.get::<_, bool>(0) {
            return Err(HqError::UsersExist);
        }
        tx.execute(
            "INSERT INTO hq_user (login, full_name, role, password_hash) VALUES ($1, $2, 'administrator', $3)",
            &[&login, &full_name.trim(), &hash],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Another user (an administrator's).
    pub fn add_user(
        &mut self,
        session: &HqSession,
        login: &str,
        full_name: &str,
        role: HqRole,
        password: &str,
    ) -> Result<(), HqError> {
        session.require(HqRole::Administrator)?;
        let hash = hash(password)?;
        self.client.execute(
            "INSERT INTO hq_user (login, full_name, role, password_hash) VALUES ($1, $2, $3, $4)",
            &[&login, &full_name.trim(), &role.code(), &hash],
        )?;
        Ok(())
    }

    /// Signs `login` in with `password`; both outcomes logged.
    pub fn sign_in(&mut self, login: &str, password: &str) -> Result<HqSession, HqError> {
        let row =
            self.client.query_opt("SELECT role, password_hash FROM hq_user WHERE login = $1", &[&login])?;
        let found = row.and_then(|row| {
            let role = HqRole::parse(row.get(0))?;
            let stored: String = row.get(1);
            let matches = PasswordHash::new(&stored)
                .map(|hash| Argon2::default().verify_password(password.as_bytes(), &hash).is_ok())
                .unwrap_or(false);
            matches.then_some(role)
        });
        match found {
            Some(role) => {
                self.log_access(login, "sign_in", "")?;
                Ok(HqSession { login: login.to_owned(), role })
            }
            None => {
                self.log_access(login, "wrong_password", "")?;
                Err(HqError::WrongCredentials)
            }
        }
    }

    /// Appends to the access log.
    pub fn log_access(&mut self, login: &str, action: &str, subject: &str) -> Result<(), HqError> {
        self.client.execute(
            "INSERT INTO hq_access_log (login, action, subject) VALUES ($1, $2, $3)",
            &[&login, &action, &subject],
        )?;
        Ok(())
    }

    /// The access log, newest first (an administrator's).
    pub fn access_log(
        &mut self,
        session: &HqSession,
        limit: i64,
    ) -> Result<Vec<(String, String, String, String)>, HqError> {
        session.require(HqRole::Administrator)?;
        Ok(self
            .client
            .query(
                "SELECT to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), login, action, subject
                 FROM hq_access_log ORDER BY id DESC LIMIT $1",
                &[&limit],
            )?
            .iter()
            .map(|row| (row.get(0), row.get(1), row.get(2), row.get(3)))
            .collect())
    }

    /// A scan's or an issued document's bytes by their SHA-256, the read logged.
    pub fn read_blob(&mut self, session: &HqSession, sha256: &str) -> Result<Vec<u8>, HqError> {
        let row = self.client.query_opt("SELECT bytes FROM hq_blob WHERE sha256 = $1", &[&sha256])?;
        let bytes: Vec<u8> =
            row.map(|row| row.get(0)).ok_or_else(|| HqError::NoSuchBlob { sha256: sha256.to_owned() })?;
        self.log_access(&session.login, "scan", sha256)?;
        Ok(bytes)
    }
}

impl HqSession {
    /// Refuses what the role may not do.
    pub fn require(&self, role: HqRole) -> Result<(), HqError> {
        if role == HqRole::Administrator && self.role != HqRole::Administrator {
            return Err(HqError::Forbidden { login: self.login.clone() });
        }
        Ok(())
    }
}

impl Hq {
    /// The claims held, as lines: branch, desk, number, state, insured person and its PINFL
    /// (from a policy typed by hand, or the register's by series and number), masked unless
    /// `reveal` (logged against `who`).
    pub fn claims(&mut self, desk: Option<&str>, reveal: bool, who: &str) -> Result<Vec<String>, HqError> {
        let rows = self.client.query(
            "SELECT c.branch, c.desk, c.number, c.state, c.insured_name, coalesce(p.row ->> 'pinfl', r.pinfl)
             FROM hq_claim c
             JOIN hq_desk d ON d.prefix = c.desk
             LEFT JOIN hq_hand_policy p ON p.desk_id = d.id AND p.policy_id = c.desk_policy_id
             LEFT JOIN hq_policy r ON r.series = p.row ->> 'series' AND r.number = p.row ->> 'number'
             WHERE $1::TEXT IS NULL OR c.desk = $1
             ORDER BY c.desk, c.number",
            &[&desk],
        )?;
        if reveal {
            self.log_access(who, "reveal", &format!("claims {}", desk.unwrap_or("*")))?;
        }
        Ok(rows
            .iter()
            .map(|row| {
                let pinfl: Option<String> = row.get(5);
                let shown =
                    pinfl.map_or_else(String::new, |pinfl| if reveal { pinfl } else { masked(&pinfl) });
                format!(
                    "{:<6} {:<6} {:<16} {:<18} {:<32} {shown}",
                    row.get::<_, String>(0),
                    row.get::<_, String>(1),
                    row.get::<_, String>(2),
                    row.get::<_, String>(3),
                    row.get::<_, String>(4)
                )
            })
            .collect())
    }
}

/// An identifier with all but its last four characters hidden.
fn masked(identifier: &str) -> String {
    let count = identifier.chars().count();
    identifier.chars().enumerate().map(|(at, c)| if at + 4 < count { '•' } else { c }).collect()
}
