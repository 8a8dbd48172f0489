import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runVigia } from '../../../test/helpers/cli.js';
import { openDatabase } from '../../db/database.js';
import { migrateToLatest } from '../../db/migrate.js';
import { createMiniProgram } from '../../../test/helpers/mini-program.js';
import { writeValues } from '../values/values.service.js';

let dir: string;
let env: NodeJS.ProcessEnv;

/** Runs the CLI against the test's SQLite file. */
const vigia = (...args: string[]) => runVigia(env, ...args);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vigia-analytics-cli-'));
  const file = join(dir, 'vigia.db');
  const { db } = openDatabase({ file });
  await migrateToLatest(db);
  await createMiniProgram(db);
  await writeValues(db, 'XX', [
    { indicator: 'SUM_IND', source: 'A', place: 'R1D1', period: '201211', value: 10 },
    { indicator: 'SUM_IND', source: 'A', place: 'R2D1', period: '201302', value: 30 },
    { indicator: 'SUM_IND', source: 'A', place: 'R2D2', period: '201311', value: 45 },
    { indicator: 'SUM_IND', source: 'B', place: 'R1D1', period: '201211', value: 99 },
    { indicator: 'SPLIT_IND', place: 'R1D2', period: '2012', value: 3, disagg: 'kind=x' },
    { indicator: 'SPLIT_IND', place: 'R1D2', period: '2013', value: 4, disagg: 'kind=y' },
  ]);
  await db.destroy();
  env = { ...process.env, VIGIA_DB: file };
  delete env.DATABASE_URL;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('vigia compare / analytics (child process, SQLite file)', () => {
  it('compare --json prints one object with both periods and the unrounded change_pct', async () => {
    const r = await vigia('compare', '--indicator', 'SUM_IND', '--source', 'A', '--from', '2012Oct', '--to', '2013Oct', '--json');
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(out).toMatchObject({ from: { period: '2012Oct', value: 40 }, to: { period: '2013Oct', value: 45 }, source: 'A', place: 'XX' });
    expect(out.change_pct).toBe((5 / 40) * 100);
  });

  it('compare without --json prints a readable line; filters by place and disaggregation', async () => {
    const r = await vigia('compare', '--indicator', 'SPLIT_IND', '--place', 'R1', '--disagg', 'kind=y', '--from', '2012', '--to', '2013');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('SPLIT_IND at R1: 2012 – → 2013 4');
  });

  it('compare on a multi-source indicator without --source fails with the sources listed', async () => {
    const r = await vigia('compare', '--indicator', 'SUM_IND', '--from', '2012', '--to', '2013', '--json');
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stderr)).toMatchObject({ error: 'validation', details: [{ column: 'source', value: 'A, B' }] });
  });

  it('analytics --json prints rows with their dimensions; --by and --indicator repeat', async () => {
    const r = await vigia('analytics', '--indicator', 'SUM_IND', '--indicator', 'SPLIT_IND', '--by', 'place-level:2', '--by', 'period:fy-oct', '--json');
    expect(r.code, r.stderr).toBe(0);
    const { rows } = JSON.parse(r.stdout) as { rows: { indicator: string; source?: string; place?: { code: string }; period?: string; value: number }[] };
    expect(rows.map((x) => [x.indicator, x.source, x.place?.code, x.period, x.value])).toEqual([
      ['SUM_IND', 'A', 'R1', '2012Oct', 10],
      ['SUM_IND', 'A', 'R2', '2012Oct', 30],
      ['SUM_IND', 'A', 'R2', '2013Oct', 45],
      ['SUM_IND', 'B', 'R1', '2012Oct', 99],
    ]);
    const byKind = await vigia('analytics', '--indicator', 'SPLIT_IND', '--by', 'disagg:kind', '--from', '2013', '--json');
    expect(JSON.parse(byKind.stdout)).toEqual({
      rows: [{ indicator: 'SPLIT_IND', disagg: { kind: 'y' }, value: 4, provenance: ['sourced'], unapproved: true, coverage: null }],
    });
  });

  it('analytics without --json prints a table; a bad grouping is a clear error, not a stack trace', async () => {
    const r = await vigia('analytics', '--indicator', 'SUM_IND', '--source', 'A', '--by', 'period:year');
    expect(r.stdout.split('\n')[0]).toMatch(/^indicator\s+source\s+period\s+value\s+provenance$/);
    expect(r.stdout).toMatch(/SUM_IND\s+A\s+2013\s+75\s+sourced/);
    const bad = await vigia('analytics', '--indicator', 'SUM_IND', '--by', 'period:week');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('cannot group by "period:week"');
    expect(bad.stderr).not.toContain('    at ');
  });
});
