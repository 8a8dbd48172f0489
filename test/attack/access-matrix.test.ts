/**
 * The access matrix of the standing attack suite: every operation of the OpenAPI document ×
 * every reader (signed out, analyst, analyst cleared for restricted data, partners of two
 * organisations, officers cleared for official and restricted data, administrator) × planted
 * objects of another organisation, of a second program and of a higher clearance
 * (planted-data.ts). Each answer must be one the policy allows: never a 5xx; a 2xx only with the
 * permission the route declares (`x-permission`), only when the object written is one the
 * reader may change (`mayEditData`, clearance), and never with a planted value, record or
 * restricted field the reader may not see (`dataScope`). Reads run first, then writes, each
 * write judged against the object as it is just before it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../helpers/test-db.js';
import { TestClient, type Reply } from '../helpers/http-client.js';
import { createAccessFixture, PASSWORD, USERS } from '../helpers/access-fixture.js';
import { createApp, type App } from '../../src/server/app.js';
import { actorOf, PUBLIC_ACTOR, type Actor } from '../../src/modules/access/actor.js';
import { can, mayEditData, type Permission } from '../../src/modules/access/policy.js';
import { withinClearance } from '../../src/core/sensitivity.js';
import { createUser } from '../../src/modules/accounts/users.service.js';
import {
  numbersIn,
  plantData,
  plantSecondProgram,
  recordBitsOf,
  seesRecord,
  seesValue,
  valueBitsOf,
  type PlantedRecord,
  type PlantedValue,
} from '../helpers/planted-data.js';
import { tallyProbes } from './probe-tally.js';

interface Operation {
  'x-permission'?: Permission;
  parameters?: Array<{ name: string; in: string; required?: boolean }>;
  requestBody?: { content: Record<string, { schema?: { $ref?: string } }> };
}
interface Doc {
  paths: Record<string, Record<string, Operation>>;
}

const OFFICIAL_OFFICER = 'officer.official@example.org';
const SPARE = 'spare@example.org';
const EMAILS = {
  analyst: USERS.analyst,
  cleared: USERS.cleared,
  partnerA: USERS.partnerA,
  partnerB: USERS.partnerB,
  officialOfficer: OFFICIAL_OFFICER,
  officer: USERS.officer,
  admin: USERS.admin,
} as const;
type Who = 'public' | keyof typeof EMAILS;
const WHO: readonly Who[] = ['public', ...(Object.keys(EMAILS) as Array<keyof typeof EMAILS>)];

let t: TestDb;
let app: App;
let doc: Doc;
let values: PlantedValue[] = [];
let records: PlantedRecord[] = [];
let xxRecords: PlantedRecord[] = [];
let submissionIds: number[] = [];
let spareId = 0;
let reportCodes: string[] = [];
const actors = {} as Record<Who, Actor>;
const clients = {} as Record<Who, TestClient>;
const probes = { tried: 0, failed: 0 };

beforeAll(async () => {
  t = await createTestDb();
  const { orgIds } = await createAccessFixture(t.db);
  await createUser(t.db, { email: OFFICIAL_OFFICER, name: 'Officer (official)', role: 'officer', clearance: 'official', password: PASSWORD }, null);
  spareId = (await createUser(t.db, { email: SPARE, name: 'Spare', role: 'analyst', password: PASSWORD }, null)).user.id;
  const a = await plantData(t.db, orgIds);
  const b = await plantSecondProgram(t.db, a);
  values = [...a.values, ...b.values];
  records = [...a.records, ...b.records];
  xxRecords = a.records;
  submissionIds = a.submissions.map((s) => s.id);
  app = createApp({ db: t.db, engine: t.engine });
  actors.public = PUBLIC_ACTOR;
  clients.public = new TestClient(app);
  for (const [who, email] of Object.entries(EMAILS) as Array<[keyof typeof EMAILS, string]>) {
    clients[who] = new TestClient(app);
    await clients[who].signIn(email, PASSWORD);
    const u = await t.db.selectFrom('app_user').select(['id', 'role', 'organisation_id', 'clearance']).where('email', '=', email).executeTakeFirstOrThrow();
    actors[who] = actorOf({ id: u.id, role: u.role, organisation_id: u.organisation_id, clearance: u.clearance } as Parameters<typeof actorOf>[0]);
  }
  doc = (await clients.admin.get('/api/openapi.json')).body as Doc;
  reportCodes = ((await clients.admin.get('/api/programs/XX/reports')).body as { reports: Array<{ code: string }> }).reports.map((r) => r.code);
}, 180_000);
afterAll(async () => {
  tallyProbes('access matrix', probes.tried, probes.failed);
  await t?.destroy();
});

/** A request of the matrix, with the planted object it aims at (if any). */
interface Probe {
  method: string;
  path: string;
  permission: Permission;
  url: string;
  body?: unknown;
  headers?: Record<string, string>;
  target?: { kind: 'value'; value: PlantedValue } | { kind: 'record'; record: PlantedRecord };
}

