//! `#[tauri::command]` adapters: each converts, calls one tovon-desk use case, converts back.

use std::path::{Path, PathBuf};

use tauri::ipc::{Channel, Response};
use tauri::{AppHandle, State};
use tovon_desk::dto::{
    AboutDto, ApproveDto, BackupDto, BackupStatusDto, CalculationDto, CalendarDayDto, CalendarStatusDto,
    ChecklistDto, ClaimDraftDto, ClaimDto, ClaimFactsDto, ClaimListDto, ClaimListQueryDto,
    ClaimTransitionDto, ClaimWarningDto, ColumnMappingDto, DecisionViewDto, DeferDto, DeskKeyDto,
    DocumentReceiptDto, DocumentRequestDto, ErrorDto, ExchangeProgressDto, ExchangeStatusDto, ExportDto,
    ExternalPaymentInputDto, FormCode, HistoryLineDto, IdentityDto, ImportHeaderDto, ImportProgressDto,
    ImportReportDto, IssuedDocumentDto, LanguageTag, NewUserDto, PaperDto, PaymentInputDto, PersonCardDto,
    PolicySearchDto, PreferencesDto, ReceivedDto, RefuseDto, ScheduleViewDto, SecuritySettingsDto, SentDto,
    SessionDto, SessionStateDto, SyncedDto, TodayDto, UserChangeDto, UserDto,
};

use crate::dialogs;
use crate::state::DeskState;

#[tauri::command]
pub async fn about(desk: State<'_, DeskState>) -> Result<AboutDto, ErrorDto> {
    desk.run(|desk| desk.about()).await
}

#[tauri::command]
pub async fn preferences(desk: State<'_, DeskState>) -> Result<PreferencesDto, ErrorDto> {
    desk.run(|desk| Ok(desk.preferences())).await
}

#[tauri::command]
pub async fn set_language(
    desk: State<'_, DeskState>,
    language: LanguageTag,
) -> Result<PreferencesDto, ErrorDto> {
    desk.run(move |desk| desk.set_language(language)).await
}

/// The shell reads the clock; the desk takes the day as an argument.
fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

#[tauri::command]
pub async fn schedule(desk: State<'_, DeskState>) -> Result<ScheduleViewDto, ErrorDto> {
    desk.run(|desk| desk.schedule(today())).await
}

#[tauri::command]
pub async fn search_schedule(desk: State<'_, DeskState>, query: String) -> Result<Vec<String>, ErrorDto> {
    desk.run(move |desk| desk.search_schedule(today(), &query)).await
}

/// `request` is the JSON text of a `CalcRequestDto`: the same parser as `tovon calc`.
#[tauri::command]
pub async fn calculate(desk: State<'_, DeskState>, request: String) -> Result<CalculationDto, ErrorDto> {
    desk.run(move |desk| desk.calculate(&request, today())).await
}

/// A person's card from a registry result (issue 19).
#[tauri::command]
pub async fn person_card(desk: State<'_, DeskState>, policy_id: i64) -> Result<PersonCardDto, ErrorDto> {
    desk.run(move |desk| desk.person_card(policy_id, today())).await
}

/// The registry search as people type: the first matches and how many in all (issue 19).
#[tauri::command]
pub async fn search_policies(desk: State<'_, DeskState>, query: String) -> Result<PolicySearchDto, ErrorDto> {
    desk.run(move |desk| desk.search_policies(&query)).await
}

/// The register's file kinds, offered by the open dialog.
const REGISTER_FILES: &[&str] = &["csv", "txt", "xlsx", "xlsm"];
/// The scans a checklist item takes.
const SCANS: &[&str] = &["pdf", "jpg", "jpeg", "png"];

/// Runs a dialog (it blocks until answered) off the main thread.
async fn asked<T: Send + 'static>(dialog: impl FnOnce() -> T + Send + 'static) -> Result<T, ErrorDto> {
    tauri::async_runtime::spawn_blocking(dialog).await.map_err(|error| ErrorDto {
        code: tovon_desk::dto::ErrorCode::Internal,
        message: error.to_string(),
        field: None,
    })
}

