/**
 * Security headers on every response: every route of the OpenAPI document (GET with real ids
 * of the Peru demo, writes with a bad body), signed in and signed out, the web app's page and
 * an asset, error answers (401, 400, 404, 413) and the HTML reports. One middleware sets them
 * (src/server/security-headers.ts); this test is what keeps a new route from going without.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../helpers/test-db.js';
import { TestClient, type Reply } from '../helpers/http-client.js';
import { createApp, type App } from '../../src/server/app.js';
import { loadProgramFolder } from '../../src/modules/programs/program-load.service.js';
import { createUser } from '../../src/modules/accounts/users.service.js';
import { CONTENT_SECURITY_POLICY } from '../../src/server/web-assets.js';

const PASSWORD = 'a long header-test password';
const MAX_BODY = 20_000;
let t: TestDb;
let app: App;
let webRoot: string;
let admin: TestClient;
let anonymous: TestClient;
let paths: Record<string, Record<string, unknown>>;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestDb();
  await loadProgramFolder(t.db, resolve(import.meta.dirname, '../../demo/peru'));
  await createUser(t.db, { email: 'admin@headers.test', name: 'Admin', role: 'admin', clearance: 'restricted', password: PASSWORD }, null);
  webRoot = mkdtempSync(join(tmpdir(), 'vigia-headers-'));
  mkdirSync(join(webRoot, 'assets'));
  writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>Vigia</title><div id="root"></div>');
  writeFileSync(join(webRoot, 'assets/index-abc123.js'), 'console.log("app")');
  app = createApp({ db: t.db, engine: t.engine, maxBodyBytes: MAX_BODY, webRoot });
  admin = new TestClient(app);
  anonymous = new TestClient(app);
  await admin.signIn('admin@headers.test', PASSWORD);
  paths = ((await anonymous.get('/api/openapi.json')).body as { paths: typeof paths }).paths;
  // Real ids for the GET routes.
  const token = (await admin.post('/api/tokens', { name: 'headers' })).body as { info: { id: number } };
  ids.token = String(token.info.id);
  const users = (await admin.get('/api/users')).body as Array<{ id: number }> | { users: Array<{ id: number }> };
  ids.user = String((Array.isArray(users) ? users : users.users)[0]?.id);
  const records = (await admin.get('/api/programs/PE/records?type=seizure')).body as { items: Array<{ id: number }> };
  ids.record = String(records.items[0]?.id);
  const job = (
    await admin.request('POST', '/api/programs/PE/imports/csv?dryRun=true', 'indicator,place,period,value\nERAD_HA,PE-10,2012,nope\n', {
      'content-type': 'text/csv',
    })
  ).body as { id: string };
  ids.job = job.id;
  const submissions = (await admin.get('/api/programs/PE/submissions')).body as Array<{ id: number }> | { submissions?: Array<{ id: number }> };
  ids.submission = String((Array.isArray(submissions) ? submissions : (submissions.submissions ?? []))[0]?.id ?? 1);
}, 120_000);

afterAll(async () => {
  await t?.destroy();
  if (webRoot) rmSync(webRoot, { recursive: true, force: true });
});

/**
 * A path of the document with real values of the demo for its parameters; writes get unknown
 * ids (a DELETE or a password reset of a real one would change what the next routes see).
 */
function fill(path: string, write = false): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (write && name !== 'program' && name !== 'format') return name === 'id' ? '999999' : 'NOPE';
    if (name === 'program') return 'PE';
    if (name === 'indicator') return 'ERAD_HA';
    if (name === 'format') return 'csv';
    if (name === 'kind') return 'csv';
    if (name === 'report') return 'factsheet';
    if (name === 'code') return path.includes('/zones/') ? 'VRAEM' : path.includes('/organisations/') ? 'CORAH' : 'PE-10';
    if (path.startsWith('/api/tokens/')) return ids.token ?? '1';
    if (path.startsWith('/api/users/')) return ids.user ?? '1';
    if (path.startsWith('/api/jobs/')) return ids.job ?? 'x';
    if (path.startsWith('/api/submissions/')) return ids.submission ?? '1';
    return ids.record ?? '1';
  });
}

/** Query strings that make the GET routes answer with data rather than a validation error. */
const QUERIES: Record<string, string> = {
  '/api/analytics': '?program=PE&indicator=ERAD_HA&by=period:year',
  '/api/compare': '?program=PE&indicator=ERAD_HA&from=2011&to=2012',
  '/api/programs/{program}/records': '?type=seizure',
  '/api/programs/{program}/boundaries': '?level=2',
  '/api/reports/{report}': '?program=PE&period=2012&format=html',
};

const checked: Array<{ what: string; status: number }> = [];

