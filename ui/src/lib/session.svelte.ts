// Who is at the desk (issue 7): the session as the desk reports it, the idle lock, and what
// the signed-in role may do (the desk checks again; this only hides what would be refused).
import { tick } from 'svelte';
import { api, whenSignedOut } from './api';
import { draftFor } from './claimDraft.svelte';
import { setLanguage } from './i18n.svelte';
import type { RoleCode } from './bindings/RoleCode';
import type { SessionStateDto } from './bindings/SessionStateDto';

/** Who is in, and the desk's branch (the administrator's setting; '' while none is set). */
export const session = $state<{ state: SessionStateDto | null; branch: string }>({ state: null, branch: '' });

export async function refreshSession(): Promise<void> {
  session.state = await api.sessionState();
  const preferences = await api.preferences();
  session.branch = preferences.branch_code;
  // Signed in, the user's own window language; else the desk's (the sign-in screen's).
  const current = session.state.session;
  setLanguage(current ? current.language : preferences.language);
  // The New claim form holds the signed-in user's own draft, and nothing when nobody is in
  // (a locked window keeps its user's).
  await draftFor(current ? current.login : null);
  armIdleLock();
}

whenSignedOut(() => {
  void refreshSession().catch(() => {});
});

export function role(): RoleCode | null {
  const current = session.state?.session;
  return current && !current.locked ? current.role : null;
}

export const canWorkClaims = () => role() === 'officer' || role() === 'supervisor';
export const canAdminister = () => role() === 'administrator';

let idleTimer: ReturnType<typeof setTimeout> | null = null;

/** Locks the window now: the desk refuses everything until the password opens it. */
export async function lockNow(): Promise<void> {
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = null;
  focusedBeforeLock = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  await api.lock();
  await refreshSession();
}

/** What had the focus when the window locked: unlocked, the keyboard continues there. */
let focusedBeforeLock: HTMLElement | null = null;

/** After unlocking: the focus back where it was, else on the screen's heading. */
export async function focusAfterUnlock(): Promise<void> {
  const back = focusedBeforeLock;
  focusedBeforeLock = null;
  // Once the window has dropped the lock's `inert` from what is behind it.
  await tick();
  // An element the lock took out of the page (the header's buttons) is back under its id.
  const again = back?.isConnected ? back : back?.id ? document.getElementById(back.id) : null;
  if (again && !again.closest('[inert]')) again.focus();
  else document.getElementById('screen-heading')?.focus();
}

/** After signing in: the keyboard continues from the first screen's heading. */
export async function focusAfterSignIn(): Promise<void> {
  await tick();
  document.getElementById('screen-heading')?.focus();
}

/** Starts (again) the idle countdown; any key, click or mouse move calls it. */
export function armIdleLock(): void {
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = null;
  const current = session.state?.session;
  if (!current || current.locked) return;
  idleTimer = setTimeout(() => void lockNow().catch(() => {}), current.idle_lock_minutes * 60_000);
}
