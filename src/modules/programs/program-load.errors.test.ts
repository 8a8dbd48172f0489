import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/helpers/test-db.js';
import { isVigiaError, type IssueDetail } from '../../core/errors.js';
import { loadProgramFolder } from './program-load.service.js';

const FIXTURE = 'test/fixtures/programs/mini';

let t: TestDb;
const dirs: string[] = [];
beforeAll(async () => {
  t = await createTestDb();
});
afterEach(async () => {
  // Whatever went wrong, nothing of the program may have been written.
  for (const table of ['program', 'place', 'zone', 'indicator', 'target', 'data_value', 'fact'] as const) {
    const rows = await t.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect({ table, n: Number(rows.n) }).toEqual({ table, n: 0 });
  }
});
afterAll(async () => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  await t.destroy();
});

/** A copy of the valid fixture with one change. */
function badFolder(change: (file: (name: string) => string) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'vigia-bad-'));
  dirs.push(dir);
  cpSync(FIXTURE, dir, { recursive: true });
  change((name) => join(dir, name));
  return dir;
}

function replaceIn(path: string, from: string, to: string): void {
  const text = readFileSync(path, 'utf8');
  if (!text.includes(from)) throw new Error(`fixture has no "${from}" in ${path}`);
  writeFileSync(path, text.replace(from, to));
}

/** Loads `dir`, expecting a validation error; returns its details. */
async function problems(dir: string): Promise<IssueDetail[]> {
  const err = await loadProgramFolder(t.db, dir).then(
    () => null,
    (e: unknown) => e,
  );
  if (!isVigiaError(err)) throw new Error(`expected a validation error, got ${String(err)}`);
  expect(err.kind).toBe('validation');
  expect(err.message).toMatch(/nothing was loaded/);
  return err.details;
}

