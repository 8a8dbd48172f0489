import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/helpers/test-db.js';
import { createMiniProgram } from '../../../test/helpers/mini-program.js';
import { addIndicator } from '../../../test/helpers/analytics-fixtures.js';
import { writeValues } from '../values/values.service.js';
import { isVigiaError } from '../../core/errors.js';
import { queryAnalytics, type AnalyticsQuery, type AnalyticsRow } from './analytics.service.js';

let t: TestDb;

beforeAll(async () => {
  t = await createTestDb();
  const { programId } = await createMiniProgram(t.db);
  await addIndicator(t.db, programId, 'AVG_IND', { aggTime: 'average' });
  await addIndicator(t.db, programId, 'NONE_IND', { aggPlace: 'none' });
  await addIndicator(t.db, programId, 'PAVG_IND', { aggPlace: 'average' });
  await addIndicator(t.db, programId, 'RATIO', { formula: 'SPLIT_IND / SUM_IND[A] * 100' });
  await addIndicator(t.db, programId, 'GAP', { formula: 'SUM_IND[B] - SUM_IND[A]' });
  await addIndicator(t.db, programId, 'DOUBLE', { formula: 'SUM_IND * 2', sources: ['A', 'B'] });
  await addIndicator(t.db, programId, 'DOUBLE_RATIO', { formula: 'RATIO * 2' });
  await addIndicator(t.db, programId, 'UNPINNED', { formula: 'SUM_IND + 1' });
  await addIndicator(t.db, programId, 'LOOP1', { formula: 'LOOP2 + 1' });
  await addIndicator(t.db, programId, 'LOOP2', { formula: 'LOOP1 + 1' });
  await writeValues(t.db, 'XX', [
    { indicator: 'LATEST_IND', place: 'R1D1', period: '201201', value: 5 },
    { indicator: 'LATEST_IND', place: 'R1D1', period: '201206', value: 7 },
    { indicator: 'LATEST_IND', place: 'R1D2', period: '201203', value: 3, provenance: 'derived' },
    { indicator: 'LATEST_IND', place: 'R2D1', period: '2012Q2', value: 10 },
    { indicator: 'LATEST_IND', place: 'R2D1', period: '201212', value: 12 },
    { indicator: 'AVG_IND', place: 'R1D1', period: '201201', value: 10 },
    { indicator: 'AVG_IND', place: 'R1D1', period: '201202', value: 20 },
    { indicator: 'AVG_IND', place: 'R1D2', period: '201201', value: 30 },
    { indicator: 'NONE_IND', place: 'R1D1', period: '2012', value: 5 },
    { indicator: 'NONE_IND', place: 'R2D1', period: '2012', value: 6 },
    { indicator: 'NONE_IND', place: 'R2D1', period: '2013', value: 7 },
    { indicator: 'PAVG_IND', place: 'R1D1', period: '2012', value: 10 },
    { indicator: 'PAVG_IND', place: 'R1D2', period: '2012', value: 20 },
    { indicator: 'PAVG_IND', place: 'R2D1', period: '2012', value: 60 },
    { indicator: 'SUM_IND', source: 'A', place: 'R1D1', period: '2012', value: 10 },
    { indicator: 'SUM_IND', source: 'A', place: 'R1D2', period: '2012', value: 20 },
    { indicator: 'SUM_IND', source: 'A', place: 'R2D1', period: '2013', value: 40 },
    { indicator: 'SUM_IND', source: 'B', place: 'R1D1', period: '2012', value: 100, provenance: 'illustrative' },
    { indicator: 'SPLIT_IND', place: 'R1D1', period: '2012', value: 6, disagg: 'kind=x' },
    { indicator: 'SPLIT_IND', place: 'R2D1', period: '2013', value: 8, disagg: 'kind=y' },
  ]);
});
afterAll(() => t.destroy());

const q = async (indicator: string, query: Partial<AnalyticsQuery> = {}): Promise<AnalyticsRow[]> =>
  (await queryAnalytics(t.db, { program: 'XX', indicators: [indicator], ...query })).rows;
