import { describe, expect, it } from 'vitest';
import type { AnalyticsRow, Indicator } from '../../api/types';
import { cardDefs, latest, periodYear, previousPeriod, progress, series, targetsOf, yearToPeriod } from './dashboard-stats';

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
const row = (indicator: string, period: string, value: number | null, source?: string): AnalyticsRow => ({
  indicator,
  period,
  value,
  provenance: ['sourced'],
  coverage: null,
  marks: [],
  ...(source !== undefined ? { source } : {}),
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
});
