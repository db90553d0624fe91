//! The desktop shell: opens the desk on start and registers the command adapters.
//! No SQL and no business logic here (ARCHITECTURE.md): only tovon-desk decides.

mod commands;
mod dialogs;
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

/// Every command the window may call, declared once: the handler Tauri registers and the
/// names `ui/src/lib/commands.test.ts` holds `ui/src/lib/api.ts` to both come from this list.
macro_rules! window_commands {
    ($($name:ident),* $(,)?) => {
        /// The commands' names as the window invokes them.
        pub const COMMANDS: &[&str] = &[$(stringify!($name)),*];

        fn handler() -> impl Fn(tauri::ipc::Invoke<tauri::Wry>) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$(commands::$name),*]
        }
    };
}

window_commands![
    about,
    preferences,
    set_language,
    schedule,
    search_schedule,
    calculate,
    search_policies,
    export_claims,
    pdf_in_window,
    open_attachment,
    export_payments,
    export_rejected_rows,
    save_calculation_pdf,
    cancel_import,
    person_card,
    choose_register_file,
    import_policies,
    import_header,
    column_mappings,
    save_column_mapping,
    check_claim,
    calculate_claim,
    register_claim,
    claim,
    list_claims,
    today_work,
    transition_claim,
    claim_documents,
    receive_document,
    unreceive_document,
    verify_document,
    request_document,
    change_claim_facts,
    attach_chosen,
    attach_dropped,
    remove_attachment,
    attachment_content,
    decision_view,
    preview_act,
    preview_submission,
    preview_refusal,
    approve_claim,
    refuse_claim,
    defer_claim,
    sign_act,
    record_payment,
    add_external_payment,
    issue_request,
    issued_document_content,
    save_issued_document,
    open_issued_document,
    claim_history,
    offered_backup,
    backup_status,
    form_draft,
    save_form_draft,
    discard_form_draft,
    restore_offered_backup,
    calendar_year,
    set_calendar_day,
    calendar_status,
    desk_keys,
    confirm_calendar_year,
    session_state,
    create_first_administrator,
    sign_in,
    sign_out,
    lock,
    unlock,
    change_password,
    users,
    add_user,
    update_user,
    reset_password,
    security_settings,
    set_security_settings,
    reveal_identity,
    approve_submission,
    close_submission,
    exchange_status,
    exchange_export,
    exchange_import,
    exchange_sync,
    exchange_request,
    exchange_trust
];

pub fn run() {
    let desk = state::DeskState::open(db_argument());
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .manage(desk)
        .invoke_handler(handler())
        .on_window_event(|window, event| {
            // A drop's files are kept here; the window says which row they went to.
            if let tauri::WindowEvent::DragDrop(tauri::DragDropEvent::Drop { paths, .. }) = event {
                window.state::<state::DeskState>().chosen.set_dropped(paths.clone());
            }
        })
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
