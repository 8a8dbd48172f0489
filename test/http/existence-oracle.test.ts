/**
 * Hidden things answer exactly as missing things (issue 12, problem 4: the batch endpoint's 409
 * said "now at version 1" for another partner's draft and for a restricted indicator, "version 0"
 * when nothing was there).
 *
 * Every operation of the OpenAPI document that addresses an object — by a path parameter, by
 * the value key of a write body, or by an indicator code in the query — is sent twice by the
 * same reader: once at a hidden object (another organisation's draft value, record or submission,
 * another user's token or import job, a restricted indicator for an official-clearance user) and
 * once at a missing one. The two answers must be byte for byte the same, status and body, once
 * the id or code itself is replaced where it is echoed. A path parameter this file does not know
 * fails the test until it is classified in `ADDRESSED`.
 *
 * One thing cannot answer as missing and is left out: creating (no version, or version 0) a value
 * or a record ref where another organisation holds an unapproved one — the key is one per cell
 * (ref), so such a write is refused where on a free key it would succeed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../helpers/test-db.js';
import { TestClient, type Reply } from '../helpers/http-client.js';
import { createAccessFixture, PASSWORD, USERS } from '../helpers/access-fixture.js';
import { createApp, type App } from '../../src/server/app.js';
import { createUser } from '../../src/modules/accounts/users.service.js';
import { plantData, type Planted } from '../helpers/planted-data.js';
import { DQA_STANDARDS } from '../../src/core/dqa.js';

interface Operation {
  parameters?: Array<{ name: string; in: string }>;
  requestBody?: { content: Record<string, { schema?: { $ref?: string } }> };
}
interface Doc {
  paths: Record<string, Record<string, Operation>>;
}

const OFFICIAL_OFFICER = 'officer.official@example.org';
type Who = 'partnerA' | 'partnerB' | 'analyst' | 'officialOfficer';

let t: TestDb;
let app: App;
let planted: Planted;
let doc: Doc;
let jobOfA = '';
let tokenOfA = 0;
/** A DQA of the restricted indicator, and its one action: hidden from a reader not cleared for it. */
let secretDqa = { id: 0, action: 0 };
/** A warning on a value of the restricted indicator: hidden from an officer not cleared for it. */
let secretFlag = 0;
const clients = {} as Record<Who, TestClient>;

beforeAll(async () => {
  t = await createTestDb();
  const { orgIds } = await createAccessFixture(t.db);
  await createUser(t.db, { email: OFFICIAL_OFFICER, name: 'Officer (official)', role: 'officer', clearance: 'official', password: PASSWORD }, null);
  planted = await plantData(t.db, orgIds);
  app = createApp({ db: t.db, engine: t.engine });
  for (const [who, email] of [
    ['partnerA', USERS.partnerA],
    ['partnerB', USERS.partnerB],
    ['analyst', USERS.analyst],
    ['officialOfficer', OFFICIAL_OFFICER],
  ] as const) {
    clients[who] = new TestClient(app);
    await clients[who].signIn(email, PASSWORD);
  }
  doc = (await clients.partnerA.get('/api/openapi.json')).body as Doc;
  const admin = new TestClient(app);
  await admin.signIn(USERS.admin, PASSWORD);
  const dqa = await admin.post('/api/programs/XX/dqa', {
    indicator: 'SECRET_IND',
    date: '2013-05-20',
    assessor_name: 'M&E team',
    standards: Object.fromEntries(DQA_STANDARDS.map((s) => [s, { rating: 'met' }])),
    actions: [{ text: 'Check the source', owner_name: 'Data officer', due_date: '2013-09-30' }],
  });
  const made = dqa.body as { id: number; actions: Array<{ id: number }> };
  secretDqa = { id: made.id, action: made.actions[0]!.id };
  expect(dqa.status).toBe(201);
  const secretValue = await t.db
    .selectFrom('data_value as v')
    .innerJoin('indicator as i', 'i.id', 'v.indicator_id')
    .select('v.id')
    .where('i.code', '=', 'SECRET_IND')
    .executeTakeFirstOrThrow();
  const flag = await t.db
    .insertInto('value_flag')
    .values({ value_id: secretValue.id, rule_code: 'PROBE', kind: 'range', value: 1, expected: '0', message: 'probe', created_at: new Date().toISOString() })
    .returning('id')
    .executeTakeFirstOrThrow();
  secretFlag = flag.id;
  const job = await clients.partnerA.request('POST', '/api/programs/XX/imports/csv?dryRun=true', 'indicator,place,period,value\nSUM_IND,R1D1,2011,1\n', {
    'content-type': 'text/csv',
  });
  jobOfA = (job.body as { id: string }).id;
  const token = await clients.partnerA.post('/api/tokens', { name: 'mine' });
  tokenOfA = (token.body as { info: { id: number } }).info.id;
  expect([job.status < 500, token.status, typeof jobOfA]).toEqual([true, 201, 'string']);
}, 120_000);
afterAll(() => t.destroy());

