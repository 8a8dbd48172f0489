/**
 * `vigia backup` while a real server writes, then `vigia restore` into a fresh database, on the
 * engine under test (SQLite, or PostgreSQL with VIGIA_TEST_DATABASE_URL): the restored database
 * is integral, its facts equal a rebuild from its values, every write acknowledged before the
 * backup began is in it (with its audit event), and a server started on it serves it.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../db/database.js';
import { runVigia } from '../../../test/helpers/cli.js';
import { checkFactsAgainstValues } from '../../../test/helpers/fact-check.js';
import { api, startServeProcess, tokenFor, type ServeProcess } from '../../../test/helpers/serve-process.js';
import { testPgUrl } from '../../../test/helpers/test-db.js';

const INDICATOR = 'AD_LICIT_HA';
const PLACES = ['PE-01', 'PE-02', 'PE-03', 'PE-05', 'PE-08', 'PE-10', 'PE-12', 'PE-16', 'PE-19', 'PE-21', 'PE-22', 'PE-25'];
const dir = mkdtempSync(join(tmpdir(), 'vigia-backup-'));
const schema = `b_${randomBytes(5).toString('hex')}`;
const backupFile = join(dir, testPgUrl ? 'vigia.dump' : 'vigia-backup.db');

/** The environment naming the live database, and the one naming where to restore. */
function pgUrl(): string {
  const u = new URL(testPgUrl ?? '');
  // %20, not the + of URLSearchParams: libpq (pg_dump) does not read + as a space.
  u.search = `options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  return u.toString();
}
const liveEnv: NodeJS.ProcessEnv = testPgUrl ? { DATABASE_URL: pgUrl() } : { VIGIA_DB: join(dir, 'live.db'), DATABASE_URL: '' };
const restoredEnv: NodeJS.ProcessEnv = testPgUrl ? { DATABASE_URL: pgUrl() } : { VIGIA_DB: join(dir, 'restored.db'), DATABASE_URL: '' };

async function pgAdmin(statement: string): Promise<void> {
  const c = new pg.Client({ connectionString: testPgUrl });
  await c.connect();
  try {
    await c.query(statement);
  } finally {
    await c.end();
  }
}

function openRestored(): Db {
  return testPgUrl ? openDatabase({ url: testPgUrl, searchPath: schema }).db : openDatabase({ file: join(dir, 'restored.db') }).db;
}

let server: ServeProcess | undefined;
beforeAll(async () => {
  if (testPgUrl) await pgAdmin(`CREATE SCHEMA ${schema}`);
}, 60_000);
afterAll(async () => {
  await server?.stop();
  if (testPgUrl) {
    await pgAdmin(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await pgAdmin(`DROP SCHEMA IF EXISTS ${schema}_live CASCADE`);
  }
  rmSync(dir, { recursive: true, force: true });
});

describe(`vigia backup and restore (${testPgUrl ? 'PostgreSQL' : 'SQLite'})`, () => {
  it('backs up under a write load and restores an identical, integral database that the app serves', async () => {
    server = await startServeProcess(liveEnv, ['--demo']);
    const token = await tokenFor(server.url, 'admin@vigia.local', server.adminPassword ?? '');
    const base = server.url;
    const acked: Array<{ place: string; period: string; value: number; at: number }> = [];
    let stop = false;
    let next = 0;
    const writer = async () => {
      while (!stop) {
        const k = next++;
        const place = PLACES[k % PLACES.length] ?? 'PE-10';
        const period = `${2000 + Math.floor(k / PLACES.length / 12)}${String((Math.floor(k / PLACES.length) % 12) + 1).padStart(2, '0')}`;
        const r = await api(base, token, 'PUT', '/api/programs/PE/values', { indicator: INDICATOR, place, period, value: k + 1, version: 0 });
        if (r.status !== 200) throw new Error(`a write failed: ${r.status} ${JSON.stringify(r.body)}`);
        acked.push({ place, period, value: k + 1, at: Date.now() });
      }
    };
    const writers = Array.from({ length: 3 }, writer);
    while (acked.length < 30) await sleep(20);
    const backupStarted = Date.now();
    const before = acked.filter((a) => a.at < backupStarted);
    const backup = await runVigia({ ...process.env, ...liveEnv }, 'backup', '-o', backupFile, '--json');
    const duringBackup = acked.length - before.length;
    await sleep(200);
    stop = true;
    await Promise.all(writers);
    await server.stop();
    server = undefined;
    expect(backup.code, backup.stderr).toBe(0);
    expect(backup.stderr).toMatch(/backup: 100%/);
    // Writes went on while the backup ran: it did not stop the server writing.
    expect(duringBackup).toBeGreaterThan(0);

    // Restore into a fresh database: a new file, or the same schema name after moving the live one aside.
    if (testPgUrl) await pgAdmin(`ALTER SCHEMA ${schema} RENAME TO ${schema}_live`);
    const restore = await runVigia({ ...process.env, ...restoredEnv }, 'restore', backupFile);
    expect(restore.code, restore.stderr).toBe(0);
    // A second restore onto what is now not empty is refused (bad input: exit 2) without --force.
    const again = await runVigia({ ...process.env, ...restoredEnv }, 'restore', backupFile);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/not empty.*--force/);

    const db = openRestored();
    let restoredSum = 0;
    try {
      if (!testPgUrl) {
        const integrity = await sql<{ integrity_check: string }>`PRAGMA integrity_check`.execute(db);
        expect(integrity.rows.map((r) => r.integrity_check)).toEqual(['ok']);
      } else {
        // Every value refers to an indicator and a place that are there.
        const orphans = await sql<{ n: number }>`select count(*) as n from data_value dv
          left join indicator i on i.id = dv.indicator_id left join place p on p.id = dv.place_id where i.id is null or p.id is null`.execute(db);
        expect(Number(orphans.rows[0]?.n)).toBe(0);
      }
      // The restored totals are those of one consistent moment: facts equal a rebuild from the values.
      const facts = await checkFactsAgainstValues(db);
      expect(facts).toMatchObject({ wrong: 0, extra: 0, sums: [] });
      const rows = await sql<{ id: number; place: string; period: string; value: number }>`
        select dv.id, p.code as place, dv.period, dv.value from data_value dv join indicator i on i.id = dv.indicator_id
        join place p on p.id = dv.place_id where i.code = ${INDICATOR} and length(dv.period) = 6`.execute(db);
      const stored = new Map(rows.rows.map((r) => [`${r.place}|${r.period}`, Number(r.value)]));
      // Every write acknowledged before the backup began is there; nothing is there that was never written.
      expect(before.filter((a) => stored.get(`${a.place}|${a.period}`) !== a.value)).toEqual([]);
      const written = new Map(acked.map((a) => [`${a.place}|${a.period}`, a.value]));
      expect([...stored].filter(([k, v]) => written.get(k) !== v)).toEqual([]);
      // Each restored write has its audit event (written in the same transaction).
      const audited = await sql<{ n: number }>`select count(distinct a.entity_id) as n from audit_event a
        join data_value dv on a.entity = 'data_value' and a.entity_id = cast(dv.id as text)
        join indicator i on i.id = dv.indicator_id where i.code = ${INDICATOR} and length(dv.period) = 6`.execute(db);
      expect(Number(audited.rows[0]?.n)).toBe(stored.size);
      // The demo has its own values of the indicator from 2011: the written years before it are compared.
      restoredSum = [...stored].filter(([k]) => k.split('|')[1]! < '201101').reduce((a, [, v]) => a + v, 0);
    } finally {
      await db.destroy();
    }

    // The app serves the restored database: the token made before the backup still works.
    server = await startServeProcess(restoredEnv);
    const analytics = await api(server.url, token, 'GET', `/api/analytics?program=PE&indicator=${INDICATOR}&by=period:year&to=2010`);
    expect(analytics.status, JSON.stringify(analytics.body)).toBe(200);
    const total = (analytics.body as { rows: Array<{ value: number | null }> }).rows.reduce((a, r) => a + Number(r.value ?? 0), 0);
    expect(restoredSum).toBeGreaterThan(0);
    expect(total).toBe(restoredSum);
  }, 300_000);

  it('refuses bad input with exit 2 and a clear message', async () => {
    const env = { ...process.env, ...(testPgUrl ? { DATABASE_URL: pgUrl() } : { VIGIA_DB: join(dir, 'other.db'), DATABASE_URL: '' }) };
    const noOutput = await runVigia(env, 'backup');
    expect(noOutput.code).toBe(2);
    expect(noOutput.stderr).toContain('-o FILE');
    const missing = await runVigia(env, 'restore', join(dir, 'no-such-file'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('does not exist');
    writeFileSync(join(dir, 'junk.bin'), 'not a backup at all');
    const junk = await runVigia(env, 'restore', join(dir, 'junk.bin'));
    expect(junk.code).toBe(2);
    expect(junk.stderr).toMatch(/not a (SQLite database|pg_dump custom-format file)/);
    const help = await runVigia(env, 'backup', '--help');
    expect(help.stdout).toContain('online backup API');
    expect(help.stdout).toContain('pg_dump');
  }, 120_000);
});
