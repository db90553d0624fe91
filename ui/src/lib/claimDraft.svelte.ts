// The New claim form's contents, kept for the session: leaving the form (another screen, the
// list) loses nothing; registering the claim clears it.
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

export const draft = $state<{ value: Draft }>({ value: empty() });

export function clearDraft(): void {
  draft.value = empty();
}
