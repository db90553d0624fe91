// Typed calls of the Rust commands (src-tauri/src/commands.rs). Types come from
// ui/src/lib/bindings, generated from the Rust DTOs; errors arrive as ErrorDto.
import { invoke } from '@tauri-apps/api/core';
import type { AboutDto } from './bindings/AboutDto';
import type { CalcRequestDto } from './bindings/CalcRequestDto';
import type { CalculationDto } from './bindings/CalculationDto';
import type { ErrorDto } from './bindings/ErrorDto';
import type { LanguageTag } from './bindings/LanguageTag';
import type { PreferencesDto } from './bindings/PreferencesDto';
import type { ScheduleViewDto } from './bindings/ScheduleViewDto';

const ERROR_CODES = new Set(['invalid_input', 'storage', 'internal', 'not_found']);

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
    throw toErrorDto(reason);
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
};
