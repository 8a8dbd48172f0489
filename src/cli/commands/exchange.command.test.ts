import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runVigia } from '../../../test/helpers/cli.js';
import { openDatabase } from '../../db/database.js';
import { migrateToLatest } from '../../db/migrate.js';
import { createMiniProgram } from '../../../test/helpers/mini-program.js';

let dir: string;
let env: NodeJS.ProcessEnv;

/** Runs the CLI against the test's SQLite file. */
const vigia = (...args: string[]) => runVigia(env, ...args);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vigia-exchange-cli-'));
  const file = join(dir, 'vigia.db');
  const { db } = openDatabase({ file });
  await migrateToLatest(db);
  await createMiniProgram(db);
  await db.destroy();
  env = { ...process.env, VIGIA_DB: file };
  delete env.DATABASE_URL;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HEADER = 'indicator,place,period,disagg,source,value,provenance,note,status,organisation';

describe('vigia import / export / template', () => {
  it('imports a CSV (dry run first), exports it back, and re-importing changes nothing', async () => {
    const file = join(dir, 'in.csv');
    writeFileSync(file, `${HEADER}\nSUM_IND,R1D1,2012,,A,10,sourced,,approved,\nSPLIT_IND,R1D2,2012,kind=y,,2.5,derived,,,\n`);
    const dry = await vigia('import', 'csv', file, '--dry-run', '--json');
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({ dryRun: true, rows: 2, inserted: 2 });
    const real = await vigia('import', 'csv', file);
    expect(real).toMatchObject({ code: 0 });
    expect(real.stdout).toMatch(/in\.csv: imported 2 row\(s\): 2 new, 0 updated, 0 unchanged/);
    const out = join(dir, 'out.xlsx');
    expect((await vigia('export', 'xlsx', '-o', out)).code).toBe(0);
    expect(readFileSync(out).subarray(0, 2).toString()).toBe('PK');
    const again = await vigia('import', 'xlsx', out, '--json');
    expect(JSON.parse(again.stdout)).toMatchObject({ rows: 2, inserted: 0, updated: 0, unchanged: 2 });
  });

  it('exits with 2 and lists the row errors of a rejected file', async () => {
    const file = join(dir, 'bad.csv');
    writeFileSync(file, `${HEADER}\nSUM_IND,R1D1,2013,,A,ten,sourced,,,\nSUM_IND,NOWHERE,2013,,A,1,sourced,,,\n`);
    const r = await vigia('import', 'csv', file);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\.csv was rejected with 2 problem/);
    expect(r.stderr).toMatch(/bad\.csv, row 2, column value: not a number/);
    expect(r.stderr).toMatch(/row 3, column place: unknown place code/);
    const json = await vigia('import', 'csv', file, '--json');
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stderr).details).toHaveLength(2);
  });

  it('exports an analytics result and writes templates; unknown formats are named', async () => {
    const out = join(dir, 'a.csv');
    expect((await vigia('export', 'csv', '-o', out, '--indicator', 'SUM_IND', '--by', 'source')).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('SUM_IND,A,,,,,10,sourced');
    const tpl = join(dir, 't.csv');
    expect((await vigia('template', 'csv', '-o', tpl)).code).toBe(0);
    expect(readFileSync(tpl, 'utf8')).toBe(`\uFEFF${HEADER}\n`);
    const bad = await vigia('import', 'nope', join(dir, 'in.csv'));
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/no exchange format "nope" \(known: csv, xlsx/);
  });
});
