// The window's calls and the desk's commands are one list: every name `api.ts` invokes is
// declared in src-tauri's `window_commands!`, and every declared command has its call.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const read = (relative: string) => readFileSync(fileURLToPath(new URL(relative, import.meta.url)), 'utf8');

describe('the window and the desk', () => {
  it('call exactly the commands the shell declares', () => {
    const shell = read('../../../src-tauri/src/lib.rs');
    const declared = /window_commands!\[([^\]]*)\]/.exec(shell)?.[1] ?? '';
    const commands = declared.split(',').map((name) => name.trim()).filter(Boolean).sort();
    const api = read('./api.ts');
    const called = [...new Set([...api.matchAll(/call<[^>]*>\('(\w+)'/g)].map((match) => match[1]))].sort();
    expect(commands.length).toBeGreaterThan(50);
    expect(called).toEqual(commands);
  });
});
