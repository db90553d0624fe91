// The New claim form's contents, kept for its user (issue 19): leaving the form (another
// screen, the list) loses nothing, and the desk keeps the draft for that user across
// sign-out, lock and restart; another user signing in gets their own, never this one.
// Registering the claim, or "New blank", clears it.
import { api } from './api';
import type { ClaimOutcome } from './bindings/ClaimOutcome';
import type { PolicyByHandDto } from './bindings/PolicyByHandDto';
import type { PolicySummaryDto } from './bindings/PolicySummaryDto';
import { todayIso } from './format';

export type Draft = {
  policy: PolicySummaryDto | null;
  byHand: boolean;
  /** A policy typed by hand, in the desk's own (generated) type. */
  manual: PolicyByHandDto;
  branch_code: string;
  claimant_name: string;
  claimant_relation: string;
  claimant_phone: string;
  beneficiary_name: string;
  event_date: string;
  event_place: string;
  circumstances: string;
  outcome: ClaimOutcome;
  notice_date: string;
  was_driving: boolean;
  fracture: boolean;
  criminal_case: boolean;
  suicide: boolean;
  notes: string;
};

function empty(): Draft {
  return {
    policy: null,
    byHand: false,
    manual: {
      series: '',
      number: '',
      issued_on: '',
      starts_on: '',
      ends_on: '',
      premium_paid_on: '',
      sum_insured: '',
      full_name: '',
      birth_date: '',
      pinfl: '',
      passport: '',
      phone: '',
      address: '',
      branch: '',
    },
    branch_code: '',
    claimant_name: '',
    claimant_relation: '',
    claimant_phone: '',
    beneficiary_name: '',
    event_date: '',
    event_place: '',
    circumstances: '',
    outcome: 'injury',
    notice_date: todayIso(),
    was_driving: false,
    fracture: false,
    criminal_case: false,
    suicide: false,
    notes: '',
  };
}

/** The form's content, and whose it is (the login it was loaded for). */
export const draft = $state<{ value: Draft; owner: string | null }>({ value: empty(), owner: null });

/** A blank form once the claim is registered (the desk has dropped its draft). */
export function blankForm(): void {
  if (pending) clearTimeout(pending);
  pending = null;
  draft.value = empty();
}

/** "New blank": the form emptied and its draft forgotten by the desk. */
export async function clearDraft(): Promise<void> {
  blankForm();
  await api.discardFormDraft('new_claim');
}

/**
 * The signed-in user's own draft, loaded when someone else's (or nobody's) is in the form;
 * signed out, the form is blank.
 */
export async function draftFor(login: string | null): Promise<void> {
  if (draft.owner === login) return;
  draft.owner = login;
  blankForm();
  if (login === null) return;
  const saved = await api.formDraft('new_claim');
  if (saved !== null && draft.owner === login) {
    draft.value = { ...empty(), ...(JSON.parse(saved) as Partial<Draft>) };
  }
}

let pending: ReturnType<typeof setTimeout> | null = null;

/** Keeps the form as typed, a moment after the last keystroke. */
export function saveDraftSoon(): void {
  if (draft.owner === null) return;
  const owner = draft.owner;
  const content = JSON.stringify(draft.value);
  if (pending) clearTimeout(pending);
  pending = setTimeout(() => {
    pending = null;
    // Only while the same user is at the desk: a draft never lands on another's.
    if (draft.owner === owner) void api.saveFormDraft('new_claim', content).catch(() => {});
  }, 400);
}
