import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createTestDb, type TestDb } from '../../../test/helpers/test-db.js';
import { createMiniProgram, type MiniProgram } from '../../../test/helpers/mini-program.js';
import { writeValues, type ValueInput } from '../values/values.service.js';
import { makePeriod } from '../../core/periods.js';
import { queryAnalytics, type GroupBy } from './analytics.service.js';

let t: TestDb;
let mini: MiniProgram;

beforeAll(async () => {
  t = await createTestDb();
  mini = await createMiniProgram(t.db);
  // The property below sums random series with negative values.
  await t.db.updateTable('indicator').set({ allow_negative: 1 }).where('code', '=', 'SUM_IND').execute();
});
afterAll(() => t.destroy());

/** Bucket → total, from a query grouped by one period type. */
async function totals(by: GroupBy, extra: { from?: string; to?: string } = {}): Promise<Map<string, number>> {
  const { rows } = await queryAnalytics(t.db, { program: 'XX', indicators: ['SUM_IND'], source: 'A', by: [by], ...extra });
  return new Map(rows.map((r) => [r.period!, r.value!]));
}

async function clear(): Promise<void> {
  const id = mini.indicatorIds.SUM_IND!;
  await t.db.deleteFrom('fact').where('indicator_id', '=', id).execute();
  await t.db.deleteFrom('data_value').where('indicator_id', '=', id).execute();
}

const monthly = (place: string, year: number, month: number, value: number): ValueInput => ({
  indicator: 'SUM_IND',
  source: 'A',
  place,
  period: makePeriod('month', year, month).id,
  value,
});

