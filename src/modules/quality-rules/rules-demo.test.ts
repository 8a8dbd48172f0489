/**
 * The Peru demo's validation rules: the demo loads with them, and they refuse what issue 16
 * says Vigia used to accept (−500 ha of eradication, 5,000,000 ha in one department, half an
 * alternative-development family), on both engines.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/helpers/test-db.js';
import { isVigiaError } from '../../core/errors.js';
import { loadProgramFolder } from '../programs/program-load.service.js';
import { createRecord } from '../records/records.service.js';
import { writeValue } from '../values/values.service.js';

const DEMO = join(import.meta.dirname, '../../../demo/peru');
let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
  const summary = await loadProgramFolder(t.db, DEMO);
  expect(summary.files).toContain('validation-rules.json');
}, 120_000);
afterAll(() => t.destroy());

const refusal = async (p: Promise<unknown>) => {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  return isVigiaError(e) ? { kind: e.kind, rules: e.details.map((d) => d.rule ?? d.column) } : e;
};

describe(`the Peru demo's rules (${process.env.VIGIA_TEST_DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  it('loads with its rules and no warning on its own data', async () => {
    expect((await t.db.selectFrom('quality_rule').select('code').execute()).length).toBeGreaterThan(10);
    expect(await t.db.selectFrom('value_flag').selectAll().execute()).toEqual([]);
  });

  it('refuses negative hectares, an impossible department total and a fraction of a family', async () => {
    const before = await t.db.selectFrom('data_value').select('id').execute();
    expect(await refusal(writeValue(t.db, 'PE', { indicator: 'ERAD_HA', place: 'PE-10', period: '2015', value: 5_000_000 }))).toEqual({
      kind: 'validation',
      rules: ['ERAD_HA_DEPARTMENT_BOUND'],
    });
    expect(await refusal(writeValue(t.db, 'PE', { indicator: 'ERAD_HA', place: 'PE-10', period: '2015', value: -500 }))).toMatchObject({ kind: 'validation' });
    expect(await refusal(writeValue(t.db, 'PE', { indicator: 'AD_FAMILIES_N', place: 'PE-10', period: '2015', value: 10.5 }))).toEqual({
      kind: 'validation',
      rules: ['AD_FAMILIES_WHOLE'],
    });
    expect((await t.db.selectFrom('data_value').select('id').execute()).length).toBe(before.length);
  });

  it('flags a high but possible department total as a warning', async () => {
    const r = await writeValue(t.db, 'PE', { indicator: 'ERAD_HA', place: 'PE-10', period: '2016', value: 18_000 });
    const flags = await t.db.selectFrom('value_flag').select('rule_code').where('value_id', '=', r.id).execute();
    expect(flags.map((f) => f.rule_code)).toEqual(['ERAD_HA_DEPARTMENT_HIGH']);
  });

  it('stores an eradication operation within the rules', async () => {
    const rec = await createRecord(t.db, 'PE', 'eradication_operation', {
      data: { date: '2016-03-01', place: 'PE-10', crop: 'coca', hectares: 12, agency: 'CORAH', method: 'manual' },
    });
    expect(rec.id).toBeGreaterThan(0);
  });
});
