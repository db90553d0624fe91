//! The users, the session and the desk's security settings as the UI and the CLI see them.

use serde::{Deserialize, Serialize};

use super::LanguageTag;
use ts_rs::TS;

/// A user's role (issue 7): an officer works claims; a supervisor (the branch head) also
/// approves acts above the officer's authority limit; an administrator keeps the settings,
/// the schedule table, the calendar and the users.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RoleCode {
    Officer,
    Supervisor,
    Administrator,
}

impl From<tovon_core::Role> for RoleCode {
    fn from(role: tovon_core::Role) -> Self {
        match role {
            tovon_core::Role::Officer => RoleCode::Officer,
            tovon_core::Role::Supervisor => RoleCode::Supervisor,
            tovon_core::Role::Administrator => RoleCode::Administrator,
        }
    }
}

impl From<RoleCode> for tovon_core::Role {
    fn from(role: RoleCode) -> Self {
        match role {
            RoleCode::Officer => tovon_core::Role::Officer,
            RoleCode::Supervisor => tovon_core::Role::Supervisor,
            RoleCode::Administrator => tovon_core::Role::Administrator,
        }
    }
}

impl RoleCode {
    pub fn code(self) -> &'static str {
        match self {
            RoleCode::Officer => "officer",
            RoleCode::Supervisor => "supervisor",
            RoleCode::Administrator => "administrator",
        }
    }

    pub fn from_code(code: &str) -> Option<RoleCode> {
        match code.trim() {
            "officer" => Some(RoleCode::Officer),
            "supervisor" => Some(RoleCode::Supervisor),
            "administrator" => Some(RoleCode::Administrator),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct UserDto {
    #[ts(type = "number")]
    pub id: i64,
    pub login: String,
    pub full_name: String,
    pub role: RoleCode,
    pub active: bool,
    pub created_at: String,
    pub created_by: String,
}

/// A new user, or the first administrator (whose role is always administrator).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct NewUserDto {
    pub login: String,
    pub full_name: String,
    pub role: RoleCode,
    pub password: String,
}

/// An administrator's change to a user: name, role, active.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct UserChangeDto {
    pub full_name: String,
    pub role: RoleCode,
    pub active: bool,
}

/// Who is signed in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SessionDto {
    pub login: String,
    pub full_name: String,
    pub role: RoleCode,
    /// The window is locked: the same user's password opens it.
    pub locked: bool,
    /// Minutes without a key or mouse before the window locks.
    pub idle_lock_minutes: u32,
    /// The language the user works in (their own choice, else the desk's).
    pub language: LanguageTag,
}

/// What the window shows first: the first administrator's form, the sign-in, or the desk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SessionStateDto {
    pub has_users: bool,
    pub session: Option<SessionDto>,
    /// Said once the desk is open when it had to make a new key pair because its key file
    /// was missing (restored on new hardware) or unknown to the database (issue 18).
    pub key_notice: Option<String>,
}

/// The settings only an administrator changes, beside the calendar and the schedule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SecuritySettingsDto {
    /// The officer's authority limit: an act paying more waits for a supervisor (decimal
    /// so'm, "10000000.00").
    pub officer_limit: String,
    pub idle_lock_minutes: u32,
    /// How many automatic backups are kept.
    pub backup_keep: u32,
    /// The desk's branch, which every claim registered here takes ("" while none is set).
    #[serde(default)]
    pub branch_code: String,
}

/// A person's identifiers in full, shown on request (an audited event, 5.4д).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct IdentityDto {
    pub pinfl: String,
    pub passport: String,
}
