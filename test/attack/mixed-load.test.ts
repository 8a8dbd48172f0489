/**
 * A bounded mixed load on loopback against a real `vigia serve --workers 2` with the demo:
 * readers (analytics signed in and public, the values list, records) and writers (values read
 * then written at the version read, on a small set of keys so that writers race) at once. Every
 * answer must be a success, except the 409 a writer gets when another wrote first. The p99
 * latency is printed as a figure, not judged.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, startServeProcess, tokenFor, type ServeProcess } from '../helpers/serve-process.js';
import { tallyProbes } from './probe-tally.js';

/** The load stops at whichever comes first. */
const MAX_REQUESTS = 3000;
const MAX_MS = 20_000;
const CLIENTS = 6;
/** Few keys, so that writers often race for the same value. */
const HOT_KEYS = ['PE-10', 'PE-22', 'PE-05'].flatMap((place) => ['2030', '2031'].map((period) => ({ indicator: 'AD_FAMILIES_N', place, period })));

const dir = mkdtempSync(join(tmpdir(), 'vigia-load-'));
let server: ServeProcess;
let token = '';
let requests = 0;
let unexpected = 0;

beforeAll(async () => {
  server = await startServeProcess({ VIGIA_DB: join(dir, 'vigia.db') }, ['--demo', '--workers', '2']);
  token = await tokenFor(server.url, 'admin@vigia.local', server.adminPassword ?? '');
}, 180_000);

afterAll(async () => {
  tallyProbes('mixed load', requests, unexpected);
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

type Kind = 'analytics' | 'public analytics' | 'values list' | 'records' | 'value write';
const READS: Record<Exclude<Kind, 'value write'>, string[]> = {
  analytics: [
    '/api/analytics?program=PE&indicator=ERAD_HA&by=period:year',
    '/api/analytics?program=PE&indicator=SEIZ_COCAINE_KG&by=place-level:2',
    '/api/analytics?program=PE&indicator=AD_FAMILIES_N&by=period:year',
  ],
  'public analytics': ['/api/analytics?program=PE&indicator=ERAD_HA&by=period:year', '/api/analytics?program=PE&indicator=COCA_HA&by=period:year'],
  'values list': ['/api/programs/PE/values?indicator=ERAD_HA&limit=100', '/api/programs/PE/values?indicator=AD_FAMILIES_N&limit=50'],
  records: ['/api/programs/PE/records?type=seizure&limit=50', '/api/programs/PE/records?type=eradication_operation&limit=50'],
};

const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)] as T;

describe('mixed load', () => {
  it(`${CLIENTS} clients, up to ${MAX_REQUESTS} requests or ${MAX_MS / 1000} s: no errors but the expected 409s`, async () => {
    const latencies: number[] = [];
    const byKind = new Map<Kind, number[]>();
    const problems: string[] = [];
    let conflicts = 0;
    let written = 0;
    const deadline = Date.now() + MAX_MS;
    const timed = async (kind: Kind, fn: () => Promise<{ status: number; body: unknown }>, ok: (status: number) => boolean, what: string) => {
      requests += 1;
      const started = performance.now();
      let status = 0;
      let body: unknown;
      try {
        ({ status, body } = await fn());
      } catch (e) {
        body = e instanceof Error ? e.message : String(e);
      }
      const ms = performance.now() - started;
      latencies.push(ms);
      byKind.set(kind, [...(byKind.get(kind) ?? []), ms]);
      if (!ok(status)) {
        unexpected += 1;
        if (problems.length < 10) problems.push(`${what} → ${status} ${JSON.stringify(body).slice(0, 200)}`);
      }
      return { status, body };
    };
    const client = async () => {
      while (requests < MAX_REQUESTS && Date.now() < deadline) {
        const kind = pick<Kind>(['analytics', 'public analytics', 'values list', 'records', 'value write', 'value write']);
        if (kind !== 'value write') {
          const path = pick(READS[kind]);
          await timed(
            kind,
            () => api(server.url, kind === 'public analytics' ? undefined : token, 'GET', path),
            (s) => s === 200,
            `GET ${path}`,
          );
          continue;
        }
        const key = pick(HOT_KEYS);
        const read = await timed(
          'values list',
          () => api(server.url, token, 'GET', `/api/programs/PE/values?indicator=${key.indicator}&place=${key.place}&period=${key.period}`),
          (s) => s === 200,
          'GET the value to write',
        );
        const version =
          (read.body as { values?: Array<{ version: number; place: string; period: string }> }).values?.find(
            (v) => v.place === key.place && v.period === key.period,
          )?.version ?? 0;
        const w = await timed(
          'value write',
          () => api(server.url, token, 'PUT', '/api/programs/PE/values', { ...key, value: Math.round(Math.random() * 1000), version }),
          (s) => s === 200 || s === 409,
          `PUT ${JSON.stringify(key)} at version ${version}`,
        );
        if (w.status === 409) conflicts += 1;
        if (w.status === 200) written += 1;
      }
    };
    const started = Date.now();
    await Promise.all(Array.from({ length: CLIENTS }, client));
    const seconds = (Date.now() - started) / 1000;
    const p = (xs: number[], q: number) => {
      const s = [...xs].sort((a, b) => a - b);
      return s.length ? (s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0) : 0;
    };
    const kinds = [...byKind].map(([k, xs]) => `${k} ${xs.length} p99 ${p(xs, 0.99).toFixed(0)} ms`).join('; ');
    console.log(
      `mixed load: ${requests} requests in ${seconds.toFixed(1)} s (${(requests / seconds).toFixed(0)}/s), p50 ${p(latencies, 0.5).toFixed(0)} ms, p99 ${p(latencies, 0.99).toFixed(0)} ms; ${written} writes, ${conflicts} expected 409s, ${unexpected} unexpected; ${kinds}`,
    );
    expect(problems).toEqual([]);
    expect(written).toBeGreaterThan(0);
    expect(requests).toBeGreaterThan(100);
  });
});
