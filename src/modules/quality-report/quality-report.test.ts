/**
 * `vigia quality --json` (a child process) and `GET /api/programs/{program}/quality` on one
 * database, on the engine under test: the violations and outliers equal the warnings the test
 * planted through the API, the completeness equals the counts worked out here from the test's
 * own submission; the API answers the CLI's JSON; a partner sees only its own organisation's
 * flags and reports; bad input exits 2 naming the option.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../server/app.js';
import { openDatabase, type Db } from '../../db/database.js';
import { migrateToLatest } from '../../db/migrate.js';
import { createAccessFixture, type UserKey } from '../../../test/helpers/access-fixture.js';
import { signedInAs } from '../../../test/helpers/access-app.js';
import { runVigia } from '../../../test/helpers/cli.js';
import { testPgUrl } from '../../../test/helpers/test-db.js';
import type { TestClient } from '../../../test/helpers/http-client.js';
import type { QualityReport } from './quality-report.schema.js';

const TODAY = '2016-07-10';
let db: Db;
let app: App;
let env: NodeJS.ProcessEnv;
let drop: () => Promise<void>;

/** A database the test and a child process both reach: a SQLite file, or a PostgreSQL schema named in the URL. */
beforeAll(async () => {
  env = { ...process.env };
  delete env.DATABASE_URL;
  delete env.VIGIA_DB;
  if (testPgUrl) {
    const schema = `t_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: testPgUrl });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.end();
    ({ db } = openDatabase({ url: testPgUrl, searchPath: schema }));
    env.DATABASE_URL = `${testPgUrl}${testPgUrl.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
    drop = async () => {
      const c = new pg.Client({ connectionString: testPgUrl });
      await c.connect();
      await c.query(`DROP SCHEMA ${schema} CASCADE`);
      await c.end();
    };
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'vigia-quality-'));
    const file = join(dir, 'vigia.db');
    ({ db } = openDatabase({ file }));
    env.VIGIA_DB = file;
    drop = async () => rmSync(dir, { recursive: true, force: true });
  }
  await migrateToLatest(db);
  await createAccessFixture(db);
  const engine = testPgUrl ? 'postgres' : 'sqlite';
  app = createApp({ db, engine, clock: () => new Date(`${TODAY}T12:00:00Z`) });
}, 60_000);
afterAll(async () => {
  await db?.destroy();
  await drop?.();
});

const as = (who: UserKey): Promise<TestClient> => signedInAs(app, who);
const vigia = (...args: string[]) => runVigia(env, ...args);
const put = (c: TestClient, place: string, period: string, value: number) =>
  c.request('PUT', '/api/programs/XX/values', { indicator: 'SPLIT_IND', place, period, disagg: 'kind=x', value, version: 0 });

