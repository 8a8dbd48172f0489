/**
 * Validation rules at write time, on both engines: an error rule refuses every way of writing
 * (single, versioned single, batch, CSV import, record roll-up, folder load) with nothing
 * stored; a warning rule stores and flags; outliers are flagged with their expected range.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/helpers/test-db.js';
import { createMiniProgram } from '../../../test/helpers/mini-program.js';
import { addRecordIndicators } from '../../../test/helpers/record-indicators.js';
import { isVigiaError, type VigiaError } from '../../core/errors.js';
import type { QualityRuleInput } from '../../core/quality-rules.js';
import { qualityRuleSchema } from '../../core/quality-rules.js';
import { writeValue, writeValues, writeValuesAt } from '../values/values.service.js';
import { createRecord } from '../records/records.service.js';
import { findFormat } from '../exchange/exchange-registry.js';
import { readableOf } from '../exchange/upload-spool.js';
import { loadProgramFolder } from '../programs/program-load.service.js';
import { replaceProgramRules } from './quality-rules.service.js';

let t: TestDb;
let programId: number;
beforeAll(async () => {
  t = await createTestDb();
  programId = (await createMiniProgram(t.db)).programId;
  await addRecordIndicators(t.db, programId);
});
afterAll(() => t.destroy());

const setRules = (rules: QualityRuleInput[]) =>
  t.db.transaction().execute((trx) =>
    replaceProgramRules(
      trx,
      programId,
      rules.map((r) => qualityRuleSchema.parse(r)),
    ),
  );

async function failure(p: Promise<unknown>): Promise<VigiaError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  if (!isVigiaError(e)) throw new Error(`expected a VigiaError, got ${String(e)}`);
  return e;
}

const stored = async (indicator: string, period: string) =>
  t.db
    .selectFrom('data_value as v')
    .innerJoin('indicator as i', 'i.id', 'v.indicator_id')
    .select(['v.id', 'v.value'])
    .where('i.code', '=', indicator)
    .where('v.period', '=', period)
    .execute();
const flagsOf = (valueId: number) => t.db.selectFrom('value_flag').selectAll().where('value_id', '=', valueId).execute();

describe(`validation rules at write time (${process.env.VIGIA_TEST_DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  beforeEach(async () => {
    await t.db.deleteFrom('value_flag').execute();
    await t.db.deleteFrom('data_value').execute();
    await t.db.deleteFrom('fact').execute();
    await setRules([]);
  });

  it('an error range rule refuses a single write, a versioned write and a batch, naming the rule, value and limit; nothing is stored', async () => {
    // (Negative values are refused already: allow_negative.)
    await setRules([{ code: 'AT_LEAST_2', kind: 'range', indicator: 'SPLIT_IND', min: 2, severity: 'error' }]);
    const single = await failure(writeValue(t.db, 'XX', { indicator: 'SPLIT_IND', place: 'R1D1', period: '2012', value: 1.5, disagg: 'kind=x' }));
    expect(single.kind).toBe('validation');
    expect(single.details[0]).toMatchObject({ rule: 'AT_LEAST_2', value: 1.5, limit: 2, column: 'value' });
    expect(single.details[0]?.reason).toMatch(/below the minimum 2/);
    await failure(writeValue(t.db, 'XX', { indicator: 'SPLIT_IND', place: 'R1D1', period: '2012', value: 1.5, disagg: 'kind=x' }, 0));
    const batch = await failure(
      writeValuesAt(
        t.db,
        'XX',
        [
          { indicator: 'SPLIT_IND', place: 'R1D1', period: '2012', value: 5, disagg: 'kind=x' },
          { indicator: 'SPLIT_IND', place: 'R1D2', period: '2012', value: 1, disagg: 'kind=x' },
        ],
        [],
      ),
    );
    expect(batch.details.map((d) => d.rule)).toEqual(['AT_LEAST_2']);
    expect(await stored('SPLIT_IND', '2012')).toEqual([]);
    expect(await t.db.selectFrom('fact').selectAll().execute()).toEqual([]);
    await writeValue(t.db, 'XX', { indicator: 'SPLIT_IND', place: 'R1D1', period: '2012', value: 2, disagg: 'kind=x' });
    expect(await stored('SPLIT_IND', '2012')).toHaveLength(1);
  });

  it('a maximum per place level applies at that level only; whole numbers are enforced', async () => {
    await setRules([
      { code: 'DEPT_MAX', kind: 'range', indicator: 'SPLIT_IND', max: 100, level: 2 },
      { code: 'COUNT', kind: 'whole', indicator: 'LATEST_IND' },
    ]);
    expect(
      (await failure(writeValue(t.db, 'XX', { indicator: 'SPLIT_IND', place: 'R1', period: '2012', value: 101, disagg: 'kind=x' }))).details[0],
    ).toMatchObject({ rule: 'DEPT_MAX', limit: 100 });
    await writeValue(t.db, 'XX', { indicator: 'SPLIT_IND', place: 'R1D1', period: '2012', value: 101, disagg: 'kind=x' });
    expect((await failure(writeValue(t.db, 'XX', { indicator: 'LATEST_IND', place: 'R1D1', period: '2012', value: 2.5 }))).details[0]).toMatchObject({
      rule: 'COUNT',
    });
    await writeValue(t.db, 'XX', { indicator: 'LATEST_IND', place: 'R1D1', period: '2012', value: 2 });
  });

  it('relations compare aggregates of the same place and period, whichever side is written', async () => {
    await setRules([
      { code: 'PART_LE_TOTAL', kind: 'relation', relation: 'SPLIT_IND[kind=x] <= SPLIT_IND' },
      { code: 'A_LE_B', kind: 'relation', relation: 'SUM_IND[A] <= SUM_IND[B] * 2', severity: 'warning' },
    ]);
    await writeValue(t.db, 'XX', { indicator: 'SPLIT_IND', place: 'R1D1', period: '2012', value: 10 });
    const e = await failure(writeValue(t.db, 'XX', { indicator: 'SPLIT_IND', place: 'R1D1', period: '2012', value: 11, disagg: 'kind=x' }));
    expect(e.details[0]).toMatchObject({ rule: 'PART_LE_TOTAL', value: 11, limit: 10 });
    await writeValue(t.db, 'XX', { indicator: 'SPLIT_IND', place: 'R1D1', period: '2012', value: 9, disagg: 'kind=x' });
    // Lowering the total under the part breaks it from the other side.
    await failure(writeValue(t.db, 'XX', { indicator: 'SPLIT_IND', place: 'R1D1', period: '2012', value: 8 }));
    // In one batch, the state after the whole batch counts.
    await writeValues(t.db, 'XX', [
      { indicator: 'SPLIT_IND', place: 'R1D2', period: '2012', value: 3, disagg: 'kind=x' },
      { indicator: 'SPLIT_IND', place: 'R1D2', period: '2012', value: 5 },
    ]);
    // A warning stores the value and flags it.
    await writeValue(t.db, 'XX', { indicator: 'SUM_IND', place: 'R1D1', period: '2012', value: 10, source: 'B' });
    await writeValue(t.db, 'XX', { indicator: 'SUM_IND', place: 'R1D1', period: '2012', value: 25, source: 'A' });
    const [a] = (await stored('SUM_IND', '2012')).filter((v) => v.value === 25);
    expect(a).toBeDefined();
    const flags = await flagsOf(a!.id);
    expect(flags).toHaveLength(1);
    expect(flags[0]).toMatchObject({ rule_code: 'A_LE_B', kind: 'relation', value: 25, expected: '20', acknowledged_at: null });
    // Writing it back within the relation clears the flag.
    await writeValue(t.db, 'XX', { indicator: 'SUM_IND', place: 'R1D1', period: '2012', value: 15, source: 'A' });
    expect(await flagsOf(a!.id)).toEqual([]);
  });

  it('a CSV import that breaks an error rule is refused whole', async () => {
    await setRules([{ code: 'AT_LEAST_2', kind: 'range', indicator: 'SPLIT_IND', min: 2 }]);
    const text = [
      'indicator,place,period,disagg,source,value,provenance,note,status,organisation',
      'SPLIT_IND,R1D1,2013,kind=x,,4,sourced,,draft,',
      'SPLIT_IND,R1D2,2013,kind=x,,1,sourced,,draft,',
    ].join('\n');
    const e = await failure(findFormat('csv')!.import!(t.db, readableOf(text), { program: 'XX', dryRun: false, file: 'values.csv' }));
    expect(e.kind).toBe('validation');
    expect(e.details[0]).toMatchObject({ rule: 'AT_LEAST_2', value: 1 });
    expect(await stored('SPLIT_IND', '2013')).toEqual([]);
  });

  it('a record whose roll-up breaks an error rule is refused, and its roll-up not counted', async () => {
    await setRules([{ code: 'ERAD_BOUND', kind: 'range', indicator: 'ERAD_OPS_HA', max: 500 }]);
    await createRecord(t.db, 'XX', 'eradication_operation', {
      data: { date: '2012-05-10', place: 'R1D1', crop: 'coca', hectares: 300, agency: 'CORAH', method: 'manual' },
    });
    const e = await failure(
      createRecord(t.db, 'XX', 'eradication_operation', {
        data: { date: '2012-05-11', place: 'R1D1', crop: 'coca', hectares: 300, agency: 'CORAH', method: 'manual' },
      }),
    );
    expect(e.details[0]).toMatchObject({ rule: 'ERAD_BOUND', value: 600, limit: 500 });
    const records = await t.db.selectFrom('record').select('id').where('program_id', '=', programId).execute();
    expect(records).toHaveLength(1);
    await t.db.deleteFrom('record').execute();
  });

  it('outliers: a planted outlier is flagged at write time with the expected range; a short series is not scored', async () => {
    await setRules([{ code: 'LATEST_OUT', kind: 'outlier', indicator: 'LATEST_IND', threshold: 3.5, min_history: 6 }]);
    const history = [10, 12, 11, 13, 12, 11];
    for (const [i, v] of history.slice(0, 5).entries())
      await writeValue(t.db, 'XX', { indicator: 'LATEST_IND', place: 'R2D1', period: `20120${i + 1}`, value: v });
    // Five earlier points: not scored, however wild.
    await writeValue(t.db, 'XX', { indicator: 'LATEST_IND', place: 'R2D1', period: '201206', value: 500 });
    expect(await flagsOf((await stored('LATEST_IND', '201206'))[0]!.id)).toEqual([]);
    await writeValue(t.db, 'XX', { indicator: 'LATEST_IND', place: 'R2D1', period: '201206', value: 11 });
    // Six earlier points now: 500 is flagged; 12 is not.
    await writeValue(t.db, 'XX', { indicator: 'LATEST_IND', place: 'R2D1', period: '201207', value: 500 });
    const [flag] = await flagsOf((await stored('LATEST_IND', '201207'))[0]!.id);
    // Independently: median of 10 11 11 12 12 13 = 11.5; deviations 1.5 .5 .5 .5 .5 1.5 → MAD 0.5.
    const spread = (3.5 * 0.5) / 0.6745;
    expect(flag).toMatchObject({ rule_code: 'LATEST_OUT', kind: 'outlier', value: 500 });
    expect(JSON.parse(flag!.expected)).toEqual({ low: Math.round((11.5 - spread) * 100) / 100, high: Math.round((11.5 + spread) * 100) / 100 });
    await writeValue(t.db, 'XX', { indicator: 'LATEST_IND', place: 'R2D1', period: '201208', value: 12 });
    expect(await flagsOf((await stored('LATEST_IND', '201208'))[0]!.id)).toEqual([]);
  });
});

describe('validation rules in a program folder', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
  const folder = (rules: unknown): string => {
    const dir = mkdtempSync(join(tmpdir(), 'vigia-rules-'));
    dirs.push(dir);
    cpSync('test/fixtures/programs/mini', dir, { recursive: true });
    writeFileSync(join(dir, 'validation-rules.json'), JSON.stringify(rules));
    return dir;
  };

  it('refuses a folder whose values break an error rule, and one whose rule is bad, naming the field', async () => {
    const db = await createTestDb();
    try {
      const bad = await failure(loadProgramFolder(db.db, folder({ rules: [{ code: 'TINY', kind: 'range', indicator: FIRST_INDICATOR, max: -1e12 }] })));
      expect(bad.details.some((d) => d.rule === 'TINY')).toBe(true);
      expect(await db.db.selectFrom('program').selectAll().execute()).toEqual([]);
      const unknown = await failure(loadProgramFolder(db.db, folder({ rules: [{ code: 'U', kind: 'whole', indicator: 'NOPE' }] })));
      expect(unknown.details[0]).toMatchObject({ file: 'validation-rules.json', column: 'rules[0].indicator', value: 'NOPE' });
      const circular = await failure(
        loadProgramFolder(db.db, folder({ rules: [{ code: 'C', kind: 'relation', relation: `${FIRST_INDICATOR} <= ${FIRST_INDICATOR} + 1` }] })),
      );
      expect(circular.details[0]).toMatchObject({ file: 'validation-rules.json', column: 'rules[0].relation' });
      expect(circular.details[0]?.reason).toMatch(/circular/);
      const ok = await loadProgramFolder(db.db, folder({ rules: [{ code: 'OK', kind: 'range', indicator: FIRST_INDICATOR, min: -1e12 }] }));
      expect(ok.files).toContain('validation-rules.json');
      expect(await db.db.selectFrom('quality_rule').select('code').execute()).toEqual([{ code: 'OK' }]);
    } finally {
      await db.destroy();
    }
  });
});

/** An indicator of the mini fixture folder that has values. */
const FIRST_INDICATOR = 'ERAD_HA';
