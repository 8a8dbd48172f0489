/**
 * Every read route of the OpenAPI document, read by every role, against what the policy says
 * the role may see (issue 12, problem 2: analysts read other organisations' unapproved values
 * through `GET /api/submissions/{id}/values` while the values list gave them nothing).
 *
 * The routes are not listed here: every GET route of the document is read with its parameters
 * filled from the planted data (planted-data.ts); a route with a path or required query parameter
 * this file does not know fails the test until it is classified in `FILL`. In every answer, each
 * planted value (found by its number, alone or summed), record (by its ref) and restricted field
 * (by its case reference) must be one `dataScope` lets the reader see; the routes whose schema
 * lists values, records or submissions must list exactly those the reader may see.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../helpers/test-db.js';
import { TestClient, type Reply } from '../helpers/http-client.js';
import { createAccessFixture, PASSWORD, USERS } from '../helpers/access-fixture.js';
import { createApp, type App } from '../../src/server/app.js';
import type { Actor } from '../../src/modules/access/actor.js';
import { dataScope } from '../../src/modules/access/policy.js';
import {
  numbersIn,
  plantData,
  READERS,
  readerActors,
  recordBitsOf,
  seesRecord,
  seesSubmission,
  seesValue,
  valueBitsOf,
  type Planted,
  type PlantedSubmission,
  type Reader,
} from '../helpers/planted-data.js';

interface Schema {
  $ref?: string;
  type?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
}
interface Operation {
  parameters?: Array<{ name: string; in: string; required?: boolean }>;
  responses?: Record<string, { content?: Record<string, { schema?: Schema }> }>;
}
interface Doc {
  paths: Record<string, Record<string, Operation>>;
}

let t: TestDb;
let app: App;
let planted: Planted;
let actors: Record<Reader, Actor>;
let doc: Doc;
let reportCodes: string[] = [];
const clients = {} as Record<Reader, TestClient>;

beforeAll(async () => {
  t = await createTestDb();
  const { orgIds } = await createAccessFixture(t.db);
  planted = await plantData(t.db, orgIds);
  actors = await readerActors(t.db);
  app = createApp({ db: t.db, engine: t.engine });
  for (const who of READERS) {
    clients[who] = new TestClient(app);
    if (who !== 'public') await clients[who].signIn(USERS[who], PASSWORD);
  }
  doc = (await clients.admin.get('/api/openapi.json')).body as Doc;
  reportCodes = ((await clients.admin.get('/api/programs/XX/reports')).body as { reports: Array<{ code: string }> }).reports.map((r) => r.code);
}, 120_000);
afterAll(() => t.destroy());

const INDICATORS = ['SUM_IND', 'LATEST_IND', 'SECRET_IND', 'SEIZ_REC_COCAINE_KG'];

/**
 * How to fill each parameter a read route may need: the values to try. A parameter missing
 * here fails the test (classify it: which planted objects does it address?).
 */
const FILL: Record<string, (path: string) => string[]> = {
  program: () => ['XX'],
  id: (path) => {
    if (path.startsWith('/api/submissions/')) return planted.submissions.map((s) => String(s.id));
    if (path.includes('/records/')) return planted.records.map((r) => String(r.id));
    // import jobs belong to their user; none is planted, so the route must answer as for a missing one
    if (path.startsWith('/api/jobs/')) return ['00000000-0000-4000-8000-000000000000'];
    // No DQA is planted: the route must answer as for a missing one (who reads real ones: dqa.routes.test.ts).
    if (path.includes('/dqa/')) return ['999999'];
    // No warning is planted: its thread must answer as for a missing one (who reads real ones: flag-discussion.routes.test.ts).
    if (path.startsWith('/api/value-flags/')) return ['999999'];
    throw new Error(`classify the id of ${path}`);
  },
  format: () => ['csv'],
  kind: () => ['csv'],
  report: () => reportCodes,
  indicator: () => INDICATORS,
  period: () => ['2013'],
  from: () => ['2012'],
  to: () => ['2013'],
  level: () => ['2'],
  // Organisations are program metadata; a partner reads only its own one's reported indicators.
  organisation: () => ['ORG_A', 'ORG_B'],
  // The program's fiscal years start in October (mini-program.ts).
  fy: () => ['2012Oct', '2013Oct'],
};
/** Optional query variants worth reading besides the bare route. */
const OPTIONAL: Record<string, string[]> = { type: ['seizure'], indicator: INDICATORS, format: ['markdown'], period: ['2013'] };

