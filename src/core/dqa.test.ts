import { describe, expect, it } from 'vitest';
import {
  DQA_ACTION_STATUSES,
  DQA_ACTION_STATUS_LABELS,
  DQA_RATINGS,
  DQA_RATING_LABELS,
  DQA_STANDARDS,
  DQA_STANDARD_LABELS,
  DQA_STANDARD_QUESTIONS,
  dqaDueDate,
  dqaOverdue,
  dqaResult,
  isIsoDate,
} from './dqa.js';
import { LANGUAGES } from './languages.js';

describe('the DQA vocabulary', () => {
  it('names every standard, rating and status in English and Spanish, differently', () => {
    for (const [keys, labels] of [
      [DQA_STANDARDS, DQA_STANDARD_LABELS],
      [DQA_STANDARDS, DQA_STANDARD_QUESTIONS],
      [DQA_RATINGS, DQA_RATING_LABELS],
      [DQA_ACTION_STATUSES, DQA_ACTION_STATUS_LABELS],
    ] as const) {
      expect(Object.keys(labels).sort()).toEqual([...keys].sort());
      for (const lang of LANGUAGES) expect(new Set(Object.values(labels).map((l: Record<string, string>) => l[lang])).size).toBe(keys.length);
    }
  });

  it('sums an assessment up in one rating', () => {
    const all = (r: (typeof DQA_RATINGS)[number]) => Object.fromEntries(DQA_STANDARDS.map((s) => [s, r])) as Record<(typeof DQA_STANDARDS)[number], typeof r>;
    expect(dqaResult(all('met'))).toBe('met');
    expect(dqaResult({ ...all('met'), timeliness: 'partly_met' })).toBe('partly_met');
    expect(dqaResult({ ...all('partly_met'), validity: 'not_met' })).toBe('not_met');
  });
});

describe('the three-year rule', () => {
  it('is due on the third anniversary and overdue from the day after', () => {
    expect(dqaDueDate('2014-05-20')).toBe('2017-05-20');
    expect(dqaOverdue('2014-05-20', '2017-05-20')).toBe(false);
    expect(dqaOverdue('2014-05-20', '2017-05-21')).toBe(true);
    expect(dqaOverdue('2014-05-20', '2014-05-20')).toBe(false);
  });

  it('falls back to 28 February from a 29 February', () => {
    expect(dqaDueDate('2012-02-29')).toBe('2015-02-28');
    expect(dqaOverdue('2012-02-29', '2015-02-28')).toBe(false);
    expect(dqaOverdue('2012-02-29', '2015-03-01')).toBe(true);
  });

  it('counts an indicator that never had a DQA as overdue', () => {
    expect(dqaOverdue(null, '2000-01-01')).toBe(true);
  });

  it('reads only real calendar dates', () => {
    expect(isIsoDate('2016-02-29')).toBe(true);
    for (const bad of ['2015-02-29', '2015-13-01', '2015-1-01', '15-01-01', '2015-01-01T00:00', '1899-12-31', '2101-01-01'])
      expect(isIsoDate(bad), bad).toBe(false);
  });
});