/** The headers every response must carry; `signedIn` answers (and all of /api) never cached. */
function expectHeaders(r: Reply, what: string): void {
  checked.push({ what, status: r.status });
  const h = r.headers;
  expect(h.get('x-content-type-options'), what).toBe('nosniff');
  expect(h.get('referrer-policy'), what).toMatch(/^(no-referrer|same-origin)$/);
  const csp = h.get('content-security-policy') ?? '';
  const framing = h.get('x-frame-options');
  if (what.includes('/api/reports/')) {
    // The web app's report preview frames reports (same origin); nothing else may frame them.
    expect(framing, what).toBe('SAMEORIGIN');
    expect(csp, what).toContain("frame-ancestors 'self'");
  } else {
    expect(framing, what).toBe('DENY');
    expect(csp, what).toContain("frame-ancestors 'none'");
  }
  if ((h.get('content-type') ?? '').startsWith('text/html')) {
    expect(csp, what).toMatch(/default-src '(none|self)'/);
    expect(csp, what).not.toMatch(/script-src[^;]*unsafe/);
  }
  if (what.includes(' /api')) expect(h.get('cache-control'), what).toBe('no-store');
}

describe('security headers', () => {
  it('on every route of the OpenAPI document, signed in and signed out', async () => {
    let routes = 0;
    for (const [path, ops] of Object.entries(paths)) {
      for (const method of Object.keys(ops).filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))) {
        routes += 1;
        for (const [who, client] of [
          ['admin', admin],
          ['public', anonymous],
        ] as const) {
          const url = method === 'get' ? fill(path) + (QUERIES[path] ?? '') : fill(path, true);
          // Writes get a body of the wrong shape: the answer is an error, never a change.
          const r = method === 'get' ? await client.get(url) : await client.request(method.toUpperCase(), url, '[1, 2, 3]');
          expectHeaders(r, `${who} ${method.toUpperCase()} ${url} → ${r.status}`);
          if (who === 'admin' && !admin.cookie) await admin.signIn('admin@headers.test', PASSWORD);
        }
      }
    }
    expect(routes).toBeGreaterThan(40);
    // The GETs reached real data, not only refusals.
    const ok = checked.filter((c) => c.what.startsWith('admin GET') && c.status === 200).length;
    expect(
      ok,
      checked
        .filter((c) => c.what.startsWith('admin GET'))
        .map((c) => c.what)
        .join('\n'),
    ).toBeGreaterThan(22);
  });

  it('on the HTML reports, with a policy that allows no script and the report preview framing them', async () => {
    for (const lang of ['en', 'es']) {
      for (const client of [admin, anonymous]) {
        const r = await client.get(`/api/reports/factsheet?program=PE&period=2012&format=html&lang=${lang}`);
        expect(r.status).toBe(200);
        expect(r.headers.get('content-type')).toContain('text/html');
        expectHeaders(r, `GET /api/reports/factsheet ${lang}`);
        expect(r.headers.get('content-security-policy')).toContain("default-src 'none'");
      }
    }
    const md = await anonymous.get('/api/reports/factsheet?program=PE&period=2012&format=md');
    expectHeaders(md, 'GET /api/reports/factsheet md');
  });

  it('on /api/docs and the OpenAPI document', async () => {
    const docs = await anonymous.get('/api/docs');
    expect(docs.status).toBe(200);
    expectHeaders(docs, 'GET /api/docs');
    expect(docs.headers.get('content-security-policy')).toContain("default-src 'none'");
    expectHeaders(await admin.get('/api/openapi.json'), 'GET /api/openapi.json');
  });

  it('on error answers: 401, 400, 404, 413 and a route that does not exist', async () => {
    const badToken = await anonymous.request('GET', '/api/auth/me', undefined, { authorization: 'Bearer nope' });
    expect(badToken.status).toBe(401);
    expectHeaders(badToken, 'GET /api/auth/me bad token');
    const badSignIn = await anonymous.post('/api/auth/sign-in', { email: 'x' });
    expect(badSignIn.status).toBe(400);
    expectHeaders(badSignIn, 'POST /api/auth/sign-in bad body');
    const missing = await admin.get('/api/programs/NOPE/indicators');
    expect(missing.status).toBe(404);
    expectHeaders(missing, 'GET /api/programs/NOPE/indicators');
    const noRoute = await anonymous.get('/api/no-such-route');
    expect(noRoute.status).toBe(404);
    expectHeaders(noRoute, 'GET /api/no-such-route');
    const large = await admin.request('POST', '/api/programs/PE/values/batch', JSON.stringify({ padding: 'x'.repeat(MAX_BODY * 2) }));
    expect([400, 413]).toContain(large.status);
    expectHeaders(large, 'POST /api/programs/PE/values/batch oversized');
  });

  it('on the web app: the page keeps its own policy, hashed assets keep their year of caching', async () => {
    for (const client of [admin, anonymous]) {
      const page = await client.get('/dashboard');
      expectHeaders(page, 'GET /dashboard');
      expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(page.headers.get('cache-control')).toBe('no-cache');
      const asset = await client.get('/assets/index-abc123.js');
      expectHeaders(asset, 'GET /assets/index-abc123.js');
      expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      const gone = await client.get('/assets/index-gone.js');
      expect(gone.status).toBe(404);
      expectHeaders(gone, 'GET /assets/index-gone.js');
      expect(gone.headers.get('cache-control')).toBe('no-store');
    }
  });
});