/// The register file the dialog chose, or the error asking for one first.
fn chosen_file(chosen: Option<PathBuf>, desk: &tovon_desk::Desk) -> Result<PathBuf, tovon_desk::DeskError> {
    chosen.ok_or_else(|| tovon_desk::DeskError::InvalidInput {
        field: "file".to_owned(),
        problem: tovon_desk::messages::text(desk.language(), "registry.no_file", &[]),
    })
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(|| path.display().to_string(), |name| name.to_string_lossy().into_owned())
}

/// Asks for the register file in the system's dialog; the window gets its name (none:
/// cancelled), the desk keeps its path for the header and the import.
#[tauri::command]
pub async fn choose_register_file(
    app: AppHandle,
    desk: State<'_, DeskState>,
) -> Result<Option<String>, ErrorDto> {
    let ask = desk.ask("register", REGISTER_FILES).await?;
    let picked = asked(move || dialogs::open(&app, &ask, false)).await?;
    Ok(picked.into_iter().next().map(|path| {
        let name = file_name(&path);
        desk.chosen.set_register(path);
        name
    }))
}

/// Imports the chosen register file, telling the window how far it is on `on_progress`.
#[tauri::command]
pub async fn import_policies(
    desk: State<'_, DeskState>,
    mapping: Option<String>,
    on_progress: Channel<ImportProgressDto>,
) -> Result<ImportReportDto, ErrorDto> {
    let chosen = desk.chosen.register();
    let cancel = std::sync::Arc::clone(&desk.import_cancel);
    cancel.store(false, std::sync::atomic::Ordering::SeqCst);
    desk.run(move |desk| {
        let path = chosen_file(chosen, desk)?;
        desk.import_policies_with_progress(&path, mapping.as_deref(), &mut |step| {
            // A window closed meanwhile does not stop the import; "Cancel" does.
            let _ = on_progress.send(step);
            match cancel.load(std::sync::atomic::Ordering::SeqCst) {
                true => std::ops::ControlFlow::Break(()),
                false => std::ops::ControlFlow::Continue(()),
            }
        })
    })
    .await
}

/// "Cancel" on a running import: it stops at its next step and stores nothing (issue 19).
#[tauri::command]
pub async fn cancel_import(desk: State<'_, DeskState>) -> Result<(), ErrorDto> {
    desk.import_cancel.store(true, std::sync::atomic::Ordering::SeqCst);
    Ok(())
}

/// The header of a register file and the field each cell is taken for.
#[tauri::command]
pub async fn import_header(
    desk: State<'_, DeskState>,
    mapping: Option<String>,
) -> Result<ImportHeaderDto, ErrorDto> {
    let chosen = desk.chosen.register();
    desk.run(move |desk| desk.import_header(&chosen_file(chosen, desk)?, mapping.as_deref())).await
}

#[tauri::command]
pub async fn column_mappings(desk: State<'_, DeskState>) -> Result<Vec<ColumnMappingDto>, ErrorDto> {
    desk.run(|desk| desk.column_mappings()).await
}

#[tauri::command]
pub async fn save_column_mapping(
    desk: State<'_, DeskState>,
    mapping: ColumnMappingDto,
) -> Result<(), ErrorDto> {
    desk.run(move |desk| desk.save_column_mapping(&mapping)).await
}

/// Calculates a claim with the Calculator's request and saves it to the claim.
#[tauri::command]
pub async fn calculate_claim(
    desk: State<'_, DeskState>,
    id: String,
    request: String,
) -> Result<ClaimDto, ErrorDto> {
    desk.run(move |desk| desk.calculate_claim(&id, &request, today())).await
}

#[tauri::command]
pub async fn check_claim(
    desk: State<'_, DeskState>,
    draft: ClaimDraftDto,
) -> Result<Vec<ClaimWarningDto>, ErrorDto> {
    desk.run(move |desk| desk.check_claim(&draft, today())).await
}

#[tauri::command]
pub async fn register_claim(desk: State<'_, DeskState>, draft: ClaimDraftDto) -> Result<ClaimDto, ErrorDto> {
    desk.run(move |desk| desk.register_claim(&draft, today())).await
}

