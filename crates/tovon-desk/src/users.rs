//! Who sits at the desk (issue 7): users with Argon2id passwords, their roles and what each
//! role may do, the sign-in, the idle lock, and the settings only an administrator changes.

use argon2::Argon2;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use tovon_store::{NewUser, StoredUser};

use crate::dto::{
    NewUserDto, RoleCode, SecuritySettingsDto, SessionDto, SessionStateDto, UserChangeDto, UserDto,
};
use crate::error::invalid;
use crate::messages::text;
use crate::{Desk, DeskError};

/// The officer's authority limit in tiyin: an act paying more waits for a supervisor.
pub const OFFICER_LIMIT_SETTING: &str = "decisions.officer_limit_tiyin";
/// 10 000 000,00 so'm until an administrator sets it.
const DEFAULT_OFFICER_LIMIT_TIYIN: i64 = 1_000_000_000;
pub const IDLE_LOCK_SETTING: &str = "security.idle_lock_minutes";
const DEFAULT_IDLE_LOCK_MINUTES: u32 = 10;
pub(crate) const IDLE_LOCK_RANGE: std::ops::RangeInclusive<u32> = 1..=480;
const MIN_PASSWORD_CHARS: usize = 8;

/// What a role may do; every use case that changes something names the one it needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Permission {
    /// Register and work claims, import the register, calculate, decide and issue.
    ClaimWork,
    /// Approve an act above the officer's authority limit (never one's own).
    ApproveAboveLimit,
    /// The settings, the schedule table, the calendar and the users.
    Administer,
}

impl Permission {
    fn key(self) -> &'static str {
        match self {
            Permission::ClaimWork => "access.forbidden.claim_work",
            Permission::ApproveAboveLimit => "access.forbidden.approve",
            Permission::Administer => "access.forbidden.administer",
        }
    }
}

fn may(role: RoleCode, permission: Permission) -> bool {
    match permission {
        Permission::ClaimWork => matches!(role, RoleCode::Officer | RoleCode::Supervisor),
        Permission::ApproveAboveLimit => role == RoleCode::Supervisor,
        Permission::Administer => role == RoleCode::Administrator,
    }
}

/// Why a use case was not run for the person at the window.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AccessError {
    #[error("nobody is signed in")]
    SignedOut,
    #[error("the desk is locked")]
    Locked,
    #[error("the login or the password is wrong")]
    WrongCredentials,
    #[error("the account is deactivated")]
    Deactivated,
    #[error("{role:?} may not do this ({permission:?})")]
    Forbidden { role: RoleCode, permission: Permission },
    #[error("the first administrator exists already")]
    FirstUserExists,
    #[error("too many wrong passwords: try again in {seconds} s")]
    TooManyAttempts { seconds: u64 },
}

/// After three wrong passwords for a login, how long the next attempt waits: 30 s, then
/// doubling with each further wrong one, at most an hour. Counted in the audit log, so a
/// restart does not reset it, and never a sleep that would hold the desk.
pub(crate) fn wait_after(failures: u32) -> u64 {
    match failures {
        0..=2 => 0,
        n => 30u64.saturating_mul(1u64 << (n - 3).min(7)).min(3600),
    }
}

impl AccessError {
    pub(crate) fn message(&self, language: tovon_core::Language) -> String {
        match self {
            AccessError::SignedOut => text(language, "access.signed_out", &[]),
            AccessError::Locked => text(language, "access.locked", &[]),
            AccessError::WrongCredentials => text(language, "access.wrong_credentials", &[]),
            AccessError::Deactivated => text(language, "access.deactivated", &[]),
            AccessError::Forbidden { permission, .. } => text(language, permission.key(), &[]),
            AccessError::FirstUserExists => text(language, "access.first_user_exists", &[]),
            AccessError::TooManyAttempts { seconds } => {
                text(language, "access.too_many_attempts", &[("seconds", &seconds.to_string())])
            }
        }
    }
}

/// The signed-in user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Session {
    pub(crate) user_id: i64,
    pub(crate) login: String,
    pub(crate) full_name: String,
    pub(crate) role: RoleCode,
    pub(crate) locked: bool,
}

fn hash_password(password: &str) -> Result<String, DeskError> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|error| DeskError::Internal(format!("argon2: {error}")))
}