describe(`fiscal years and period buckets (${process.env.VIGIA_TEST_DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  it('months October 2012 – September 2013 add up to 2012Oct; quarters and years agree with the months', async () => {
    await clear();
    const inputs: ValueInput[] = [];
    // Months Sep 2012 – Oct 2013: one month either side of FY2013, which it must not include.
    for (let i = 0; i < 14; i++) {
      const month = ((8 + i) % 12) + 1;
      const year = i < 4 ? 2012 : 2013;
      inputs.push(monthly(i % 2 ? 'R1D1' : 'R2D2', year, month, 100 + i));
    }
    await writeValues(t.db, 'XX', inputs);
    const value = (p: string) => inputs.find((v) => v.period === p)!.value as number;
    const sum = (ps: string[]) => ps.reduce((s, p) => s + value(p), 0);
    const fyMonths = ['201210', '201211', '201212', '201301', '201302', '201303', '201304', '201305', '201306', '201307', '201308', '201309'];

    const fy = await totals('period:fy-oct');
    expect(fy.get('2012Oct')).toBe(sum(fyMonths));
    expect(fy.get('2011Oct')).toBe(value('201209'));
    expect(fy.get('2013Oct')).toBe(value('201310'));

    const quarters = await totals('period:quarter');
    expect(['2012Q4', '2013Q1', '2013Q2', '2013Q3'].reduce((s, q) => s + quarters.get(q)!, 0)).toBe(sum(fyMonths));
    expect(quarters.get('2012Q3')).toBe(value('201209'));

    const years = await totals('period:year');
    expect(years.get('2012')).toBe(sum(['201209', '201210', '201211', '201212']));
    expect(years.get('2013')).toBe(sum(fyMonths.slice(3)) + value('201310'));

    // The fiscal year as a period range: exactly its twelve months.
    const { rows } = await queryAnalytics(t.db, { program: 'XX', indicators: ['SUM_IND'], source: 'A', from: '2012Oct', to: '2012Oct' });
    expect(rows[0]?.value).toBe(sum(fyMonths));
  });

  it('a yearly or fiscal-year value lands only in buckets that wholly contain it', async () => {
    await clear();
    await writeValues(t.db, 'XX', [
      { indicator: 'SUM_IND', source: 'A', place: 'R1D1', period: '2012', value: 1 },
      { indicator: 'SUM_IND', source: 'A', place: 'R1D2', period: '2012Oct', value: 2 },
    ]);
    expect([...(await totals('period:year'))]).toEqual([['2012', 1]]);
    expect([...(await totals('period:fy-oct'))]).toEqual([['2012Oct', 2]]);
    expect([...(await totals('period:quarter'))]).toEqual([]);
    expect([...(await totals('period:month'))]).toEqual([]);
  });

  it('days and quarters land in the right month, quarter, year and fiscal year (any start month)', async () => {
    await clear();
    await writeValues(t.db, 'XX', [
      { indicator: 'SUM_IND', source: 'A', place: 'R1D1', period: '20121015', value: 1 },
      { indicator: 'SUM_IND', source: 'A', place: 'R1D2', period: '20130930', value: 10 },
      { indicator: 'SUM_IND', source: 'A', place: 'R2D1', period: '2013Q1', value: 100 },
      // The first year data may be written for: its fiscal year starts in the year before (1899Oct), still found.
      { indicator: 'SUM_IND', source: 'A', place: 'R2D2', period: '19000505', value: 1000 },
    ]);
    const all = async (by: GroupBy) => Object.fromEntries(await totals(by));
    expect(await all('period:month')).toEqual({ '190005': 1000, '201210': 1, '201309': 10 });
    expect(await all('period:quarter')).toEqual({ '1900Q2': 1000, '2012Q4': 1, '2013Q1': 100, '2013Q3': 10 });
    expect(await all('period:year')).toEqual({ '1900': 1000, '2012': 1, '2013': 110 });
    expect(await all('period:fy-oct')).toEqual({ '1899Oct': 1000, '2012Oct': 111 });
    expect(await all('period:fy-apr')).toEqual({ '1900April': 1000, '2012April': 101, '2013April': 10 });
    expect(await all('period:fy-jan')).toEqual({ '1900Jan': 1000, '2012Jan': 1, '2013Jan': 110 });
  });

  it('property: year, quarter, fiscal-year and month groupings all add up to the plain sum of random monthly series', async () => {
    const places = ['R1D1', 'R1D2', 'R2D1', 'R2D2'];
    const entry = fc.record({
      place: fc.constantFrom(...places),
      year: fc.integer({ min: 2010, max: 2013 }),
      month: fc.integer({ min: 1, max: 12 }),
      value: fc.integer({ min: -1_000, max: 100_000 }),
    });
    const series = fc.uniqueArray(entry, { minLength: 1, maxLength: 60, selector: (e) => `${e.place}|${e.year}|${e.month}` });
    await fc.assert(
      fc.asyncProperty(series, async (data) => {
        await clear();
        await writeValues(
          t.db,
          'XX',
          data.map((e) => monthly(e.place, e.year, e.month, e.value)),
        );
        const plain = data.reduce((s, e) => s + e.value, 0);
        const expected = {
          'period:year': (e: (typeof data)[number]) => String(e.year),
          'period:quarter': (e: (typeof data)[number]) => `${e.year}Q${Math.ceil(e.month / 3)}`,
          'period:month': (e: (typeof data)[number]) => makePeriod('month', e.year, e.month).id,
          'period:fy-oct': (e: (typeof data)[number]) => `${e.month >= 10 ? e.year : e.year - 1}Oct`,
        } as const;
        for (const [by, bucketOf] of Object.entries(expected) as [GroupBy, (e: (typeof data)[number]) => string][]) {
          const got = await totals(by);
          expect(
            [...got.values()].reduce((s, v) => s + v, 0),
            by,
          ).toBe(plain);
          const want = new Map<string, number>();
          for (const e of data) want.set(bucketOf(e), (want.get(bucketOf(e)) ?? 0) + e.value);
          expect(Object.fromEntries(got), by).toEqual(Object.fromEntries(want));
        }
      }),
      { numRuns: 15 },
    );
  });
});
