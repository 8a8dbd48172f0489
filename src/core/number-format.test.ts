import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VigiaError } from './errors.js';
import { NO_VALUE, formatNumber, formatPercent } from './number-format.js';

/** Spells the no-break space visibly, so expectations read `49_500`. */
const shown = (s: string): string => s.replaceAll('\u00a0', '_');

describe('formatNumber', () => {
  it.each([
    [49_500, 0, '49,500', '49_500'],
    [9_500, 0, '9,500', '9500'],
    [950, 0, '950', '950'],
    [1_234_567.891, 2, '1,234,567.89', '1_234_567,89'],
    [37.7, 1, '37.7', '37,7'],
    [37.65, 1, '37.7', '37,7'],
    [0.5, 0, '1', '1'],
    [2.5, 0, '3', '3'],
    [1.005, 2, '1.01', '1,01'],
    [8.345, 2, '8.35', '8,35'],
    [0.615, 2, '0.62', '0,62'],
    [1234.5, 1, '1,234.5', '1234,5'],
    [12_345.5, 1, '12,345.5', '12_345,5'],
    [3, 2, '3.00', '3,00'],
    [0, 0, '0', '0'],
  ])('%d with %d decimals: en %s, es %s', (value, decimals, en, es) => {
    expect(formatNumber(value, 'en', decimals)).toBe(en);
    expect(shown(formatNumber(value, 'es', decimals))).toBe(es);
  });

  it.each([
    [-49_500, 0, '-49,500', '-49_500'],
    [-9_500, 0, '-9,500', '-9500'],
    [-37.65, 1, '-37.7', '-37,7'],
    [-2.5, 0, '-3', '-3'],
    [-1.005, 2, '-1.01', '-1,01'],
  ])('negative %d rounds half away from zero: en %s, es %s', (value, decimals, en, es) => {
    expect(formatNumber(value, 'en', decimals)).toBe(en);
    expect(shown(formatNumber(value, 'es', decimals))).toBe(es);
  });

  it('shows a negative value that rounds to zero as 0, not -0', () => {
    expect(formatNumber(-0.04, 'en', 1)).toBe('0.0');
    expect(formatNumber(-0.4, 'es')).toBe('0');
    expect(formatNumber(-0, 'en')).toBe('0');
  });

  it('rounds to 0 decimals by default', () => {
    expect(formatNumber(14_235.6, 'en')).toBe('14,236');
  });

  it('shows missing and non-finite values as a dash', () => {
    expect(formatNumber(null, 'en')).toBe(NO_VALUE);
    expect(formatNumber(Number.NaN, 'es', 2)).toBe(NO_VALUE);
    expect(formatNumber(Number.POSITIVE_INFINITY, 'en')).toBe(NO_VALUE);
  });

  it('refuses a bad number of decimals', () => {
    expect(() => formatNumber(1, 'en', -1)).toThrow(VigiaError);
    expect(() => formatNumber(1, 'en', 1.5)).toThrow(VigiaError);
  });

  it('reads back to the rounded value in both languages', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e9, max: 1e9, noNaN: true }), fc.integer({ min: 0, max: 3 }), (value, decimals) => {
        const en = Number(formatNumber(value, 'en', decimals).replaceAll(',', ''));
        const es = Number(formatNumber(value, 'es', decimals).replaceAll('\u00a0', '').replace(',', '.'));
        expect(es).toBe(en);
        // Within half a unit of the last place of the value (plus float noise).
        expect(Math.abs(en - value)).toBeLessThanOrEqual(0.5 * 10 ** -decimals + 1e-6);
      }),
    );
  });

  it('groups Spanish numbers only from five digits on, with no-break spaces', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (n) => {
        const es = formatNumber(n, 'es');
        const digits = String(Math.abs(n)).length;
        expect(es.includes('\u00a0')).toBe(digits >= 5);
        expect(es).not.toMatch(/[.,]/);
      }),
    );
  });
});

describe('formatPercent', () => {
  it('writes the sign against the number in English and apart in Spanish', () => {
    expect(formatPercent(37.65, 'en', 1)).toBe('37.7%');
    expect(shown(formatPercent(37.65, 'es', 1))).toBe('37,7_%');
    expect(formatPercent(-4.5, 'en')).toBe('-5%');
    expect(shown(formatPercent(12_500, 'es'))).toBe('12_500_%');
  });

  it('shows a missing percentage as a dash, with no sign', () => {
    expect(formatPercent(null, 'es')).toBe(NO_VALUE);
  });
});