/// The active user `login` and `password` name, or why not — checked without writing
/// anything. `sign_in` logs the outcome; the check of the audit log as found does not.
fn authenticate(
    store: &tovon_store::Store,
    login: &str,
    password: &str,
) -> Result<Result<StoredUser, AccessError>, DeskError> {
    let user = store.user_by_login(login.trim())?;
    let matches = password_matches(password, user.as_ref().map_or(DECOY_HASH, |user| &user.password_hash));
    Ok(match user {
        Some(user) if matches && user.active => Ok(user),
        Some(_) if matches => Err(AccessError::Deactivated),
        _ => Err(AccessError::WrongCredentials),
    })
}

/// Whether `login` and `password` name an active user, without logging (the check of the
/// audit log as found); a wrong one is logged by the sign-in that follows.
pub(crate) fn check_credentials(
    store: &tovon_store::Store,
    login: &str,
    password: &str,
) -> Result<(), DeskError> {
    Ok(authenticate(store, login, password)?.map(|_| ())?)
}

/// Whether `password` is the one `stored` was made from. A hash that does not read counts as
/// a wrong password, never as a way in.
fn password_matches(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored)
        .map(|hash| Argon2::default().verify_password(password.as_bytes(), &hash).is_ok())
        .unwrap_or(false)
}

/// A hash no password gives, checked when the login does not exist so that a wrong login
/// takes as long as a wrong password.
const DECOY_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$dG92b24tZGVjb3ktc2FsdA$3p5Jc8X0l2C7VwM9Lq1u5Xh0mQ9c1Ykq8p1S0aYJZ7E";

fn user_dto(user: &StoredUser) -> UserDto {
    UserDto {
        id: user.id,
        login: user.login.clone(),
        full_name: user.full_name.clone(),
        role: user.role.into(),
        active: user.active,
        created_at: user.created_at.clone(),
        created_by: user.created_by.clone(),
    }
}

impl Desk {
    /// Whom claim events and the audit log record: the signed-in user's login, "system"
    /// before anyone signs in.
    pub(crate) fn user(&self) -> &str {
        self.session.as_ref().map_or(tovon_store::SYSTEM_ACTOR, |session| &session.login)
    }

    /// The signed-in user, or why there is none.
    pub(crate) fn session(&self) -> Result<&Session, DeskError> {
        match &self.session {
            None => Err(AccessError::SignedOut.into()),
            Some(session) if session.locked => Err(AccessError::Locked.into()),
            Some(session) => Ok(session),
        }
    }

    /// The signed-in user when their role may do `permission` (claim work also needs a desk
    /// not waiting for its history after a restore).
    pub(crate) fn require(&self, permission: Permission) -> Result<&Session, DeskError> {
        let session = self.session()?;
        if !may(session.role, permission) {
            return Err(AccessError::Forbidden { role: session.role, permission }.into());
        }
        if permission == Permission::ClaimWork {
            self.not_awaiting_history()?;
        }
        Ok(session)
    }

    /// Whether the signed-in user may do `permission` (false when nobody is).
    pub(crate) fn may(&self, permission: Permission) -> bool {
        self.session().is_ok_and(|session| may(session.role, permission))
    }

    /// What the window shows first.
    pub fn session_state(&self) -> Result<SessionStateDto, DeskError> {
        Ok(SessionStateDto {
            has_users: self.store.user_count()? > 0,
            session: self.session_dto()?,
            key_notice: self.new_key_notice(),
        })
    }

    fn session_dto(&self) -> Result<Option<SessionDto>, DeskError> {
        let idle_lock_minutes = self.idle_lock_minutes()?;
        Ok(self.session.as_ref().map(|session| SessionDto {
            login: session.login.clone(),
            full_name: session.full_name.clone(),
            role: session.role,
            locked: session.locked,
            idle_lock_minutes,
            language: self.language().into(),
        }))
    }