#[tauri::command]
pub async fn claim(desk: State<'_, DeskState>, id: String) -> Result<ClaimDto, ErrorDto> {
    desk.run(move |desk| desk.claim(&id, today())).await
}

#[tauri::command]
pub async fn list_claims(
    desk: State<'_, DeskState>,
    query: ClaimListQueryDto,
) -> Result<ClaimListDto, ErrorDto> {
    desk.run(move |desk| desk.list_claims(&query, today())).await
}

/// The Today screen: the signed-in user's queues with their counts (issue 19).
#[tauri::command]
pub async fn today_work(desk: State<'_, DeskState>) -> Result<TodayDto, ErrorDto> {
    desk.run(move |desk| desk.today(today())).await
}

#[tauri::command]
pub async fn transition_claim(
    desk: State<'_, DeskState>,
    id: String,
    transition: ClaimTransitionDto,
) -> Result<ClaimDto, ErrorDto> {
    desk.run(move |desk| desk.transition_claim(&id, &transition, today())).await
}

#[tauri::command]
pub async fn calendar_year(desk: State<'_, DeskState>, year: i32) -> Result<Vec<CalendarDayDto>, ErrorDto> {
    desk.run(move |desk| desk.calendar_year(year)).await
}

/// `date` as typed (ISO or DD.MM.YYYY); the desk names it when it is not a date.
#[tauri::command]
pub async fn set_calendar_day(
    desk: State<'_, DeskState>,
    date: String,
    holiday: bool,
    name: String,
) -> Result<CalendarDayDto, ErrorDto> {
    desk.run(move |desk| desk.set_calendar_day_text(&date, holiday, &name)).await
}

/// Which years' calendars are confirmed, and from November whether next year waits.
#[tauri::command]
pub async fn calendar_status(desk: State<'_, DeskState>) -> Result<CalendarStatusDto, ErrorDto> {
    desk.run(|desk| desk.calendar_status(today())).await
}

/// Every public key the desk has signed its audit anchors with, the current one marked.
#[tauri::command]
pub async fn desk_keys(desk: State<'_, DeskState>) -> Result<Vec<DeskKeyDto>, ErrorDto> {
    desk.run(|desk| desk.desk_keys()).await
}

/// An administrator confirms a year's days against the decrees.
#[tauri::command]
pub async fn confirm_calendar_year(
    desk: State<'_, DeskState>,
    year: i32,
) -> Result<CalendarStatusDto, ErrorDto> {
    desk.run(move |desk| desk.confirm_calendar_year(year, today())).await
}

#[tauri::command]
pub async fn claim_documents(desk: State<'_, DeskState>, id: String) -> Result<ChecklistDto, ErrorDto> {
    desk.run(move |desk| desk.documents(&id, today())).await
}

#[tauri::command]
pub async fn receive_document(
    desk: State<'_, DeskState>,
    id: String,
    receipt: DocumentReceiptDto,
) -> Result<ChecklistDto, ErrorDto> {
    desk.run(move |desk| desk.receive_document(&id, &receipt, today())).await
}

#[tauri::command]
pub async fn unreceive_document(
    desk: State<'_, DeskState>,
    id: String,
    item: String,
) -> Result<ChecklistDto, ErrorDto> {
    desk.run(move |desk| desk.unreceive_document(&id, &item, today())).await
}

#[tauri::command]
pub async fn verify_document(
    desk: State<'_, DeskState>,
    id: String,
    item: String,
    on: String,
) -> Result<ChecklistDto, ErrorDto> {
    desk.run(move |desk| desk.verify_document(&id, &item, &on, today())).await
}

#[tauri::command]
pub async fn request_document(
    desk: State<'_, DeskState>,
    id: String,
    request: DocumentRequestDto,
) -> Result<ChecklistDto, ErrorDto> {
    desk.run(move |desk| desk.request_document(&id, &request, today())).await
}

#[tauri::command]
pub async fn change_claim_facts(
    desk: State<'_, DeskState>,
    id: String,
    facts: ClaimFactsDto,
) -> Result<ChecklistDto, ErrorDto> {
    desk.run(move |desk| desk.change_claim_facts(&id, &facts, today())).await
}

