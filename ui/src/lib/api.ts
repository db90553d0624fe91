// Typed calls of the Rust commands (src-tauri/src/commands.rs). Types come from
// ui/src/lib/bindings, generated from the Rust DTOs; errors arrive as ErrorDto.
import { Channel, invoke } from '@tauri-apps/api/core';
import type { AuditEntryDto } from './bindings/AuditEntryDto';
import type { BackupDto } from './bindings/BackupDto';
import type { AboutDto } from './bindings/AboutDto';
import type { CalcRequestDto } from './bindings/CalcRequestDto';
import type { CalculationDto } from './bindings/CalculationDto';
import type { CalendarDayDto } from './bindings/CalendarDayDto';
import type { ChecklistDto } from './bindings/ChecklistDto';
import type { ClaimFactsDto } from './bindings/ClaimFactsDto';
import type { DocumentReceiptDto } from './bindings/DocumentReceiptDto';
import type { DocumentRequestDto } from './bindings/DocumentRequestDto';
import type { ClaimDraftDto } from './bindings/ClaimDraftDto';
import type { ClaimDto } from './bindings/ClaimDto';
import type { ClaimListDto } from './bindings/ClaimListDto';
import type { ClaimListQueryDto } from './bindings/ClaimListQueryDto';
import type { ClaimTransitionDto } from './bindings/ClaimTransitionDto';
import type { ClaimWarningDto } from './bindings/ClaimWarningDto';
import type { ColumnMappingDto } from './bindings/ColumnMappingDto';
import type { ImportHeaderDto } from './bindings/ImportHeaderDto';
import type { ImportProgressDto } from './bindings/ImportProgressDto';
import type { ImportReportDto } from './bindings/ImportReportDto';
import type { PolicySummaryDto } from './bindings/PolicySummaryDto';
import type { ErrorDto } from './bindings/ErrorDto';
import type { LanguageTag } from './bindings/LanguageTag';
import type { PreferencesDto } from './bindings/PreferencesDto';
import type { ScheduleViewDto } from './bindings/ScheduleViewDto';
import type { ApproveDto } from './bindings/ApproveDto';
import type { DecisionViewDto } from './bindings/DecisionViewDto';
import type { DeferDto } from './bindings/DeferDto';
import type { ExternalPaymentInputDto } from './bindings/ExternalPaymentInputDto';
import type { IssuedDocumentDto } from './bindings/IssuedDocumentDto';
import type { PaymentInputDto } from './bindings/PaymentInputDto';
import type { RefuseDto } from './bindings/RefuseDto';
import type { IdentityDto } from './bindings/IdentityDto';
import type { NewUserDto } from './bindings/NewUserDto';
import type { SecuritySettingsDto } from './bindings/SecuritySettingsDto';
import type { SessionDto } from './bindings/SessionDto';
import type { SessionStateDto } from './bindings/SessionStateDto';
import type { UserChangeDto } from './bindings/UserChangeDto';
import type { UserDto } from './bindings/UserDto';

const ERROR_CODES = new Set(['invalid_input', 'storage', 'internal', 'not_found', 'signed_out', 'forbidden']);

/** Told when a command found nobody signed in or the window locked (the session screen shows). */
let onSignedOut: () => void = () => {};
export function whenSignedOut(listener: () => void): void {
  onSignedOut = listener;
}

export function isErrorDto(value: unknown): value is ErrorDto {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return (
    typeof candidate.code === 'string' &&
    ERROR_CODES.has(candidate.code) &&
    typeof candidate.message === 'string'
  );
}

/** Any rejection as an ErrorDto: a command's own error, or a failure of the bridge itself. */
export function toErrorDto(reason: unknown): ErrorDto {
  if (isErrorDto(reason)) return reason;
  const detail = reason instanceof Error ? reason.message : String(reason);
  return { code: 'internal', message: detail };
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (reason) {
    const error = toErrorDto(reason);
    if (error.code === 'signed_out') onSignedOut();
    throw error;
  }
}

