import { describe, expect, it } from 'vitest';
import { parsePeriod } from './periods.js';
import { isVigiaError } from './errors.js';
import {
  aggregateObservations,
  aggregateOverPlaces,
  aggregateOverTime,
  mergeProvenance,
  parseGrouping,
  provenanceOf,
  timeBucket,
  type Observation,
} from './aggregation.js';

const obs = (place: number, period: string, value: number): Observation => ({ place, period: parsePeriod(period), value });

describe('parseGrouping', () => {
  it('reads every grouping form', () => {
    expect(parseGrouping(['place-level:2', 'period:fy-oct', 'disagg:sex', 'disagg:role', 'source'])).toEqual({
      placeLevel: 2,
      time: { type: 'fiscal_year', fiscalStartMonth: 10 },
      dimensions: ['sex', 'role'],
      source: true,
    });
    expect(parseGrouping(['period:fy-apr']).time).toEqual({ type: 'fiscal_year', fiscalStartMonth: 4 });
    expect(parseGrouping(['period:fy-july']).time).toEqual({ type: 'fiscal_year', fiscalStartMonth: 7 });
    expect(parseGrouping(['period:quarter']).time?.type).toBe('quarter');
    expect(parseGrouping([])).toEqual({ placeLevel: null, time: null, dimensions: [], source: false });
  });

  it('rejects unknown forms and conflicting groupings, naming the item', () => {
    for (const by of [
      ['period:week'],
      ['period:fy-xyz'],
      ['place-level:0'],
      ['place-level:x'],
      ['place-level:2', 'place-level:3'],
      ['period:year', 'period:month'],
      ['disagg:'],
      ['color'],
    ]) {
      let error: unknown;
      try {
        parseGrouping(by);
      } catch (e) {
        error = e;
      }
      expect(isVigiaError(error) && error.details[0]?.column, by.join()).toBe('by');
    }
  });
});

describe('timeBucket', () => {
  it('puts a period in the bucket that wholly contains it, or nowhere', () => {
    const fyOct = { type: 'fiscal_year', fiscalStartMonth: 10 } as const;
    expect(timeBucket(parsePeriod('201210'), fyOct)).toBe('2012Oct');
    expect(timeBucket(parsePeriod('201209'), fyOct)).toBe('2011Oct');
    expect(timeBucket(parsePeriod('2012'), fyOct)).toBeNull();
    expect(timeBucket(parsePeriod('2012Oct'), { type: 'year', fiscalStartMonth: 10 })).toBeNull();
    expect(timeBucket(parsePeriod('20120315'), { type: 'quarter', fiscalStartMonth: 10 })).toBe('2012Q1');
    expect(timeBucket(parsePeriod('2012'), null)).toBe('');
  });
});

describe('aggregation rules', () => {
  it('over time: sum, latest (by end, then start), average over periods', () => {
    const series = [obs(1, '201201', 4), obs(1, '201206', 6), obs(1, '2012', 100), obs(1, '201212', 8)];
    expect(aggregateOverTime(series, 'sum')).toBe(118);
    // 201212 and 2012 both end on 31 December; the month starts later, so it is the latest.
    expect(aggregateOverTime(series, 'latest')).toBe(8);
    expect(aggregateOverTime([obs(1, '201201', 4), obs(1, '201201', 2), obs(1, '201202', 10)], 'average')).toBe(8);
    expect(aggregateOverTime([obs(1, '201201', 4), obs(1, '201201', 2)], 'latest')).toBe(6);
    expect(aggregateOverTime([], 'sum')).toBeNull();
  });

  it('over places: sum, average, none', () => {
    expect(aggregateOverPlaces([1, 2, 6], 'sum')).toBe(9);
    expect(aggregateOverPlaces([1, 2, 6], 'average')).toBe(3);
    expect(aggregateOverPlaces([1, 2], 'none')).toBeNull();
    expect(aggregateOverPlaces([5], 'none')).toBe(5);
    expect(aggregateOverPlaces([], 'sum')).toBeNull();
  });

  it('time first per place, then places', () => {
    const data = [obs(1, '201201', 10), obs(1, '201203', 30), obs(2, '201202', 5)];
    expect(aggregateObservations(data, 'latest', 'sum')).toBe(35);
    expect(aggregateObservations(data, 'average', 'sum')).toBe(25);
    expect(aggregateObservations(data, 'sum', 'average')).toBe(22.5);
    expect(aggregateObservations(data, 'latest', 'none')).toBeNull();
  });

  it('provenance kinds from the counts', () => {
    expect(provenanceOf({ n: 3, n_derived: 1, n_illustrative: 0 })).toEqual(['sourced', 'derived']);
    expect(provenanceOf({ n: 2, n_derived: 1, n_illustrative: 1 })).toEqual(['derived', 'illustrative']);
    expect(mergeProvenance([['illustrative'], ['sourced'], []])).toEqual(['sourced', 'illustrative']);
  });
});