/// Asks for scans in the system's dialog and attaches them to a checklist item, in order
/// (none chosen: nothing changes).
#[tauri::command]
pub async fn attach_chosen(
    app: AppHandle,
    desk: State<'_, DeskState>,
    id: String,
    item: String,
) -> Result<Option<ChecklistDto>, ErrorDto> {
    let ask = desk.ask("scan", SCANS).await?;
    let picked = asked(move || dialogs::open(&app, &ask, true)).await?;
    if picked.is_empty() {
        return Ok(None);
    }
    attach_each(&desk, id, item, picked).await.map(Some)
}

/// Attaches the files of the last drop on the window to a checklist item.
#[tauri::command]
pub async fn attach_dropped(
    desk: State<'_, DeskState>,
    id: String,
    item: String,
) -> Result<ChecklistDto, ErrorDto> {
    let dropped = desk.chosen.take_dropped();
    attach_each(&desk, id, item, dropped).await
}

/// Attaches files in order; the first that is refused stops the rest (those before it stay).
async fn attach_each(
    desk: &DeskState,
    id: String,
    item: String,
    paths: Vec<PathBuf>,
) -> Result<ChecklistDto, ErrorDto> {
    desk.run(move |desk| {
        let mut checklist = None;
        for path in &paths {
            checklist = Some(desk.attach_document(&id, &item, path, today())?);
        }
        match checklist {
            Some(checklist) => Ok(checklist),
            None => desk.documents(&id, today()),
        }
    })
    .await
}

#[tauri::command]
pub async fn remove_attachment(
    desk: State<'_, DeskState>,
    id: String,
    attachment: i64,
    reason: String,
) -> Result<ChecklistDto, ErrorDto> {
    desk.run(move |desk| desk.remove_attachment(&id, attachment, &reason, today())).await
}

/// An attachment's bytes (checked against their SHA-256) as a raw response: the window
/// gets an ArrayBuffer, not a JSON array of numbers.
#[tauri::command]
pub async fn attachment_content(desk: State<'_, DeskState>, attachment: i64) -> Result<Response, ErrorDto> {
    let (_, bytes) = desk.run(move |desk| desk.attachment_content(attachment)).await?;
    Ok(Response::new(bytes))
}

/// When the desk did not open (a damaged file): the newest automatic backup that passes the
/// integrity check, offered in its place.
#[tauri::command]
pub async fn offered_backup(desk: State<'_, DeskState>) -> Result<Option<BackupDto>, ErrorDto> {
    Ok(desk.offered_backup().await)
}

/// The signed-in user's draft of a form (issue 19), as the window saved it.
#[tauri::command]
pub async fn form_draft(desk: State<'_, DeskState>, form: FormCode) -> Result<Option<String>, ErrorDto> {
    desk.run(move |desk| desk.form_draft(form)).await
}

/// Keeps the signed-in user's draft of a form.
#[tauri::command]
pub async fn save_form_draft(
    desk: State<'_, DeskState>,
    form: FormCode,
    content: String,
) -> Result<(), ErrorDto> {
    desk.run(move |desk| desk.save_form_draft(form, &content)).await
}

/// Forgets the signed-in user's draft of a form ("New blank").
#[tauri::command]
pub async fn discard_form_draft(desk: State<'_, DeskState>, form: FormCode) -> Result<(), ErrorDto> {
    desk.run(move |desk| desk.discard_form_draft(form)).await
}

/// What the automatic backups last did: the header's chip and Settings (any user, signed in
/// or not: a backup is the desk's own work).
#[tauri::command]
pub async fn backup_status(desk: State<'_, DeskState>) -> Result<BackupStatusDto, ErrorDto> {
    desk.run(|desk| Ok(desk.backup_status())).await
}

/// Restores the offered backup over a database that did not open, keeping the damaged file
/// beside it, and opens the desk.
#[tauri::command]
pub async fn restore_offered_backup(desk: State<'_, DeskState>) -> Result<(), ErrorDto> {
    desk.restore_and_open().await
}

