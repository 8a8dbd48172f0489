/**
 * Sums never overflow silently: a million of the largest allowed numbers go through the real
 * fact maintenance (merged in memory, then added up by the database, leaf and coarse level) and
 * total exactly; a write that would take a total beyond the range is refused whole.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/helpers/test-db.js';
import { createMiniProgram, type MiniProgram } from '../../../test/helpers/mini-program.js';
import { isVigiaError } from '../../core/errors.js';
import { MAX_MAGNITUDE, MAX_TOTAL } from '../../core/finite-number.js';
import { addFactDeltasBatch, type FactDelta } from './facts.repo.js';

let t: TestDb;
let mini: MiniProgram;
beforeAll(async () => {
  t = await createTestDb();
  mini = await createMiniProgram(t.db);
}, 60_000);
afterAll(() => t?.destroy());

const DISTRICTS = ['R1D1', 'R1D2', 'R2D1', 'R2D2'];

function delta(place: string, value: number): FactDelta {
  return {
    indicator_id: mini.indicatorIds.SUM_IND!,
    source: 'A',
    place_id: mini.placeIds[place]!,
    period: '2013',
    disagg: '',
    start_date: '2013-01-01',
    end_date: '2013-12-31',
    value,
    n: 1,
    value_approved: value,
    n_approved: 1,
    n_derived: 0,
    n_illustrative: 0,
  };
}

async function totals(): Promise<{ leaf: number[]; coarse: number[] }> {
  const leaf = await t.db.selectFrom('fact').select(['value', 'value_approved']).where('indicator_id', '=', mini.indicatorIds.SUM_IND!).execute();
  const coarse = await t.db.selectFrom('fact_coarse').select(['value', 'value_approved']).where('indicator_id', '=', mini.indicatorIds.SUM_IND!).execute();
  return { leaf: leaf.flatMap((r) => [r.value, r.value_approved]), coarse: coarse.flatMap((r) => [r.value, r.value_approved]) };
}

describe('fact totals stay finite and exact', () => {
  it('a million of the largest values sum exactly, in memory and in the database', async () => {
    // 100 writes of 10,000 deltas: each write is merged in memory, then added to the stored row.
    const STEPS = 100;
    const PER_STEP = 10_000;
    const started = Date.now();
    for (let s = 0; s < STEPS; s++) {
      const deltas: FactDelta[] = [];
      for (let i = 0; i < PER_STEP; i++) deltas.push(delta(DISTRICTS[i % DISTRICTS.length]!, MAX_MAGNITUDE));
      await t.db.transaction().execute((trx) => addFactDeltasBatch(trx, deltas));
    }
    const { leaf, coarse } = await totals();
    const each = (STEPS * PER_STEP * MAX_MAGNITUDE) / DISTRICTS.length;
    expect(leaf).toEqual(Array(2 * DISTRICTS.length).fill(each));
    // Coarse rows: one per region, each the sum of its two districts.
    expect(coarse).toEqual(Array(4).fill(2 * each));
    const sum = leaf.filter((_, i) => i % 2 === 0).reduce((a, b) => a + b, 0);
    expect(sum).toBe(1e18);
    expect(Date.now() - started).toBeLessThan(60_000);
  }, 120_000);

  it('a fact row at MAX_TOTAL takes no more: the write is refused whole, nothing changed', async () => {
    // What a million of the largest values on one row leave (summed above), given at once.
    const full = { ...delta('R1D1', MAX_TOTAL), n: 1_000_000, period: '2014', start_date: '2014-01-01', end_date: '2014-12-31' };
    await t.db.transaction().execute((trx) => addFactDeltasBatch(trx, [full]));
    const row = await t.db.selectFrom('fact').select(['value', 'n']).where('period', '=', '2014').executeTakeFirstOrThrow();
    expect(row).toEqual({ value: MAX_TOTAL, n: 1_000_000 });

    const before = await totals();
    const err = await t.db
      .transaction()
      .execute((trx) => addFactDeltasBatch(trx, [{ ...delta('R1D1', MAX_MAGNITUDE), period: '2014', start_date: '2014-01-01', end_date: '2014-12-31' }]))
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(isVigiaError(err) && err.kind).toBe('validation');
    expect(String((err as Error).message)).toMatch(/total out of range/);
    expect(await totals()).toEqual(before);
  });

  it('a non-finite delta is refused before it reaches the database', async () => {
    const before = await totals();
    for (const bad of [Infinity, -Infinity, NaN]) {
      const err = await t.db
        .transaction()
        .execute((trx) => addFactDeltasBatch(trx, [delta('R2D2', bad)]))
        .then(
          () => null,
          (e: unknown) => e,
        );
      expect(isVigiaError(err) && err.kind).toBe('validation');
    }
    expect(await totals()).toEqual(before);
  });
});
