//! Who sits at the desk (UI.md): an officer works claims, a supervisor also approves acts
//! above the officer's authority limit (four eyes), an administrator keeps users, the
//! calendar, the schedule and backups. The codes are what a user's row holds.

/// A user's role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    Officer,
    Supervisor,
    Administrator,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Officer, Role::Supervisor, Role::Administrator];

    pub const fn code(self) -> &'static str {
        match self {
            Role::Officer => "officer",
            Role::Supervisor => "supervisor",
            Role::Administrator => "administrator",
        }
    }
}

impl std::str::FromStr for Role {
    type Err = crate::decision::UnknownKind;

    fn from_str(code: &str) -> Result<Self, Self::Err> {
        Role::ALL
            .into_iter()
            .find(|role| role.code() == code)
            .ok_or_else(|| crate::decision::UnknownKind(code.to_owned()))
    }
}