/** One comparison: the same request at a hidden and at a missing object, by one reader. */
interface Pair {
  who: Who;
  what: string;
  hidden: string;
  missing: string;
  /** The request with the object filled in. */
  request: (key: string) => { path: string; body?: unknown; headers?: Record<string, string> };
}

const MISSING_ID = '999999';
const MISSING_JOB = '00000000-0000-4000-8000-000000000000';
const draftOfA = () => planted.records.find((r) => r.org === 'ORG_A' && r.status === 'draft')!;
const submittedOfA = () => planted.submissions.find((s) => s.org === 'ORG_A' && s.status === 'submitted')!;
const draftValueOfA = () => planted.values.find((v) => v.org === 'ORG_A' && v.status === 'draft' && v.indicator === 'SUM_IND')!;

/**
 * What each path parameter addresses, and which objects are hidden from whom; `null` for
 * parameters that address nothing hidden from anyone who may use the route (with why).
 */
const ADDRESSED: Record<string, (path: string) => Array<Omit<Pair, 'request'>> | null> = {
  id: (path) => {
    if (path.includes('/records/'))
      return [
        { who: 'partnerB', what: "partner A's draft record", hidden: String(draftOfA().id), missing: MISSING_ID },
        { who: 'analyst', what: "partner A's draft record", hidden: String(draftOfA().id), missing: MISSING_ID },
      ];
    if (path.startsWith('/api/submissions/'))
      return [
        { who: 'partnerB', what: "ORG_A's submission", hidden: String(submittedOfA().id), missing: MISSING_ID },
        { who: 'analyst', what: "ORG_A's unapproved submission", hidden: String(submittedOfA().id), missing: MISSING_ID },
      ];
    if (path.startsWith('/api/jobs/')) return [{ who: 'partnerB', what: "partner A's import job", hidden: jobOfA, missing: MISSING_JOB }];
    if (path.startsWith('/api/tokens/')) return [{ who: 'partnerB', what: "partner A's token", hidden: String(tokenOfA), missing: MISSING_ID }];
    if (path.startsWith('/api/users/')) return [{ who: 'partnerB', what: "partner A's account", hidden: '1', missing: MISSING_ID }];
    if (path.includes('/dqa/')) return [{ who: 'officialOfficer', what: 'a DQA of a restricted indicator', hidden: String(secretDqa.id), missing: MISSING_ID }];
    if (path.startsWith('/api/value-flags/'))
      return [{ who: 'officialOfficer', what: 'a warning on a value of a restricted indicator', hidden: String(secretFlag), missing: MISSING_ID }];
    // Clearance grants are read and decided by administrators only, and each sees every grant.
    if (path.startsWith('/api/clearance-grants/')) return null;
    throw new Error(`classify the {id} of ${path}`);
  },
  indicator: () => [{ who: 'officialOfficer', what: 'a restricted indicator', hidden: 'SECRET_IND', missing: 'NOPE_IND' }],
  // Program metadata is public: programs, places, zones, organisations, reports, formats.
  program: () => null,
  code: () => null,
  // Organisations are program metadata too; a partner asking what another one reported is refused (403), not hidden.
  organisation: () => null,
  report: () => null,
  format: () => null,
  kind: () => null,
  // An action is reached through its DQA, which the {id} pairs probe; its own id is only looked up within that DQA.
  action: () => null,
  // A fiscal year of the tracking table names a period, not an object anyone is kept from.
  fy: () => null,
  // Validation rules are program metadata: whoever may read program data lists them all.
  rule: () => null,
  // A program's design (goals, components, sources, dimensions, options) is program metadata
  // like its places; its indicators go by {indicator}, probed above.
  node: () => null,
  source: () => null,
  dimension: () => null,
  option: () => null,
};

/** Bodies good enough to reach the object (a stale or any version: what a probe would send). */
function bodyFor(method: string, path: string): unknown {
  if (path.includes('/records/')) return method === 'PATCH' ? { version: 1, note: 'probe' } : { version: 1 };
  if (path.startsWith('/api/submissions/') && path.endsWith('/comments')) return { body: 'probe' };
  if (path.startsWith('/api/submissions/')) return { version: 1, comment: 'probe' };
  if (path.startsWith('/api/users/')) return method === 'PATCH' ? { name: 'Probe' } : {};
  if (path.includes('/targets')) return { place: 'XX', period: '2013', kind: 'target', value: 1 };
  if (path.includes('/explanations/')) return { text: 'probe' };
  if (path.includes('/actions/')) return { status: 'done' };
  if (path.includes('/actions')) return { text: 'probe', owner_name: 'Probe', due_date: '2013-10-01' };
  if (path.includes('/dqa/')) return { limitations: 'probe' };
  if (path.startsWith('/api/value-flags/') && path.endsWith('/comments')) return { body: 'probe' };
  if (path.startsWith('/api/value-flags/')) return { comment: 'probe' };
  return undefined;
}

