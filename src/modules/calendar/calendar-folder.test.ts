/**
 * A program folder's calendar.json: the Peru demo's checks; a good one loads (once: a second
 * load changes nothing); a bad one — negative due offset, unknown organisation or indicator, bad
 * frequency — stops the load naming file, line and field. Then `vigia calendar` and `vigia
 * quality` (child processes, SQLite file) print the expected reports and completeness on the
 * day asked, equal to what the service answers.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/helpers/test-db.js';
import { runVigia } from '../../../test/helpers/cli.js';
import { isVigiaError, type IssueDetail } from '../../core/errors.js';
import { openDatabase } from '../../db/database.js';
import { migrateToLatest } from '../../db/migrate.js';
import { loadProgramFolder } from '../programs/program-load.service.js';
import { getCalendar } from './calendar.service.js';

const FIXTURE = 'test/fixtures/programs/mini';
const GOOD = {
  reports: [{ organisation: 'AGENCY', indicators: ['ERAD_HA'], frequency: 'quarter', due_days: 20, close_days: 60, start: '2014-01-01' }],
};

let t: TestDb;
const dirs: string[] = [];
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  await t.destroy();
});

/** The mini fixture with this calendar.json. */
function folderWith(calendar: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'vigia-calendar-'));
  dirs.push(dir);
  cpSync(FIXTURE, dir, { recursive: true });
  writeFileSync(join(dir, 'calendar.json'), JSON.stringify(calendar, null, 2));
  return dir;
}

async function problems(dir: string): Promise<IssueDetail[]> {
  const err = await loadProgramFolder(t.db, dir).then(
    () => null,
    (e: unknown) => e,
  );
  if (!isVigiaError(err)) throw new Error(`expected a validation error, got ${String(err)}`);
  expect(await t.db.selectFrom('reporting_calendar').selectAll().execute()).toEqual([]);
  return err.details;
}

describe("a program folder's calendar.json", () => {
  it('the Peru demo folder checks with its calendar', async () => {
    const summary = await loadProgramFolder(t.db, 'demo/peru', { dryRun: true });
    expect(summary.files).toContain('calendar.json');
    expect(summary.counts.calendar).toEqual({ inserted: 1, updated: 0, unchanged: 0 });
  }, 120_000);

  it('refuses a negative due offset, a bad frequency, an unknown organisation or indicator, naming file, line and field', async () => {
    const entry = GOOD.reports[0]!;
    const format = await problems(
      folderWith({
        reports: [
          { ...entry, due_days: -3 },
          { ...entry, frequency: 'week' },
        ],
      }),
    );
    expect(format.map((d) => d.column).sort()).toEqual(['reports[0].due_days', 'reports[1].frequency']);
    for (const d of format) expect(d).toMatchObject({ file: 'calendar.json', row: expect.any(Number) });
    const names = await problems(folderWith({ reports: [entry, { ...entry, organisation: 'NOBODY', indicators: ['NO_SUCH'] }] }));
    expect(names.map((d) => d.column).sort()).toEqual(['reports[1].indicators[0]', 'reports[1].organisation']);
    // Line of the second entry in the pretty-printed file.
    for (const d of names) expect(d).toMatchObject({ file: 'calendar.json', row: 13 });
  });

  it('loads a good calendar once; a second load changes nothing', async () => {
    const dir = folderWith(GOOD);
    expect((await loadProgramFolder(t.db, dir)).counts.calendar).toEqual({ inserted: 1, updated: 0, unchanged: 0 });
    expect((await loadProgramFolder(t.db, dir)).counts.calendar).toEqual({ inserted: 0, updated: 0, unchanged: 1 });
    expect(await getCalendar(t.db, 'TP')).toEqual({ reports: [{ ...GOOD.reports[0], record_types: [], end: null }] });
    expect(await t.db.selectFrom('audit_event').select('entity').where('entity', '=', 'reporting_calendar').execute()).toHaveLength(1);
  });
});

describe('vigia calendar and vigia quality (child process, SQLite file)', () => {
  let env: NodeJS.ProcessEnv;
  const vigia = (...args: string[]) => runVigia(env, ...args);
  beforeAll(async () => {
    const dir = folderWith(GOOD);
    const file = join(dir, 'vigia.db');
    const { db } = openDatabase({ file });
    await migrateToLatest(db);
    await loadProgramFolder(db, dir);
    await db.destroy();
    env = { ...process.env, VIGIA_DB: file };
    delete env.DATABASE_URL;
  }, 60_000);

  it('calendar --json lists the expected reports with their status on the day asked', async () => {
    const r = await vigia('calendar', '--program', 'TP', '--as-of', '2014-07-10', '--json');
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { as_of: string; reports: Array<{ period: string; status: string; due_on: string; closed: boolean }> };
    expect(out.as_of).toBe('2014-07-10');
    // Q1 was due on 20 April and closed on 30 May; Q2 is due on 20 July; Q3 is running.
    expect(out.reports.map((x) => [x.period, x.status, x.due_on, x.closed])).toEqual([
      ['2014Q1', 'missing', '2014-04-20', true],
      ['2014Q2', 'not_due', '2014-07-20', false],
      ['2014Q3', 'not_due', '2014-10-20', false],
    ]);
  });

  it('the text form names statuses in the language asked', async () => {
    const es = await vigia('calendar', '--program', 'TP', '--as-of', '2014-07-10', '--lang', 'es');
    expect(es.code, es.stderr).toBe(0);
    expect(es.stdout).toContain('Informes esperados al 2014-07-10');
    expect(es.stdout).toMatch(/2014Q1 +vence 2014-04-20 +Faltante +\(cerrado\)/);
    const en = await vigia('calendar', '--program', 'TP', '--as-of', '2014-07-10');
    expect(en.stdout).toMatch(/2014Q2 +due 2014-07-20 +Not due yet/);
    const quality = await vigia('quality', '--program', 'TP', '--as-of', '2014-07-10', '--lang', 'es');
    expect(quality.stdout).toMatch(/AGENCY +2014Q1 +0\/1 presentados, 0 a tiempo +Faltante/);
    expect(quality.stdout).toMatch(/programa +2014Q1 +completitud 0 %, puntualidad 0 %/);
  });

  it('quality --json prints an object with the completeness rows; bad input exits 2 naming the option', async () => {
    const r = await vigia('quality', '--program', 'TP', '--period', '2014Q1', '--as-of', '2014-07-10', '--json');
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      violations: [],
      outliers: [],
      completeness: [{ organisation: 'AGENCY', period: '2014Q1', expected: 1, submitted: 0, on_time: 0, status: 'missing' }],
      truncated: false,
    });
    const bad = await vigia('quality', '--program', 'TP', '--as-of', '2014-13-01', '--json');
    expect(bad.code).toBe(2);
    expect(bad.stderr + bad.stdout).toContain('as-of');
    const unknown = await vigia('calendar', '--program', 'NOPE', '--json');
    expect(unknown.code).toBe(2);
  });
});
