//! Integration tests of tovon-desk: use cases over real SQLite files, and the
//! committed TypeScript bindings.
// Test code: a failed expectation is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod backups;
mod bindings;
mod calculator;
mod claims;
mod decisions;
mod desk;
mod documents;
mod fuzz;
mod policies;
mod records;
mod register_files;
mod schedule_versions;
mod users;

use std::path::Path;

use tovon_desk::Desk;
use tovon_desk::dto::{NewUserDto, RoleCode};

/// Every test user's password.
pub(crate) const PASSWORD: &str = "синов-пароли-1";

/// The desk on `db` signed in as `login`. A database without users gets `admin`
/// (administrator), `officer` (Каримова Нилуфар), `boss` and `boss2` (supervisors) first.
pub(crate) fn signed_in(db: &Path, login: &str) -> Desk {
    let mut desk = Desk::open(db).unwrap();
    if !desk.session_state().unwrap().has_users {
        let user = |login: &str, full_name: &str, role| NewUserDto {
            login: login.to_owned(),
            full_name: full_name.to_owned(),
            role,
            password: PASSWORD.to_owned(),
        };
        desk.create_first_administrator(&user("admin", "Тизим Администратори", RoleCode::Administrator))
            .unwrap();
        for (login, name, role) in [
            ("officer", "Каримова Нилуфар", RoleCode::Officer),
            ("boss", "Раҳимов Баҳодир", RoleCode::Supervisor),
            ("boss2", "Юсупова Дилноза", RoleCode::Supervisor),
        ] {
            desk.add_user(&user(login, name, role)).unwrap();
        }
    }
    desk.sign_in(login, PASSWORD).unwrap();
    desk
}
