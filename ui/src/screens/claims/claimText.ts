// Names of claim states, deadlines and their states in the catalogue, for the claim screens.
import type { ClaimOutcome } from '../../lib/bindings/ClaimOutcome';
import type { ClaimStateCode } from '../../lib/bindings/ClaimStateCode';
import type { DeadlineKindCode } from '../../lib/bindings/DeadlineKindCode';
import type { DeadlineStateCode } from '../../lib/bindings/DeadlineStateCode';
import { t, type MessageKey } from '../../lib/i18n.svelte';

export const CLAIM_STATES: readonly ClaimStateCode[] = [
  'registered',
  'awaiting_documents',
  'under_review',
  'approved',
  'refused',
  'deferred',
  'act_signed',
  'paid',
  'closed',
];

export const OUTCOMES: readonly ClaimOutcome[] = ['injury', 'disability', 'death'];

export const stateKey = (state: ClaimStateCode): MessageKey => `claim.state.${state}`;
export const deadlineKindKey = (kind: DeadlineKindCode): MessageKey => `deadline.kind.${kind}`;
export const deadlineStateKey = (state: DeadlineStateCode): MessageKey => `deadline.state.${state}`;
export const outcomeKey = (outcome: ClaimOutcome): MessageKey => `claim.outcome.${outcome}`;

/** "3 кун қолди", "бугун", "5 кун ўтди". */
export function dueText(daysLeft: number): string {
  if (daysLeft === 0) return t('claims.due_today');
  return daysLeft > 0 ? t('claims.days_left', { days: daysLeft }) : t('claims.days_over', { days: -daysLeft });
}
