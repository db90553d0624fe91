// What the desk's automatic backups last did (issue 19), for the header's chip and Settings.
// The desk makes them on its own (at start, daily, on exit), so the window asks every few
// minutes rather than waiting to be told.
import { api } from './api';
import type { BackupStatusDto } from './bindings/BackupStatusDto';

export const backups = $state<{ status: BackupStatusDto | null }>({ status: null });

/** How often the window asks. */
const EVERY_MS = 5 * 60 * 1000;

export async function refreshBackups(): Promise<void> {
  // A desk that did not open has no backups to report: the start-up screen says why.
  backups.status = await api.backupStatus().catch(() => null);
}

/** Starts asking; returns what stops it. */
export function watchBackups(): () => void {
  void refreshBackups();
  const timer = setInterval(() => void refreshBackups(), EVERY_MS);
  return () => clearInterval(timer);
}
