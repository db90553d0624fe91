// The one catalogue: every key in every language, placeholders filled, gaps visible.
import { describe, expect, it } from 'vitest';
import catalogue from '../../../assets/i18n/messages.json';
import { LANGUAGES, language, setLanguage, t, translate, type MessageKey } from './i18n.svelte';

const keys = Object.keys(catalogue) as MessageKey[];
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('message catalogue', () => {
  it('has every language for every key, with the same placeholders', () => {
    for (const key of keys) {
      const texts: Record<string, string> = catalogue[key];
      expect(Object.keys(texts).sort(), key).toEqual([...LANGUAGES].sort());
      for (const tag of LANGUAGES) {
        expect(texts[tag]?.trim(), `${key} ${tag}`).toBeTruthy();
        expect(placeholders(texts[tag] ?? ''), `${key} ${tag}`).toEqual(placeholders(texts['uz-Cyrl'] ?? ''));
      }
    }
  });

  it('has a heading and an intro for every screen of the sidebar', () => {
    for (const screen of ['claims', 'calculator', 'registry', 'settings']) {
      expect(keys).toContain(`nav.${screen}`);
      expect(keys).toContain(`screen.${screen}.heading`);
      expect(keys).toContain(`screen.${screen}.intro`);
    }
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translate('ru', 'error.unknown_language', { value: 'de' })).toBe(
      'Неизвестный язык: «de». Выберите uz-Cyrl, uz-Latn или ru.',
    );
    expect(translate('uz-Cyrl', 'error.storage', {})).toContain('{detail}');
  });

  it('follows the current language', () => {
    setLanguage('uz-Latn');
    expect(language()).toBe('uz-Latn');
    expect(t('screen.claims.heading')).toBe('Sugʻurta hodisalari boʻyicha arizalar');
    setLanguage('uz-Cyrl');
    expect(t('screen.claims.heading')).toBe('Суғурта ҳодисалари бўйича аризалар');
  });
});