describe('vigia quality and GET /api/programs/{program}/quality', () => {
  let officerReport: QualityReport;

  beforeAll(async () => {
    const officer = await as('officer');
    const a = await as('partnerA');
    const b = await as('partnerB');
    const calendar = {
      reports: [
        { organisation: 'ORG_A', indicators: ['SPLIT_IND'], frequency: 'month', due_days: 10, start: '2016-01-01' },
        { organisation: 'ORG_B', indicators: ['SPLIT_IND'], frequency: 'quarter', due_days: 15, start: '2016-01-01' },
      ],
    };
    expect((await officer.request('PUT', '/api/programs/XX/calendar', calendar)).status).toBe(200);
    const rule = (r: Record<string, unknown>) => officer.post('/api/programs/XX/validation-rules', r);
    expect((await rule({ code: 'SPLIT_HIGH', kind: 'range', indicator: 'SPLIT_IND', max: 50, severity: 'warning' })).status).toBe(201);
    expect((await rule({ code: 'SPLIT_OUT', kind: 'outlier', indicator: 'SPLIT_IND', threshold: 3.5, min_history: 6 })).status).toBe(201);
    // A steady history of six months at R2D1, then a planted outlier within the bound of the range rule.
    const history = { '201507': 10, '201508': 11, '201509': 12, '201510': 10, '201511': 11, '201512': 12 };
    for (const [period, v] of Object.entries(history)) expect((await put(a, 'R2D1', period, v)).status).toBe(200);
    expect((await put(a, 'R2D1', '201603', 45)).status).toBe(200);
    expect((await put(a, 'R1D1', '201601', 60)).status).toBe(200);
    expect((await put(b, 'R1D2', '201602', 70)).status).toBe(200);
    // Outside the period asked: listed without --period only.
    expect((await put(b, 'R1D2', '201605', 80)).status).toBe(200);
    expect((await a.post('/api/programs/XX/submissions', { period: '201601' })).status).toBe(201);
  }, 120_000);

  it('the CLI JSON equals the warnings planted and the counts worked out from the submission', async () => {
    const flags = await db
      .selectFrom('value_flag as f')
      .innerJoin('data_value as v', 'v.id', 'f.value_id')
      .select(['f.rule_code', 'f.expected', 'v.period', 'v.value', 'f.message'])
      .orderBy('f.id')
      .execute();
    const outlier = flags.find((f) => f.rule_code === 'SPLIT_OUT');
    expect(outlier?.period).toBe('201603');
    const expected = JSON.parse(outlier!.expected) as { low: number; high: number };
    expect(expected.high).toBeLessThan(45);
    const message = (period: string) => flags.find((f) => f.rule_code === 'SPLIT_HIGH' && f.period === period)!.message;

    const r = await vigia('quality', '--program', 'XX', '--period', '2016Q1', '--as-of', TODAY, '--json');
    expect(r.code, r.stderr).toBe(0);
    // Months of 2016Q1 for ORG_A (201601 submitted today, after its due day: late) and the quarter
    // for ORG_B, in order of the periods' first day.
    expect(JSON.parse(r.stdout)).toEqual({
      violations: [
        { rule: 'SPLIT_HIGH', severity: 'warning', indicator: 'SPLIT_IND', place: 'R1D1', period: '201601', value: 60, message: message('201601') },
        { rule: 'SPLIT_HIGH', severity: 'warning', indicator: 'SPLIT_IND', place: 'R1D2', period: '201602', value: 70, message: message('201602') },
      ],
      outliers: [{ indicator: 'SPLIT_IND', place: 'R2D1', period: '201603', value: 45, expected }],
      completeness: [
        { organisation: 'ORG_A', period: '201601', expected: 1, submitted: 1, on_time: 0, status: 'late' },
        { organisation: 'ORG_B', period: '2016Q1', expected: 1, submitted: 0, on_time: 0, status: 'missing' },
        { organisation: 'ORG_A', period: '201602', expected: 1, submitted: 0, on_time: 0, status: 'missing' },
        { organisation: 'ORG_A', period: '201603', expected: 1, submitted: 0, on_time: 0, status: 'missing' },
      ],
      truncated: false,
    });
    officerReport = JSON.parse(r.stdout) as QualityReport;
    const all = JSON.parse((await vigia('quality', '--program', 'XX', '--as-of', TODAY, '--json')).stdout) as QualityReport;
    expect(all.violations.map((v) => v.period)).toEqual(['201601', '201602', '201605']);
  }, 120_000);

  it('the API answers the CLI JSON; a partner sees only its own organisation’s flags and reports', async () => {
    const officer = await (await as('officer')).get('/api/programs/XX/quality?period=2016Q1');
    expect(officer.status).toBe(200);
    expect(officer.body).toEqual(officerReport);
    const a = (await (await as('partnerA')).get('/api/programs/XX/quality?period=2016Q1')).body as QualityReport;
    expect(a.violations.map((v) => v.place)).toEqual(['R1D1']);
    expect(a.outliers.map((o) => o.place)).toEqual(['R2D1']);
    expect(new Set(a.completeness.map((c) => c.organisation))).toEqual(new Set(['ORG_A']));
    const b = (await (await as('partnerB')).get('/api/programs/XX/quality?period=2016Q1')).body as QualityReport;
    expect(b.violations.map((v) => v.place)).toEqual(['R1D2']);
    expect(b.outliers).toEqual([]);
    expect(b.completeness.map((c) => c.organisation)).toEqual(['ORG_B']);
    expect((await (await as('officer')).get('/api/programs/XX/quality?period=2016Q9')).status).toBe(400);
  });

  // Each CLI run is a child process (seconds on a loaded machine): one test each, the refusals side by side.
  it('prints text in English and Spanish', async () => {
    const es = await vigia('quality', '--program', 'XX', '--period', '2016Q1', '--as-of', TODAY, '--lang', 'es');
    expect(es.code, es.stderr).toBe(0);
    expect(es.stdout).toContain('Advertencias de reglas abiertas (2):');
    expect(es.stdout).toMatch(/201603 +SPLIT_IND +R2D1 +45 +esperado/);
    expect(es.stdout).toMatch(/ORG_A +201601 +1\/1 presentados, 0 a tiempo/);
    const en = await vigia('quality', '--program', 'XX', '--period', '2016Q1', '--as-of', TODAY);
    expect(en.stdout).toContain('Open outliers (1):');
  });

  it('--help explains', async () => {
    const help = await vigia('quality', '--help');
    expect(help.stdout).toMatch(/violations +open warnings/);
    expect(help.stdout).toContain('vigia quality --program PE --json');
  });

  it('bad input exits 2 naming the option', async () => {
    const cases = [
      [['--period', '2016Q9'], '--period'],
      [['--lang', 'fr'], '--lang'],
      [['--as-of', '2016-13-01'], '--as-of'],
      [['--program', 'NOPE'], '--program'],
    ] as const;
    const answers = await Promise.all(cases.map(([args]) => vigia('quality', '--program', 'XX', ...args, '--json')));
    answers.forEach((bad, i) => {
      const option = cases[i]![1];
      expect(bad.code, option).toBe(2);
      expect(bad.stderr, option).toContain(option.slice(2));
    });
  });
});
