//! What the head office's benchmarks share: a scratch database on the server `make bench`
//! starts, and a desk made, given its branch and trusting the head office, ready to enrol.
#![allow(dead_code)]

use std::path::Path;

use tovon_desk::Desk;
use tovon_desk::dto::{NewUserDto, RoleCode, SecuritySettingsDto};
use tovon_exchange::ExchangeIdentity;

#[path = "../../tests/common/mod.rs"]
mod scratch;
pub use scratch::Scratch;

pub const PASSWORD: &str = "bench-password";

/// A new desk on `db` with an administrator (signed in) and an officer, its branch `branch`
/// and an authority limit no act reaches, trusting the head office `identity`.
pub fn desk_trusting(db: &Path, branch: &str, identity: &ExchangeIdentity) -> Desk {
    let mut desk = Desk::open(db).unwrap();
    let user = |login: &str, role| NewUserDto {
        login: login.to_owned(),
        full_name: "Бенчмарк Фойдаланувчи".to_owned(),
        role,
        password: PASSWORD.to_owned(),
    };
    desk.create_first_administrator(&user("admin", RoleCode::Administrator)).unwrap();
    desk.add_user(&user("officer", RoleCode::Officer)).unwrap();
    desk.set_security_settings(&SecuritySettingsDto {
        officer_limit: "100000000".to_owned(),
        idle_lock_minutes: 10,
        backup_keep: 10,
        branch_code: branch.to_owned(),
    })
    .unwrap();
    let public = identity.public();
    let keys = serde_json::to_vec(&tovon_exchange::PartyFile::of("HQ", &public)).unwrap();
    desk.trust_head_office(&keys, &tovon_exchange::fingerprint(&public)).unwrap();
    desk
}

/// A valid PINFL (7-3-1 check digit) for someone born on `born` (DDMMYY), serial `serial`.
pub fn pinfl(born: &str, serial: usize) -> String {
    let body = format!("3{born}{serial:06}");
    let weights = [7, 3, 1];
    let sum: u32 =
        body.chars().enumerate().map(|(at, digit)| digit.to_digit(10).unwrap() * weights[at % 3]).sum();
    format!("{body}{}", sum % 10)
}
