/**
 * The real `vigia serve --workers 2` in a child process: the primary migrates and loads the demo
 * once, two workers share the port, and what must hold across processes does (the sign-in
 * lockout is counted in the database). Every request opens a new connection, and the primary
 * hands connections to the workers in turn, so consecutive requests reach both workers.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const bin = resolve(import.meta.dirname, '../../bin/vigia.mjs');
const dir = mkdtempSync(join(tmpdir(), 'vigia-workers-'));
let child: ChildProcess;
let out = '';
let base = '';
let adminPassword = '';

interface Reply {
  status: number;
  body: { error?: string; details?: Array<{ reason?: string }>; rows?: unknown[]; user?: { email: string } };
}

/** One request on a fresh connection (no keep-alive), so that it may land on either worker. */
function call(method: string, path: string, body?: unknown): Promise<Reply> {
  return new Promise((ok, fail) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = request(`${base}${path}`, { method, agent: false, headers: payload ? { 'content-type': 'application/json' } : {} }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => ok({ status: res.statusCode ?? 0, body: JSON.parse(text) as Reply['body'] }));
    });
    req.on('error', fail);
    req.end(payload);
  });
}

beforeAll(async () => {
  child = spawn(process.execPath, [bin, 'serve', '--demo', '--port', '0', '--workers', '2'], {
    env: { ...process.env, VIGIA_DB: join(dir, 'vigia.db'), HOST: '127.0.0.1', DATABASE_URL: '', VIGIA_WORKERS: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await new Promise<void>((ok, fail) => {
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = out.match(/listening on (http:\/\/[^\s/]+)/);
      if (m?.[1]) {
        base = m[1];
        ok();
      }
    });
    child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => fail(new Error(`vigia serve exited (${code}): ${out}`)));
  });
  adminPassword = out.match(/password: (\S+)/)?.[1] ?? '';
}, 120_000);

afterAll(async () => {
  if (child.exitCode === null) {
    const exited = new Promise((ok) => child.once('exit', ok));
    child.kill('SIGTERM');
    await exited;
  }
  rmSync(dir, { recursive: true, force: true });
});

describe('vigia serve --workers 2', () => {
  it('prepares the database once, in the primary, and starts two workers', () => {
    expect(out.match(/^database: /gm)).toHaveLength(1);
    expect(out.match(/demo program PE loaded/g)).toHaveLength(1);
    expect(out.match(/Created the first administrator/g)).toHaveLength(1);
    const workers = new Set([...out.matchAll(/worker (\d+) listening/g)].map((m) => m[1]));
    expect(workers.size).toBe(2);
    expect(out).toContain('with 2 worker processes');
  });

  it('serves requests on every connection', async () => {
    const replies = await Promise.all(Array.from({ length: 8 }, () => call('GET', '/api/analytics?program=PE&indicator=ERAD_HA&by=period:year')));
    for (const r of replies) {
      expect(r.status).toBe(200);
      expect(r.body.rows?.length).toBeGreaterThan(0);
    }
    const signedIn = await call('POST', '/api/auth/sign-in', { email: 'admin@vigia.local', password: adminPassword });
    expect(signedIn.status).toBe(200);
  });

  it('a sign-in lockout holds across workers', async () => {
    // At once, so that both workers reserve attempts in the database at the same time: the
    // attempts are counted before their passwords are checked, so at most the free failures
    // (5) are checked in all; the rest are refused (429) before the hash.
    const burst = await Promise.all(
      Array.from({ length: 6 }, () => call('POST', '/api/auth/sign-in', { email: 'admin@vigia.local', password: 'not the password' })),
    );
    for (const r of burst) expect([401, 429]).toContain(r.status);
    let checked = burst.filter((r) => r.status === 401).length;
    // Then one after another until the account's back-off starts.
    for (let i = 0; i < 6 && checked < 5; i++) {
      const r = await call('POST', '/api/auth/sign-in', { email: 'admin@vigia.local', password: 'not the password' });
      if (r.status === 401) checked++;
    }
    expect(checked).toBe(5);
    // Counted per process, each worker would have seen about three failures and let these in.
    for (let i = 0; i < 4; i++) {
      const r = await call('POST', '/api/auth/sign-in', { email: 'admin@vigia.local', password: adminPassword });
      expect(r.status).toBe(429);
      expect(r.body.details?.[0]?.reason).toBe('rate_limited');
    }
  });

  it('stops every worker on SIGTERM', async () => {
    const exited = new Promise<number | null>((ok) => child.once('exit', ok));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    await expect(call('GET', '/api/health')).rejects.toThrow();
  });
});
