/**
 * Kill -9 trials: a real `vigia serve` on a SQLite file is killed with SIGKILL at random moments
 * — during a 25,920-row values import over the API, and under concurrent value writes — and
 * restarted. After each kill the database must pass `PRAGMA integrity_check`, its fact table
 * must equal a rebuild from its values, the import must be all there or not at all, and every
 * write the server acknowledged (2xx) must be there. Only the public API is used to write, so
 * the trials hold whatever the import does inside (a request, a worker thread, a job table).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.js';
import { checkFactsAgainstValues, factsConsistent } from '../helpers/fact-check.js';
import { api, startServeProcess, tokenFor, type ServeProcess } from '../helpers/serve-process.js';
import { tallyProbes } from './probe-tally.js';

const IMPORT_TRIALS = 10;
const WRITE_TRIALS = 5;
const IMPORT_INDICATORS = ['ERAD_HA', 'SEIZ_COCAINE_KG', 'SEIZ_PRECURSOR_T'];
const WRITE_INDICATORS = ['AD_FAMILIES_N', 'AD_LICIT_HA', 'JUSTICE_TRAINED_N', 'MODEL_STATIONS_N', 'TREATMENT_CENTERS_N'];
const WRITERS = 4;

const PLACES = readFileSync(resolve(import.meta.dirname, '../../demo/peru/places.csv'), 'utf8')
  .split('\n')
  .slice(1)
  .filter(Boolean)
  .map((l) => l.split(',')[0] ?? '');
const MONTHS = Array.from({ length: 240 }, (_, i) => `${2000 + Math.floor(i / 12)}${String((i % 12) + 1).padStart(2, '0')}`);
const IMPORT_ROWS = IMPORT_INDICATORS.length * PLACES.length * MONTHS.length;

const dir = mkdtempSync(join(tmpdir(), 'vigia-kill-'));
const file = join(dir, 'vigia.db');
let server: ServeProcess;
let token = '';
let tried = 0;
let failed = 0;
const problems: string[] = [];

/** The values CSV of trial `t`: the same keys every time, this trial's note and values. */
function importCsv(t: number): string {
  const lines = ['indicator,place,period,value,note,provenance'];
  let i = 0;
  for (const indicator of IMPORT_INDICATORS) {
    for (const place of PLACES) for (const month of MONTHS) lines.push(`${indicator},${place},${month},${t * 1000 + (i++ % 997)},kill-trial-${t},illustrative`);
  }
  return `${lines.join('\n')}\n`;
}

/** Opens the killed server's file (recovering its WAL) and checks it; returns the problems found. */
async function inspect(what: string, extra: (db: ReturnType<typeof openDatabase>['db']) => Promise<string[]>): Promise<string[]> {
  const { db } = openDatabase({ file });
  const found: string[] = [];
  try {
    const integrity = await sql<{ integrity_check: string }>`PRAGMA integrity_check`.execute(db);
    const bad = integrity.rows.map((r) => r.integrity_check).filter((r) => r !== 'ok');
    if (bad.length) found.push(`${what}: integrity_check: ${bad.slice(0, 3).join('; ')}`);
    const facts = await checkFactsAgainstValues(db);
    if (!factsConsistent(facts)) found.push(`${what}: facts differ from values: ${JSON.stringify({ ...facts, sums: facts.sums.slice(0, 3) })}`);
    found.push(...(await extra(db)).map((p) => `${what}: ${p}`));
  } finally {
    await db.destroy();
  }
  return found;
}

async function restart(): Promise<void> {
  server = await startServeProcess({ VIGIA_DB: file });
  const health = await api(server.url, undefined, 'GET', '/api/health');
  if (health.status !== 200) problems.push(`restart: /api/health answered ${health.status}`);
}

async function importCountsByNote(db: ReturnType<typeof openDatabase>['db']): Promise<Map<string, number>> {
  const rows = await sql<{ note: string | null; n: number }>`
    select dv.note, count(*) as n from data_value dv join indicator i on i.id = dv.indicator_id
    where i.code in (${sql.join(IMPORT_INDICATORS)}) and length(dv.period) = 6 group by dv.note`.execute(db);
  return new Map(rows.rows.map((r) => [r.note ?? '', Number(r.n)]));
}

beforeAll(async () => {
  server = await startServeProcess({ VIGIA_DB: file }, ['--demo']);
  token = await tokenFor(server.url, 'admin@vigia.local', server.adminPassword ?? '');
}, 180_000);

