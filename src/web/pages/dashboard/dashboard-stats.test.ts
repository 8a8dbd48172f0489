import { describe, expect, it } from 'vitest';
import type { AnalyticsRow, Indicator } from '../../api/types';
import { cardDefs, latest, partialAfter, periodYear, previousPeriod, progress, series, targetsOf, yearAxis, yearToPeriod } from './dashboard-stats';

const indicator = (code: string, extra: Partial<Indicator> = {}): Indicator => ({
  code,
  name_en: code,
  name_es: code,
  unit: 'ha',
  direction: 'up',
  agg_time: 'sum',
  agg_place: 'sum',
  sensitivity: 'public',
  origin: 'reported',
  formula: null,
  decimals: 0,
  sources: [],
  dimensions: {},
  targets: [],
  ...extra,
});
const row = (indicator: string, period: string, value: number | null, source?: string, coverage: AnalyticsRow['coverage'] = null): AnalyticsRow => ({
  indicator,
  period,
  value,
  provenance: ['sourced'],
  unapproved: false,
  coverage,
  marks: [],
  ...(source !== undefined ? { source } : {}),
});
const cov = (reported: number, expected: number, ended = true) => ({
  reported,
  expected,
  complete: reported >= expected && ended,
  period_ended: ended,
  level: 2,
  counted_period: null,
});

describe('dashboard stats', () => {
  it('gives a card per source, USG first, and cards to indicators with targets', () => {
    const target = { place: 'PE', period: '2016', source: '', disagg: '', kind: 'target' as const, value: 5, provenance: 'sourced', note: null };
    const defs = cardDefs([
      indicator('OTHER'),
      indicator('COCA_HA', { sources: ['UNODC', 'USG'] }),
      indicator('WITH_TARGET', { targets: [target] }),
      indicator('ERAD_HA'),
    ]);
    expect(defs.map((d) => d.id)).toEqual(['ERAD_HA', 'COCA_HA-USG', 'COCA_HA-UNODC', 'WITH_TARGET']);
  });

  it('finds the latest value and its change on the year before, per source', () => {
    const rows = [
      row('COCA_HA', '2012', 50500, 'USG'),
      row('COCA_HA', '2013', 59500, 'USG'),
      row('COCA_HA', '2013', 49800, 'UNODC'),
      row('COCA_HA', '2014', null, 'USG'),
    ];
    const usg = latest(series(rows, 'COCA_HA', 'USG'));
    expect(usg?.point.period).toBe('2013');
    expect(usg?.change).toBe(9000);
    expect(usg?.changePct).toBeCloseTo(17.82, 2);
    expect(latest(series(rows, 'COCA_HA', 'UNODC'))?.change).toBeNull();
  });

  it('names fiscal years by the year they end in', () => {
    expect(periodYear('2012Oct')).toBe(2013);
    expect(previousPeriod('2012Oct')).toBe('2011Oct');
    expect(yearToPeriod(2013, 'fiscal')).toBe('2012Oct');
    expect(yearToPeriod(2013, 'calendar')).toBe('2013');
  });

  it('measures progress from baseline to target, also when down is good', () => {
    const up = progress(20145, '2013', [{ period: '2011', value: 10290 }], [{ period: '2016', value: 30000 }]);
    expect(up?.percent).toBeCloseTo(50, 0);
    const down = progress(55000, '2013', [{ period: '2011', value: 60000 }], [{ period: '2016', value: 50000 }]);
    expect(down?.percent).toBeCloseTo(50, 5);
    expect(progress(1000, '2013', [], [{ period: '2016', value: 4000 }])?.percent).toBe(25);
    expect(progress(1000, '2013', [], [])).toBeUndefined();
  });

  it('takes targets of the place, source and kind of year asked for', () => {
    const t = (place: string, period: string, kind: 'baseline' | 'target') => ({
      place,
      period,
      source: '',
      disagg: '',
      kind,
      value: 1,
      provenance: 'sourced',
      note: null,
    });
    const ind = indicator('X', {
      targets: [t('PE', '2011', 'baseline'), t('PE', '2016', 'target'), t('PE-10', '2016', 'target'), t('PE', '2015Oct', 'target')],
    });
    expect(targetsOf(ind, 'PE', '', 'calendar')).toEqual({ baselines: [{ period: '2011', value: 1 }], targets: [{ period: '2016', value: 1 }] });
    expect(targetsOf(ind, 'PE', '', 'fiscal').targets).toEqual([{ period: '2015Oct', value: 1 }]);
  });

  it('heads with the latest complete period; a partial one only when asked for, and marked', () => {
    const rows = [
      row('ERAD_HA', '2015', 28000, undefined, cov(8, 8)),
      row('ERAD_HA', '2016', 30151, undefined, cov(8, 8)),
      row('ERAD_HA', '2017', 1234, undefined, cov(1, 8)),
    ];
    const points = series(rows, 'ERAD_HA', '');
    const byDefault = latest(points);
    expect(byDefault?.point.period).toBe('2016');
    expect(byDefault?.partial).toBe(false);
    expect(byDefault?.change).toBe(2151);
    expect(byDefault?.laterPartial?.period).toBe('2017');
    // Asked for by the control, or by naming the year as "to".
    for (const choice of [{ includePartial: true }, { to: '2017' }]) {
      const asked = latest(points, choice);
      expect(asked?.point.period).toBe('2017');
      expect(asked?.partial).toBe(true);
      expect(asked?.laterPartial).toBeUndefined();
    }
    // "to" naming another year does not bring in the partial one.
    expect(latest(points, { to: '2018' })?.point.period).toBe('2016');
    // Only partial data: no headline, but the partial period is known.
    const only = series([row('ERAD_HA', '2017', 1234, undefined, cov(1, 8))], 'ERAD_HA', '');
    expect(latest(only)).toBeUndefined();
    expect(partialAfter(only)?.period).toBe('2017');
  });

  it('counts a row without coverage as complete, and a period not over as partial', () => {
    const points = series([row('X', '2016', 5), row('X', '2017', 7, undefined, cov(8, 8, false))], 'X', '');
    expect(latest(points)?.point.period).toBe('2016');
    expect(latest(points, { includePartial: true })?.partial).toBe(true);
  });

  it('picks the latest complete fiscal year, not one quarter of records', () => {
    const rows = [
      row('SEIZ_REC', '2015Oct', 400, undefined, cov(4, 4)),
      row('SEIZ_REC', '2016Oct', 112, undefined, { ...cov(1, 4), level: null, counted_period: 'quarter' as const }),
    ];
    expect(latest(series(rows, 'SEIZ_REC', ''))?.point.period).toBe('2015Oct');
    expect(latest(series(rows, 'SEIZ_REC', ''), { to: yearToPeriod(2017, 'fiscal') })?.point.period).toBe('2016Oct');
  });

  it('puts every year between the first and the last on the axis, so missing years are gaps', () => {
    expect(yearAxis(['2010', '2008', '2011'], 'calendar')).toEqual(['2008', '2009', '2010', '2011']);
    expect(yearAxis(['2007Oct', '2009Oct'], 'fiscal')).toEqual(['2007Oct', '2008Oct', '2009Oct']);
    expect(yearAxis(['2009Oct', '2010'], 'calendar')).toEqual(['2010']);
    expect(yearAxis([], 'calendar')).toEqual([]);
  });
});
