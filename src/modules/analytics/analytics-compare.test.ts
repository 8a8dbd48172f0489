import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/helpers/test-db.js';
import { createMiniProgram, type MiniProgram } from '../../../test/helpers/mini-program.js';
import { addIndicator, addTarget, addZone } from '../../../test/helpers/analytics-fixtures.js';
import { writeValues } from '../values/values.service.js';
import { isVigiaError } from '../../core/errors.js';
import { comparePeriods, progressAgainstTarget } from './analytics.service.js';

let t: TestDb;
let mini: MiniProgram;
let downId: number;

beforeAll(async () => {
  t = await createTestDb();
  mini = await createMiniProgram(t.db);
  downId = await addIndicator(t.db, mini.programId, 'DOWN_IND', { direction: 'down' });
  await addZone(t.db, mini.programId, 'Z1', [mini.placeIds.R2!]);
  await writeValues(t.db, 'XX', [
    { indicator: 'SUM_IND', source: 'A', place: 'R1D1', period: '2011Q4', value: 30, status: 'approved' },
    { indicator: 'SUM_IND', source: 'A', place: 'R2D1', period: '201305', value: 35, status: 'approved' },
    { indicator: 'SUM_IND', source: 'A', place: 'R2D1', period: '201309', value: 5, provenance: 'derived' },
    { indicator: 'SUM_IND', source: 'A', place: 'R1D1', period: '201310', value: 1000 },
    { indicator: 'SUM_IND', source: 'B', place: 'R1D1', period: '2012', value: 7 },
    { indicator: 'SPLIT_IND', place: 'R1D1', period: '2012', value: 0 },
    { indicator: 'SPLIT_IND', place: 'R1D1', period: '2013', value: 9, disagg: 'kind=x' },
    { indicator: 'DOWN_IND', place: 'R1D1', period: '2013', value: 40 },
  ]);
});
afterAll(() => t.destroy());

const errorOf = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e,
  );

describe(`comparePeriods (${process.env.VIGIA_TEST_DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  it('compares two fiscal years, each taken as a whole', async () => {
    const r = await comparePeriods(t.db, { program: 'XX', indicator: 'SUM_IND', source: 'A', from: '2011Oct', to: '2012Oct' });
    expect(r).toMatchObject({
      indicator: 'SUM_IND',
      source: 'A',
      place: 'XX',
      from: { period: '2011Oct', value: 30, provenance: ['sourced'] },
      to: { period: '2012Oct', value: 40, provenance: ['sourced', 'derived'] },
      change: 10,
    });
    expect(r.change_pct).toBe((10 / 30) * 100);
  });

  it('periods of different types, a place, a zone and approved data', async () => {
    const r = await comparePeriods(t.db, { program: 'XX', indicator: 'SUM_IND', source: 'A', place: 'R2', from: '2013Q2', to: '201309' });
    expect([r.place, r.from.value, r.to.value, r.change_pct]).toEqual(['R2', 35, 5, ((5 - 35) / 35) * 100]);
    const z = await comparePeriods(t.db, { program: 'XX', indicator: 'SUM_IND', source: 'A', zone: 'Z1', from: '2011', to: '2013', approvedOnly: true });
    expect([z.place, z.from.value, z.to.value, z.change_pct]).toEqual(['Z1', null, 35, null]);
  });

  it('change_pct is null when the first value is 0; disaggregation filters apply', async () => {
    const r = await comparePeriods(t.db, { program: 'XX', indicator: 'SPLIT_IND', from: '2012', to: '2013' });
    expect([r.source, r.from.value, r.to.value, r.change, r.change_pct]).toEqual([null, 0, 9, 9, null]);
    const x = await comparePeriods(t.db, { program: 'XX', indicator: 'SPLIT_IND', disagg: { kind: 'x' }, from: '2012', to: '2013' });
    expect([x.from.value, x.to.value]).toEqual([null, 9]);
  });

  it('an indicator with several sources needs one: the error lists them', async () => {
    const e = await errorOf(comparePeriods(t.db, { program: 'XX', indicator: 'SUM_IND', from: '2012', to: '2013' }));
    expect(isVigiaError(e) && e.kind).toBe('validation');
    expect(isVigiaError(e) && e.details[0]).toMatchObject({ column: 'source', value: 'A, B' });
    const bad = await errorOf(comparePeriods(t.db, { program: 'XX', indicator: 'SPLIT_IND', from: '2012', to: 'soon' }));
    expect(isVigiaError(bad) && bad.details[0]?.column).toBe('to');
  });
});

describe(`progressAgainstTarget (${process.env.VIGIA_TEST_DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  beforeAll(async () => {
    const sumId = mini.indicatorIds.SUM_IND!;
    const xx = mini.placeIds.XX!;
    await addTarget(t.db, {
      indicatorId: sumId,
      placeId: xx,
      source: 'A',
      period: '2012Oct',
      start: '2012-10-01',
      end: '2013-09-30',
      kind: 'target',
      value: 50,
    });
    await addTarget(t.db, {
      indicatorId: sumId,
      placeId: xx,
      source: 'A',
      period: '2010',
      start: '2010-01-01',
      end: '2010-12-31',
      kind: 'baseline',
      value: 12,
    });
    await addTarget(t.db, {
      indicatorId: sumId,
      placeId: xx,
      source: 'A',
      period: '2011Oct',
      start: '2011-10-01',
      end: '2012-09-30',
      kind: 'baseline',
      value: 20,
    });
    // A later baseline than the period asked about is not its baseline.
    await addTarget(t.db, {
      indicatorId: sumId,
      placeId: xx,
      source: 'A',
      period: '2014',
      start: '2014-01-01',
      end: '2014-12-31',
      kind: 'baseline',
      value: 99,
    });
    await addTarget(t.db, {
      indicatorId: sumId,
      placeId: xx,
      source: 'B',
      period: '2012Oct',
      start: '2012-10-01',
      end: '2013-09-30',
      kind: 'target',
      value: 1,
    });
    await addTarget(t.db, { indicatorId: downId, placeId: xx, period: '2013', start: '2013-01-01', end: '2013-12-31', kind: 'target', value: 50 });
  });

  it('actual against the target of that period, with the latest earlier baseline', async () => {
    const r = await progressAgainstTarget(t.db, { program: 'XX', indicator: 'SUM_IND', source: 'A', period: '2012Oct' });
    expect(r).toMatchObject({
      indicator: 'SUM_IND',
      period: '2012Oct',
      place: 'XX',
      actual: 40,
      target: 50,
      baseline: { period: '2011Oct', value: 20 },
      pct_of_target: 80,
      on_track: false,
    });
  });

  it('respects direction: for a down indicator, below target is on track', async () => {
    const r = await progressAgainstTarget(t.db, { program: 'XX', indicator: 'DOWN_IND', period: '2013' });
    expect([r.actual, r.target, r.pct_of_target, r.on_track, r.baseline]).toEqual([40, 50, 80, true, null]);
  });

  it('no target or no data: nulls, not errors; several sources still need one', async () => {
    const r = await progressAgainstTarget(t.db, { program: 'XX', indicator: 'SUM_IND', source: 'A', period: '2014' });
    expect([r.actual, r.target, r.pct_of_target, r.on_track]).toEqual([null, null, null, null]);
    const e = await errorOf(progressAgainstTarget(t.db, { program: 'XX', indicator: 'SUM_IND', period: '2012Oct' }));
    expect(isVigiaError(e) && e.kind).toBe('validation');
  });
});
