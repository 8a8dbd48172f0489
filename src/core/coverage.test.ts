import { describe, expect, it } from 'vitest';
import { coverageOf, previousComparable, type Report } from './coverage.js';
import { parsePeriod, periodOfDate } from './periods.js';
import { coverageNote } from './statements/coverage-note.js';

const at = (placeId: number, period: string, placeLevel = 2): Report => ({
  placeId,
  placeLevel,
  period: /^\d{4}-\d{2}-\d{2}$/.test(period) ? periodOfDate(period, 'day') : parsePeriod(period),
});
const cover = (period: string, expected: Report[], current: Report[], today = '2030-01-01') => {
  const p = parsePeriod(period);
  return coverageOf(p, previousComparable(p)!, expected, current, today);
};

describe('coverage of a period', () => {
  it('the previous comparable period is the same length just before', () => {
    expect(['2017', '2017Q1', '201701', '2012Oct'].map((id) => previousComparable(parsePeriod(id))?.id)).toEqual(['2016', '2016Q4', '201612', '2011Oct']);
  });

  it('matches each report to the same place at the same position of the period', () => {
    const c = cover('2017', [at(1, '2016Q1'), at(1, '2016Q2'), at(2, '2016Q1')], [at(1, '2017Q1'), at(1, '2017Q3'), at(2, '2017Q1')]);
    // 2017Q3 was not expected: reported, but 2017Q2 is still missing.
    expect(c).toEqual({ reported: 3, expected: 3, complete: false, period_ended: true, level: null, counted_period: null });
    expect(cover('2017', [at(1, '2016Q1')], [at(1, '2017Q1'), at(1, '2017Q2')])?.complete).toBe(true);
  });

  it('counts places of one level for whole periods; unknown without earlier reports; open until the period ends', () => {
    expect(cover('2017', [at(1, '2016'), at(2, '2016')], [at(2, '2017')])).toEqual({
      reported: 1,
      expected: 2,
      complete: false,
      period_ended: true,
      level: 2,
      counted_period: null,
    });
    expect(cover('2017', [at(1, '2016', 2), at(2, '2016', 3)], [at(1, '2017')])?.level).toBeNull();
    expect(cover('2017', [], [at(1, '2017')])).toBeNull();
    expect(cover('2017', [at(1, '2016')], [at(1, '2017')], '2017-12-31')).toEqual({
      reported: 1,
      expected: 1,
      complete: false,
      period_ended: false,
      level: 2,
      counted_period: null,
    });
    expect(cover('2017', [at(1, '2016')], [at(1, '2017')], '2018-01-01')?.complete).toBe(true);
  });

  it('counts event data (records) by the quarters with any record, wherever they happened', () => {
    const p = parsePeriod('2014Oct');
    const previous = previousComparable(p)!;
    // Last fiscal year: records in every quarter, in different departments each time.
    const before = ['2013-10-03', '2014-01-20', '2014-02-11', '2014-05-02', '2014-08-30'].map((d, i) => at(i + 1, d));
    // This one: two records in October and November, one quarter.
    const now = [at(9, '2014-10-15'), at(9, '2014-11-15')];
    expect(coverageOf(p, previous, before, now, '2030-01-01', true)).toEqual({
      reported: 1,
      expected: 4,
      complete: false,
      period_ended: true,
      level: null,
      counted_period: 'quarter',
    });
    // A quarter month by month; a department that had no seizure this year is no missing report.
    const all = [at(5, '2015-01-02'), at(6, '2015-04-02'), at(7, '2015-07-09'), at(8, '2014-12-01')];
    expect(coverageOf(p, previous, before, all, '2030-01-01', true)?.complete).toBe(true);
    const q = parsePeriod('2015Q1');
    expect(coverageOf(q, previousComparable(q)!, [at(1, '2014-10-03'), at(1, '2014-12-03')], [at(2, '2015-03-01')], '2030-01-01', true)).toMatchObject({
      reported: 1,
      expected: 2,
      counted_period: 'month',
    });
  });

  it('says what is missing in both languages: places, reports or quarters', () => {
    const c = { reported: 1, expected: 4, complete: false, period_ended: true, level: null, counted_period: 'quarter' as const };
    expect(coverageNote(c, 'en')).toBe('partial: data for 1 of 4 quarters');
    expect(coverageNote(c, 'es')).toBe('parcial: datos de 1 de 4 trimestres');
    expect(coverageNote({ ...c, level: 2, counted_period: null }, 'en')).toBe('partial: 1 of 4 departments reported');
    expect(coverageNote({ ...c, level: 2, counted_period: null }, 'es')).toBe('parcial: informaron 1 de 4 departamentos');
    expect(coverageNote({ ...c, period_ended: false, reported: 4 }, 'en')).toBe('period not over');
  });
});