/// A claim's history from the audit log, oldest first.
#[tauri::command]
pub async fn claim_history(desk: State<'_, DeskState>, id: String) -> Result<Vec<HistoryLineDto>, ErrorDto> {
    desk.run(move |desk| desk.claim_history_in_words(&id)).await
}

#[tauri::command]
pub async fn decision_view(desk: State<'_, DeskState>, id: String) -> Result<DecisionViewDto, ErrorDto> {
    desk.run(move |desk| desk.decision_view(&id, today())).await
}

/// The act as approving would issue it, marked as a draft: its blocks, for the window to lay
/// out (a web view may show no PDF).
#[tauri::command]
pub async fn preview_act(
    desk: State<'_, DeskState>,
    id: String,
    request: ApproveDto,
) -> Result<PaperDto, ErrorDto> {
    desk.run(move |desk| Ok(desk.preview_act(&id, &request, today())?.paper())).await
}

/// The refusal letter as it would be issued (a draft, no number).
#[tauri::command]
pub async fn preview_refusal(
    desk: State<'_, DeskState>,
    id: String,
    request: RefuseDto,
) -> Result<PaperDto, ErrorDto> {
    desk.run(move |desk| Ok(desk.preview_refusal(&id, &request, today())?.paper())).await
}

/// The act waiting for a supervisor, as it would be issued (a draft, no number).
#[tauri::command]
pub async fn preview_submission(desk: State<'_, DeskState>, id: String) -> Result<PaperDto, ErrorDto> {
    desk.run(move |desk| Ok(desk.preview_submission(&id, today())?.paper())).await
}

#[tauri::command]
pub async fn approve_claim(
    desk: State<'_, DeskState>,
    id: String,
    request: ApproveDto,
) -> Result<DecisionViewDto, ErrorDto> {
    desk.run(move |desk| desk.approve_claim(&id, &request, today())).await
}

#[tauri::command]
pub async fn refuse_claim(
    desk: State<'_, DeskState>,
    id: String,
    request: RefuseDto,
) -> Result<DecisionViewDto, ErrorDto> {
    desk.run(move |desk| desk.refuse_claim(&id, &request, today())).await
}

#[tauri::command]
pub async fn defer_claim(
    desk: State<'_, DeskState>,
    id: String,
    request: DeferDto,
) -> Result<DecisionViewDto, ErrorDto> {
    desk.run(move |desk| desk.defer_claim(&id, &request, today())).await
}

#[tauri::command]
pub async fn sign_act(
    desk: State<'_, DeskState>,
    id: String,
    on: String,
) -> Result<DecisionViewDto, ErrorDto> {
    desk.run(move |desk| desk.sign_act(&id, &on, today())).await
}

#[tauri::command]
pub async fn record_payment(
    desk: State<'_, DeskState>,
    id: String,
    payment: PaymentInputDto,
) -> Result<DecisionViewDto, ErrorDto> {
    desk.run(move |desk| desk.record_payment(&id, &payment, today())).await
}

#[tauri::command]
pub async fn add_external_payment(
    desk: State<'_, DeskState>,
    id: String,
    payment: ExternalPaymentInputDto,
) -> Result<DecisionViewDto, ErrorDto> {
    desk.run(move |desk| desk.add_external_payment(&id, &payment, today())).await
}

#[tauri::command]
pub async fn issue_request(
    desk: State<'_, DeskState>,
    id: String,
    language: Option<LanguageTag>,
) -> Result<IssuedDocumentDto, ErrorDto> {
    desk.run(move |desk| desk.issue_request(&id, language, today())).await
}

/// An issued document's bytes, exactly as issued (checked against their SHA-256).
#[tauri::command]
pub async fn issued_document_content(
    desk: State<'_, DeskState>,
    document: i64,
) -> Result<Response, ErrorDto> {
    let (_, bytes) = desk.run(move |desk| desk.issued_pdf(document)).await?;
    Ok(Response::new(bytes))
}

