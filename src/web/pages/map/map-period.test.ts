import { describe, expect, it } from 'vitest';
import { defaultPeriod, partialAfter, type Coverage } from './map-period';

const partial: Coverage = { reported: 1, expected: 8, complete: false, period_ended: true, level: 2, counted_period: null };
const complete: Coverage = { reported: 8, expected: 8, complete: true, period_ended: true, level: 2, counted_period: null };

describe('the map’s default period', () => {
  const periods = ['2015', '2016', '2017'];
  const coverage = new Map<string, Coverage>([
    ['2015', null],
    ['2016', complete],
    ['2017', partial],
  ]);

  it('is the latest complete period; a partial one only when chosen', () => {
    expect(defaultPeriod(periods, coverage, '')).toBe('2016');
    expect(partialAfter(periods, coverage, '2016')).toBe('2017');
    expect(defaultPeriod(periods, coverage, '2017')).toBe('2017');
    expect(partialAfter(periods, coverage, '2017')).toBe('');
    expect(defaultPeriod(periods, coverage, '2031')).toBe('2016');
  });

  it('counts a period without coverage as complete, and falls back to the latest when none is complete', () => {
    expect(defaultPeriod(['2015'], coverage, '')).toBe('2015');
    expect(defaultPeriod(['2017'], coverage, '')).toBe('2017');
    expect(defaultPeriod([], coverage, '')).toBe('');
  });
});
