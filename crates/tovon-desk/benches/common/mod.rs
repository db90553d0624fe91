//! What the benchmarks share: a desk signed in on their database.

use tovon_desk::Desk;

/// The desk on `db` signed in as an officer (made, with the administrator, when the file
/// has no users yet).
pub fn signed_in(db: &std::path::Path) -> Desk {
    use tovon_desk::dto::{NewUserDto, RoleCode};
    const PASSWORD: &str = "bench-password";
    let mut desk = Desk::open(db).unwrap();
    if !desk.session_state().unwrap().has_users {
        let user = |login: &str, role| NewUserDto {
            login: login.to_owned(),
            full_name: "Бенчмарк Фойдаланувчи".to_owned(),
            role,
            password: PASSWORD.to_owned(),
        };
        desk.create_first_administrator(&user("admin", RoleCode::Administrator)).unwrap();
        desk.add_user(&user("officer", RoleCode::Officer)).unwrap();
    }
    desk.sign_in("officer", PASSWORD).unwrap();
    desk
}
