//! The desktop shell: opens the desk on start and registers the command adapters.
//! No SQL and no business logic here (ARCHITECTURE.md): only tovon-desk decides.

mod commands;
mod state;

use std::path::PathBuf;

use tauri::Manager;

/// `--db PATH` or `--db=PATH` on the app's command line, as for the CLI.
fn db_argument() -> Option<PathBuf> {
    let mut args = std::env::args_os().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--db" {
            return args.next().map(PathBuf::from);
        }
        if let Some(path) = arg.to_str().and_then(|text| text.strip_prefix("--db=")) {
            return Some(PathBuf::from(path));
        }
    }
    None
}

pub fn run() {
    let desk = state::DeskState::open(db_argument());
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .manage(desk)
        .invoke_handler(tauri::generate_handler![
            commands::about,
            commands::preferences,
            commands::set_language,
            commands::schedule,
            commands::search_schedule,
            commands::calculate,
            commands::find_policies,
            commands::import_policies,
            commands::import_header,
            commands::column_mappings,
            commands::save_column_mapping,
            commands::check_claim,
            commands::calculate_claim,
            commands::register_claim,
            commands::claim,
            commands::list_claims,
            commands::transition_claim,
            commands::claim_documents,
            commands::receive_document,
            commands::unreceive_document,
            commands::verify_document,
            commands::request_document,
            commands::change_claim_facts,
            commands::attach_document,
            commands::remove_attachment,
            commands::attachment_content,
            commands::decision_view,
            commands::preview_act,
            commands::approve_claim,
            commands::refuse_claim,
            commands::defer_claim,
            commands::sign_act,
            commands::record_payment,
            commands::add_external_payment,
            commands::issue_request,
            commands::issued_document_content,
            commands::save_issued_document,
            commands::open_issued_document,
            commands::claim_history,
            commands::offered_backup,
            commands::restore_offered_backup,
            commands::calendar_year,
            commands::set_calendar_day,
            commands::session_state,
            commands::create_first_administrator,
            commands::sign_in,
            commands::sign_out,
            commands::lock,
            commands::unlock,
            commands::change_password,
            commands::users,
            commands::add_user,
            commands::update_user,
            commands::reset_password,
            commands::security_settings,
            commands::set_security_settings,
            commands::reveal_identity,
            commands::approve_submission,
            commands::close_submission,
        ])
        .setup(|app| {
            // The daily automatic backup, off the main thread (issue 7): looked at hourly, made
            // when the newest is a day old.
            let handle = app.handle().clone();
            std::thread::spawn(move || {
                loop {
                    handle.state::<state::DeskState>().automatic_backup(false);
                    std::thread::sleep(std::time::Duration::from_secs(3600));
                }
            });
            Ok(())
        })
        .build(tauri::generate_context!())
        .map(|app| {
            app.run(|handle, event| {
                if let tauri::RunEvent::Exit = event {
                    // The backup on exit: the window is gone, the desk still open.
                    handle.state::<state::DeskState>().automatic_backup(true);
                }
            })
        });
    if let Err(error) = result {
        // Nothing to show a window with: the console is all that is left.
        tracing::error!(error = %error, "the window could not start");
        eprintln!("Tovon could not start its window: {error}");
        std::process::exit(1);
    }
}
