import { describe, expect, it } from 'vitest';
import { amountOfTiyin, formatAmount, formatCount, formatDate, formatInstant, formatMoney, formatPercent, parseAmountInput, parseDateInput, tiyinOf, todayIso } from './format';

const N = '\u202f';

describe('counts', () => {
  it('groups thousands like money, without decimals', () => {
    expect(formatCount(1000000)).toBe(`1${N}000${N}000`);
    expect(formatCount(25000)).toBe(`25${N}000`);
    expect(formatCount(999)).toBe('999');
    expect(formatCount(0)).toBe('0');
  });
});

describe('money', () => {
  it('groups thousands, uses a comma and two decimals', () => {
    expect(formatAmount('1250000.00')).toBe(`1${N}250${N}000,00`);
    expect(formatAmount('1250000.5')).toBe(`1${N}250${N}000,50`);
    expect(formatAmount('999')).toBe('999,00');
    expect(formatAmount('0.00')).toBe('0,00');
    expect(formatAmount('-2500000.00')).toBe(`−2${N}500${N}000,00`);
  });

  it('names the currency in the language', () => {
    expect(formatMoney('2100000.00', 'uz-Cyrl')).toBe(`2${N}100${N}000,00\u00a0сўм`);
    expect(formatMoney('1.00', 'uz-Latn')).toBe('1,00\u00a0soʻm');
    expect(formatMoney('1.00', 'ru')).toBe('1,00\u00a0сум');
  });
});

describe('input and dates', () => {
  it('reads amounts as people type them', () => {
    expect(parseAmountInput('6 000 000')).toBe('6000000');
    expect(parseAmountInput('6000000,50')).toBe('6000000.50');
    expect(parseAmountInput('6 000 000 сўм')).toBeNull();
    expect(parseAmountInput('')).toBeNull();
    expect(parseAmountInput('1,2,3')).toBeNull();
  });

  it('shows dates as DD.MM.YYYY and percentages with a comma', () => {
    expect(formatDate('2026-10-05')).toBe('05.10.2026');
    expect(formatDate('n/a')).toBe('n/a');
    expect(formatPercent('12.5')).toBe('12,5');
    expect(todayIso(new Date(2026, 0, 5))).toBe('2026-01-05');
  });
});

describe('typed dates', () => {
  it('reads DD.MM.YYYY and refuses what is not a date', () => {
    expect(parseDateInput('02.04.2026')).toBe('2026-04-02');
    expect(parseDateInput('2.4.2026')).toBe('2026-04-02');
    expect(parseDateInput('31.02.2026')).toBeNull();
    expect(parseDateInput('2026-04-02')).toBeNull();
    expect(parseDateInput('')).toBeNull();
  });
});

describe('instants', () => {
  it('shows a UTC instant in local time as DD.MM.YYYY HH:MM and leaves other text alone', () => {
    const at = new Date(2026, 10, 22, 14, 5);
    expect(formatInstant(at.toISOString())).toBe('22.11.2026 14:05');
    expect(formatInstant('2026-11-22')).toBe('2026-11-22');
    expect(formatInstant('бир кун')).toBe('бир кун');
  });
});

describe('tiyin', () => {
  it('reads amounts exactly as whole tiyin, never through floating point', () => {
    expect(tiyinOf('1250000.50')).toBe(125000050n);
    expect(tiyinOf('1 250 000,5')).toBe(125000050n);
    expect(tiyinOf('-1500000.00')).toBe(-150000000n);
    expect(tiyinOf('999999999999.99')).toBe(99999999999999n);
    // 0.1 + 0.2 is not 0.3 in floating point; in tiyin it is.
    expect((tiyinOf('0.1') ?? 0n) + (tiyinOf('0.2') ?? 0n)).toBe(tiyinOf('0.3'));
    expect(tiyinOf('90071992547409.93')).toBe(9007199254740993n);
    for (const bad of ['', 'abc', '1.005', '1e5', '1..2']) expect(tiyinOf(bad)).toBeNull();
  });

  it('writes tiyin back as the desk writes amounts', () => {
    expect(amountOfTiyin(125000050n)).toBe('1250000.50');
    expect(amountOfTiyin(-5n)).toBe('-0.05');
    expect(amountOfTiyin(0n)).toBe('0.00');
  });
});

describe('groupedInput', () => {
  it('groups an amount field as it is left, and leaves what is not money as typed', async () => {
    const { groupedInput } = await import('./format');
    expect(groupedInput('10000000')).toBe('10\u202f000\u202f000,00');
    expect(groupedInput('6 000 000,5')).toBe('6\u202f000\u202f000,50');
    expect(groupedInput('abc')).toBe('abc');
  });
});