export const api = {
  about: () => call<AboutDto>('about'),
  preferences: () => call<PreferencesDto>('preferences'),
  setLanguage: (language: LanguageTag) => call<PreferencesDto>('set_language', { language }),
  schedule: () => call<ScheduleViewDto>('schedule'),
  searchSchedule: (query: string) => call<string[]>('search_schedule', { query }),
  // The same JSON `tovon calc` reads, parsed by the same Rust code.
  calculate: (request: CalcRequestDto) => call<CalculationDto>('calculate', { request: JSON.stringify(request) }),
  findPolicies: (query: string) => call<PolicySummaryDto[]>('find_policies', { query }),
  /** Imports the register file; `progress` hears how far it is while it runs. */
  importPolicies: (path: string, mapping: string | null, progress: (step: ImportProgressDto) => void) => {
    const onProgress = new Channel<ImportProgressDto>();
    onProgress.onmessage = progress;
    return call<ImportReportDto>('import_policies', { path, mapping, onProgress });
  },
  importHeader: (path: string, mapping: string | null) =>
    call<ImportHeaderDto>('import_header', { path, mapping }),
  columnMappings: () => call<ColumnMappingDto[]>('column_mappings'),
  saveColumnMapping: (mapping: ColumnMappingDto) => call<null>('save_column_mapping', { mapping }),
  calculateClaim: (id: string, request: string) => call<ClaimDto>('calculate_claim', { id, request }),
  checkClaim: (draft: ClaimDraftDto) => call<ClaimWarningDto[]>('check_claim', { draft }),
  registerClaim: (draft: ClaimDraftDto) => call<ClaimDto>('register_claim', { draft }),
  claim: (id: string) => call<ClaimDto>('claim', { id }),
  listClaims: (query: ClaimListQueryDto) => call<ClaimListDto>('list_claims', { query }),
  transitionClaim: (id: string, transition: ClaimTransitionDto) =>
    call<ClaimDto>('transition_claim', { id, transition }),
  claimDocuments: (id: string) => call<ChecklistDto>('claim_documents', { id }),
  receiveDocument: (id: string, receipt: DocumentReceiptDto) =>
    call<ChecklistDto>('receive_document', { id, receipt }),
  unreceiveDocument: (id: string, item: string) => call<ChecklistDto>('unreceive_document', { id, item }),
  verifyDocument: (id: string, item: string, on: string) => call<ChecklistDto>('verify_document', { id, item, on }),
  requestDocument: (id: string, request: DocumentRequestDto) =>
    call<ChecklistDto>('request_document', { id, request }),
  changeClaimFacts: (id: string, facts: ClaimFactsDto) => call<ChecklistDto>('change_claim_facts', { id, facts }),
  attachDocument: (id: string, item: string, path: string) =>
    call<ChecklistDto>('attach_document', { id, item, path }),
  removeAttachment: (id: string, attachment: number, reason: string) =>
    call<ChecklistDto>('remove_attachment', { id, attachment, reason }),
  /** The scan's bytes, checked against their SHA-256 by the desk. */
  attachmentContent: (attachment: number) => call<ArrayBuffer>('attachment_content', { attachment }),
  /** When the desk did not open: the newest good automatic backup, offered in its place. */
  offeredBackup: () => call<BackupDto | null>('offered_backup'),
  restoreOfferedBackup: (path: string) => call<null>('restore_offered_backup', { path }),
  /** A claim's history from the audit log, oldest first. */
  claimHistory: (id: string) => call<AuditEntryDto[]>('claim_history', { id }),
  decisionView: (id: string) => call<DecisionViewDto>('decision_view', { id }),
  /** The act as approving would issue it, marked as a draft: PDF bytes, nothing saved. */
  previewAct: (id: string, request: ApproveDto) => call<ArrayBuffer>('preview_act', { id, request }),
  approveClaim: (id: string, request: ApproveDto) => call<DecisionViewDto>('approve_claim', { id, request }),
  refuseClaim: (id: string, request: RefuseDto) => call<DecisionViewDto>('refuse_claim', { id, request }),
  deferClaim: (id: string, request: DeferDto) => call<DecisionViewDto>('defer_claim', { id, request }),
  signAct: (id: string, on: string) => call<DecisionViewDto>('sign_act', { id, on }),
  recordPayment: (id: string, payment: PaymentInputDto) => call<DecisionViewDto>('record_payment', { id, payment }),
  addExternalPayment: (id: string, payment: ExternalPaymentInputDto) =>
    call<DecisionViewDto>('add_external_payment', { id, payment }),
  issueRequest: (id: string, language: LanguageTag | null) =>
    call<IssuedDocumentDto>('issue_request', { id, language }),
  /** An issued document's bytes, exactly as issued. */
  issuedDocumentContent: (document: number) => call<ArrayBuffer>('issued_document_content', { document }),
  saveIssuedDocument: (document: number, path: string) =>
    call<IssuedDocumentDto>('save_issued_document', { document, path }),
  openIssuedDocument: (document: number) => call<null>('open_issued_document', { document }),
  calendarYear: (year: number) => call<CalendarDayDto[]>('calendar_year', { year }),
  setCalendarDay: (date: string, holiday: boolean, name: string) =>
    call<CalendarDayDto>('set_calendar_day', { date, holiday, name }),
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
  setSecuritySettings: (settings: SecuritySettingsDto) =>
    call<SecuritySettingsDto>('set_security_settings', { settings }),
  /** A policy's PINFL and passport in full; the audit log records the look. */
  revealIdentity: (policyId: number, claim: string | null) =>
    call<IdentityDto>('reveal_identity', { policyId, claim }),
  approveSubmission: (id: string) => call<DecisionViewDto>('approve_submission', { id }),
  closeSubmission: (id: string, note: string) => call<DecisionViewDto>('close_submission', { id, note }),
};
