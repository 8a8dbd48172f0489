import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/helpers/test-db.js';
import { createMiniProgram, type MiniProgram } from '../../../test/helpers/mini-program.js';
import { addZone } from '../../../test/helpers/analytics-fixtures.js';
import { deleteValue, writeValue, writeValues } from '../values/values.service.js';
import { isVigiaError } from '../../core/errors.js';
import { queryAnalytics, type AnalyticsQuery, type AnalyticsRow } from './analytics.service.js';

let t: TestDb;
let mini: MiniProgram;

beforeAll(async () => {
  t = await createTestDb();
  mini = await createMiniProgram(t.db);
  await addZone(t.db, mini.programId, 'Z1', [mini.placeIds.R1D1!, mini.placeIds.R2!]);
  await writeValues(t.db, 'XX', [
    { indicator: 'SUM_IND', source: 'A', place: 'R1D1', period: '2012', value: 10, status: 'approved' },
    { indicator: 'SUM_IND', source: 'A', place: 'R1D2', period: '2012', value: 20 },
    { indicator: 'SUM_IND', source: 'A', place: 'R2D1', period: '2012', value: 30, status: 'approved' },
    { indicator: 'SUM_IND', source: 'A', place: 'R2D2', period: '2013', value: 40 },
    // Reported for the whole country: above every region, so no region row includes it.
    { indicator: 'SUM_IND', source: 'A', place: 'XX', period: '2012', value: 5 },
    { indicator: 'SUM_IND', source: 'B', place: 'R1D1', period: '2012', value: 100 },
    { indicator: 'SUM_IND', source: 'B', place: 'R2D1', period: '2012', value: 200, status: 'approved', provenance: 'derived' },
    { indicator: 'SPLIT_IND', place: 'R1D1', period: '201203', value: 1, disagg: 'kind=x' },
    { indicator: 'SPLIT_IND', place: 'R1D1', period: '201203', value: 2, disagg: 'kind=y' },
    { indicator: 'SPLIT_IND', place: 'R1D2', period: '201204', value: 4 },
    { indicator: 'SPLIT_IND', place: 'R2D1', period: '201207', value: 8, disagg: 'kind=x', provenance: 'illustrative' },
    { indicator: 'SPLIT_IND', place: 'R2D2', period: '2012Q4', value: 16, disagg: 'kind=y' },
  ]);
});
afterAll(() => t.destroy());

const q = async (query: Partial<AnalyticsQuery>): Promise<AnalyticsRow[]> =>
  (await queryAnalytics(t.db, { program: 'XX', indicators: ['SUM_IND'], ...query })).rows;
/** Rows reduced to what a test compares: the grouped dimensions and the value. */
const brief = (rows: AnalyticsRow[]) =>
  rows.map((r) => [r.source, r.place?.code, r.period, r.disagg ? Object.values(r.disagg).join(',') : undefined, r.value].filter((x) => x !== undefined));
const errorOf = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e,
  );

