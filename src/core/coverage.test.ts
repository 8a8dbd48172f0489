import { describe, expect, it } from 'vitest';
import { coverageOf, previousComparable, type Report } from './coverage.js';
import { parsePeriod } from './periods.js';

const at = (placeId: number, period: string, placeLevel = 2): Report => ({ placeId, placeLevel, period: parsePeriod(period) });
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
    expect(c).toEqual({ reported: 3, expected: 3, complete: false, period_ended: true, level: null });
    expect(cover('2017', [at(1, '2016Q1')], [at(1, '2017Q1'), at(1, '2017Q2')])?.complete).toBe(true);
  });

  it('counts places of one level for whole periods; unknown without earlier reports; open until the period ends', () => {
    expect(cover('2017', [at(1, '2016'), at(2, '2016')], [at(2, '2017')])).toEqual({ reported: 1, expected: 2, complete: false, period_ended: true, level: 2 });
    expect(cover('2017', [at(1, '2016', 2), at(2, '2016', 3)], [at(1, '2017')])?.level).toBeNull();
    expect(cover('2017', [], [at(1, '2017')])).toBeNull();
    expect(cover('2017', [at(1, '2016')], [at(1, '2017')], '2017-12-31')).toEqual({ reported: 1, expected: 1, complete: false, period_ended: false, level: 2 });
    expect(cover('2017', [at(1, '2016')], [at(1, '2017')], '2018-01-01')?.complete).toBe(true);
  });
});
