import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/helpers/test-db.js';
import { createMiniProgram } from '../../../test/helpers/mini-program.js';
import { deleteValue, writeValue, writeValues } from './values.service.js';
import { isVigiaError } from '../../core/errors.js';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
  await createMiniProgram(t.db);
});
afterAll(() => t.destroy());

const facts = () => t.db.selectFrom('fact').selectAll().orderBy('period').execute();

describe(`values service (${process.env.VIGIA_TEST_DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  it('stores a value and its fact row in the same write', async () => {
    const r = await writeValue(t.db, 'XX', { indicator: 'SPLIT_IND', place: 'R1D1', period: '201203', value: 7, disagg: 'kind=x' });
    expect(r.version).toBe(1);
    const f = await facts();
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ value: 7, n: 1, value_approved: 0, n_approved: 0, disagg: 'kind=x', start_date: '2012-03-01', end_date: '2012-03-31' });
  });

  it('rewriting the same value changes nothing; a new value bumps the version', async () => {
    const same = await writeValue(t.db, 'XX', { indicator: 'SPLIT_IND', place: 'R1D1', period: '201203', value: 7, disagg: 'kind=x' });
    expect(same).toMatchObject({ version: 1, changed: false });
    const changed = await writeValue(t.db, 'XX', { indicator: 'SPLIT_IND', place: 'R1D1', period: '201203', value: 9, disagg: 'kind=x', status: 'approved' });
    expect(changed).toMatchObject({ version: 2, changed: true });
    expect((await facts())[0]).toMatchObject({ value: 9, value_approved: 9, n_approved: 1 });
  });

  it('a stale version is a conflict that reports the current one', async () => {
    const err = await writeValue(t.db, 'XX', { indicator: 'SPLIT_IND', place: 'R1D1', period: '201203', value: 10, disagg: 'kind=x' }, 1).catch(
      (e: unknown) => e,
    );
    expect(isVigiaError(err) && err.kind).toBe('conflict');
    expect(isVigiaError(err) && err.details[0]?.value).toBe(2);
  });

  it('rejects a whole batch with one bad row and names each problem', async () => {
    const err = await writeValues(t.db, 'XX', [
      { indicator: 'SUM_IND', place: 'R1D1', period: '2012', value: 1, source: 'A' },
      { indicator: 'SUM_IND', place: 'NOPE', period: '2012x', value: 'abc', source: 'C' },
      { indicator: 'SUM_IND', place: 'R2D1', period: '2012', value: 1 },
    ]).catch((e: unknown) => e);
    expect(isVigiaError(err) && err.kind).toBe('validation');
    const details = isVigiaError(err) ? err.details : [];
    expect(details.map((d) => `${d.row}:${d.column}`)).toEqual(['1:place', '1:period', '1:value', '1:source', '2:source']);
    const stored = await t.db.selectFrom('data_value').select('id').where('period', '=', '2012').execute();
    expect(stored).toHaveLength(0);
  });

  it('deleting a value removes its fact row', async () => {
    await deleteValue(t.db, 'XX', { indicator: 'SPLIT_IND', place: 'R1D1', period: '201203', disagg: 'kind=x' });
    expect(await facts()).toHaveLength(0);
  });
});
