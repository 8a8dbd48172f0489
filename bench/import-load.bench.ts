/**
 * A large import under load (issue 12, acceptance 4): `vigia serve --workers 2` on an SQLite
 * file with the demo program; a values CSV of `--import-rows` rows (200,000 by default) is
 * imported over the API while a bounded mixed load runs on loopback — health checks, analytics
 * reads and single-value writes, each a closed loop of sequential requests with a short pause.
 * Writers that get 503 (the database busy with the import's write transaction) wait the
 * Retry-After they were given and try again, as a client should. Before the import, the same
 * health loop alone gives the baseline.
 *
 * Metrics: import_health_p99_ms (target ≤ 1000) and max, p99 of reads and of writes, the 5xx
 * answers that are not a 503 + Retry-After (must be 0), the 503s, the import's duration, and
 * the baseline health p99 with the ratio.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { loadProgramFolder } from '../src/modules/programs/program-load.service.js';
import { createUser } from '../src/modules/accounts/users.service.js';
import { createApiToken, defaultAuthSettings } from '../src/modules/accounts/auth.service.js';
import type { Benchmark } from './bench-context.js';
import { programValuesCsv } from './demo-values-csv.js';
import { quantile, round } from './stats.js';

const root = resolve(import.meta.dirname, '..');
const WORKERS = 2;
/** Closed-loop clients of each kind, and the pause between two requests of one client. */
const HEALTH_CLIENTS = 2;
const READ_CLIENTS = 2;
const WRITE_CLIENTS = 2;
const PAUSE_MS = 20;
const BASELINE_SECONDS = 5;

const sleep = (ms: number) => new Promise((res) => setTimeout(res, ms));

function startServer(file: string): Promise<{ url: string; child: ChildProcess; output: () => string }> {
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, [join(root, 'bin/vigia.mjs'), 'serve', '--port', '0', '--workers', String(WORKERS)], {
      env: { ...process.env, VIGIA_DB: file, HOST: '127.0.0.1', DATABASE_URL: '', VIGIA_WORKERS: '', VIGIA_MAX_BODY_BYTES: String(256 * 1024 * 1024) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const timer = setTimeout(() => fail(new Error(`server did not start: ${out}`)), 120_000);
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = out.match(/listening on (http:\/\/[^\s/]+)/);
      if (m?.[1]) {
        clearTimeout(timer);
        ok({ url: m[1], child, output: () => out });
      }
    });
    child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => fail(new Error(`server exited (${code}): ${out}`)));
  });
}

interface Tally {
  health: number[];
  reads: number[];
  writes: number[];
  /** 5xx answers that are not a 503 with Retry-After. */
  errors: number;
  busy: number;
  /** Other unexpected answers (not 2xx, not 503). */
  other: number;
  /** Requests that got no answer at all (connection reset or refused). */
  failed: number;
}

const newTally = (): Tally => ({ health: [], reads: [], writes: [], errors: 0, busy: 0, other: 0, failed: 0 });

/** One request; its latency in ms and status, counted in `tally`. */
async function timedFetch(tally: Tally, url: string, init: RequestInit): Promise<{ ms: number; status: number; retryAfter: number | null }> {
  const t0 = performance.now();
  let res: Response;
  try {
    res = await fetch(url, init);
    await res.arrayBuffer();
  } catch {
    tally.failed++;
    return { ms: performance.now() - t0, status: 0, retryAfter: null };
  }
  const ms = performance.now() - t0;
  const retry = res.headers.get('retry-after');
  if (res.status === 503 && retry !== null) tally.busy++;
  else if (res.status >= 500) tally.errors++;
  else if (res.status >= 300) tally.other++;
  return { ms, status: res.status, retryAfter: res.status === 503 && retry !== null ? Number(retry) : null };
}

