// The UI's side of the one message catalogue (assets/i18n/messages.json, shared with Rust).
// Every visible string goes through t(); the current language is reactive state.
import catalogue from '../../../assets/i18n/messages.json';
import type { LanguageTag } from './bindings/LanguageTag';

export type MessageKey = keyof typeof catalogue;
export type MessageParams = Record<string, string | number>;

export const LANGUAGES: readonly LanguageTag[] = ['uz-Cyrl', 'uz-Latn', 'ru'];

const current = $state<{ language: LanguageTag }>({ language: 'uz-Cyrl' });

export function language(): LanguageTag {
  return current.language;
}

export function setLanguage(tag: LanguageTag): void {
  current.language = tag;
  if (typeof document !== 'undefined') document.documentElement.lang = tag;
}

/** The text of `key` in `tag`, with `{name}` placeholders filled; a gap shows the key. */
export function translate(tag: LanguageTag, key: MessageKey, params: MessageParams = {}): string {
  const texts: Partial<Record<LanguageTag, string>> = catalogue[key];
  const template = texts[tag] ?? key;
  return template.replace(/\{(\w+)\}/g, (placeholder, name: string) =>
    name in params ? String(params[name]) : placeholder,
  );
}

/** The text of `key` in the current language. */
export function t(key: MessageKey, params: MessageParams = {}): string {
  return translate(current.language, key, params);
}

/**
 * The language attribute of the payment schedule's texts (items, sections, hints, a line's
 * reason): they exist only in Uzbek (Cyrillic, or transliterated on a Latin desk), so on a
 * Russian screen they are marked as Uzbek (issue 19). Undefined where they are the page's.
 */
export function scheduleLang(): LanguageTag | undefined {
  return language() === 'ru' ? 'uz-Cyrl' : undefined;
}