function readRoutes(): Array<{ path: string; op: Operation }> {
  return Object.entries(doc.paths).flatMap(([path, ops]) => (ops.get ? [{ path, op: ops.get }] : []));
}

/** The URLs a read route is probed with. */
function urlsOf(path: string, op: Operation): string[] {
  let urls = [path];
  for (const name of [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!)) {
    const fill = FILL[name];
    if (!fill) throw new Error(`classify the path parameter {${name}} of ${path}`);
    urls = urls.flatMap((u) => fill(path).map((v) => u.replace(`{${name}}`, encodeURIComponent(v))));
  }
  const query = (op.parameters ?? []).filter((p) => p.in === 'query');
  let queries = [''];
  for (const p of query.filter((q) => q.required)) {
    const fill = FILL[p.name];
    if (!fill) throw new Error(`classify the required query parameter ${p.name} of ${path}`);
    queries = queries.flatMap((q) => fill(path).map((v) => `${q}&${p.name}=${encodeURIComponent(v)}`));
  }
  const optional = query.filter((q) => !q.required && OPTIONAL[q.name]);
  const variants = [...queries];
  for (const p of optional) for (const q of queries) for (const v of OPTIONAL[p.name]!) variants.push(`${q}&${p.name}=${encodeURIComponent(v)}`);
  return urls.flatMap((u) => [...new Set(variants)].map((q) => (q ? `${u}?${q.slice(1)}` : u)));
}

const resolveRef = (s: Schema | undefined): string => (s?.$ref ? (s.$ref.split('/').pop() ?? '') : '');
const jsonSchemaOf = (op: Operation): Schema | undefined => op.responses?.['200']?.content?.['application/json']?.schema;
const textOf = (r: Reply): string => (typeof r.body === 'string' ? r.body : JSON.stringify(r.body ?? ''));

/** The submission a route addresses by id, if any. */
function submissionOf(url: string): PlantedSubmission | undefined {
  const m = /^\/api\/submissions\/(\d+)/.exec(url);
  return m ? planted.submissions.find((s) => s.id === Number(m[1])) : undefined;
}

/** A submission is shown as the data it covers; a partner's list is further narrowed to its own. */
const showsSubmission = (a: Actor, s: PlantedSubmission) => seesSubmission(a, s) && (a.role !== 'partner' || s.organisationId === a.organisationId);

