// No floating point near money in the window (ARCHITECTURE.md, "Invariants"): amounts come
// from the desk as exact strings and are compared as whole tiyin (tiyinOf, BigInt). This
// test reads every source file of the window and fails on the ways a float creeps in.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('..', import.meta.url));
const MONEY = /amount|payable|paid|owed|sum_insured|money|tiyin|cents|percent|limit/i;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'bindings' ? [] : sources(path);
    return /\.(svelte|ts)$/.test(name) && !name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('money in the window', () => {
  it('never passes through floating point', () => {
    const offences: string[] = [];
    for (const file of sources(SRC)) {
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, at) => {
          const float = /parseFloat\(|Number\(|\.toFixed\(|Math\.round\(/.test(line);
          if (float && MONEY.test(line)) offences.push(`${file}:${at + 1}: ${line.trim()}`);
        });
    }
    expect(offences).toEqual([]);
  });
});
