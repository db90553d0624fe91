// How the window reaches the desk: one `invoke` of a Rust command, its rejection turned into
// the desk's ErrorDto (and a signed-out desk told to the session screen). The calls
// themselves are generated from the commands' Rust signatures into ./commands.ts.
import { invoke } from '@tauri-apps/api/core';
import type { ErrorCode } from './bindings/ErrorCode';
import type { ErrorDto } from './bindings/ErrorDto';

/** Every code the desk sends: a Record, so a code added in Rust fails the type check here. */
const ERROR_CODES: Record<ErrorCode, true> = {
  invalid_input: true,
  storage: true,
  internal: true,
  not_found: true,
  signed_out: true,
  forbidden: true,
  cancelled: true,
};

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
    Object.hasOwn(ERROR_CODES, candidate.code) &&
    typeof candidate.message === 'string'
  );
}

/** Any rejection as an ErrorDto: a command's own error, or a failure of the bridge itself. */
export function toErrorDto(reason: unknown): ErrorDto {
  if (isErrorDto(reason)) return reason;
  const detail =
    reason instanceof Error
      ? reason.message
      : typeof reason === 'object' && reason !== null && typeof (reason as { message?: unknown }).message === 'string'
        ? (reason as { message: string }).message
        : typeof reason === 'string'
          ? reason
          : JSON.stringify(reason);
  return { code: 'internal', message: detail };
}

export async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (reason) {
    const error = toErrorDto(reason);
    if (error.code === 'signed_out') onSignedOut();
    throw error;
  }
}