describe('one read scope on every read route', () => {
  it('the policy says what the issue says', () => {
    const partnerA = actors.partnerA;
    const own = planted.values.filter((v) => v.organisationId === partnerA.organisationId && v.indicator === 'SUM_IND');
    expect(
      own
        .filter((v) => seesValue(partnerA, v))
        .map((v) => v.status)
        .sort(),
    ).toEqual(['approved', 'draft', 'returned', 'submitted']);
    for (const who of READERS) {
      const a = actors[who];
      const others = planted.values.filter((v) => v.status !== 'approved' && v.organisationId !== a.organisationId);
      const staff = a.role === 'officer' || a.role === 'admin';
      expect(
        others.some((v) => seesValue(a, v)),
        who,
      ).toBe(staff && others.some((v) => v.sensitivity !== 'restricted' || a.clearance === 'restricted'));
    }
    expect(planted.values.filter((v) => seesValue(actors.public, v)).every((v) => v.status === 'approved' && v.sensitivity === 'public')).toBe(true);
    expect(dataScope(actors.public).maxSensitivity).toBe('public');
  });

  it('every read route answers each role within its scope', async () => {
    const problems: string[] = [];
    const dataRoutes = new Set<string>();
    const routes = readRoutes();
    expect(routes.length).toBeGreaterThan(20);
    for (const { path, op } of routes) {
      const schema = jsonSchemaOf(op);
      const listed = schema?.properties;
      for (const url of urlsOf(path, op)) {
        for (const who of READERS) {
          const a = actors[who];
          const r = await clients[who].get(url);
          const where = `${who} GET ${url}`;
          if (r.status >= 500) problems.push(`${where}: ${r.status}`);
          if (r.status < 200 || r.status >= 300) {
            // a submission the reader may see must not be refused
            const s = submissionOf(url);
            if (s && showsSubmission(a, s) && r.status === 404) problems.push(`${where}: 404 for a submission it may see`);
            continue;
          }
          const text = textOf(r);
          const valueBits = new Set(numbersIn(text).flatMap((n) => valueBitsOf(n, planted.values)));
          const recordBits = url.includes('SEIZ_REC') ? new Set(numbersIn(text).flatMap((n) => recordBitsOf(n, planted.records))) : new Set<number>();
          const refs = new Set(text.match(/RSREF-[A-Za-z]+-[a-z]+/g) ?? []);
          const cases = new Set(text.match(/RSCASE-[A-Za-z]+-[a-z]+/g) ?? []);
          if (valueBits.size || refs.size || recordBits.size) dataRoutes.add(path);
          for (const v of planted.values)
            if (valueBits.has(v.bit) && !seesValue(a, v)) problems.push(`${where}: shows the ${v.status} ${v.indicator} value of ${v.org}`);
          for (const rec of planted.records) {
            if ((refs.has(rec.ref) || recordBits.has(rec.bit)) && !seesRecord(a, rec)) problems.push(`${where}: shows the ${rec.status} record of ${rec.org}`);
            if (cases.has(rec.caseReference) && (!seesRecord(a, rec) || a.clearance !== 'restricted' || a.role === 'public'))
              problems.push(`${where}: shows the restricted case reference of ${rec.org}'s ${rec.status} record`);
          }
          const s = submissionOf(url);
          if (s && !showsSubmission(a, s)) problems.push(`${where}: shows the ${s.status} submission of ${s.org}`);

          // Routes whose schema lists values, records or submissions list exactly what the reader may see.
          if (resolveRef(listed?.values?.items) === 'Value' && !url.includes('?')) {
            const expected = planted.values
              .filter((v) => seesValue(a, v) && (!s || (v.organisationId === s.organisationId && v.start >= s.start && v.end <= s.end)))
              .map((v) => v.bit);
            const got = [...valueBits];
            if (JSON.stringify(got.sort((x, y) => x - y)) !== JSON.stringify(expected.sort((x, y) => x - y))) {
              problems.push(`${where}: lists values ${JSON.stringify(got)}, the policy says ${JSON.stringify(expected)}`);
            }
          }
          if (resolveRef(listed?.items?.items) === 'Record' && !url.includes('?')) {
            const expected = planted.records
              .filter((rec) => seesRecord(a, rec))
              .map((rec) => rec.ref)
              .sort();
            const got = [...refs].sort();
            if (JSON.stringify(got) !== JSON.stringify(expected))
              problems.push(`${where}: lists records ${JSON.stringify(got)}, the policy says ${JSON.stringify(expected)}`);
          }
          if (resolveRef(listed?.submissions?.items) === 'SubmissionSummary' && !url.includes('?')) {
            const ids = new Set(((r.body as { submissions: Array<{ id: number }> }).submissions ?? []).map((x) => x.id));
            for (const ps of planted.submissions) {
              if (ids.has(ps.id) !== showsSubmission(a, ps))
                problems.push(`${where}: ${ids.has(ps.id) ? 'lists' : 'leaves out'} the ${ps.status} submission of ${ps.org}`);
            }
          }
        }
        // what a reader may see is there: every planted record by id, for those who may see it
        const m = /\/records\/(\d+)$/.exec(url);
        if (m) {
          const rec = planted.records.find((x) => x.id === Number(m[1]))!;
          for (const who of READERS) {
            const seen = (await clients[who].get(url)).status === 200;
            if (seen !== seesRecord(actors[who], rec))
              problems.push(`${who} GET ${url}: ${seen ? 'sees' : 'does not see'} the ${rec.status} record of ${rec.org}`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
    // The routes that carry values or records were found by reading them, not from a list.
    for (const p of [
      '/api/programs/{program}/values',
      '/api/submissions/{id}/values',
      '/api/programs/{program}/records',
      '/api/programs/{program}/exports/{format}',
      '/api/analytics',
    ]) {
      expect([...dataRoutes], p).toContain(p);
    }
  }, 600_000);
});
