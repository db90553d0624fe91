// No visible string outside the catalogue (ARCHITECTURE.md, "Invariants"): every word a
// person reads in the window comes from `t()`. This test reads the markup of every
// component — text between tags and the attributes a person sees or hears — and fails on
// any word written there by hand.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('..', import.meta.url));
const SEEN = /\b(?:title|placeholder|aria-label|alt|label)="([^"{]*)"/g;
const WORD = /[A-Za-zА-Яа-яЁёЎўҚқҒғҲҳ]{2,}/;

function components(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return components(path);
    return name.endsWith('.svelte') ? [path] : [];
  });
}

/** The markup alone: no script, no style, no comments, no `{…}` expressions. */
function markup(source: string): string {
  let text = source
    .replace(/<script[\s\S]*?<\/script>/g, '')
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/<!--[\s\S]*?-->/g, '');
  // Expressions nest ({#each …}, {t('…', { n })}): strip from the innermost out.
  for (let previous = ''; previous !== text; ) {
    previous = text;
    text = text.replace(/\{[^{}]*\}/g, '');
  }
  return text;
}

describe('the window', () => {
  it('shows no word that is not from the catalogue', () => {
    const offences: string[] = [];
    for (const file of components(SRC)) {
      const html = markup(readFileSync(file, 'utf8'));
      for (const [, seen] of html.matchAll(SEEN)) {
        if (WORD.test(seen ?? '')) offences.push(`${file}: attribute "${seen}"`);
      }
      const between = html.replace(/<[^>]*>/g, '\n').replace(/&\w+;/g, ' ');
      for (const line of between.split('\n')) {
        if (WORD.test(line)) offences.push(`${file}: text "${line.trim()}"`);
      }
    }
    expect(offences).toEqual([]);
  });

  it('catches a word written by hand', () => {
    expect(WORD.test(markup('<p>{t("x")} Сақлаш</p>').replace(/<[^>]*>/g, ' '))).toBe(true);
    expect(WORD.test(markup('<p>{t("x")} — {n}</p>').replace(/<[^>]*>/g, ' '))).toBe(false);
  });
});
