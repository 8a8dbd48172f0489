/**
 * Import jobs across processes, with the real `vigia serve` on an SQLite file (issue 12,
 * problem 10): with `--workers 2` a job answers from either worker (it lives in the database,
 * not in one worker's memory); and a server killed (-9) while an import writes leaves a job
 * that the next start marks `interrupted`, with nothing of the import stored.
 */
import { sqliteWriteLocked } from '../helpers/sqlite-write-lock.js';
import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.js';
import { FIRST_ADMIN_EMAIL } from '../../src/modules/accounts/users.service.js';
import { programValuesCsv } from '../../bench/demo-values-csv.js';

const bin = resolve(import.meta.dirname, '../../bin/vigia.mjs');
const dir = mkdtempSync(join(tmpdir(), 'vigia-import-jobs-'));
const file = join(dir, 'vigia.db');
const running = new Set<ChildProcess>();

interface Server {
  child: ChildProcess;
  base: string;
  out: () => string;
}

function start(args: string[]): Promise<Server> {
  const child = spawn(process.execPath, [bin, 'serve', '--port', '0', ...args], {
    env: { ...process.env, VIGIA_DB: file, HOST: '127.0.0.1', DATABASE_URL: '', VIGIA_WORKERS: '', VIGIA_MAX_BODY_BYTES: String(64 * 1024 * 1024) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  let out = '';
  return new Promise((ok, fail) => {
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = out.match(/listening on (http:\/\/[^\s/]+)/);
      if (m?.[1]) ok({ child, base: m[1], out: () => out });
    });
    child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => fail(new Error(`vigia serve exited (${code}): ${out}`)));
  });
}

async function stop(s: Server, signal: NodeJS.Signals): Promise<void> {
  if (s.child.exitCode !== null || s.child.signalCode !== null) return;
  const exited = new Promise((ok) => s.child.once('exit', ok));
  s.child.kill(signal);
  await exited;
}

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: { id?: string; status?: string; error?: unknown } & Record<string, unknown>;
}

/** One request on a fresh connection (no keep-alive), so that it may land on either worker. */
function call(base: string, method: string, path: string, body?: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((ok, fail) => {
    const req = request(`${base}${path}`, { method, agent: false, headers: { 'x-requested-with': 'vigia', ...headers } }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => ok({ status: res.statusCode ?? 0, headers: res.headers, body: JSON.parse(text) as Reply['body'] }));
    });
    req.on('error', fail);
    req.end(body);
  });
}

async function signIn(base: string, password: string): Promise<string> {
  const r = await call(base, 'POST', '/api/auth/sign-in', JSON.stringify({ email: FIRST_ADMIN_EMAIL, password }), { 'content-type': 'application/json' });
  expect(r.status).toBe(200);
  return String(r.headers['set-cookie']).split(';')[0]!;
}

/** True while some connection holds the database's write lock. */
const writeLocked = (): boolean => sqliteWriteLocked(file);

let password = '';

beforeAll(async () => {
  const s = await start(['--demo', '--workers', '2']);
  const oneTime = s.out().match(/password: (\S+)/)?.[1] ?? '';
  // The first administrator's password is one-time: choose one, as a person would.
  const cookie = await signIn(s.base, oneTime);
  password = `${oneTime}-chosen`;
  const changed = await call(s.base, 'POST', '/api/auth/password', JSON.stringify({ current_password: oneTime, new_password: password }), {
    cookie,
    'content-type': 'application/json',
  });
  expect(changed.status).toBe(200);
  await stop(s, 'SIGTERM');
}, 120_000);

afterAll(async () => {
  for (const c of running) c.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

describe('import jobs across server processes', () => {
  it('with --workers 2, a job answers from either worker', async () => {
    const s = await start(['--workers', '2']);
    try {
      const cookie = await signIn(s.base, password);
      const csv = 'indicator,place,period,disagg,source,value,provenance,note,status,organisation\nERAD_HA,PE,1999,,,5,sourced,,draft,\n';
      const r = await call(s.base, 'POST', '/api/programs/PE/imports/csv', csv, { cookie, 'content-type': 'text/csv' });
      expect(r.status).toBe(200);
      const replies = await Promise.all(Array.from({ length: 8 }, () => call(s.base, 'GET', `/api/jobs/${r.body.id}`, undefined, { cookie })));
      expect(replies.map((x) => x.status)).toEqual(Array(8).fill(200));
      expect(replies.map((x) => x.body.status)).toEqual(Array(8).fill('done'));
    } finally {
      await stop(s, 'SIGTERM');
    }
  }, 120_000);

  it('a server killed during an import: the next start marks the job interrupted, and nothing of it is stored', async () => {
    const { db } = openDatabase({ file });
    const csv = await programValuesCsv(db, 'PE', 40_000);
    const count = async () =>
      Number(
        (
          await db
            .selectFrom('data_value')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const s = await start([]);
    let id = '';
    try {
      const cookie = await signIn(s.base, password);
      const r = await call(s.base, 'POST', '/api/programs/PE/imports/csv', csv, { cookie, 'content-type': 'text/csv' });
      expect(r.status).toBe(202);
      id = String(r.body.id);
      for (let i = 0; !writeLocked(); i++) {
        expect(i, 'the import never started writing').toBeLessThan(20_000);
        await new Promise((res) => setTimeout(res, 5));
      }
    } finally {
      await stop(s, 'SIGKILL');
    }
    const job = await db.selectFrom('import_job').select('status').where('id', '=', id).executeTakeFirstOrThrow();
    expect(job.status).toBe('running');
    const again = await start([]);
    try {
      expect(again.out()).toContain('1 import job(s) cut short by the last stop marked interrupted');
      const cookie = await signIn(again.base, password);
      const r = await call(again.base, 'GET', `/api/jobs/${id}`, undefined, { cookie });
      expect(r.body).toMatchObject({ status: 'interrupted', error: { error: 'interrupted' }, report: null });
      expect(await count()).toBe(before);
    } finally {
      await stop(again, 'SIGTERM');
      await db.destroy();
    }
  }, 180_000);
});
