import { describe, expect, it } from 'vitest';
import { parsePeriod } from './periods.js';
import { addDays, closesOn, countReports, coveredAt, dueOn, expectedPeriods, reportStatus, share } from './reporting-calendar.js';

describe('reporting calendar arithmetic', () => {
  it('counts due and closing days from the end of the period, across months and leap years', () => {
    expect(addDays('2016-02-28', 1)).toBe('2016-02-29');
    expect(addDays('2015-12-31', 15)).toBe('2016-01-15');
    expect(dueOn(parsePeriod('2016Q1'), { due_days: 30 })).toBe('2016-04-30');
    expect(closesOn(parsePeriod('201602'), { close_days: 0 })).toBe('2016-02-29');
    expect(closesOn(parsePeriod('201602'), { close_days: null })).toBeNull();
  });

  it('expects one report per period from the start to the one running today, and fiscal years of the program', () => {
    const monthly = { frequency: 'month' as const, due_days: 10, close_days: null, start_date: '2015-01-15', end_date: null };
    // A start in mid-January expects the first whole month after it.
    expect(expectedPeriods(monthly, 10, '0001-01-01', '2015-04-01').map((p) => p.id)).toEqual(['201502', '201503', '201504']);
    const fiscal = { ...monthly, frequency: 'fiscal_year' as const, start_date: '2012-10-01', end_date: '2014-09-30' };
    expect(expectedPeriods(fiscal, 10, '0001-01-01', '2020-01-01').map((p) => p.id)).toEqual(['2012Oct', '2013Oct']);
    expect(expectedPeriods({ ...fiscal, end_date: null }, 10, '2014-01-01', '2014-12-31').map((p) => p.id)).toEqual(['2013Oct', '2014Oct']);
  });

  it('a report is not due, on time, late or missing by its due day', () => {
    expect(reportStatus('2015-02-10', null, '2015-02-10')).toBe('not_due');
    expect(reportStatus('2015-02-10', null, '2015-02-11')).toBe('missing');
    expect(reportStatus('2015-02-10', '2015-02-10', '2015-06-01')).toBe('on_time');
    expect(reportStatus('2015-02-10', '2015-02-11', '2015-02-11')).toBe('late');
  });

  it('a period is submitted when submissions first cover all of it: three months make a quarter', () => {
    const q = parsePeriod('2015Q1');
    const jan = { start: '2015-01-01', end: '2015-01-31', at: '2015-02-03T10:00:00Z' };
    const mar = { start: '2015-03-01', end: '2015-03-31', at: '2015-04-02T10:00:00Z' };
    const feb = { start: '2015-02-01', end: '2015-02-28', at: '2015-04-20T10:00:00Z' };
    expect(coveredAt(q, [jan, mar])).toBeNull();
    expect(coveredAt(q, [mar, feb, jan])).toBe(feb.at);
    // A submission of the whole year covers each of its quarters and months.
    const year = { start: '2015-01-01', end: '2015-12-31', at: '2016-01-05T00:00:00Z' };
    expect(coveredAt(parsePeriod('201507'), [year])).toBe(year.at);
    // An earlier submission of the quarter is the one that counts.
    expect(coveredAt(q, [feb, { start: '2015-01-01', end: '2015-03-31', at: '2015-04-01T00:00:00Z' }, jan, mar])).toBe('2015-04-01T00:00:00Z');
  });

  it('sums up a group of reports: missing first, then not due, then late', () => {
    expect(countReports(['on_time', 'late', 'missing', 'not_due'])).toEqual({ expected: 4, submitted: 2, on_time: 1, status: 'missing' });
    expect(countReports(['on_time', 'late', 'not_due'])).toMatchObject({ status: 'not_due' });
    expect(countReports(['on_time', 'late'])).toMatchObject({ status: 'late' });
    expect(countReports(['on_time'])).toMatchObject({ status: 'on_time' });
    expect(share(1, 3)).toBe(0.3333);
    expect(share(0, 0)).toBeNull();
  });
});