describe(`bad program folders load nothing (${process.env.VIGIA_TEST_DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  it('an unknown place code names the values file, its line and the column', async () => {
    const dir = badFolder((f) => replaceIn(f('values/eradication.csv'), 'ERAD_HA,R2-A,2012Q1', 'ERAD_HA,R9-Z,2012Q1'));
    // Line 5: the quoted note of the row before spans lines 3 and 4.
    expect(await problems(dir)).toEqual([{ file: 'values/eradication.csv', row: 5, column: 'place', value: 'R9-Z', reason: 'unknown place code' }]);
  });

  it('a malformed period', async () => {
    const dir = badFolder((f) => replaceIn(f('targets.csv'), '2013Oct', '2013Oktober'));
    expect(await problems(dir)).toEqual([
      expect.objectContaining({ file: 'targets.csv', row: 3, column: 'period', value: '2013Oktober', reason: expect.stringMatching(/not a period/) }),
    ]);
  });

  it('a non-numeric value', async () => {
    const dir = badFolder((f) => replaceIn(f('values/other.csv'), ',49500,', ',"49,500",'));
    expect(await problems(dir)).toEqual([
      expect.objectContaining({ file: 'values/other.csv', row: 2, column: 'value', value: '49,500', reason: expect.stringMatching(/not a number/) }),
    ]);
  });

  it('a duplicate value key across two values files', async () => {
    const dir = badFolder((f) => appendFileSync(f('values/other.csv'), ',ERAD_HA,R1-A,201201,,,1,sourced,,\n'));
    expect(await problems(dir)).toEqual([
      expect.objectContaining({
        file: 'values/other.csv',
        row: 7,
        column: 'period',
        reason: expect.stringMatching(/duplicate of values\/eradication\.csv row 2/),
      }),
    ]);
  });

  it('a duplicate code', async () => {
    const dir = badFolder((f) => appendFileSync(f('places.csv'), 'R2,Another south,2,TP,,,\n'));
    expect(await problems(dir)).toEqual([
      expect.objectContaining({ file: 'places.csv', row: 8, column: 'code', value: 'R2', reason: 'duplicate code (first on row 6)' }),
    ]);
  });

  it('a missing required file is reported once, without a cascade of unknown references', async () => {
    const dir = badFolder((f) => rmSync(f('framework.csv')));
    expect(await problems(dir)).toEqual([{ file: 'framework.csv', reason: 'required file is missing' }]);
  });

  it('an unknown column', async () => {
    const dir = badFolder((f) => replaceIn(f('places.csv'), 'lat,lon,iso', 'lat,lon,iso,colour'));
    expect(await problems(dir)).toEqual([
      expect.objectContaining({ file: 'places.csv', row: 1, column: 'colour', reason: expect.stringMatching(/^unknown column/) }),
    ]);
  });

  it('a missing required column', async () => {
    const dir = badFolder((f) => replaceIn(f('values/other.csv'), ',provenance,', ',origin,'));
    const found = await problems(dir);
    expect(found).toContainEqual(
      expect.objectContaining({ file: 'values/other.csv', row: 1, column: 'origin', reason: expect.stringMatching(/^unknown column/) }),
    );
    expect(found).toContainEqual(
      expect.objectContaining({ file: 'values/other.csv', row: 1, column: 'provenance', reason: 'required column is missing from the header' }),
    );
  });

  it('JSON problems name the line of the field and its path in the item', async () => {
    const dir = badFolder((f) => {
      replaceIn(f('indicators.json'), '"direction": "down"', '"direction": "sideways"');
      replaceIn(f('indicators.json'), '"sources": ["GOV", "SURVEY"]', '"sources": ["GOV", "SURVEYS"]');
      replaceIn(f('indicators.json'), '"decimals": 1,\n    "dimensions"', '"decimals": 1,\n    "colour": "red",\n    "dimensions"');
    });
    const found = await problems(dir);
    expect(found).toEqual([
      expect.objectContaining({ file: 'indicators.json', row: 21, column: 'direction', value: 'sideways' }),
      expect.objectContaining({ file: 'indicators.json', row: 39, column: 'colour', reason: 'unknown field' }),
    ]);
    // COCA_HA failed to parse, so its values are not reported as having an unknown indicator.
    expect(found.some((d) => d.file?.startsWith('values/'))).toBe(false);
  });

  it('cross-file references: place levels, components, sources, formulas and computed indicators', async () => {
    const dir = badFolder((f) => {
      replaceIn(f('places.csv'), 'R2-A,Gamma district,3,R2', 'R2-A,Gamma district,3,TP');
      replaceIn(f('indicators.json'), '"sources": ["GOV", "SURVEY"]', '"sources": ["GOV", "SURVEYS"]');
      replaceIn(f('indicators.json'), '"component": "C2"', '"component": "G1"');
      replaceIn(f('indicators.json'), 'COCA_HA[GOV]', 'COCA_HA[SURVEY] + NOPE');
      appendFileSync(f('values/other.csv'), ',ERAD_PCT,TP,2012,,,5,sourced,,\n');
    });
    const found = await problems(dir);
    expect(found.map((d) => [d.file, d.row, d.column, d.value])).toEqual([
      ['places.csv', 7, 'parent', 'TP'],
      ['indicators.json', 26, 'sources[1]', 'SURVEYS'],
      ['indicators.json', 30, 'component', 'G1'],
      ['indicators.json', 51, 'formula', 'COCA_HA[SURVEY]'],
      ['indicators.json', 51, 'formula', 'NOPE'],
      // The values of the source that the typo left out are refused too.
      ['values/other.csv', 3, 'source', 'SURVEY'],
      ['values/other.csv', 7, 'indicator', 'ERAD_PCT'],
    ]);
    expect(found[0]?.reason).toMatch(/TP is a level-1 place; the parent of a level-3 place must be of level 2/);
    expect(found[6]?.reason).toMatch(/computed \(formula\)/);
  });

  it('collects the problems of every file at once, in file order', async () => {
    const dir = badFolder((f) => {
      replaceIn(f('values/eradication.csv'), 'ERAD_HA,R2-A,2012Q1', 'ERAD_HA,R9-Z,2012Q5');
      replaceIn(f('organisations.csv'), 'government', 'goverment');
      replaceIn(f('program.json'), '"fiscal_year_start_month": 10', '"fiscal_year_start_month": 13');
    });
    const found = await problems(dir);
    expect(found.map((d) => `${d.file}:${d.row ?? ''}:${d.column}`)).toEqual([
      'program.json:5:fiscal_year_start_month',
      'organisations.csv:2:kind',
      'values/eradication.csv:5:place',
      'values/eradication.csv:5:period',
    ]);
  });

  it('a folder that is not there', async () => {
    const found = await problems(join(tmpdir(), 'vigia-no-such-folder'));
    expect(found).toEqual([expect.objectContaining({ reason: expect.stringMatching(/not a folder/) })]);
  });

  it('a dry run of a valid folder counts everything and writes nothing', async () => {
    const summary = await loadProgramFolder(t.db, FIXTURE, { dryRun: true });
    expect(summary.dryRun).toBe(true);
    expect(summary.counts.places.inserted).toBe(6);
    expect(summary.counts.values.inserted).toBe(9);
  });
});