const brief = (rows: AnalyticsRow[]) => rows.map((r) => [r.source, r.place?.code, r.period, r.value].filter((x) => x !== undefined));

describe(`aggregation rules (${process.env.VIGIA_TEST_DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  it('latest: each place its latest period in the bucket, then places summed', async () => {
    expect(brief(await q('LATEST_IND'))).toEqual([[7 + 3 + 12]]);
    expect(brief(await q('LATEST_IND', { by: ['place-level:2'] }))).toEqual([
      ['R1', 10],
      ['R2', 12],
    ]);
    expect(brief(await q('LATEST_IND', { by: ['period:quarter'] }))).toEqual([
      ['2012Q1', 8],
      ['2012Q2', 17],
      ['2012Q4', 12],
    ]);
    expect(brief(await q('LATEST_IND', { to: '2012Q3' }))).toEqual([[7 + 3 + 10]]);
    expect((await q('LATEST_IND', { place: 'R1' }))[0]?.provenance).toEqual(['sourced', 'derived']);
  });

  it('average over time: each place its mean over the periods, then places summed', async () => {
    expect(brief(await q('AVG_IND'))).toEqual([[15 + 30]]);
    expect(brief(await q('AVG_IND', { by: ['place-level:3'] }))).toEqual([
      ['R1D1', 15],
      ['R1D2', 30],
    ]);
    expect(brief(await q('AVG_IND', { by: ['period:month'] }))).toEqual([
      ['201201', 40],
      ['201202', 20],
    ]);
  });

  it('none over places: a value only where exactly one place reports', async () => {
    expect(brief(await q('NONE_IND', { by: ['place-level:2'] }))).toEqual([
      ['R1', 5],
      ['R2', 13],
    ]);
    expect(brief(await q('NONE_IND'))).toEqual([[null]]);
    expect(brief(await q('NONE_IND', { by: ['period:year'] }))).toEqual([
      ['2012', null],
      ['2013', 7],
    ]);
  });

  it('average over places', async () => {
    expect(brief(await q('PAVG_IND', { by: ['place-level:2'] }))).toEqual([
      ['R1', 15],
      ['R2', 60],
    ]);
    expect(brief(await q('PAVG_IND'))).toEqual([[30]]);
  });

  it('formula indicators are computed on the aggregates, group by group', async () => {
    const rows = await q('RATIO', { by: ['place-level:2', 'period:year'] });
    expect(brief(rows)).toEqual([
      ['R1', '2012', (6 / 30) * 100],
      ['R2', '2013', (8 / 40) * 100],
    ]);
    expect(rows[0]?.provenance).toEqual(['sourced']);
    expect(brief(await q('RATIO'))).toEqual([[(14 / 70) * 100]]);
    expect(brief(await q('DOUBLE_RATIO', { by: ['place-level:2'] }))).toEqual([
      ['R1', 40],
      ['R2', 40],
    ]);
  });

  it('a group missing from an operand has no formula value', async () => {
    const rows = await q('GAP', { by: ['period:year'] });
    expect(brief(rows)).toEqual([
      ['2012', 100 - 30],
      ['2013', null],
    ]);
    expect(rows[0]?.provenance).toEqual(['sourced', 'illustrative']);
  });

  it('a formula indicator with several sources is split by them, each operand reading that source', async () => {
    expect(brief(await q('DOUBLE'))).toEqual([
      ['A', 140],
      ['B', 200],
    ]);
    expect(brief(await q('DOUBLE', { source: 'B' }))).toEqual([['B', 200]]);
  });

  it('rejects a formula that reads a multi-source indicator without picking one, and cycles', async () => {
    const unpinned = await q('UNPINNED').catch((e: unknown) => e);
    expect(isVigiaError(unpinned) && unpinned.message).toMatch(/SUM_IND\[A\]/);
    const loop = await q('LOOP1').catch((e: unknown) => e);
    expect(isVigiaError(loop) && loop.kind).toBe('validation');
  });
});