const INDICATORS = ['SUM_IND', 'LATEST_IND', 'SECRET_IND', 'SEIZ_REC_COCAINE_KG'];
const programOf = (r: PlantedRecord | PlantedValue) => (r.org === ('YORG' as string) ? 'YY' : 'XX');

/** The requests for one operation; a parameter this file does not know fails the test. */
function probesOf(method: string, path: string, op: Operation): Probe[] {
  const permission = op['x-permission'];
  if (!permission) throw new Error(`${method} ${path} declares no permission`);
  const base = { method, path, permission };
  const body = op.requestBody ? {} : undefined;
  const fill = (url: string, name: string, v: string) => url.replaceAll(`{${name}}`, encodeURIComponent(v));
  const names = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  // Records and values by their planted objects (both programs).
  if (path.includes('/records/{id}')) {
    return records.map((r) => ({
      ...base,
      url: fill(fill(path, 'program', programOf(r)), 'id', String(r.id)),
      target: { kind: 'record', record: r },
      ...(method === 'GET' ? {} : { body: method === 'PATCH' ? { version: 0, note: 'probe' } : { version: 0 } }),
    }));
  }
  if (path === '/api/programs/{program}/values' && method !== 'GET') {
    return values.map((v) => ({
      ...base,
      url: fill(path, 'program', programOf(v)),
      target: { kind: 'value', value: v },
      body: {
        indicator: v.indicator,
        place: v.place,
        period: v.period,
        ...(v.indicator === 'SUM_IND' ? { source: 'A' } : {}),
        ...(method === 'PUT' ? { value: 1 } : {}),
        version: 0,
      },
    }));
  }
  if (path === '/api/programs/{program}/values/batch') {
    return values.flatMap((v) => {
      const key = { indicator: v.indicator, place: v.place, period: v.period, ...(v.indicator === 'SUM_IND' ? { source: 'A' } : {}) };
      const url = fill(path, 'program', programOf(v));
      return [
        { ...base, url, target: { kind: 'value' as const, value: v }, body: { values: [{ ...key, value: 1 }] } },
        { ...base, url, target: { kind: 'value' as const, value: v }, body: { delete: [{ ...key, version: 0 }] } },
      ];
    });
  }
  let urls = [path];
  for (const name of names) {
    const options: Record<string, () => string[]> = {
      program: () => ['XX', 'YY'],
      id: () => {
        if (path.startsWith('/api/submissions/')) return submissionIds.map(String);
        if (path.startsWith('/api/jobs/')) return ['00000000-0000-4000-8000-000000000000'];
        if (path.startsWith('/api/tokens/')) return ['999999'];
        // Clearance grants: administrators only (the permission check is what is probed here).
        if (path.startsWith('/api/clearance-grants/')) return ['999999'];
        if (path.startsWith('/api/users/')) return [String(spareId)];
        // Data quality assessments: one that is not there (what a reader may see of real ones: dqa.routes.test.ts).
        if (path.includes('/dqa/{id}')) return ['999999'];
        // Warnings on values: one that is not there (who may acknowledge real ones: quality-rules.routes.test.ts).
        if (path.startsWith('/api/value-flags/')) return ['999999'];
        throw new Error(`classify the {id} of ${method} ${path}`);
      },
      // places, zones, organisations: a code that is not there (administrators may change real ones)
      code: () => ['NOPE'],
      format: () => ['csv'],
      kind: () => ['csv'],
      report: () => reportCodes,
      indicator: () => INDICATORS,
      action: () => ['999999'],
      // Validation rules: one that is not there (officers manage real ones: quality-rules.routes.test.ts).
      rule: () => ['NOPE'],
      // A program's design: things that are not there (officers change real ones: design.routes.test.ts).
      node: () => ['NOPE'],
      source: () => ['NOPE'],
      dimension: () => ['NOPE'],
      option: () => ['NOPE'],
      // The program's fiscal years start in October (mini-program.ts).
      fy: () => ['2012Oct'],
      // An organisation of the program (what it reported: a partner asking of another is refused).
      organisation: () => ['ORG_A', 'ORG_B'],
    };
    const values_ = options[name];
    if (!values_) throw new Error(`classify the path parameter {${name}} of ${method} ${path}`);
    urls = urls.flatMap((u) => values_().map((v) => fill(u, name, v)));
  }
  const required = (op.parameters ?? []).filter((p) => p.in === 'query' && p.required).map((p) => p.name);
  const query: Record<string, string[]> = {
    program: ['XX', 'YY'],
    indicator: INDICATORS,
    from: ['2012'],
    to: ['2013'],
    period: ['2013'],
    level: ['2'],
    format: ['csv'],
  };
  let queries = [''];
  for (const q of required) {
    if (!query[q]) throw new Error(`classify the required query parameter ${q} of ${method} ${path}`);
    queries = queries.flatMap((s) => query[q]!.map((v) => `${s}&${q}=${v}`));
  }
  const optional = (op.parameters ?? []).filter((p) => p.in === 'query' && !p.required).map((p) => p.name);
  if (optional.includes('type')) queries = [...queries, ...queries.map((q) => `${q}&type=seizure`)];
  if (optional.includes('indicator') && !required.includes('indicator')) queries = [...queries, ...INDICATORS.map((i) => `&indicator=${i}`)];
  if (optional.includes('format')) queries = queries.map((q) => `${q}&format=markdown`);
  const out: Probe[] = [];
  for (const u of urls) {
    for (const q of queries) {
      if (path.includes('/imports/{format}')) {
        for (const v of values.filter((x) => u.includes(`/programs/${programOf(x)}/`))) {
          out.push({
            ...base,
            url: `${u}`,
            target: { kind: 'value', value: v },
            headers: { 'content-type': 'text/csv' },
            body: `indicator,place,period,disagg,source,value,provenance,note,status,organisation\n${v.indicator},${v.place},${v.period},,${v.indicator === 'SUM_IND' ? 'A' : ''},1,sourced,,,\n`,
          });
        }
        continue;
      }
      out.push({ ...base, url: q ? `${u}?${q.slice(1)}` : u, ...(body !== undefined ? { body } : {}) });
    }
  }
  return out;
}