/// Asks where to save an issued document (its number as the file's name) and writes its
/// bytes there; the window gets the place to show, none when cancelled.
#[tauri::command]
pub async fn save_issued_document(
    app: AppHandle,
    desk: State<'_, DeskState>,
    document: i64,
) -> Result<Option<String>, ErrorDto> {
    let (issued, _) = desk.run(move |desk| desk.issued_pdf(document)).await?;
    let ask = desk.ask("save", &["pdf"]).await?;
    let Some(path) = asked(move || dialogs::save(&app, &ask, &issued.file_name)).await? else {
        return Ok(None);
    };
    let shown = path.display().to_string();
    desk.run(move |desk| desk.save_issued_document(document, &path)).await?;
    Ok(Some(shown))
}

/// The claims list as filtered, to an XLSX file the person picks (issue 19); none when the
/// dialog is cancelled.
#[tauri::command]
pub async fn export_claims(
    app: AppHandle,
    desk: State<'_, DeskState>,
    query: ClaimListQueryDto,
    reveal: bool,
) -> Result<Option<ExportDto>, ErrorDto> {
    let ask = desk.ask("export", &["xlsx"]).await?;
    let name = format!("claims-{}.xlsx", today());
    let Some(path) = asked(move || dialogs::save(&app, &ask, &name)).await? else {
        return Ok(None);
    };
    desk.run(move |desk| desk.export_claims(&query, reveal, &path, today())).await.map(Some)
}

/// The payments register of a period, to an XLSX file the person picks (issue 19).
#[tauri::command]
pub async fn export_payments(
    app: AppHandle,
    desk: State<'_, DeskState>,
    from: String,
    to: String,
    reveal: bool,
) -> Result<Option<ExportDto>, ErrorDto> {
    let ask = desk.ask("export", &["xlsx"]).await?;
    let name = format!("payments-{from}-{to}.xlsx");
    let Some(path) = asked(move || dialogs::save(&app, &ask, &name)).await? else {
        return Ok(None);
    };
    desk.run(move |desk| desk.export_payments(&from, &to, reveal, &path)).await.map(Some)
}

/// The Calculator's result as a PDF the person saves, to print or keep (issue 19).
#[tauri::command]
pub async fn save_calculation_pdf(
    app: AppHandle,
    desk: State<'_, DeskState>,
    request: String,
) -> Result<Option<String>, ErrorDto> {
    let pdf = {
        let request = request.clone();
        desk.run(move |desk| desk.calculation_pdf(&request, today())).await?
    };
    let ask = desk.ask("calc_pdf", &["pdf"]).await?;
    let name = format!("calculation-{}.pdf", today());
    let Some(path) = asked(move || dialogs::save(&app, &ask, &name)).await? else {
        return Ok(None);
    };
    let shown = path.display().to_string();
    desk.run(move |desk| desk.write_file(&path, &pdf)).await?;
    Ok(Some(shown))
}

/// The last import's rejected rows, to a CSV or XLSX file the person picks (issue 19).
#[tauri::command]
pub async fn export_rejected_rows(
    app: AppHandle,
    desk: State<'_, DeskState>,
) -> Result<Option<ExportDto>, ErrorDto> {
    let ask = desk.ask("export_rows", &["csv", "xlsx"]).await?;
    let Some(path) = asked(move || dialogs::save(&app, &ask, "rejected-rows.csv")).await? else {
        return Ok(None);
    };
    desk.run(move |desk| desk.export_rejected_rows(&path)).await.map(Some)
}

/// Opens an attachment (a scan as PDF) in the system's viewer, where the window shows no PDF.
#[tauri::command]
pub async fn open_attachment(desk: State<'_, DeskState>, attachment: i64) -> Result<(), ErrorDto> {
    let path = desk.run(move |desk| desk.attachment_viewing_copy(attachment, &desk.viewing_folder())).await?;
    tauri_plugin_opener::open_path(&path, None::<&str>).map_err(|error| ErrorDto {
        code: tovon_desk::dto::ErrorCode::Internal,
        message: format!("{}: {error}", path.display()),
        field: None,
    })
}

/// Whether this window's web view shows a PDF inside a page: not WebKitGTK (Linux), where
/// an issued document is shown by the system's viewer instead (issue 19).
#[tauri::command]
pub async fn pdf_in_window() -> Result<bool, ErrorDto> {
    Ok(!cfg!(target_os = "linux"))
}

