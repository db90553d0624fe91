// Who is at the desk (issue 7): the session as the desk reports it, the idle lock, and what
// the signed-in role may do (the desk checks again; this only hides what would be refused).
import { api, whenSignedOut } from './api';
import { setLanguage } from './i18n.svelte';
import type { RoleCode } from './bindings/RoleCode';
import type { SessionStateDto } from './bindings/SessionStateDto';

export const session = $state<{ state: SessionStateDto | null }>({ state: null });

export async function refreshSession(): Promise<void> {
  session.state = await api.sessionState();
  // Signed in, the user's own window language; else the desk's (the sign-in screen's).
  const current = session.state.session;
  setLanguage(current ? current.language : (await api.preferences()).language);
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
  await api.lock();
  await refreshSession();
}

/** Starts (again) the idle countdown; any key, click or mouse move calls it. */
export function armIdleLock(): void {
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = null;
  const current = session.state?.session;
  if (!current || current.locked) return;
  idleTimer = setTimeout(() => void lockNow().catch(() => {}), current.idle_lock_minutes * 60_000);
}
