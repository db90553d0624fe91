// Numbers and dates as the desk shows them (docs/UI.md): money 1 250 000,00 сўм with a
// thin no-break space between thousands, dates DD.MM.YYYY. Amounts arrive as decimal strings
// from Rust and are never turned into floating point here.
import type { LanguageTag } from './bindings/LanguageTag';
import { translate } from './i18n.svelte';

const GROUP = '\u202f';

/** "1250000.5" → "1 250 000,50" (two decimals, comma, grouped). */
export function formatAmount(amount: string): string {
  const trimmed = amount.trim();
  const negative = trimmed.startsWith('-');
  const [whole = '0', fraction = ''] = trimmed.replace(/^[-+]/, '').split('.');
  const grouped = whole.replace(/^0+(?=\d)/, '').replace(/\B(?=(\d{3})+(?!\d))/g, GROUP);
  const cents = `${fraction}00`.slice(0, 2);
  return `${negative ? '−' : ''}${grouped},${cents}`;
}

/**
 * An exact amount ("1250000.50", "-500.00", or as typed: "1 250 000,50") as whole tiyin, in
 * integers: the window never puts money through floating point. null when it is not money.
 */
export function tiyinOf(amount: string): bigint | null {
  const compact = amount.trim().replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  const match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(compact);
  if (!match) return null;
  const [, sign = '', whole = '0', fraction = ''] = match;
  const tiyin = BigInt(whole) * 100n + BigInt(`${fraction}00`.slice(0, 2));
  return sign === '-' ? -tiyin : tiyin;
}

/** Whole tiyin as the desk writes an amount: "1250000.50". */
export function amountOfTiyin(tiyin: bigint): string {
  const sign = tiyin < 0n ? '-' : '';
  const abs = tiyin < 0n ? -tiyin : tiyin;
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

/** A count as the desk shows it: "1 000 000". */
export function formatCount(count: number): string {
  return String(count).replace(/\B(?=(\d{3})+(?!\d))/g, GROUP);
}

/** The amount with the currency in the language: "1 250 000,00 сўм". */
export function formatMoney(amount: string, language: LanguageTag): string {
  return `${formatAmount(amount)}\u00a0${translate(language, 'money.currency')}`;
}

/** "12.5" → "12,5"; percentages keep their own precision. */
export function formatPercent(percent: string): string {
  return percent.replace('-', '−').replace('.', ',');
}

/** "2026-04-02" → "02.04.2026"; anything else unchanged. */
export function formatDate(iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return match ? `${match[3]}.${match[2]}.${match[1]}` : iso;
}

/** A UTC instant ("2026-11-22T09:05:03.120Z") as the desk's local "22.11.2026 14:05"; anything else unchanged. */
export function formatInstant(iso: string): string {
  const at = new Date(iso);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(iso) || Number.isNaN(at.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(at.getDate())}.${pad(at.getMonth() + 1)}.${at.getFullYear()} ${pad(at.getHours())}:${pad(at.getMinutes())}`;
}

/** Today as ISO, in the desk's local time zone. */
export function todayIso(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** What a person types as an amount ("6 000 000", "6000000,50") → a decimal string, or null. */
export function parseAmountInput(text: string): string | null {
  const compact = text.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  return /^\d+(\.\d{1,2})?$/.test(compact) ? compact : null;
}

/** An amount field as it is left: "10000000" → "10 000 000,00", grouped as everywhere else
 * (issue 19); what does not read as money stays as typed, for its error to name. */
export function groupedInput(text: string): string {
  const amount = parseAmountInput(text);
  return amount === null ? text : formatAmount(amount);
}

/** "02.04.2026" (or 2.4.2026, 02/04/2026) → "2026-04-02"; null when it is not a real date. */
export function parseDateInput(text: string): string | null {
  const match = /^\s*(\d{1,2})[./-](\d{1,2})[./-](\d{4})\s*$/.exec(text);
  if (!match) return null;
  const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
