// The register import as session state: it runs on while the officer works on another
// screen, and its progress and report are there on coming back.
import { api, toErrorDto } from './api';
import type { ErrorDto } from './bindings/ErrorDto';
import type { ImportProgressDto } from './bindings/ImportProgressDto';
import type { ImportReportDto } from './bindings/ImportReportDto';

export const registryImport = $state<{
  path: string;
  /** A saved column mapping's name; '' for the built-in column names alone. */
  mapping: string;
  running: boolean;
  progress: ImportProgressDto | null;
  report: ImportReportDto | null;
  error: ErrorDto | null;
}>({ path: '', mapping: '', running: false, progress: null, report: null, error: null });

/** Imports the file at `registryImport.path`; one import at a time. */
export async function startImport(): Promise<void> {
  const path = registryImport.path.trim();
  if (registryImport.running || path === '') return;
  Object.assign(registryImport, { running: true, progress: null, report: null, error: null });
  try {
    registryImport.report = await api.importPolicies(
      path,
      registryImport.mapping || null,
      (step) => (registryImport.progress = step),
    );
  } catch (reason) {
    registryImport.error = toErrorDto(reason);
  } finally {
    registryImport.running = false;
    registryImport.progress = null;
  }
}
