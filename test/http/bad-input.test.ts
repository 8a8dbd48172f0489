/**
 * Generated from the OpenAPI document: every route gets malformed JSON, bodies of the wrong
 * types, unknown ids, bad query values and an oversized body — and must answer 4xx in the
 * standard error shape, never 500 and never a stack trace.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../helpers/test-db.js';
import { TestClient, type Reply } from '../helpers/http-client.js';
import { createAccessFixture, PASSWORD, USERS } from '../helpers/access-fixture.js';
import { createApp, type App } from '../../src/server/app.js';
import { tallyProbes } from '../attack/probe-tally.js';

interface Schema {
  type?: string | string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  $ref?: string;
}
interface Operation {
  parameters?: Array<{ name: string; in: string; schema?: Schema }>;
  requestBody?: { content: Record<string, { schema: Schema }> };
}
interface Doc {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

const MAX_BODY = 20_000;
let t: TestDb;
let app: App;
let admin: TestClient;
let doc: Doc;

beforeAll(async () => {
  t = await createTestDb();
  await createAccessFixture(t.db);
  app = createApp({ db: t.db, engine: t.engine, maxBodyBytes: MAX_BODY });
  admin = new TestClient(app);
  await admin.signIn(USERS.admin, PASSWORD);
  doc = (await admin.get('/api/openapi.json')).body as Doc;
}, 60_000);
const probes = { tried: 0, failed: 0 };
afterAll(async () => {
  tallyProbes('bad input (OpenAPI)', probes.tried, probes.failed);
  await t.destroy();
});

const resolve = (s: Schema): Schema => (s.$ref ? (doc.components?.schemas?.[s.$ref.split('/').pop() ?? ''] ?? {}) : s);

/** A value of the wrong type for a schema. */
function wrong(s: Schema): unknown {
  const type = Array.isArray(resolve(s).type) ? resolve(s).type?.[0] : resolve(s).type;
  if (type === 'string') return 12345;
  if (type === 'number' || type === 'integer') return 'not a number';
  if (type === 'boolean') return 'maybe';
  if (type === 'array') return { not: 'an array' };
  return 'not an object';
}

function operations(): Array<{ method: string; path: string; op: Operation }> {
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops)
      .filter(([m]) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
      .map(([method, op]) => ({ method: method.toUpperCase(), path, op })),
  );
}

const fill = (path: string, unknown: boolean) =>
  path.replace(/\{(\w+)\}/g, (_, name: string) => (name === 'id' ? (unknown ? '999999' : '1') : unknown ? 'NOPE' : name === 'program' ? 'XX' : 'SUM_IND'));

function expectClientError(r: Reply, what: string): void {
  probes.tried += 1;
  try {
    checkClientError(r, what);
  } catch (e) {
    probes.failed += 1;
    throw e;
  }
}

function checkClientError(r: Reply, what: string): void {
  expect(r.status, `${what}: ${JSON.stringify(r.body)}`).toBeGreaterThanOrEqual(400);
  expect(r.status, `${what}: ${JSON.stringify(r.body)}`).toBeLessThan(500);
  expect(r.body, what).toMatchObject({ error: expect.any(String), message: expect.any(String) });
  expect(JSON.stringify(r.body), what).not.toMatch(/\n\s+at |node_modules|\.ts:\d+/);
}

describe('bad input on every route', () => {
  it('the document lists the routes', () => {
    expect(operations().length).toBeGreaterThan(20);
  });

  it('unknown ids and codes in the path: 4xx', async () => {
    for (const { method, path, op } of operations()) {
      if (!path.includes('{')) continue;
      const body = op.requestBody ? {} : undefined;
      expectClientError(await admin.request(method, fill(path, true), body), `${method} ${path}`);
    }
  });

  it('malformed JSON, wrong types, an empty object, an oversized body: 4xx', async () => {
    for (const { method, path, op } of operations()) {
      const schema = op.requestBody?.content['application/json']?.schema;
      if (!schema) continue;
      const url = fill(path, false);
      const what = `${method} ${path}`;
      expectClientError(await admin.request(method, url, '{"truncated": '), `${what} malformed`);
      expectClientError(await admin.request(method, url, '[1, 2, 3]'), `${what} array`);
      const props = resolve(schema).properties ?? {};
      expectClientError(await admin.request(method, url, Object.fromEntries(Object.entries(props).map(([k, s]) => [k, wrong(s)]))), `${what} wrong types`);
      if (Object.keys(props).length) expectClientError(await admin.request(method, url, {}), `${what} empty`);
      expectClientError(await admin.request(method, url, JSON.stringify({ padding: 'x'.repeat(MAX_BODY * 2) })), `${what} oversized`);
      expectClientError(await admin.request(method, url, 'a=1', { 'content-type': 'application/x-www-form-urlencoded' }), `${what} wrong content type`);
    }
  });

  it('query parameters of the wrong type: 4xx', async () => {
    for (const { method, path, op } of operations()) {
      const query = (op.parameters ?? []).filter((p) => p.in === 'query');
      const numeric = query.filter((p) => ['integer', 'number'].includes(String(resolve(p.schema ?? {}).type)));
      const enums = query.filter((p) => (p.schema as { enum?: unknown[] } | undefined)?.enum);
      if (!numeric.length && !enums.length) continue;
      const qs = [...numeric.map((p) => `${p.name}=abc`), ...enums.map((p) => `${p.name}=bogus`)].join('&');
      expectClientError(await admin.request(method, `${fill(path, false)}?${qs}`), `${method} ${path}?${qs}`);
    }
  });

  it('the same bad requests signed out are refused cleanly too', async () => {
    const anon = new TestClient(app);
    for (const { method, path, op } of operations()) {
      if (!path.includes('{') && !op.requestBody) continue;
      const r = await anon.request(method, fill(path, true), op.requestBody ? '{"x":' : undefined);
      expectClientError(r, `public ${method} ${path}`);
    }
  });
});
