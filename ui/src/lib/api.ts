// The window's calls of the desk: the generated ./commands.ts (one typed function per Rust
// command, never written by hand), with the two conveniences that shape an argument first.
import { Channel } from '@tauri-apps/api/core';
import type { CalcRequestDto } from './bindings/CalcRequestDto';
import type { ImportProgressDto } from './bindings/ImportProgressDto';
import { commands } from './commands';

export { isErrorDto, toErrorDto, whenSignedOut } from './call';

export const api = {
  ...commands,
  /** The same JSON `tovon calc` reads, parsed by the same Rust code. */
  calculate: (request: CalcRequestDto) => commands.calculate(JSON.stringify(request)),
  /** Imports the chosen register file; `progress` hears how far it is while it runs. */
  importPolicies: (mapping: string | null, progress: (step: ImportProgressDto) => void) => {
    const onProgress = new Channel<ImportProgressDto>();
    onProgress.onmessage = progress;
    return commands.importPolicies(mapping, onProgress);
  },
};