/** Every comparison the document's operations call for. */
function pairs(): Pair[] {
  const out: Pair[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const M = method.toUpperCase();
      for (const name of [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!)) {
        const classify = ADDRESSED[name];
        if (!classify) throw new Error(`classify the path parameter {${name}} of ${M} ${path}`);
        for (const p of classify(path) ?? []) {
          const body = bodyFor(M, path);
          out.push({
            ...p,
            what: `${M} ${path}: ${p.what}`,
            request: (key) => ({
              // The program's fiscal years start in October (mini-program.ts).
              path: path.replace(`{${name}}`, key).replace('{program}', 'XX').replace('{fy}', '2012Oct').replace('{action}', String(secretDqa.action)),
              ...(op.requestBody ? { body: body ?? {} } : {}),
            }),
          });
        }
      }
      // Value keys in write bodies: another organisation's draft, and a restricted indicator.
      const ref = op.requestBody?.content['application/json']?.schema?.$ref?.split('/').pop();
      if (ref === 'ValueWrite' || ref === 'ValueKey' || ref === 'ValueBatch') {
        const url = path.replace('{program}', 'XX');
        const v = draftValueOfA();
        const key = (indicator: string, period: string) => ({ indicator, place: v.place, period, ...(indicator === 'SUM_IND' ? { source: 'A' } : {}) });
        const bodies = (k: Record<string, unknown>): unknown[] =>
          ref === 'ValueWrite'
            ? [{ ...k, value: 5, version: 1 }]
            : ref === 'ValueKey'
              ? [
                  { ...k, version: 1 },
                  { ...k, version: 0 },
                ]
              : [{ values: [{ ...k, value: 5, version: 1 }] }, { delete: [{ ...k, version: 1 }] }, { delete: [{ ...k, version: 0 }] }];
        for (const [i] of bodies({}).entries()) {
          out.push({
            who: 'partnerB',
            what: `${M} ${path} #${i}: partner A's draft value`,
            hidden: v.period,
            missing: '2019Q3',
            request: (p) => ({ path: url, body: bodies(key('SUM_IND', p))[i] }),
          });
          out.push({
            who: 'partnerB',
            what: `${M} ${path} #${i}: a restricted indicator`,
            hidden: 'SECRET_IND',
            missing: 'NOPE_IND',
            request: (c) => ({ path: url, body: bodies(key(c, '2013Q1'))[i] }),
          });
        }
      }
      // Indicator codes in the query (analytics, compare, exports, templates).
      for (const q of (op.parameters ?? []).filter((p) => p.in === 'query' && (p.name === 'indicator' || p.name === 'indicators'))) {
        const url = path.replace('{program}', 'XX').replace('{format}', 'csv').replace('{kind}', 'csv');
        const extra = path === '/api/compare' ? '&from=2012&to=2013' : '';
        for (const who of ['analyst', 'officialOfficer'] as const) {
          out.push({
            who,
            what: `${M} ${path}?${q.name}: a restricted indicator`,
            hidden: 'SECRET_IND',
            missing: 'NOPE_IND',
            request: (c) => ({ path: `${url}?program=XX&${q.name}=${c}${extra}` }),
          });
        }
      }
      // Imports address values and indicators by the rows of the file.
      if (path.includes('/imports/{format}')) {
        for (const who of ['partnerB'] as const) {
          out.push({
            who,
            what: `${M} ${path}: a restricted indicator in a row`,
            hidden: 'SECRET_IND',
            missing: 'NOPE_IND',
            request: (c) => ({
              path: '/api/programs/XX/imports/csv',
              body: `indicator,place,period,disagg,source,value,provenance,note,status,organisation\n${c},R1D1,2013Q1,,,1,sourced,,,\n`,
              headers: { 'content-type': 'text/csv' },
            }),
          });
        }
      }
      void op;
    }
  }
  return out;
}

/** The answer with the object's own id or code (and what every answer varies in: job ids, times) replaced. */
function normalised(r: Reply, key: string): string {
  const text = typeof r.body === 'string' ? r.body : JSON.stringify(r.body ?? null);
  return `${r.status} ${text.split(key).join('<KEY>')}`
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<JOB>')
    .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z/g, '<TIME>');
}

describe('hidden answers as missing', () => {
  it('every operation that addresses an object answers the same for a hidden and a missing one', async () => {
    const list = pairs();
    expect(list.length).toBeGreaterThan(20);
    const differ: string[] = [];
    for (const p of list) {
      const send = async (key: string) => {
        const req = p.request(key);
        const method = p.what.split(' ')[0]!;
        return clients[p.who].request(method, req.path, req.body, req.headers ?? {});
      };
      const hidden = normalised(await send(p.hidden), p.hidden);
      const missing = normalised(await send(p.missing), p.missing);
      if (hidden.startsWith('5') || missing.startsWith('5')) differ.push(`${p.who} ${p.what}: a server error (${hidden} / ${missing})`);
      if (hidden !== missing) differ.push(`${p.who} ${p.what}:\n  hidden:  ${hidden}\n  missing: ${missing}`);
    }
    expect(differ).toEqual([]);
  }, 600_000);
});
