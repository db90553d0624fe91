// Where the exchange with the head office stands (issue 20), for the header's reminder and
// Settings → Exchange. Bundles leave when someone writes one, so the window asks every few
// minutes and after each bundle written or applied.
import { Channel } from '@tauri-apps/api/core';
import { api } from './api';
import type { ExchangeProgressDto } from './bindings/ExchangeProgressDto';
import type { ExchangeStatusDto } from './bindings/ExchangeStatusDto';
import { commands } from './commands';

export const exchange = $state<{ status: ExchangeStatusDto | null }>({ status: null });

/** Days without a bundle sent, with changes waiting, before the header says so. */
export const UNSENT_DAYS = 5;

const EVERY_MS = 5 * 60 * 1000;

export async function refreshExchange(): Promise<void> {
  // Signed out or locked: nothing to show until someone signs in.
  exchange.status = await api.exchangeStatus().catch(() => null);
}

/** Starts asking; returns what stops it. */
export function watchExchange(): () => void {
  void refreshExchange();
  const timer = setInterval(() => void refreshExchange(), EVERY_MS);
  return () => clearInterval(timer);
}

/** The days to warn of in the header, or null. */
export function unsentDays(): number | null {
  const days = exchange.status?.days_unsent;
  return days != null && days >= UNSENT_DAYS ? days : null;
}

function channel(progress: (step: ExchangeProgressDto) => void): Channel<ExchangeProgressDto> {
  const onProgress = new Channel<ExchangeProgressDto>();
  onProgress.onmessage = progress;
  return onProgress;
}

/** Writes the next bundle into a folder the person picks; `progress` hears each step. */
export function exportBundle(progress: (step: ExchangeProgressDto) => void) {
  return commands.exchangeExport(channel(progress));
}

/** Applies a head office bundle the person picks. */
export function importBundle(progress: (step: ExchangeProgressDto) => void) {
  return commands.exchangeImport(channel(progress));
}

/** Sends the next bundle over HTTPS and applies the head office's answer. */
export function syncBundles(progress: (step: ExchangeProgressDto) => void) {
  return commands.exchangeSync(channel(progress));
}