/// Opens an issued document in the system's PDF viewer (through the opener plugin, from
/// here: the window itself is given no permission to open paths).
#[tauri::command]
pub async fn open_issued_document(desk: State<'_, DeskState>, document: i64) -> Result<(), ErrorDto> {
    let path = desk.run(move |desk| desk.viewing_copy(document, &desk.viewing_folder())).await?;
    tauri_plugin_opener::open_path(&path, None::<&str>).map_err(|error| ErrorDto {
        code: tovon_desk::dto::ErrorCode::Internal,
        message: format!("{}: {error}", path.display()),
        field: None,
    })
}

#[tauri::command]
pub async fn session_state(desk: State<'_, DeskState>) -> Result<SessionStateDto, ErrorDto> {
    desk.run(|desk| desk.session_state()).await
}

#[tauri::command]
pub async fn create_first_administrator(
    desk: State<'_, DeskState>,
    user: NewUserDto,
) -> Result<SessionDto, ErrorDto> {
    desk.run(move |desk| desk.create_first_administrator(&user)).await
}

#[tauri::command]
pub async fn sign_in(
    desk: State<'_, DeskState>,
    login: String,
    password: String,
) -> Result<SessionDto, ErrorDto> {
    desk.run(move |desk| desk.sign_in(&login, &password)).await
}

#[tauri::command]
pub async fn sign_out(desk: State<'_, DeskState>) -> Result<(), ErrorDto> {
    desk.run(|desk| desk.sign_out()).await
}

#[tauri::command]
pub async fn lock(desk: State<'_, DeskState>) -> Result<(), ErrorDto> {
    desk.run(|desk| desk.lock()).await
}

#[tauri::command]
pub async fn unlock(desk: State<'_, DeskState>, password: String) -> Result<SessionDto, ErrorDto> {
    desk.run(move |desk| desk.unlock(&password)).await
}

#[tauri::command]
pub async fn change_password(
    desk: State<'_, DeskState>,
    current: String,
    password: String,
) -> Result<(), ErrorDto> {
    desk.run(move |desk| desk.change_password(&current, &password)).await
}

#[tauri::command]
pub async fn users(desk: State<'_, DeskState>) -> Result<Vec<UserDto>, ErrorDto> {
    desk.run(|desk| desk.users()).await
}

#[tauri::command]
pub async fn add_user(desk: State<'_, DeskState>, user: NewUserDto) -> Result<UserDto, ErrorDto> {
    desk.run(move |desk| desk.add_user(&user)).await
}

#[tauri::command]
pub async fn update_user(
    desk: State<'_, DeskState>,
    id: i64,
    change: UserChangeDto,
) -> Result<UserDto, ErrorDto> {
    desk.run(move |desk| desk.update_user(id, &change)).await
}

#[tauri::command]
pub async fn reset_password(desk: State<'_, DeskState>, id: i64, password: String) -> Result<(), ErrorDto> {
    desk.run(move |desk| desk.reset_password(id, &password)).await
}

#[tauri::command]
pub async fn security_settings(desk: State<'_, DeskState>) -> Result<SecuritySettingsDto, ErrorDto> {
    desk.run(|desk| desk.security_settings()).await
}

#[tauri::command]
pub async fn set_security_settings(
    desk: State<'_, DeskState>,
    settings: SecuritySettingsDto,
) -> Result<SecuritySettingsDto, ErrorDto> {
    desk.run(move |desk| desk.set_security_settings(&settings)).await
}

#[tauri::command]
pub async fn reveal_identity(
    desk: State<'_, DeskState>,
    policy_id: i64,
    claim: Option<String>,
) -> Result<IdentityDto, ErrorDto> {
    desk.run(move |desk| desk.reveal_identity(policy_id, claim.as_deref())).await
}

#[tauri::command]
pub async fn approve_submission(desk: State<'_, DeskState>, id: String) -> Result<DecisionViewDto, ErrorDto> {
    desk.run(move |desk| desk.approve_submission(&id, today())).await
}