/** What is wrong with an answer, by the policy; empty when nothing is. */
async function problemsOf(who: Who, p: Probe, r: Reply, before: { status: string; organisation_id: number | null } | undefined): Promise<string[]> {
  const a = actors[who];
  const out: string[] = [];
  if (r.status >= 500) out.push(`a ${r.status}`);
  if (r.status < 200 || r.status >= 300) return out;
  if (!can(a, p.permission)) out.push(`${r.status} without ${p.permission}`);
  if (p.method !== 'GET' && p.target) {
    const sensitivity = p.target.kind === 'value' ? p.target.value.sensitivity : 'public';
    const reply = r.body as { changed?: boolean; report?: { inserted: number; updated: number } | null; dryRun?: boolean } | undefined;
    const changed = p.url.includes('/imports/') ? (reply?.report?.inserted ?? 0) + (reply?.report?.updated ?? 0) > 0 : reply?.changed !== false;
    if (changed && before && !mayEditData(a, before.organisation_id, before.status))
      out.push(`${r.status}: changed a ${before.status} object of organisation ${before.organisation_id}`);
    if (!withinClearance(sensitivity, a.role === 'public' ? 'public' : a.clearance)) out.push(`${r.status}: wrote an indicator above its clearance`);
  }
  const text = typeof r.body === 'string' ? r.body : JSON.stringify(r.body ?? '');
  const numbers = numbersIn(text);
  const valueBits = new Set(numbers.flatMap((n) => valueBitsOf(n, values)));
  for (const v of values) if (valueBits.has(v.bit) && !seesValue(a, v)) out.push(`shows the ${v.status} ${v.indicator} value of ${v.org}`);
  const recordBits = p.url.includes('SEIZ_REC') && p.url.includes('XX') ? new Set(numbers.flatMap((n) => recordBitsOf(n, xxRecords))) : new Set<number>();
  for (const rec of records) {
    if ((text.includes(rec.ref) || recordBits.has(rec.bit)) && !seesRecord(a, rec)) out.push(`shows the ${rec.status} record of ${rec.org}`);
    if (text.includes(rec.caseReference) && (a.role === 'public' || a.clearance !== 'restricted' || !seesRecord(a, rec)))
      out.push(`shows the case reference of ${rec.org}'s ${rec.status} record`);
  }
  return out;
}

