import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runVigia } from '../../../test/helpers/cli.js';
import { openDatabase } from '../../db/database.js';
import { migrateToLatest } from '../../db/migrate.js';
import { createMiniProgram } from '../../../test/helpers/mini-program.js';
import { addRecordIndicators } from '../../../test/helpers/record-indicators.js';

let dir: string;
let env: NodeJS.ProcessEnv;

/** Runs the CLI against the test's SQLite file. */
const vigia = (...args: string[]) => runVigia(env, ...args);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vigia-records-cli-'));
  const file = join(dir, 'vigia.db');
  const { db } = openDatabase({ file });
  await migrateToLatest(db);
  const { programId } = await createMiniProgram(db);
  await addRecordIndicators(db, programId);
  await db.destroy();
  env = { ...process.env, VIGIA_DB: file };
  delete env.DATABASE_URL;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('vigia records (child process, SQLite file)', () => {
  it('add takes --field pairs and --data JSON, and the indicator follows', async () => {
    const a = await vigia(
      'records',
      'add',
      '--type',
      'seizure',
      '--ref',
      'S1',
      '--field',
      'date=2012-03-01',
      '--field',
      'place=R1D1',
      '--field',
      'substance=cocaine_base',
      '--field',
      'quantity=2 t',
      '--field',
      'case_reference=EXP-1',
      '--json',
    );
    expect(a.code).toBe(0);
    expect(JSON.parse(a.stdout)).toMatchObject({ id: 1, data: { quantity: { value: 2000, amount: 2, unit: 't' } } });
    const b = await vigia(
      'records',
      'add',
      '--type',
      'seizure',
      '--data',
      '{"date":"2012-04-01","place":"R2D1","substance":"cocaine_hcl","quantity":"500 kg"}',
    );
    expect(b.stdout).toMatch(/added seizure record #2/);
    const total = await vigia('analytics', '--indicator', 'SEIZ_REC_COCAINE_KG', '--json');
    expect(JSON.parse(total.stdout).rows[0].value).toBe(2500);
  });

  it('bad input exits 2 with every problem named, and nothing stored', async () => {
    const r = await vigia(
      'records',
      'add',
      '--type',
      'seizure',
      '--field',
      'date=2012-13-01',
      '--field',
      'place=NOWHERE',
      '--field',
      'substance=tea',
      '--field',
      'quantity=-1 kg',
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/column date: not a date/);
    expect(r.stderr).toMatch(/column place: unknown place "NOWHERE"/);
    expect(r.stderr).toMatch(/column substance: unknown substance "tea"/);
    expect(r.stderr).toMatch(/column quantity: must not be negative/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(JSON.parse((await vigia('records', 'list', '--type', 'seizure', '--json')).stdout).total).toBe(2);
  });

  it('list hides fields above the clearance; export and import round-trip through CSV', async () => {
    const pub = JSON.parse((await vigia('records', 'list', '--type', 'seizure', '--clearance', 'public', '--json')).stdout);
    expect(pub.items[0].data).not.toHaveProperty('case_reference');
    const out = join(dir, 'seizures.csv');
    expect((await vigia('records', 'export', '--type', 'seizure', '--out', out)).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('EXP-1');
    const again = await vigia('records', 'import', out, '--type', 'seizure', '--json');
    expect(JSON.parse(again.stdout)).toMatchObject({ inserted: 1, unchanged: 1 });
    writeFileSync(out, 'ref,date,place,substance,quantity\nS9,2012-05-01,R1D1,heroin,1 stone\n');
    const bad = await vigia('records', 'import', out, '--type', 'seizure');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/seizures\.csv, row 2, column quantity: unknown unit "stone"/);
  });

  it('types lists the built-in types and what they roll up into', async () => {
    const r = await vigia('records', 'types', '--json');
    const seizure = (JSON.parse(r.stdout) as Array<{ code: string; rollups: Array<{ indicator: string; active: boolean }> }>).find((t) => t.code === 'seizure');
    expect(seizure?.rollups.every((x) => x.active)).toBe(true);
  });

  it('rebuild sums the roll-ups again to the same totals', async () => {
    const before = JSON.parse((await vigia('analytics', '--indicator', 'SEIZ_REC_COCAINE_KG', '--json')).stdout).rows[0].value;
    expect(JSON.parse((await vigia('records', 'rebuild', '--json')).stdout)).toEqual({ records: 3 });
    expect(JSON.parse((await vigia('analytics', '--indicator', 'SEIZ_REC_COCAINE_KG', '--json')).stdout).rows[0].value).toBe(before);
  });
});
