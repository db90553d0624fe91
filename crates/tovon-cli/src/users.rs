//! `tovon user …` (the first administrator, users, roles, passwords), `tovon settings …`
//! (the authority limit, the idle lock, backups kept), and signing the command line in as
//! `TOVON_USER` with `TOVON_PASSWORD`.

use std::io::BufRead;

use clap::Subcommand;
use tovon_desk::dto::{NewUserDto, RoleCode, SecuritySettingsDto, UserChangeDto, UserDto};
use tovon_desk::messages::text;
use tovon_desk::{Desk, DeskError};

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Makes the first administrator, only while the desk has no user. The password is read
    /// from the first line of standard input.
    Init {
        login: String,
        /// Full name as documents print it.
        #[arg(long)]
        name: String,
    },
    /// Adds a user (administrators); the password is read from standard input.
    Add {
        login: String,
        #[arg(long)]
        name: String,
        #[arg(long, value_parser = ["officer", "supervisor", "administrator"])]
        role: String,
    },
    /// Every user with role and whether active (administrators).
    List,
    /// Changes a user's name, role or whether active (administrators).
    Set {
        login: String,
        #[arg(long)]
        name: Option<String>,
        #[arg(long, value_parser = ["officer", "supervisor", "administrator"])]
        role: Option<String>,
        #[arg(long)]
        active: Option<bool>,
    },
    /// Sets a user's password, read from standard input (administrators).
    Passwd { login: String },
}

#[derive(Debug, Subcommand)]
pub enum SettingsCommand {
    /// The officer's authority limit, the idle lock, the number of backups kept and the
    /// desk's branch.
    Show,
    /// Changes them (administrators).
    Set {
        /// An act paying more waits for a supervisor's approval (so'm, e.g. 10000000.00).
        #[arg(long)]
        officer_limit: Option<String>,
        /// Minutes without input before the window locks (1–480).
        #[arg(long)]
        idle_lock_minutes: Option<u32>,
        /// Automatic backups kept (1–365).
        #[arg(long)]
        backup_keep: Option<u32>,
        /// The desk's branch code ("ТШ"): every claim registered here takes it.
        #[arg(long)]
        branch: Option<String>,
    },
}

/// `TOVON_USER` and `TOVON_PASSWORD`, when both are given.
pub fn credentials() -> Option<(String, String)> {
    let variable = |name: &str| std::env::var(name).ok().filter(|value| !value.is_empty());
    variable("TOVON_USER").zip(variable("TOVON_PASSWORD"))
}

/// Signs the command line in as `TOVON_USER` with `TOVON_PASSWORD`.
pub fn sign_in(desk: &mut Desk) -> Result<(), DeskError> {
    match credentials() {
        Some((login, password)) => desk.sign_in(&login, &password).map(|_| ()),
        None => Err(DeskError::InvalidInput {
            field: "TOVON_USER".to_owned(),
            problem: text(desk.language(), "access.cli_credentials", &[]),
        }),
    }
}

/// The first line of standard input, without its line ending.
fn password_from_stdin() -> Result<String, DeskError> {
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line).map_err(|error| DeskError::InvalidInput {
        field: "password".to_owned(),
        problem: error.to_string(),
    })?;
    Ok(line.trim_end_matches(['\r', '\n']).to_owned())
}

fn role(code: &str) -> Result<RoleCode, DeskError> {
    RoleCode::from_code(code).ok_or_else(|| {
        tovon_desk::InputError::NotOneOf {
            field: "role".to_owned(),
            value: code.to_owned(),
            expected: "officer, supervisor, administrator".to_owned(),
        }
        .into()
    })
}

fn print_user(user: &UserDto) {
    println!(
        "{}\t{}\t{}\t{}",
        user.login,
        user.role.code(),
        if user.active { "active" } else { "deactivated" },
        user.full_name
    );
}

fn find(desk: &Desk, login: &str) -> Result<UserDto, DeskError> {
    desk.users()?
        .into_iter()
        .find(|user| user.login.eq_ignore_ascii_case(login))
        .ok_or_else(|| DeskError::NotFound(format!("no user {login:?}")))
}

pub fn run(desk: &mut Desk, command: UserCommand) -> Result<(), DeskError> {
    match command {
        UserCommand::Init { login, name } => {
            let password = password_from_stdin()?;
            let session = desk.create_first_administrator(&NewUserDto {
                login,
                full_name: name,
                role: RoleCode::Administrator,
                password,
            })?;
            println!("{}\tadministrator\tactive\t{}", session.login, session.full_name);
        }
        UserCommand::Add { login, name, role: code } => {
            let password = password_from_stdin()?;
            let user = desk.add_user(&NewUserDto { login, full_name: name, role: role(&code)?, password })?;
            print_user(&user);
        }
        UserCommand::List => desk.users()?.iter().for_each(print_user),
        UserCommand::Set { login, name, role: code, active } => {
            let user = find(desk, &login)?;
            let change = UserChangeDto {
                full_name: name.unwrap_or(user.full_name),
                role: code.as_deref().map(role).transpose()?.unwrap_or(user.role),
                active: active.unwrap_or(user.active),
            };
            print_user(&desk.update_user(user.id, &change)?);
        }
        UserCommand::Passwd { login } => {
            let user = find(desk, &login)?;
            desk.reset_password(user.id, &password_from_stdin()?)?;
            println!("{}: password set", user.login);
        }
    }
    Ok(())
}

pub fn settings(desk: &mut Desk, command: SettingsCommand) -> Result<(), DeskError> {
    let shown = match command {
        SettingsCommand::Show => desk.security_settings()?,
        SettingsCommand::Set { officer_limit, idle_lock_minutes, backup_keep, branch } => {
            let now = desk.security_settings()?;
            desk.set_security_settings(&SecuritySettingsDto {
                officer_limit: officer_limit.unwrap_or(now.officer_limit),
                idle_lock_minutes: idle_lock_minutes.unwrap_or(now.idle_lock_minutes),
                backup_keep: backup_keep.unwrap_or(now.backup_keep),
                branch_code: branch.unwrap_or(now.branch_code),
            })?
        }
    };
    println!("officer_limit\t{}", shown.officer_limit);
    println!("idle_lock_minutes\t{}", shown.idle_lock_minutes);
    println!("backup_keep\t{}", shown.backup_keep);
    println!("branch\t{}", shown.branch_code);
    Ok(())
}