#[tauri::command]
pub async fn close_submission(
    desk: State<'_, DeskState>,
    id: String,
    note: String,
) -> Result<DecisionViewDto, ErrorDto> {
    desk.run(move |desk| desk.close_submission(&id, &note, today())).await
}

/// Where the exchange with the head office stands (issue 20).
#[tauri::command]
pub async fn exchange_status(desk: State<'_, DeskState>) -> Result<ExchangeStatusDto, ErrorDto> {
    desk.run(|desk| desk.exchange_status(today())).await
}

/// Writes the next bundle for the head office into a folder the person picks (a USB stick),
/// telling the window how far it is; none when the dialog is cancelled.
#[tauri::command]
pub async fn exchange_export(
    app: AppHandle,
    desk: State<'_, DeskState>,
    on_progress: Channel<ExchangeProgressDto>,
) -> Result<Option<SentDto>, ErrorDto> {
    let ask = desk.ask("exchange_folder", &[]).await?;
    let Some(folder) = asked(move || dialogs::folder(&app, &ask)).await? else {
        return Ok(None);
    };
    desk.run(move |desk| {
        let made = desk.export_bundle_with_progress(&folder, &mut |step| {
            let _ = on_progress.send(step);
        })?;
        Ok(made.said(desk.language()))
    })
    .await
    .map(Some)
}

/// Sends the next bundle to the head office over HTTPS and applies its answer.
#[tauri::command]
pub async fn exchange_sync(
    desk: State<'_, DeskState>,
    on_progress: Channel<ExchangeProgressDto>,
) -> Result<SyncedDto, ErrorDto> {
    desk.run(move |desk| {
        let synced = desk.sync_with_head_office(&mut |step| {
            let _ = on_progress.send(step);
        })?;
        Ok(synced.said(desk.language()))
    })
    .await
}

/// Applies a head office bundle the person picks; none when the dialog is cancelled.
#[tauri::command]
pub async fn exchange_import(
    app: AppHandle,
    desk: State<'_, DeskState>,
    on_progress: Channel<ExchangeProgressDto>,
) -> Result<Option<ReceivedDto>, ErrorDto> {
    let ask = desk.ask("exchange_bundle", &["tovon"]).await?;
    let Some(path) = asked(move || dialogs::open(&app, &ask, false)).await?.into_iter().next() else {
        return Ok(None);
    };
    desk.run(move |desk| {
        let bytes = desk.read_bundle_file(&path)?;
        let received = desk.import_bundle_with_progress(&bytes, &mut |step| {
            let _ = on_progress.send(step);
        })?;
        Ok(received.said(desk.language()))
    })
    .await
    .map(Some)
}

/// Writes the desk's enrolment request where the person picks (administrators); its
/// fingerprint, or none when the dialog is cancelled.
#[tauri::command]
pub async fn exchange_request(
    app: AppHandle,
    desk: State<'_, DeskState>,
) -> Result<Option<String>, ErrorDto> {
    let ask = desk.ask("exchange_request", &["json"]).await?;
    let name = format!("enrolment-{}.json", today());
    let Some(path) = asked(move || dialogs::save(&app, &ask, &name)).await? else {
        return Ok(None);
    };
    desk.run(move |desk| Ok(desk.write_enrolment_request(&path)?.fingerprint)).await.map(Some)
}

/// Trusts the head office whose keys file the person picks, once `fingerprint` (typed from
/// paper or the phone) is its keys' (administrators); none when the dialog is cancelled.
#[tauri::command]
pub async fn exchange_trust(
    app: AppHandle,
    desk: State<'_, DeskState>,
    fingerprint: String,
) -> Result<Option<String>, ErrorDto> {
    let ask = desk.ask("exchange_keys", &["json"]).await?;
    let Some(path) = asked(move || dialogs::open(&app, &ask, false)).await?.into_iter().next() else {
        return Ok(None);
    };
    desk.run(move |desk| {
        let bytes = desk.read_chosen_file(&path)?;
        Ok(desk.trust_head_office(&bytes, &fingerprint)?.fingerprint)
    })
    .await
    .map(Some)
}
