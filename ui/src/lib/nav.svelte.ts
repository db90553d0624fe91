import type { WorkQueueCode } from './bindings/WorkQueueCode';

// Where the desk is: the screen, the Claims screen's view, and the claim the Calculator
// is calculating for (if any). Session state, so a screen can send the officer to another.
export type Screen = 'today' | 'claims' | 'calculator' | 'registry' | 'settings' | 'about';
export const SCREENS: readonly Screen[] = ['today', 'claims', 'calculator', 'registry', 'settings', 'about'];

export type ClaimsView = { kind: 'list' } | { kind: 'new' } | { kind: 'claim'; id: string };

/** A claim the Calculator works for: its facts are fixed, the result is saved to it. */
export type CalcTarget = {
  id: string;
  number: string;
  sumInsured: string;
  eventDate: string;
  birthDate: string;
  /** The request of the claim's latest calculation, to start from. */
  request: string | null;
};

/** The claims list's search, filters, order and page; they stay as they were when coming
 * back from a claim. `queue` is a line of the Today screen (a `WorkQueueCode`), or ''. */
export type ListState = { query: string; state: string; due: string; queue: string; sort: string; offset: number };

export const claimsList = $state<ListState>({ query: '', state: '', due: '', queue: '', sort: 'next_due', offset: 0 });

export const nav = $state<{ screen: Screen; claims: ClaimsView; calcFor: CalcTarget | null }>({
  screen: 'today',
  claims: { kind: 'list' },
  calcFor: null,
});

/** Opens a screen; the keyboard continues from its heading. */
export function openScreen(next: Screen): void {
  nav.screen = next;
  queueMicrotask(() => document.getElementById('screen-heading')?.focus());
}

export function showClaims(view: ClaimsView): void {
  nav.claims = view;
  openScreen('claims');
}

/** Opens the claims list filtered by one line of the Today screen, and nothing else. */
export function showQueue(queue: WorkQueueCode): void {
  Object.assign(claimsList, { query: '', state: '', due: '', queue, sort: 'next_due', offset: 0 });
  showClaims({ kind: 'list' });
}
