/**
 * Authenticated analytics over HTTP at 50 concurrent connections on loopback, against the demo
 * program. The server runs in its own process tree (`vigia serve --workers N`), as in
 * production, so that the load generator (autocannon, in the bench process) does not share its
 * event loop; it does share the machine's cores. The run is bounded in time.
 *
 * BENCH_API_WORKERS sets N (default 1, `vigia serve`'s default, so that figures compare with
 * earlier runs; 2 = one per core on the 2-core development machine).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import autocannon from 'autocannon';
import { openDatabase } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { loadProgramFolder } from '../src/modules/programs/program-load.service.js';
import { createUser } from '../src/modules/accounts/users.service.js';
import { createApiToken, defaultAuthSettings } from '../src/modules/accounts/auth.service.js';
import type { Benchmark } from './bench-context.js';
import { round } from './stats.js';

const CONNECTIONS = 50;
const SECONDS = 10;
const root = resolve(import.meta.dirname, '..');
const WORKERS = Math.max(1, Math.min(availableParallelism() * 4, Number(process.env.BENCH_API_WORKERS || 1)));

/**
 * CPU seconds (user + system) used so far by process `pid` and its children (the cluster
 * workers), from /proc; null where there is no /proc.
 */
function treeCpuSeconds(pid: number): number | null {
  const ticks = (p: string): { ppid: number; cpu: number } | null => {
    try {
      // Fields after the parenthesised command name: state ppid … utime(14) stime(15).
      const f = readFileSync(`/proc/${p}/stat`, 'utf8')
        .replace(/^.*\) /s, '')
        .split(' ');
      return { ppid: Number(f[1]), cpu: Number(f[11]) + Number(f[12]) };
    } catch {
      return null;
    }
  };
  const own = ticks(String(pid));
  if (!own) return null;
  let sum = own.cpu;
  for (const p of readdirSync('/proc')) {
    if (!/^\d+$/.test(p)) continue;
    const t = ticks(p);
    if (t?.ppid === pid) sum += t.cpu;
  }
  return sum / 100; // USER_HZ is 100 on Linux
}

/** Starts `vigia serve` on a free loopback port and resolves with its URL. */
function startServer(file: string): Promise<{ url: string; child: ChildProcess }> {
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, [join(root, 'bin/vigia.mjs'), 'serve', '--port', '0', ...(WORKERS > 1 ? ['--workers', String(WORKERS)] : [])], {
      env: { ...process.env, VIGIA_DB: file, HOST: '127.0.0.1', DATABASE_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const timer = setTimeout(() => fail(new Error(`server did not start: ${out}`)), 60_000);
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = out.match(/listening on (http:\/\/[^\s/]+)/);
      if (m?.[1]) {
        clearTimeout(timer);
        ok({ url: m[1], child });
      }
    });
    child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => fail(new Error(`server exited (${code}): ${out}`)));
  });
}

export const apiBench: Benchmark = {
  name: 'api',
  description: `authenticated GET /api/analytics on the demo program, ${CONNECTIONS} connections, ${SECONDS} s`,
  async run(ctx) {
    const dir = mkdtempSync(join(tmpdir(), 'vigia-api-bench-'));
    const file = join(dir, 'demo.db');
    let child: ChildProcess | undefined;
    try {
      const { db } = openDatabase({ file });
      await migrateToLatest(db);
      await loadProgramFolder(db, join(root, 'demo/peru'));
      const { user } = await createUser(db, { email: 'bench@example.org', name: 'Bench', role: 'analyst', password: 'bench password 123' }, null);
      const { token } = await createApiToken(db, defaultAuthSettings(), user.id, 'bench');
      await db.destroy();
      const server = await startServer(file);
      child = server.child;
      const path = '/api/analytics?program=PE&indicator=ERAD_HA&by=place-level:2,period:year';
      ctx.log(`api: ${CONNECTIONS} connections for ${SECONDS} s against ${server.url}${path} (${WORKERS} server worker(s))`);
      const cpuBefore = child.pid === undefined ? null : treeCpuSeconds(child.pid);
      const result = await autocannon({
        url: `${server.url}${path}`,
        connections: CONNECTIONS,
        duration: SECONDS,
        headers: { authorization: `Bearer ${token}` },
      });
      const cpuAfter = child.pid === undefined ? null : treeCpuSeconds(child.pid);
      const cpuMs = cpuBefore !== null && cpuAfter !== null && result.requests.total > 0 ? ((cpuAfter - cpuBefore) * 1000) / result.requests.total : null;
      const bad = result.non2xx + result.errors + result.timeouts;
      if (bad > 0)
        ctx.note(`api: ${bad} of ${result.requests.total} requests failed (non-2xx ${result.non2xx}, errors ${result.errors}, timeouts ${result.timeouts})`);
      return {
        api_analytics_rps: round(result.requests.average, 1),
        api_analytics_p50_ms: round(result.latency.p50, 2),
        api_analytics_p99_ms: round(result.latency.p99, 2),
        api_analytics_requests: result.requests.total,
        api_analytics_failed: bad,
        api_workers: WORKERS,
        ...(cpuMs === null ? {} : { api_server_cpu_ms_per_request: round(cpuMs, 3) }),
      };
    } finally {
      child?.kill('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