/** The planted object as it is now (status, organisation), for judging a write. */
async function currentOf(p: Probe): Promise<{ status: string; organisation_id: number | null } | undefined> {
  if (!p.target) return undefined;
  if (p.target.kind === 'record') {
    return t.db.selectFrom('record').select(['status', 'organisation_id']).where('id', '=', p.target.record.id).executeTakeFirst();
  }
  const v = p.target.value;
  return t.db
    .selectFrom('data_value as d')
    .innerJoin('indicator as i', 'i.id', 'd.indicator_id')
    .innerJoin('program as g', 'g.id', 'i.program_id')
    .innerJoin('place as pl', 'pl.id', 'd.place_id')
    .select(['d.status', 'd.organisation_id'])
    .where('g.code', '=', programOf(v))
    .where('i.code', '=', v.indicator)
    .where('pl.code', '=', v.place)
    .where('d.period', '=', v.period)
    .executeTakeFirst();
}

/** Sets a probe's version to the object's current one, so that a permitted write would go through. */
async function withCurrentVersion(p: Probe): Promise<Probe> {
  if (!p.target || p.body === undefined || typeof p.body !== 'object' || p.body === null) return p;
  let version = 0;
  if (p.target.kind === 'record') {
    version = (await t.db.selectFrom('record').select('version').where('id', '=', p.target.record.id).executeTakeFirst())?.version ?? 1;
  } else {
    const v = p.target.value;
    const row = await t.db
      .selectFrom('data_value as d')
      .innerJoin('indicator as i', 'i.id', 'd.indicator_id')
      .innerJoin('program as g', 'g.id', 'i.program_id')
      .innerJoin('place as pl', 'pl.id', 'd.place_id')
      .select('d.version')
      .where('g.code', '=', programOf(v))
      .where('i.code', '=', v.indicator)
      .where('pl.code', '=', v.place)
      .where('d.period', '=', v.period)
      .executeTakeFirst();
    version = row?.version ?? 0;
  }
  const body = p.body as Record<string, unknown>;
  if ('delete' in body) return { ...p, body: { delete: (body.delete as Array<Record<string, unknown>>).map((d) => ({ ...d, version })) } };
  if ('values' in body) return p;
  return { ...p, body: { ...body, version } };
}

describe('access matrix', () => {
  it('every operation × every role × planted objects of another organisation, program and clearance', async () => {
    const all: Probe[] = [];
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) all.push(...probesOf(method.toUpperCase(), path, op));
    }
    // Reads first, then writes; signing out last (it ends the session it is sent with).
    const order = (p: Probe) => (p.method === 'GET' ? 0 : p.path === '/api/auth/sign-out' ? 2 : 1);
    all.sort((x, y) => order(x) - order(y));
    const failures: string[] = [];
    for (const raw of all) {
      for (const who of WHO) {
        const p = await withCurrentVersion(raw);
        const before = await currentOf(p);
        const client = p.path === '/api/auth/sign-out' && who !== 'public' ? new TestClient(app) : clients[who];
        if (client !== clients[who]) await client.signIn(EMAILS[who as keyof typeof EMAILS], PASSWORD);
        const r = await client.request(p.method, p.url, p.body, p.headers ?? {});
        probes.tried += 1;
        const problems = await problemsOf(who, p, r, before);
        if (problems.length) {
          probes.failed += 1;
          failures.push(`${who} ${p.method} ${p.url}: ${problems.join('; ')}`);
        }
      }
    }
    expect(probes.tried).toBeGreaterThan(1000);
    expect(failures.slice(0, 50)).toEqual([]);
  }, 1_200_000);
});
