// Generated from src-tauri/src/commands.rs by the tovon-desk test `window_calls`
// (TOVON_BLESS=1 cargo test -p tovon-desk --test it window_calls). Do not edit:
// change the command in Rust and regenerate.
import type { Channel } from '@tauri-apps/api/core';
import type { AboutDto } from './bindings/AboutDto';
import type { ApproveDto } from './bindings/ApproveDto';
import type { BackupDto } from './bindings/BackupDto';
import type { BackupStatusDto } from './bindings/BackupStatusDto';
import type { CalculationDto } from './bindings/CalculationDto';
import type { CalendarDayDto } from './bindings/CalendarDayDto';
import type { CalendarStatusDto } from './bindings/CalendarStatusDto';
import type { ChecklistDto } from './bindings/ChecklistDto';
import type { ClaimDraftDto } from './bindings/ClaimDraftDto';
import type { ClaimDto } from './bindings/ClaimDto';
import type { ClaimFactsDto } from './bindings/ClaimFactsDto';
import type { ClaimListDto } from './bindings/ClaimListDto';
import type { ClaimListQueryDto } from './bindings/ClaimListQueryDto';
import type { ClaimTransitionDto } from './bindings/ClaimTransitionDto';
import type { ClaimWarningDto } from './bindings/ClaimWarningDto';
import type { ColumnMappingDto } from './bindings/ColumnMappingDto';
import type { DecisionViewDto } from './bindings/DecisionViewDto';
import type { DeferDto } from './bindings/DeferDto';
import type { DeskKeyDto } from './bindings/DeskKeyDto';
import type { DocumentReceiptDto } from './bindings/DocumentReceiptDto';
import type { DocumentRequestDto } from './bindings/DocumentRequestDto';
import type { ExchangeProgressDto } from './bindings/ExchangeProgressDto';
import type { ExchangeStatusDto } from './bindings/ExchangeStatusDto';
import type { ExportDto } from './bindings/ExportDto';
import type { ExternalPaymentInputDto } from './bindings/ExternalPaymentInputDto';
import type { FormCode } from './bindings/FormCode';
import type { HistoryLineDto } from './bindings/HistoryLineDto';
import type { IdentityDto } from './bindings/IdentityDto';
import type { ImportHeaderDto } from './bindings/ImportHeaderDto';
import type { ImportProgressDto } from './bindings/ImportProgressDto';
import type { ImportReportDto } from './bindings/ImportReportDto';
import type { IssuedDocumentDto } from './bindings/IssuedDocumentDto';
import type { LanguageTag } from './bindings/LanguageTag';
import type { NewUserDto } from './bindings/NewUserDto';
import type { PaperDto } from './bindings/PaperDto';
import type { PaymentInputDto } from './bindings/PaymentInputDto';
import type { PersonCardDto } from './bindings/PersonCardDto';
import type { PolicySearchDto } from './bindings/PolicySearchDto';
import type { PreferencesDto } from './bindings/PreferencesDto';
import type { ReceivedDto } from './bindings/ReceivedDto';
import type { RefuseDto } from './bindings/RefuseDto';
import type { ScheduleViewDto } from './bindings/ScheduleViewDto';
import type { SecuritySettingsDto } from './bindings/SecuritySettingsDto';
import type { SentDto } from './bindings/SentDto';
import type { SessionDto } from './bindings/SessionDto';
import type { SessionStateDto } from './bindings/SessionStateDto';
import type { SyncedDto } from './bindings/SyncedDto';
import type { TodayDto } from './bindings/TodayDto';
import type { UserChangeDto } from './bindings/UserChangeDto';
import type { UserDto } from './bindings/UserDto';
import { call } from './call';

