//! The desk's users (`app_user`): login, name, role, the Argon2id hash of the password and
//! whether the account is active. Never deleted; the log records every change.

use rusqlite::{OptionalExtension, Row, params};
use tovon_core::Role;

use crate::typed::TypedRow;
use crate::{Store, StoreError};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredUser {
    pub id: i64,
    pub login: String,
    pub full_name: String,
    /// officer, supervisor or administrator.
    pub role: Role,
    /// The PHC string: `$argon2id$v=19$m=…`.
    pub password_hash: String,
    pub active: bool,
    pub created_at: String,
    pub created_by: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewUser<'a> {
    pub login: &'a str,
    pub full_name: &'a str,
    pub role: Role,
    pub password_hash: &'a str,
    pub created_by: &'a str,
}

const USER_COLUMNS: &str = "id, login, full_name, role, password_hash, active, created_at, created_by";

fn stored_user(row: &Row<'_>) -> rusqlite::Result<StoredUser> {
    let row = TypedRow::new(row, "app_user")?;
    Ok(StoredUser {
        id: row.id(),
        login: row.get("login")?,
        full_name: row.get("full_name")?,
        role: row.code("role", "a role (officer, supervisor, administrator)")?,
        password_hash: row.get("password_hash")?,
        active: row.get("active")?,
        created_at: row.get("created_at")?,
        created_by: row.get("created_by")?,
    })
}

impl Store {
    /// How many users there are, active or not (none: the first start).
    pub fn user_count(&self) -> Result<i64, StoreError> {
        Ok(self.conn.query_row("SELECT count(*) FROM app_user", [], |row| row.get(0))?)
    }

    /// Every user, by login.
    pub fn users(&self) -> Result<Vec<StoredUser>, StoreError> {
        let mut statement = self
            .conn
            .prepare(&format!("SELECT {USER_COLUMNS} FROM app_user ORDER BY login COLLATE NOCASE"))?;
        let users = statement.query_map([], stored_user)?.collect::<Result<Vec<_>, _>>()?;
        Ok(users)
    }

    /// The user with this login (any letter case).
    pub fn user_by_login(&self, login: &str) -> Result<Option<StoredUser>, StoreError> {
        Ok(self
            .conn
            .query_row(&format!("SELECT {USER_COLUMNS} FROM app_user WHERE login = ?1"), [login], stored_user)
            .optional()?)
    }

    pub fn user(&self, id: i64) -> Result<Option<StoredUser>, StoreError> {
        Ok(self
            .conn
            .query_row(&format!("SELECT {USER_COLUMNS} FROM app_user WHERE id = ?1"), [id], stored_user)
            .optional()?)
    }

    /// Adds a user; `Ok(None)` when the login is taken.
    pub fn add_user(&mut self, user: &NewUser<'_>) -> Result<Option<i64>, StoreError> {
        let added = self.conn.execute(
            "INSERT INTO app_user (login, full_name, role, password_hash, created_by)
             VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (login) DO NOTHING",
            params![user.login, user.full_name, user.role.code(), user.password_hash, user.created_by],
        )?;
        Ok((added == 1).then(|| self.conn.last_insert_rowid()))
    }

    /// The first administrator, only while there is no user at all (one transaction, so two
    /// windows starting at once cannot both make one). `Ok(None)`: a user exists already.
    pub fn add_first_user(&mut self, user: &NewUser<'_>) -> Result<Option<i64>, StoreError> {
        let tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let existing: i64 = tx.query_row("SELECT count(*) FROM app_user", [], |row| row.get(0))?;
        if existing > 0 {
            return Ok(None);
        }
        tx.execute(
            "INSERT INTO app_user (login, full_name, role, password_hash, created_by)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![user.login, user.full_name, user.role.code(), user.password_hash, user.created_by],
        )?;
        let id = tx.last_insert_rowid();
        tx.commit()?;
        Ok(Some(id))
    }

    /// Changes a user's name, role and whether active; `false` when there is no such user.
    pub fn update_user(
        &mut self,
        id: i64,
        full_name: &str,
        role: Role,
        active: bool,
    ) -> Result<bool, StoreError> {
        Ok(self.conn.execute(
            "UPDATE app_user SET full_name = ?2, role = ?3, active = ?4 WHERE id = ?1",
            params![id, full_name, role.code(), active],
        )? == 1)
    }

    pub fn set_password_hash(&mut self, id: i64, password_hash: &str) -> Result<bool, StoreError> {
        Ok(self
            .conn
            .execute("UPDATE app_user SET password_hash = ?2 WHERE id = ?1", params![id, password_hash])?
            == 1)
    }

    /// How many active administrators there are: the last one is never demoted or deactivated.
    pub fn active_administrators(&self) -> Result<i64, StoreError> {
        Ok(self.conn.query_row(
            "SELECT count(*) FROM app_user WHERE role = 'administrator' AND active = 1",
            [],
            |row| row.get(0),
        )?)
    }
}