describe(`queryAnalytics (${process.env.VIGIA_TEST_DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  it('groups by place level, leaving out facts above that level', async () => {
    expect(brief(await q({ source: 'A', by: ['place-level:2'] }))).toEqual([
      ['A', 'R1', 30],
      ['A', 'R2', 70],
    ]);
    expect(brief(await q({ source: 'A', by: ['place-level:1'] }))).toEqual([['A', 'XX', 105]]);
    const [r1] = await q({ source: 'A', by: ['place-level:3'] });
    expect(r1?.place).toEqual({ code: 'R1D1', name: 'R1D1', level: 3 });
  });

  it('never adds sources together: without a source, rows are split by source', async () => {
    expect(brief(await q({}))).toEqual([
      ['A', 105],
      ['B', 300],
    ]);
    expect(brief(await q({ by: ['place-level:2'] }))).toEqual([
      ['A', 'R1', 30],
      ['A', 'R2', 70],
      ['B', 'R1', 100],
      ['B', 'R2', 200],
    ]);
    expect(brief(await q({ source: 'B', by: ['source'] }))).toEqual([['B', 300]]);
  });

  it('names the source only when the indicator has several or rows are grouped by source', async () => {
    const [plain] = await q({ indicators: ['SPLIT_IND'] });
    expect(plain).toEqual({ indicator: 'SPLIT_IND', value: 31, provenance: ['sourced', 'illustrative'], unapproved: true, coverage: null });
    const [bySource] = await q({ indicators: ['SPLIT_IND'], by: ['source'] });
    expect(bySource?.source).toBe('');
  });

  it('groups by year, quarter, month and fiscal year; a fact counts only in a bucket that wholly contains it', async () => {
    expect(brief(await q({ source: 'A', by: ['period:year'] }))).toEqual([
      ['A', '2012', 65],
      ['A', '2013', 40],
    ]);
    expect(await q({ source: 'A', by: ['period:quarter'] })).toEqual([]);
    const split = (by: AnalyticsQuery['by']) => q({ indicators: ['SPLIT_IND'], by }).then(brief);
    expect(await split(['period:quarter'])).toEqual([
      ['2012Q1', 3],
      ['2012Q2', 4],
      ['2012Q3', 8],
      ['2012Q4', 16],
    ]);
    expect(await split(['period:month'])).toEqual([
      ['201203', 3],
      ['201204', 4],
      ['201207', 8],
    ]);
    expect(await split(['period:year'])).toEqual([['2012', 31]]);
    expect(await split(['period:fy-oct'])).toEqual([
      ['2011Oct', 15],
      ['2012Oct', 16],
    ]);
    expect(await split(['period:fy-jul'])).toEqual([
      ['2011July', 7],
      ['2012July', 24],
    ]);
  });

  it('groups by disaggregation; values not split by the dimension form their own group', async () => {
    expect(brief(await q({ indicators: ['SPLIT_IND'], by: ['disagg:kind'] }))).toEqual([
      ['x', 9],
      ['y', 18],
      ['', 4],
    ]);
    const rows = await q({ indicators: ['SPLIT_IND'], by: ['disagg:kind', 'place-level:2'] });
    expect(rows.map((r) => [r.place?.code, r.disagg?.kind, r.value])).toEqual([
      ['R1', 'x', 1],
      ['R1', 'y', 2],
      ['R1', null, 4],
      ['R2', 'x', 8],
      ['R2', 'y', 16],
    ]);
  });

  it('filters by place subtree, zone, period range and disaggregation', async () => {
    const total = async (query: Partial<AnalyticsQuery>) => (await q({ indicators: ['SPLIT_IND'], ...query }))[0]?.value;
    expect(await total({ place: 'R1' })).toBe(7);
    expect(await total({ place: 'R1D1' })).toBe(3);
    expect(await total({ zone: 'Z1' })).toBe(3 + 8 + 16);
    expect(await total({ from: '201204', to: '2012Q3' })).toBe(4 + 8);
    expect(await total({ from: '2012Q3' })).toBe(8 + 16);
    expect(await total({ to: '201203' })).toBe(3);
    expect(await total({ disagg: { kind: 'x' } })).toBe(9);
    expect(await total({ disagg: { kind: 'y' }, place: 'R2', from: '2012Q4', to: '2012Q4' })).toBe(16);
    expect(await q({ indicators: ['SPLIT_IND'], place: 'R1', zone: 'Z1', by: ['place-level:3'] }).then(brief)).toEqual([['R1D1', 3]]);
  });

  it('approvedOnly reads approved data only', async () => {
    expect(brief(await q({ source: 'A', approvedOnly: true, by: ['place-level:2'] }))).toEqual([
      ['A', 'R1', 10],
      ['A', 'R2', 30],
    ]);
    expect(brief(await q({ approvedOnly: true }))).toEqual([
      ['A', 40],
      ['B', 200],
    ]);
  });

  it('lists the kinds of data that contributed', async () => {
    const rows = await q({ source: 'B', by: ['place-level:2'] });
    expect(rows.map((r) => r.provenance)).toEqual([['sourced'], ['derived']]);
  });

  it('returns several indicators in the order asked', async () => {
    const rows = await q({ indicators: ['SPLIT_IND', 'SUM_IND'], source: undefined });
    expect(rows.map((r) => r.indicator)).toEqual(['SPLIT_IND', 'SUM_IND', 'SUM_IND']);
  });

  it('rejects bad queries with clear errors', async () => {
    const cases: [Partial<AnalyticsQuery>, string, string][] = [
      [{ source: 'C' }, 'validation', 'source'],
      [{ by: ['period:week' as 'period:year'] }, 'validation', 'by'],
      [{ by: ['place-level:9'] }, 'validation', 'by'],
      [{ by: ['period:year', 'period:month'] }, 'validation', 'by'],
      [{ by: ['disagg:colour'] }, 'validation', 'by'],
      [{ disagg: { kind: 'z' } }, 'validation', 'disagg'],
      [{ from: '2013', to: '2012' }, 'validation', 'from'],
      [{ from: '2012x' }, 'validation', 'from'],
      [{ place: 'NOPE' }, 'not_found', ''],
      [{ zone: 'NOPE' }, 'not_found', ''],
      [{ indicators: ['NOPE'] }, 'not_found', ''],
    ];
    for (const [query, kind, column] of cases) {
      const e = await errorOf(q(query));
      expect(isVigiaError(e) && e.kind, JSON.stringify(query)).toBe(kind);
      if (column) expect(isVigiaError(e) && e.details[0]?.column, JSON.stringify(query)).toBe(column);
    }
  });

  it('sees a write, a change and a delete at the very next query', async () => {
    const read = () => q({ indicators: ['SPLIT_IND'], place: 'R2D2', from: '201301', to: '201301', by: ['disagg:kind'] });
    expect(await read()).toEqual([]);
    await writeValue(t.db, 'XX', { indicator: 'SPLIT_IND', place: 'R2D2', period: '201301', value: 50, disagg: 'kind=x' });
    expect(brief(await read())).toEqual([['x', 50]]);
    await writeValue(t.db, 'XX', { indicator: 'SPLIT_IND', place: 'R2D2', period: '201301', value: 60, disagg: 'kind=x', status: 'approved' });
    expect(brief(await read())).toEqual([['x', 60]]);
    await deleteValue(t.db, 'XX', { indicator: 'SPLIT_IND', place: 'R2D2', period: '201301', disagg: 'kind=x' });
    expect(await read()).toEqual([]);
  });
});
