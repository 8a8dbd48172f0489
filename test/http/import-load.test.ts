/**
 * Large imports and a busy database (issue 12, problem 10), on the engine under test with a
 * database another thread can open (an SQLite file, or a PostgreSQL schema):
 * - a large import runs off the event loop: /api/health answers while the import is writing;
 * - a write that finds the database locked past the busy timeout answers 503 + Retry-After on
 *   every write path, never 500, and goes through once the lock is gone;
 * - jobs live in the database, and another user's job answers exactly as a missing one.
 */
import { sqliteWriteLocked } from '../helpers/sqlite-write-lock.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseOptionsOf, openDatabase, type DatabaseOptions, type Db } from '../../src/db/database.js';
import type { Engine } from '../../src/db/dialect.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { createApp, type App } from '../../src/server/app.js';
import { SYNC_IMPORT_BYTES } from '../../src/modules/exchange/exchange.routes.js';
import { createTestDb, testPgUrl, type TestDb } from '../helpers/test-db.js';
import { createAccessFixture, PASSWORD, USERS, type UserKey } from '../helpers/access-fixture.js';
import { TestClient, type Reply } from '../helpers/http-client.js';

const HEADER = 'indicator,place,period,disagg,source,value,provenance,note,status,organisation';
const MAX_BODY = 16 * 1024 * 1024;
const dir = mkdtempSync(join(tmpdir(), 'vigia-import-load-'));
let t: TestDb;
let options: DatabaseOptions;
let app: App;
/** The same database with a 300 ms busy timeout, for provoking busy answers quickly. */
let busy: { db: Db; app: App };

beforeAll(async () => {
  if (testPgUrl) t = await createTestDb();
  else {
    const { db, engine } = openDatabase({ file: join(dir, 'vigia.db') });
    await migrateToLatest(db);
    t = { db, engine: engine as Engine, destroy: () => db.destroy() };
  }
  options = databaseOptionsOf(t.db)!;
  await createAccessFixture(t.db);
  app = createApp({ db: t.db, engine: t.engine, maxBodyBytes: MAX_BODY });
  const opened = openDatabase({ ...options, busyTimeoutMs: 300 });
  busy = { db: opened.db, app: createApp({ db: opened.db, engine: opened.engine, maxBodyBytes: MAX_BODY }) };
}, 60_000);

afterAll(async () => {
  await busy.db.destroy();
  await t.destroy();
  rmSync(dir, { recursive: true, force: true });
});

async function as(user: UserKey, on: App = app): Promise<TestClient> {
  const c = new TestClient(on);
  await c.signIn(USERS[user], PASSWORD);
  return c;
}
const upload = (c: TestClient, body: string) => c.request('POST', '/api/programs/XX/imports/csv', body, { 'content-type': 'text/csv' });

/**
 * Distinct monthly values of the mini program, more than SYNC_IMPORT_BYTES of them. On
 * PostgreSQL (slower per row) fewer rows with long notes: enough for two write batches.
 */
function largeCsv(): { csv: string; rows: number } {
  const note = testPgUrl ? 'n'.repeat(200) : '';
  const rows: string[] = [];
  // From 1900: data periods must lie within 1900–2100, and this takes some 170 years on SQLite.
  for (let y = 1900; rows.length * (45 + note.length) < SYNC_IMPORT_BYTES * 1.2; y++) {
    for (const p of ['XX', 'R1', 'R2', 'R1D1', 'R1D2', 'R2D1', 'R2D2']) {
      for (let m = 1; m <= 12; m++) for (const s of ['A', 'B']) rows.push(`SUM_IND,${p},${y}${String(m).padStart(2, '0')},,${s},${m}.5,sourced,${note},draft,`);
    }
  }
  return { csv: `${HEADER}\n${rows.join('\n')}\n`, rows: rows.length };
}

/**
 * Holds the database's write lock (SQLite) or an exclusive lock on data_value (PostgreSQL)
 * from another connection until `release` is called.
 */
async function holdWriteLock(): Promise<{ release(): Promise<void> }> {
  if (!testPgUrl) {
    const raw = new SqliteDatabase(options.file!);
    raw.exec('BEGIN IMMEDIATE');
    return { release: async () => void (raw.exec('ROLLBACK'), raw.close()) };
  }
  const client = new pg.Client({ connectionString: testPgUrl, options: `-c search_path=${options.searchPath}` });
  await client.connect();
  await client.query('BEGIN');
  await client.query('LOCK TABLE data_value IN ACCESS EXCLUSIVE MODE');
  return {
    release: async () => {
      await client.query('ROLLBACK');
      await client.end();
    },
  };
}

/** True while some connection holds the write lock of the database (an import writing). */
async function writing(jobId: string): Promise<boolean> {
  if (testPgUrl) {
    // The job reports its total only once it writes (progress is visible on PostgreSQL).
    const job = await t.db.selectFrom('import_job').select(['status', 'total']).where('id', '=', jobId).executeTakeFirstOrThrow();
    return job.status === 'running' && job.total !== null;
  }
  return sqliteWriteLocked(options.file!);
}

