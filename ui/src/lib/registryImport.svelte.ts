// The register import as session state: it runs on while the officer works on another
// screen, and its progress and report are there on coming back.
import { api, toErrorDto } from './api';
import type { ErrorDto } from './bindings/ErrorDto';
import type { ImportProgressDto } from './bindings/ImportProgressDto';
import type { ImportReportDto } from './bindings/ImportReportDto';

export const registryImport = $state<{
  /** The chosen file's name (the desk keeps its path, chosen in the system's dialog). */
  file: string;
  /** A saved column mapping's name; '' for the built-in column names alone. */
  mapping: string;
  running: boolean;
  progress: ImportProgressDto | null;
  report: ImportReportDto | null;
  error: ErrorDto | null;
}>({ file: '', mapping: '', running: false, progress: null, report: null, error: null });

/** Imports the chosen file; one import at a time. */
export async function startImport(): Promise<void> {
  if (registryImport.running || registryImport.file === '') return;
  Object.assign(registryImport, { running: true, progress: null, report: null, error: null });
  try {
    registryImport.report = await api.importPolicies(
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
