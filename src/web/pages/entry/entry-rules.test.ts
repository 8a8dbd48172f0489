import { describe, expect, it } from 'vitest';
import { checkCell } from './cell-rules';
import { defaultPeriods, periodType, periodsBetween } from './periods';

describe('entry cells', () => {
  const rules = { decimals: 1, allowNegative: false };
  it('read numbers with a decimal point, and empty as no value', () => {
    expect(checkCell(' 12.5 ', rules)).toEqual({ ok: true, value: 12.5 });
    expect(checkCell('12,5', rules)).toEqual({ ok: false, problem: 'comma' });
    expect(checkCell('', rules)).toEqual({ ok: true, value: null });
    expect(checkCell('3.10', rules)).toEqual({ ok: true, value: 3.1 });
  });
  it('refuse text, negatives and too many decimals', () => {
    expect(checkCell('abc', rules)).toEqual({ ok: false, problem: 'notNumber' });
    expect(checkCell('1,234.5', rules)).toEqual({ ok: false, problem: 'comma' });
    expect(checkCell('1.2.3', rules)).toEqual({ ok: false, problem: 'notNumber' });
    expect(checkCell('1e5', rules)).toEqual({ ok: false, problem: 'notNumber' });
    expect(checkCell('-4', rules)).toEqual({ ok: false, problem: 'negative' });
    expect(checkCell('-4', { ...rules, allowNegative: true })).toEqual({ ok: true, value: -4 });
    expect(checkCell('1.25', rules)).toEqual({ ok: false, problem: 'decimals' });
  });
});

describe('entry periods', () => {
  it('list years, quarters and months between two years', () => {
    expect(periodsBetween('year', 2012, 2013)).toEqual(['2012', '2013']);
    expect(periodsBetween('quarter', 2013, 2013)).toEqual(['2013Q1', '2013Q2', '2013Q3', '2013Q4']);
    expect(periodsBetween('month', 2013, 2013)).toHaveLength(12);
    expect(periodType('201207')).toBe('month');
    expect(periodType('2012Oct')).toBeUndefined();
  });
  it('default to the type the data uses, over its last two years', () => {
    expect(defaultPeriods(['2008', '2013', '2012'], 2026)).toEqual({ type: 'year', from: 2012, to: 2013 });
    expect(defaultPeriods([], 2026)).toEqual({ type: 'quarter', from: 2025, to: 2026 });
  });
});