async function jobStatus(id: string): Promise<string> {
  return (await t.db.selectFrom('import_job').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;
}

const expectBusy = (r: Reply) => {
  expect(r.status, JSON.stringify(r.body)).toBe(503);
  expect(r.headers.get('retry-after')).toMatch(/^\d+$/);
  expect(r.body).toMatchObject({ error: 'busy' });
};

describe('a busy database', () => {
  it('answers 503 + Retry-After on every kind of write, never 500, and the write goes through afterwards', async () => {
    const officer = await as('officer', busy.app);
    const key = { indicator: 'SUM_IND', place: 'R1D1', period: '2031', source: 'A' };
    const lock = await holdWriteLock();
    try {
      expectBusy(await officer.request('PUT', '/api/programs/XX/values', { ...key, value: 1, version: 0 }));
      expectBusy(await officer.post('/api/programs/XX/values/batch', { values: [{ ...key, value: 1 }] }));
      expectBusy(await upload(officer, `${HEADER}\nSUM_IND,R1D2,2031,,A,4,sourced,,draft,\n`));
      // Reads go on meanwhile.
      expect((await officer.get('/api/health')).status).toBe(200);
    } finally {
      await lock.release();
    }
    expect((await officer.request('PUT', '/api/programs/XX/values', { ...key, value: 1, version: 0 })).status).toBe(200);
  }, 60_000);
});

describe('the write wait (VIGIA_WRITE_WAIT_MS)', () => {
  it('is what the server opens the database with, 30 s unless set', async () => {
    const { openConfiguredDatabase } = await import('../../src/cli/context.js');
    const { parseConfig } = await import('../../src/config.js');
    const env = testPgUrl ? { DATABASE_URL: testPgUrl } : { VIGIA_DB: options.file! };
    for (const [set, expected] of [
      [undefined, 30_000],
      ['1500', 1_500],
    ] as const) {
      const opened = await openConfiguredDatabase(parseConfig({ ...env, VIGIA_WRITE_WAIT_MS: set }), false);
      try {
        expect(databaseOptionsOf(opened.db)?.busyTimeoutMs).toBe(expected);
      } finally {
        await opened.db.destroy();
      }
    }
    expect(() => parseConfig({ VIGIA_WRITE_WAIT_MS: '10' })).toThrow(/VIGIA_WRITE_WAIT_MS/);
  });

  it('lets a write wait behind a lock held for longer than the old 5 s default, and go through', async () => {
    const waiting = openDatabase({ ...options, busyTimeoutMs: 20_000 });
    const waitingApp = createApp({ db: waiting.db, engine: waiting.engine, maxBodyBytes: MAX_BODY });
    try {
      const officer = await as('officer', waitingApp);
      const key = { indicator: 'SUM_IND', place: 'R2D1', period: '2033', source: 'A' };
      const lock = await holdWriteLock();
      const released = new Promise<void>((resolve) => setTimeout(() => void lock.release().then(resolve), 6_000));
      const started = Date.now();
      const r = await officer.request('PUT', '/api/programs/XX/values', { ...key, value: 3, version: 0 });
      await released;
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(Date.now() - started).toBeGreaterThanOrEqual(5_500);
    } finally {
      await waiting.db.destroy();
    }
  }, 60_000);
});

describe('import jobs', () => {
  it("another user's job answers exactly as a missing one", async () => {
    const officer = await as('officer');
    const r = await upload(officer, `${HEADER}\nSUM_IND,R1D1,2032,,A,4,sourced,,draft,\n`);
    expect(r.status).toBe(200);
    const id = (r.body as { id: string }).id;
    expect((await officer.get(`/api/jobs/${id}`)).body).toMatchObject({ id, status: 'done' });
    const admin = await as('admin');
    const other = await admin.get(`/api/jobs/${id}`);
    const missing = await admin.get('/api/jobs/00000000-0000-4000-8000-000000000000');
    expect(other.status).toBe(404);
    expect([other.status, JSON.stringify(other.body)]).toEqual([missing.status, JSON.stringify(missing.body)]);
    const otherCsv = await admin.get(`/api/jobs/${id}/errors.csv`);
    const missingCsv = await admin.get('/api/jobs/00000000-0000-4000-8000-000000000000/errors.csv');
    expect([otherCsv.status, JSON.stringify(otherCsv.body)]).toEqual([missingCsv.status, JSON.stringify(missingCsv.body)]);
  });

  it('a large import runs off the event loop: health answers while it writes; other writes get 2xx or 503, never 500', async () => {
    const officer = await as('officer');
    const writer = await as('officer', busy.app);
    const { csv, rows } = largeCsv();
    const r = await upload(officer, csv);
    expect(r.status).toBe(202);
    const id = (r.body as { id: string }).id;
    // Wait for the write phase: the part that held every other request of the process before.
    for (let i = 0; !(await writing(id)); i++) {
      expect(await jobStatus(id), 'the import ended before it was seen writing').toBe('running');
      expect(i).toBeLessThan(20_000);
      await new Promise((res) => setTimeout(res, 5));
    }
    const health = await officer.get('/api/health');
    expect(health.status).toBe(200);
    // The health answer came while the import was still writing: the event loop was free.
    expect(await writing(id)).toBe(true);
    expect(await jobStatus(id)).toBe('running');
    // Writes meanwhile wait their turn, then succeed or are told to come back.
    const w = await writer.request('PUT', '/api/programs/XX/values', {
      indicator: 'SUM_IND',
      place: 'R2D2',
      period: '2033',
      source: 'A',
      value: 2,
      version: 0,
    });
    if (w.status !== 200) expectBusy(w);
    let job = (await officer.get(`/api/jobs/${id}`)).body as { status: string; report: { inserted: number } | null };
    for (let i = 0; job.status === 'running' && i < 1_200; i++) {
      await new Promise((res) => setTimeout(res, 100));
      job = (await officer.get(`/api/jobs/${id}`)).body as typeof job;
    }
    expect(job).toMatchObject({ status: 'done', report: { inserted: rows } });
  }, 180_000);
});