/** Every command of the desk, as the window calls it. */
export const commands = {
  about: () => call<AboutDto>('about'),
  preferences: () => call<PreferencesDto>('preferences'),
  setLanguage: (language: LanguageTag) => call<PreferencesDto>('set_language', { language }),
  schedule: () => call<ScheduleViewDto>('schedule'),
  searchSchedule: (query: string) => call<string[]>('search_schedule', { query }),
  /** `request` is the JSON text of a `CalcRequestDto`: the same parser as `tovon calc`. */
  calculate: (request: string) => call<CalculationDto>('calculate', { request }),
  /** A person's card from a registry result (issue 19). */
  personCard: (policyId: number) => call<PersonCardDto>('person_card', { policyId }),
  /** The registry search as people type: the first matches and how many in all (issue 19). */
  searchPolicies: (query: string) => call<PolicySearchDto>('search_policies', { query }),
  /** Asks for the register file in the system's dialog; the window gets its name (none: cancelled), the desk keeps its path for the header and the import. */
  chooseRegisterFile: () => call<string | null>('choose_register_file'),
  /** Imports the chosen register file, telling the window how far it is on `on_progress`. */
  importPolicies: (mapping: string | null, onProgress: Channel<ImportProgressDto>) => call<ImportReportDto>('import_policies', { mapping, onProgress }),
  /** "Cancel" on a running import: it stops at its next step and stores nothing (issue 19). */
  cancelImport: () => call<null>('cancel_import'),
  /** The header of a register file and the field each cell is taken for. */
  importHeader: (mapping: string | null) => call<ImportHeaderDto>('import_header', { mapping }),
  columnMappings: () => call<ColumnMappingDto[]>('column_mappings'),
  saveColumnMapping: (mapping: ColumnMappingDto) => call<null>('save_column_mapping', { mapping }),
  /** Calculates a claim with the Calculator's request and saves it to the claim. */
  calculateClaim: (id: string, request: string) => call<ClaimDto>('calculate_claim', { id, request }),
  checkClaim: (draft: ClaimDraftDto) => call<ClaimWarningDto[]>('check_claim', { draft }),
  registerClaim: (draft: ClaimDraftDto) => call<ClaimDto>('register_claim', { draft }),
  claim: (id: string) => call<ClaimDto>('claim', { id }),
  listClaims: (query: ClaimListQueryDto) => call<ClaimListDto>('list_claims', { query }),
  /** The Today screen: the signed-in user's queues with their counts (issue 19). */
  todayWork: () => call<TodayDto>('today_work'),
  transitionClaim: (id: string, transition: ClaimTransitionDto) => call<ClaimDto>('transition_claim', { id, transition }),
  calendarYear: (year: number) => call<CalendarDayDto[]>('calendar_year', { year }),
  /** `date` as typed (ISO or DD.MM.YYYY); the desk names it when it is not a date. */
  setCalendarDay: (date: string, holiday: boolean, name: string) => call<CalendarDayDto>('set_calendar_day', { date, holiday, name }),
  /** Which years' calendars are confirmed, and from November whether next year waits. */
  calendarStatus: () => call<CalendarStatusDto>('calendar_status'),
  /** Every public key the desk has signed its audit anchors with, the current one marked. */
  deskKeys: () => call<DeskKeyDto[]>('desk_keys'),
  /** An administrator confirms a year's days against the decrees. */
  confirmCalendarYear: (year: number) => call<CalendarStatusDto>('confirm_calendar_year', { year }),
  claimDocuments: (id: string) => call<ChecklistDto>('claim_documents', { id }),
  receiveDocument: (id: string, receipt: DocumentReceiptDto) => call<ChecklistDto>('receive_document', { id, receipt }),
  unreceiveDocument: (id: string, item: string) => call<ChecklistDto>('unreceive_document', { id, item }),
  verifyDocument: (id: string, item: string, on: string) => call<ChecklistDto>('verify_document', { id, item, on }),
  requestDocument: (id: string, request: DocumentRequestDto) => call<ChecklistDto>('request_document', { id, request }),
  changeClaimFacts: (id: string, facts: ClaimFactsDto) => call<ChecklistDto>('change_claim_facts', { id, facts }),
  /** Asks for scans in the system's dialog and attaches them to a checklist item, in order (none chosen: nothing changes). */
  attachChosen: (id: string, item: string) => call<ChecklistDto | null>('attach_chosen', { id, item }),
  /** Attaches the files of the last drop on the window to a checklist item. */
  attachDropped: (id: string, item: string) => call<ChecklistDto>('attach_dropped', { id, item }),
  removeAttachment: (id: string, attachment: number, reason: string) => call<ChecklistDto>('remove_attachment', { id, attachment, reason }),
  /** An attachment's bytes (checked against their SHA-256) as a raw response: the window gets an ArrayBuffer, not a JSON array of numbers. */
  attachmentContent: (attachment: number) => call<ArrayBuffer>('attachment_content', { attachment }),
  /** When the desk did not open (a damaged file): the newest automatic backup that passes the integrity check, offered in its place. */
  offeredBackup: () => call<BackupDto | null>('offered_backup'),
  /** The signed-in user's draft of a form (issue 19), as the window saved it. */
  formDraft: (form: FormCode) => call<string | null>('form_draft', { form }),
  /** Keeps the signed-in user's draft of a form. */
  saveFormDraft: (form: FormCode, content: string) => call<null>('save_form_draft', { form, content }),
  /** Forgets the signed-in user's draft of a form ("New blank"). */
  discardFormDraft: (form: FormCode) => call<null>('discard_form_draft', { form }),
  /** What the automatic backups last did: the header's chip and Settings (any user, signed in or not: a backup is the desk's own work). */
  backupStatus: () => call<BackupStatusDto>('backup_status'),
  /** Restores the offered backup over a database that did not open, keeping the damaged file beside it, and opens the desk. */
  restoreOfferedBackup: () => call<null>('restore_offered_backup'),
  /** A claim's history from the audit log, oldest first. */
  claimHistory: (id: string) => call<HistoryLineDto[]>('claim_history', { id }),
  decisionView: (id: string) => call<DecisionViewDto>('decision_view', { id }),
  /** The act as approving would issue it, marked as a draft: its blocks, for the window to lay out (a web view may show no PDF). */
  previewAct: (id: string, request: ApproveDto) => call<PaperDto>('preview_act', { id, request }),
  /** The refusal letter as it would be issued (a draft, no number). */
  previewRefusal: (id: string, request: RefuseDto) => call<PaperDto>('preview_refusal', { id, request }),
  /** The act waiting for a supervisor, as it would be issued (a draft, no number). */
  previewSubmission: (id: string) => call<PaperDto>('preview_submission', { id }),
  approveClaim: (id: string, request: ApproveDto) => call<DecisionViewDto>('approve_claim', { id, request }),
  refuseClaim: (id: string, request: RefuseDto) => call<DecisionViewDto>('refuse_claim', { id, request }),
  deferClaim: (id: string, request: DeferDto) => call<DecisionViewDto>('defer_claim', { id, request }),
  signAct: (id: string, on: string) => call<DecisionViewDto>('sign_act', { id, on }),
  recordPayment: (id: string, payment: PaymentInputDto) => call<DecisionViewDto>('record_payment', { id, payment }),
  addExternalPayment: (id: string, payment: ExternalPaymentInputDto) => call<DecisionViewDto>('add_external_payment', { id, payment }),
  issueRequest: (id: string, language: LanguageTag | null) => call<IssuedDocumentDto>('issue_request', { id, language }),
  /** An issued document's bytes, exactly as issued (checked against their SHA-256). */
  issuedDocumentContent: (document: number) => call<ArrayBuffer>('issued_document_content', { document }),
  /** Asks where to save an issued document (its number as the file's name) and writes its bytes there; the window gets the place to show, none when cancelled. */
  saveIssuedDocument: (document: number) => call<string | null>('save_issued_document', { document }),
  /** The claims list as filtered, to an XLSX file the person picks (issue 19); none when the dialog is cancelled. */
  exportClaims: (query: ClaimListQueryDto, reveal: boolean) => call<ExportDto | null>('export_claims', { query, reveal }),
  /** The payments register of a period, to an XLSX file the person picks (issue 19). */
  exportPayments: (from: string, to: string, reveal: boolean) => call<ExportDto | null>('export_payments', { from, to, reveal }),
  /** The Calculator's result as a PDF the person saves, to print or keep (issue 19). */
  saveCalculationPdf: (request: string) => call<string | null>('save_calculation_pdf', { request }),
  /** The last import's rejected rows, to a CSV or XLSX file the person picks (issue 19). */
  exportRejectedRows: () => call<ExportDto | null>('export_rejected_rows'),
  /** Opens an attachment (a scan as PDF) in the system's viewer, where the window shows no PDF. */
  openAttachment: (attachment: number) => call<null>('open_attachment', { attachment }),
  /** Whether this window's web view shows a PDF inside a page: not WebKitGTK (Linux), where an issued document is shown by the system's viewer instead (issue 19). */
  pdfInWindow: () => call<boolean>('pdf_in_window'),
  /** Opens an issued document in the system's PDF viewer (through the opener plugin, from here: the window itself is given no permission to open paths). */
  openIssuedDocument: (document: number) => call<null>('open_issued_document', { document }),
  sessionState: () => call<SessionStateDto>('session_state'),
  createFirstAdministrator: (user: NewUserDto) => call<SessionDto>('create_first_administrator', { user }),
  signIn: (login: string, password: string) => call<SessionDto>('sign_in', { login, password }),
  signOut: () => call<null>('sign_out'),
  lock: () => call<null>('lock'),
  unlock: (password: string) => call<SessionDto>('unlock', { password }),
  changePassword: (current: string, password: string) => call<null>('change_password', { current, password }),
  users: () => call<UserDto[]>('users'),
  addUser: (user: NewUserDto) => call<UserDto>('add_user', { user }),
  updateUser: (id: number, change: UserChangeDto) => call<UserDto>('update_user', { id, change }),
  resetPassword: (id: number, password: string) => call<null>('reset_password', { id, password }),
  securitySettings: () => call<SecuritySettingsDto>('security_settings'),
  setSecuritySettings: (settings: SecuritySettingsDto) => call<SecuritySettingsDto>('set_security_settings', { settings }),
  revealIdentity: (policyId: number, claim: string | null) => call<IdentityDto>('reveal_identity', { policyId, claim }),
  approveSubmission: (id: string) => call<DecisionViewDto>('approve_submission', { id }),
  closeSubmission: (id: string, note: string) => call<DecisionViewDto>('close_submission', { id, note }),
  /** Where the exchange with the head office stands (issue 20). */
  exchangeStatus: () => call<ExchangeStatusDto>('exchange_status'),
  /** Writes the next bundle for the head office into a folder the person picks (a USB stick), telling the window how far it is; none when the dialog is cancelled. */
  exchangeExport: (onProgress: Channel<ExchangeProgressDto>) => call<SentDto | null>('exchange_export', { onProgress }),
  /** Sends the next bundle to the head office over HTTPS and applies its answer. */
  exchangeSync: (onProgress: Channel<ExchangeProgressDto>) => call<SyncedDto>('exchange_sync', { onProgress }),
  /** Applies a head office bundle the person picks; none when the dialog is cancelled. */
  exchangeImport: (onProgress: Channel<ExchangeProgressDto>) => call<ReceivedDto | null>('exchange_import', { onProgress }),
  /** Writes the desk's enrolment request where the person picks (administrators); its fingerprint, or none when the dialog is cancelled. */
  exchangeRequest: () => call<string | null>('exchange_request'),
  /** Trusts the head office whose keys file the person picks, once `fingerprint` (typed from paper or the phone) is its keys' (administrators); none when the dialog is cancelled. */
  exchangeTrust: (fingerprint: string) => call<string | null>('exchange_trust', { fingerprint }),
};