    fn checked_new_user(&self, user: &NewUserDto) -> Result<(String, String, String), DeskError> {
        let language = self.language();
        let login = user.login.trim();
        let valid_login = !login.is_empty()
            && login.chars().count() <= 64
            && login.chars().all(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '-'));
        if !valid_login {
            return Err(invalid("login", text(language, "user.login_invalid", &[("value", login)])));
        }
        let full_name = user.full_name.trim();
        if full_name.is_empty() {
            return Err(invalid("full_name", text(language, "user.name_missing", &[])));
        }
        Ok((login.to_owned(), full_name.to_owned(), self.checked_password("password", &user.password)?))
    }

    /// The hash of a new password, once it is long enough.
    fn checked_password(&self, field: &str, password: &str) -> Result<String, DeskError> {
        if password.chars().count() < MIN_PASSWORD_CHARS {
            return Err(invalid(
                field,
                text(self.language(), "user.password_short", &[("min", &MIN_PASSWORD_CHARS.to_string())]),
            ));
        }
        hash_password(password)
    }

    fn start_session(&mut self, user: &StoredUser) {
        // The user's own language from now on (a preference that does not read: the desk's).
        if let Ok(language) = self.language_of_user(user.id) {
            self.use_language(language);
        }
        let role = user.role.into();
        self.session = Some(Session {
            user_id: user.id,
            login: user.login.clone(),
            full_name: user.full_name.clone(),
            role,
            locked: false,
        });
        self.store.set_actor(&user.login);
    }

    /// The first start: makes the administrator (only while there is no user) and signs
    /// them in.
    pub fn create_first_administrator(&mut self, user: &NewUserDto) -> Result<SessionDto, DeskError> {
        if self.store.user_count()? > 0 {
            return Err(AccessError::FirstUserExists.into());
        }
        let (login, full_name, password_hash) = self.checked_new_user(user)?;
        let new = NewUser {
            login: &login,
            full_name: &full_name,
            role: tovon_core::Role::Administrator,
            password_hash: &password_hash,
            created_by: &login,
        };
        self.store.set_actor(&login);
        let Some(id) = self.store.add_first_user(&new)? else {
            self.store.set_actor(self.user());
            return Err(AccessError::FirstUserExists.into());
        };
        let stored = self.store.user(id)?.ok_or_else(|| DeskError::Internal(format!("user {id}")))?;
        self.start_session(&stored);
        self.signed_in_dto()
    }

    fn signed_in_dto(&self) -> Result<SessionDto, DeskError> {
        self.session_dto()?.ok_or_else(|| AccessError::SignedOut.into())
    }

    /// Signs in with a login and password; each attempt, right or wrong, is in the audit log.
    pub fn sign_in(&mut self, login: &str, password: &str) -> Result<SessionDto, DeskError> {
        let login = login.trim();
        let (failures, last) = self.store.sign_in_failures(login)?;
        let wait = wait_after(failures) as f64 - last.unwrap_or(f64::MAX);
        if wait > 0.0 {
            self.store.set_actor(login);
            self.store.audit_event("app_user", login, None, r#"{"sign_in":"throttled"}"#)?;
            self.store.set_actor(self.user());
            return Err(AccessError::TooManyAttempts { seconds: wait.ceil() as u64 }.into());
        }
        let checked = authenticate(&self.store, login, password)?;
        let outcome = match &checked {
            Ok(_) => "signed_in",
            Err(AccessError::Deactivated) => "deactivated",
            Err(_) => "wrong_password",
        };
        self.store.set_actor(login);
        self.store.audit_event(
            "app_user",
            login,
            None,
            &serde_json::json!({ "sign_in": outcome }).to_string(),
        )?;
        match checked {
            Ok(user) => {
                self.start_session(&user);
                self.signed_in_dto()
            }
            Err(refused) => {
                self.store.set_actor(self.user());
                Err(refused.into())
            }
        }
    }

    /// Signs out: the window shows the sign-in again.
    pub fn sign_out(&mut self) -> Result<(), DeskError> {
        if let Some(session) = self.session.take() {
            self.store.audit_event("app_user", &session.login, None, r#"{"sign_out":true}"#)?;
        }
        self.desk_language_again()?;
        self.store.set_actor(tovon_store::SYSTEM_ACTOR);
        Ok(())
    }

    /// Locks the window after the idle time: nothing runs until the user's password opens it.
    pub fn lock(&mut self) -> Result<(), DeskError> {
        if let Some(session) = self.session.as_mut() {
            session.locked = true;
        }
        Ok(())
    }

    /// Opens the locked window with the signed-in user's password.
    pub fn unlock(&mut self, password: &str) -> Result<SessionDto, DeskError> {
        let Some(session) = self.session.as_ref() else {
            return Err(AccessError::SignedOut.into());
        };
        let user = self.store.user(session.user_id)?;
        match user {
            Some(user) if user.active && password_matches(password, &user.password_hash) => {
                self.start_session(&user);
                self.signed_in_dto()
            }
            Some(user) if !user.active => {
                self.sign_out()?;
                Err(AccessError::Deactivated.into())
            }
            _ => {
                let login = session.login.clone();
                self.store.audit_event("app_user", &login, None, r#"{"unlock":"wrong_password"}"#)?;
                Err(AccessError::WrongCredentials.into())
            }
        }
    }

    /// The signed-in user changes their own password, giving the current one.
    pub fn change_password(&mut self, current: &str, new: &str) -> Result<(), DeskError> {
        let user_id = self.session()?.user_id;
        self.not_awaiting_history()?;
        let user = self.store.user(user_id)?.ok_or(AccessError::SignedOut)?;
        if !password_matches(current, &user.password_hash) {
            return Err(invalid("current", AccessError::WrongCredentials.message(self.language())));
        }
        let hash = self.checked_password("password", new)?;
        self.store.set_password_hash(user_id, &hash)?;
        Ok(())
    }

    /// Every user (administrators).
    pub fn users(&self) -> Result<Vec<UserDto>, DeskError> {
        self.require(Permission::Administer)?;
        Ok(self.store.users()?.iter().map(user_dto).collect())
    }

    /// Adds a user (administrators).
    pub fn add_user(&mut self, user: &NewUserDto) -> Result<UserDto, DeskError> {
        let creator = self.require(Permission::Administer)?.login.clone();
        // Restored: the users the history brings back come first (their rows, their ids).
        self.not_awaiting_history()?;
        let (login, full_name, password_hash) = self.checked_new_user(user)?;
        let new = NewUser {
            login: &login,
            full_name: &full_name,
            role: user.role.into(),
            password_hash: &password_hash,
            created_by: &creator,
        };
        let id = self.store.add_user(&new)?.ok_or_else(|| {
            invalid("login", text(self.language(), "user.login_taken", &[("login", &login)]))
        })?;
        let stored = self.store.user(id)?.ok_or_else(|| DeskError::Internal(format!("user {id}")))?;
        Ok(user_dto(&stored))
    }

    fn user_by_id(&self, id: i64) -> Result<StoredUser, DeskError> {
        self.store.user(id)?.ok_or_else(|| {
            DeskError::NotFound(text(self.language(), "user.not_found", &[("id", &id.to_string())]))
        })
    }

    /// Changes a user's name, role or whether active (administrators). The last active
    /// administrator keeps the role: otherwise nobody could change settings again.
    pub fn update_user(&mut self, id: i64, change: &UserChangeDto) -> Result<UserDto, DeskError> {
        self.require(Permission::Administer)?;
        self.not_awaiting_history()?;
        let user = self.user_by_id(id)?;
        let full_name = change.full_name.trim();
        if full_name.is_empty() {
            return Err(invalid("full_name", text(self.language(), "user.name_missing", &[])));
        }
        let stays_administrator = change.role == RoleCode::Administrator && change.active;
        if user.role == tovon_core::Role::Administrator
            && user.active
            && !stays_administrator
            && self.store.active_administrators()? <= 1
        {
            return Err(invalid("role", text(self.language(), "user.last_administrator", &[])));
        }
        self.store.update_user(id, full_name, change.role.into(), change.active)?;
        let stored = self.user_by_id(id)?;
        if self.session.as_ref().is_some_and(|session| session.user_id == id) {
            if stored.active {
                self.start_session(&stored);
            } else {
                self.sign_out()?;
            }
        }
        Ok(user_dto(&stored))
    }

    /// Sets a user's password, e.g. one who forgot theirs (administrators).
    pub fn reset_password(&mut self, id: i64, password: &str) -> Result<(), DeskError> {
        self.require(Permission::Administer)?;
        self.not_awaiting_history()?;
        self.user_by_id(id)?;
        let hash = self.checked_password("password", password)?;
        self.store.set_password_hash(id, &hash)?;
        Ok(())
    }

    /// The officer's authority limit in tiyin.
    pub(crate) fn officer_limit_tiyin(&self) -> Result<i64, DeskError> {
        Ok(self
            .store
            .setting(OFFICER_LIMIT_SETTING)?
            .and_then(|value| value.trim().parse::<i64>().ok())
            .filter(|limit| *limit >= 0)
            .unwrap_or(DEFAULT_OFFICER_LIMIT_TIYIN))
    }

    fn idle_lock_minutes(&self) -> Result<u32, DeskError> {
        Ok(self
            .store
            .setting(IDLE_LOCK_SETTING)?
            .and_then(|value| value.trim().parse::<u32>().ok())
            .filter(|minutes| IDLE_LOCK_RANGE.contains(minutes))
            .unwrap_or(DEFAULT_IDLE_LOCK_MINUTES))
    }

    /// The authority limit, the idle lock and the backups kept.
    pub fn security_settings(&self) -> Result<SecuritySettingsDto, DeskError> {
        self.session()?;
        Ok(SecuritySettingsDto {
            officer_limit: tovon_core::Money::from_tiyin(self.officer_limit_tiyin()?).to_string(),
            idle_lock_minutes: self.idle_lock_minutes()?,
            backup_keep: u32::try_from(self.backup_keep()?).unwrap_or(u32::MAX),
            branch_code: self.branch_code.clone(),
        })
    }

    /// Changes them (administrators); each value is checked before any is stored.
    pub fn set_security_settings(
        &mut self,
        settings: &SecuritySettingsDto,
    ) -> Result<SecuritySettingsDto, DeskError> {
        self.require(Permission::Administer)?;
        let language = self.language();
        // Money is never negative as typed (D25); a limit of 0 sends every act to a supervisor.
        let limit = crate::decisions::amount("officer_limit", &settings.officer_limit)?;
        if !IDLE_LOCK_RANGE.contains(&settings.idle_lock_minutes) {
            return Err(invalid(
                "idle_lock_minutes",
                text(
                    language,
                    "settings.idle_invalid",
                    &[("value", &settings.idle_lock_minutes.to_string())],
                ),
            ));
        }
        let keep = self.checked_backup_keep(&settings.backup_keep.to_string())?;
        // Once enrolled, the head office owns the authority limit and the idle lock (issue 20).
        if self.numbering_prefix.is_some() {
            if limit.tiyin() != self.officer_limit_tiyin()? {
                return Err(invalid("officer_limit", text(language, "settings.owned_by_head_office", &[])));
            }
            if settings.idle_lock_minutes != self.idle_lock_minutes()? {
                return Err(invalid(
                    "idle_lock_minutes",
                    text(language, "settings.owned_by_head_office", &[]),
                ));
            }
        }
        // The desk's branch is set once here; left empty, it stays as it is.
        let branch = match settings.branch_code.trim() {
            "" => None,
            typed => Some(crate::claims::branch_code(typed)?),
        };
        self.store.set_setting(OFFICER_LIMIT_SETTING, &limit.tiyin().to_string())?;
        if let Some(branch) = branch {
            self.store.set_setting(crate::desk::BRANCH_SETTING, &branch)?;
            self.branch_code = branch;
        }
        self.store.set_setting(IDLE_LOCK_SETTING, &settings.idle_lock_minutes.to_string())?;
        self.store.set_setting(crate::BACKUP_KEEP_SETTING, &keep.to_string())?;
        self.security_settings()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_matches_its_own_hash_only() {
        let hash = hash_password("тўғри-парол").expect("hash");
        assert!(hash.starts_with("$argon2id$"), "{hash}");
        assert!(password_matches("тўғри-парол", &hash));
        assert!(!password_matches("тўғри-паро", &hash));
        assert!(!password_matches("", "not a hash"));
        assert!(PasswordHash::new(DECOY_HASH).is_ok(), "the decoy is a real Argon2id hash: as slow to check");
        assert!(!password_matches("anything", DECOY_HASH));
        assert_ne!(hash_password("тўғри-парол").expect("hash"), hash, "a new salt every time");
    }

    #[test]
    fn only_supervisors_approve_and_only_administrators_administer() {
        assert!(may(RoleCode::Officer, Permission::ClaimWork));
        assert!(!may(RoleCode::Officer, Permission::ApproveAboveLimit));
        assert!(may(RoleCode::Supervisor, Permission::ApproveAboveLimit));
        assert!(!may(RoleCode::Administrator, Permission::ClaimWork));
        assert!(may(RoleCode::Administrator, Permission::Administer));
        assert!(!may(RoleCode::Supervisor, Permission::Administer));
    }
}

#[cfg(test)]
mod throttle_tests {
    use super::wait_after;

    #[test]
    fn the_wait_starts_after_three_wrong_passwords_doubles_and_stops_at_an_hour() {
        assert_eq!((wait_after(0), wait_after(2)), (0, 0));
        assert_eq!((wait_after(3), wait_after(4), wait_after(5)), (30, 60, 120));
        assert_eq!((wait_after(9), wait_after(10), wait_after(u32::MAX)), (1920, 3600, 3600));
    }
}