export const importLoadBench: Benchmark = {
  name: 'import-load',
  description: `a values CSV imported over the API into vigia serve --workers ${WORKERS} while health, analytics and writes run (--import-rows)`,
  async run(ctx) {
    const rows = ctx.options.importRows ?? 200_000;
    const dir = mkdtempSync(join(tmpdir(), 'vigia-import-load-bench-'));
    const file = join(dir, 'demo.db');
    let child: ChildProcess | undefined;
    try {
      const { db } = openDatabase({ file });
      await migrateToLatest(db);
      await loadProgramFolder(db, join(root, 'demo/peru'));
      const { user } = await createUser(db, { email: 'bench@example.org', name: 'Bench', role: 'officer', password: 'bench password 123' }, null);
      const { token } = await createApiToken(db, defaultAuthSettings(), user.id, 'bench');
      const csv = await programValuesCsv(db, 'PE', rows);
      await db.destroy();
      const server = await startServer(file);
      child = server.child;
      const auth = { authorization: `Bearer ${token}` };
      const health = `${server.url}/api/health`;
      const analytics = `${server.url}/api/analytics?program=PE&indicator=ERAD_HA&by=place-level:2,period:year`;

      let stop = false;
      const healthLoop = async (tally: Tally) => {
        while (!stop) {
          tally.health.push((await timedFetch(tally, health, {})).ms);
          await sleep(PAUSE_MS);
        }
      };

      ctx.log(`import-load: baseline, ${HEALTH_CLIENTS} health clients for ${BASELINE_SECONDS} s`);
      const baseline = newTally();
      const baseLoops = Array.from({ length: HEALTH_CLIENTS }, () => healthLoop(baseline));
      await sleep(BASELINE_SECONDS * 1000);
      stop = true;
      await Promise.all(baseLoops);

      ctx.log(`import-load: importing ${rows.toLocaleString('en')} rows (${(csv.length / 1e6).toFixed(1)} MB) under load`);
      stop = false;
      const load = newTally();
      const readLoop = async () => {
        while (!stop) {
          load.reads.push((await timedFetch(load, analytics, { headers: auth })).ms);
          await sleep(PAUSE_MS);
        }
      };
      const writeLoop = async (client: number) => {
        // Each client keeps changing its own value with the version it last got: no conflicts.
        let version = 0;
        while (!stop) {
          const body = JSON.stringify({ indicator: 'ERAD_HA', place: 'PE', period: String(1990 + client), value: version + 1, version, status: 'draft' });
          for (;;) {
            const r = await timedFetch(load, `${server.url}/api/programs/PE/values`, {
              method: 'PUT',
              headers: { ...auth, 'content-type': 'application/json' },
              body,
            });
            load.writes.push(r.ms);
            if (r.status < 300) version++;
            if (r.retryAfter === null) break;
            await sleep(r.retryAfter * 1000);
          }
          await sleep(PAUSE_MS);
        }
      };
      const loops = [
        ...Array.from({ length: HEALTH_CLIENTS }, () => healthLoop(load)),
        ...Array.from({ length: READ_CLIENTS }, () => readLoop()),
        ...Array.from({ length: WRITE_CLIENTS }, (_, i) => writeLoop(i)),
      ];
      const t0 = performance.now();
      const started = await fetch(`${server.url}/api/programs/PE/imports/csv?file=bench.csv`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'text/csv' },
        body: csv,
      });
      const job = (await started.json()) as { id: string; status: string };
      // Files up to 1 MB are imported before the answer (200); larger ones answer 202.
      if (started.status !== 202 && started.status !== 200) throw new Error(`the import answered ${started.status}: ${JSON.stringify(job).slice(0, 500)}`);
      let outcome = job;
      while (outcome.status === 'running') {
        await sleep(250);
        outcome = (await (await fetch(`${server.url}/api/jobs/${job.id}`, { headers: auth })).json()) as typeof job;
      }
      const seconds = (performance.now() - t0) / 1000;
      stop = true;
      await Promise.all(loops);
      if (outcome.status !== 'done') ctx.note(`import-load: the import ended ${outcome.status}: ${JSON.stringify(outcome).slice(0, 500)}`);
      const exits = server
        .output()
        .split('\n')
        .filter((l) => /exited|error/i.test(l));
      if (exits.length) ctx.note(`import-load: server said: ${exits.slice(0, 5).join(' | ')}`);
      if (load.failed) ctx.note(`import-load: ${load.failed} requests got no answer`);
      if (load.errors) ctx.note(`import-load: ${load.errors} answers 5xx other than 503 + Retry-After`);
      const p99 = (xs: number[]) => round(quantile(xs, 0.99), 1);
      const healthP99 = p99(load.health);
      const baseP99 = p99(baseline.health);
      return {
        import_rows: rows,
        import_status: outcome.status,
        import_seconds: round(seconds, 1),
        import_health_p99_ms: healthP99,
        import_health_max_ms: round(Math.max(...load.health), 1),
        import_health_requests: load.health.length,
        import_read_p99_ms: p99(load.reads),
        import_write_p99_ms: p99(load.writes),
        import_requests: load.health.length + load.reads.length + load.writes.length,
        import_5xx: load.errors,
        import_503: load.busy,
        import_other_non2xx: load.other,
        import_no_answer: load.failed,
        baseline_health_p99_ms: baseP99,
        import_health_p99_ratio: round(healthP99 / baseP99, 2),
      };
    } finally {
      child?.kill('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
