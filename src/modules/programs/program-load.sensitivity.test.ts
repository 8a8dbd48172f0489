/**
 * A load is refused when it would declare a derived indicator less sensitive than what it is
 * computed from — by its formula (a new folder, or an edit of a formula or of an input's
 * sensitivity in a later load), or by a record type's roll-up over a sensitive field — naming
 * the indicator, its declaration, the input and the input's sensitivity; nothing is written.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/helpers/test-db.js';
import { isVigiaError, type IssueDetail } from '../../core/errors.js';
import { loadProgramFolder } from './program-load.service.js';

const MINI = 'test/fixtures/programs/mini';
const RECORDS = 'test/fixtures/programs/records-custom';

let t: TestDb | undefined;
const dirs: string[] = [];
beforeEach(async () => {
  await t?.destroy();
  t = await createTestDb();
});
afterAll(async () => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  await t?.destroy();
});

/** A copy of a fixture with each `[file, from, to]` replaced. */
function folder(fixture: string, ...changes: Array<[string, string, string]>): string {
  const dir = mkdtempSync(join(tmpdir(), 'vigia-sens-'));
  dirs.push(dir);
  cpSync(fixture, dir, { recursive: true });
  for (const [file, from, to] of changes) {
    const text = readFileSync(join(dir, file), 'utf8');
    if (!text.includes(from)) throw new Error(`${file} has no "${from}"`);
    writeFileSync(join(dir, file), text.replace(from, to));
  }
  return dir;
}

/** Sets an indicator's declared sensitivity in a folder's indicators.json. */
function declare(dir: string, code: string, sensitivity: string): void {
  const path = join(dir, 'indicators.json');
  const list = JSON.parse(readFileSync(path, 'utf8')) as Array<{ code: string; sensitivity: string; formula?: string }>;
  const ind = list.find((i) => i.code === code);
  if (!ind) throw new Error(`no indicator ${code}`);
  ind.sensitivity = sensitivity;
  writeFileSync(path, JSON.stringify(list, null, 2));
}

async function refusal(dir: string): Promise<IssueDetail[]> {
  const err = await loadProgramFolder(t!.db, dir).then(
    () => null,
    (e: unknown) => e,
  );
  if (!isVigiaError(err)) throw new Error(`expected a validation error, got ${String(err)}`);
  expect(err.kind).toBe('validation');
  expect(err.message).toMatch(/nothing was loaded/);
  return err.details.filter((d) => d.column === 'sensitivity');
}

const count = async (table: 'indicator' | 'program') =>
  Number(
    (
      await t!.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe(`loads refuse understated derived sensitivity (${process.env.VIGIA_TEST_DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  it('the fixtures and their formulas load as they are', async () => {
    await loadProgramFolder(t!.db, MINI);
    await loadProgramFolder(t!.db, RECORDS);
    expect(await count('program')).toBe(2);
  });

  it('a public formula over an official indicator: the folder is refused, naming both', async () => {
    const dir = folder(MINI, ['indicators.json', '"formula": "ERAD_HA / COCA_HA[GOV] * 100"', '"formula": "SEIZ_KG / COCA_HA[GOV] * 100"']);
    const details = await refusal(dir);
    expect(details).toEqual([
      expect.objectContaining({
        file: 'indicators.json',
        column: 'sensitivity',
        value: 'ERAD_PCT',
        reason: 'ERAD_PCT is public but its formula uses SEIZ_KG, which is official: declare it official or more',
      }),
    ]);
    expect(details[0]?.row).toBeGreaterThan(1);
    expect(await count('indicator')).toBe(0);
  });

  it('an edit that raises an input above a stored formula indicator is refused, and the stored program kept', async () => {
    await loadProgramFolder(t!.db, MINI);
    // The second load leaves ERAD_PCT out (it stays as stored) and declares its input restricted.
    const dir = folder(MINI);
    const path = join(dir, 'indicators.json');
    writeFileSync(
      path,
      JSON.stringify(
        (JSON.parse(readFileSync(path, 'utf8')) as Array<{ code: string }>).filter((i) => i.code !== 'ERAD_PCT'),
        null,
        2,
      ),
    );
    declare(dir, 'ERAD_HA', 'restricted');
    writeFileSync(
      join(dir, 'targets.csv'),
      readFileSync(join(dir, 'targets.csv'), 'utf8')
        .split('\n')
        .filter((l) => !l.startsWith('ERAD_PCT'))
        .join('\n'),
    );
    expect((await refusal(dir)).map((d) => [d.value, d.reason])).toEqual([
      ['ERAD_PCT', 'ERAD_PCT is public but its formula uses ERAD_HA, which is restricted: declare it restricted'],
    ]);
    const stored = await t!.db.selectFrom('indicator').select(['code', 'sensitivity']).where('code', '=', 'ERAD_HA').executeTakeFirstOrThrow();
    expect(stored.sensitivity).toBe('public');
    // Declaring the formula indicator as sensitive as its input is accepted.
    const fixed = folder(MINI);
    declare(fixed, 'ERAD_HA', 'restricted');
    declare(fixed, 'ERAD_PCT', 'restricted');
    await loadProgramFolder(t!.db, fixed);
    const after = await t!.db.selectFrom('indicator').select(['code', 'sensitivity']).where('code', 'in', ['ERAD_HA', 'ERAD_PCT']).orderBy('code').execute();
    expect(after).toEqual([
      { code: 'ERAD_HA', sensitivity: 'restricted' },
      { code: 'ERAD_PCT', sensitivity: 'restricted' },
    ]);
  });

  it('an edit of a formula onto a more sensitive input is refused', async () => {
    await loadProgramFolder(t!.db, MINI);
    const dir = folder(MINI, ['indicators.json', '"formula": "ERAD_HA / COCA_HA[GOV] * 100"', '"formula": "ERAD_HA / SEIZ_KG * 100"']);
    expect((await refusal(dir)).map((d) => d.reason)).toEqual([
      'ERAD_PCT is public but its formula uses SEIZ_KG, which is official: declare it official or more',
    ]);
    const stored = await t!.db.selectFrom('indicator').select('formula').where('code', '=', 'ERAD_PCT').executeTakeFirstOrThrow();
    expect(stored.formula).toBe('ERAD_HA / COCA_HA[GOV] * 100');
  });

  it('a public roll-up filtered on a restricted record field is refused', async () => {
    const dir = folder(RECORDS, [
      'record-types/crop-substitution-contract.json',
      '{ "indicator": "CSC_HA", "value": { "sum": "area" }, "disagg": { "crop": "crop" } }',
      '{ "indicator": "CSC_HA", "value": { "sum": "area" }, "disagg": { "crop": "crop" }, "where": { "farmer": "Juan" } }',
    ]);
    expect((await refusal(dir)).map((d) => [d.value, d.reason])).toEqual([
      [
        'CSC_HA',
        'CSC_HA is public but it is rolled up from the field farmer of record type crop_substitution_contract, which is restricted: declare it restricted',
      ],
    ]);
    expect(await count('program')).toBe(0);
  });
});