afterAll(async () => {
  tallyProbes('kill -9 trials', tried, failed);
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Posts the import of trial `t`; resolves with the job (or the refusal) when the server answers. */
function postImport(t: number): Promise<{ status: number; body: unknown }> {
  return api(server.url, token, 'POST', `/api/programs/PE/imports/csv?file=trial-${t}.csv`, importCsv(t), { 'content-type': 'text/csv' });
}

/** Polls the job until it is no longer running. */
async function waitForJob(id: string): Promise<{ status: string }> {
  for (;;) {
    const r = await api(server.url, token, 'GET', `/api/jobs/${id}`);
    const job = r.body as { status: string };
    if (r.status !== 200 || job.status !== 'running') return job;
    await sleep(100);
  }
}

describe('kill -9 trials', () => {
  let importMs = 2000;

  it(`a whole import first: ${IMPORT_ROWS} rows, all of them, and the time it takes`, async () => {
    const started = Date.now();
    const r = await postImport(0);
    expect([200, 202], JSON.stringify(r.body)).toContain(r.status);
    const job = r.status === 202 ? await waitForJob((r.body as { id: string }).id) : (r.body as { status: string });
    expect(job.status).toBe('done');
    importMs = Date.now() - started;
    await server.kill9();
    problems.push(
      ...(await inspect('uncut import', async (db) => {
        const counts = await importCountsByNote(db);
        return counts.get('kill-trial-0') === IMPORT_ROWS ? [] : [`expected ${IMPORT_ROWS} rows of trial 0, found ${JSON.stringify([...counts])}`];
      })),
    );
    await restart();
    console.log(`kill trials: an uncut import of ${IMPORT_ROWS} rows took ${importMs} ms`);
    expect(problems).toEqual([]);
  });

  it(`${IMPORT_TRIALS} imports killed at random moments: all or nothing, integral, facts equal values`, async () => {
    const outcomes: string[] = [];
    for (let t = 1; t <= IMPORT_TRIALS; t++) {
      tried += 1;
      // From the first bytes of the upload to a little after the import would have ended.
      const killAfter = Math.floor(Math.random() * importMs * 1.2);
      const answer = postImport(t).catch(() => null);
      await sleep(killAfter);
      await server.kill9();
      await answer;
      const found = await inspect(`import trial ${t} (killed after ${killAfter} ms)`, async (db) => {
        const counts = await importCountsByNote(db);
        const mine = counts.get(`kill-trial-${t}`) ?? 0;
        const total = [...counts.values()].reduce((a, b) => a + b, 0);
        outcomes.push(mine === 0 ? 'none' : 'all');
        const p: string[] = [];
        if (mine !== 0 && mine !== IMPORT_ROWS) p.push(`half an import: ${mine} of ${IMPORT_ROWS} rows`);
        if (total !== IMPORT_ROWS) p.push(`the imported keys number ${total}, not ${IMPORT_ROWS}`);
        return p;
      });
      if (found.length) failed += 1;
      problems.push(...found);
      await restart();
    }
    console.log(`kill trials: imports after the kill: ${outcomes.join(', ')}`);
    expect(problems).toEqual([]);
  }, 900_000);

  it(`${WRITE_TRIALS} servers killed under concurrent writes: every acknowledged write is there`, async () => {
    let acknowledgedTotal = 0;
    for (let t = 0; t < WRITE_TRIALS; t++) {
      tried += 1;
      const indicator = WRITE_INDICATORS[t] ?? 'AD_FAMILIES_N';
      const acked: Array<{ place: string; period: string; value: number }> = [];
      const unexpected: string[] = [];
      let stop = false;
      let next = 0;
      const writer = async () => {
        while (!stop) {
          const k = next++;
          const place = PLACES[k % PLACES.length] ?? 'PE';
          const period = MONTHS[Math.floor(k / PLACES.length) % MONTHS.length] ?? '200001';
          const value = 1 + k;
          try {
            const r = await api(server.url, token, 'PUT', '/api/programs/PE/values', { indicator, place, period, value, version: 0 });
            if (r.status >= 200 && r.status < 300) acked.push({ place, period, value });
            else if (r.status !== 409 && !stop) unexpected.push(`${r.status} ${JSON.stringify(r.body).slice(0, 200)}`);
          } catch {
            return; // the server is gone
          }
        }
      };
      const writers = Array.from({ length: WRITERS }, writer);
      // Killed at a random moment once writes are flowing (some acknowledged, more in flight).
      const started = Date.now();
      while (acked.length < 20 && Date.now() - started < 60_000) await sleep(10);
      await sleep(Math.floor(Math.random() * 1000));
      const killAfter = Date.now() - started;
      stop = true;
      await server.kill9();
      await Promise.all(writers);
      acknowledgedTotal += acked.length;
      const found = await inspect(`write trial ${t + 1} (killed after ${killAfter} ms, ${acked.length} acknowledged)`, async (db) => {
        const rows = await sql<{ place: string; period: string; value: number }>`
          select p.code as place, dv.period, dv.value from data_value dv
          join indicator i on i.id = dv.indicator_id join place p on p.id = dv.place_id where i.code = ${indicator}`.execute(db);
        const stored = new Map(rows.rows.map((r) => [`${r.place}|${r.period}`, Number(r.value)]));
        const lost = acked.filter((a) => stored.get(`${a.place}|${a.period}`) !== a.value);
        const p = lost.length ? [`${lost.length} of ${acked.length} acknowledged writes missing, e.g. ${JSON.stringify(lost.slice(0, 3))}`] : [];
        if (acked.length === 0) p.push('no write was acknowledged in a minute');
        if (unexpected.length) p.push(`unexpected answers: ${unexpected.slice(0, 3).join(' | ')}`);
        return p;
      });
      if (found.length) failed += 1;
      problems.push(...found);
      await restart();
    }
    console.log(`kill trials: ${acknowledgedTotal} acknowledged writes over ${WRITE_TRIALS} kills, all checked`);
    expect(problems).toEqual([]);
  }, 600_000);
});
