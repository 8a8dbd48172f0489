/**
 * Every write path of values and records, enumerated: the OpenAPI document's POST/PUT/PATCH/DELETE
 * routes that touch values, records, imports or submissions (a new one fails the first test until
 * it has a probe here), every import format of the registry (through the API's code path and as
 * `vigia import`), the records CLI, the program-folder load and the roll-up rebuild. For each:
 *
 * (a) the change leaves its audit events, in the same transaction: with audit inserts made to
 *     fail, the write fails and the data is as before; a write refused for another reason
 *     leaves no event;
 * (b) an officer with official clearance cannot set or change a restricted record field, nor a
 *     value of a restricted indicator, through it (the stored restricted data stays as it was).
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/server/app.js';
import { createTestDb, type TestDb } from '../helpers/test-db.js';
import { TestClient, type Reply } from '../helpers/http-client.js';
import { createAccessFixture, PASSWORD, USERS } from '../helpers/access-fixture.js';
import { createUser } from '../../src/modules/accounts/users.service.js';
import { exchangeRegistry, findFormat } from '../../src/modules/exchange/exchange-registry.js';
import type { Actor } from '../../src/modules/access/actor.js';
import { createRecord, rebuildRecordRollups, updateRecord } from '../../src/modules/records/records.service.js';
import { importRecords } from '../../src/modules/records/records-import.service.js';
import { loadProgramFolder } from '../../src/modules/programs/program-load.service.js';

const OFFICIAL = 'official.officer@example.org';
const P = '/api/programs/XX';
let t: TestDb;
let app: App;
let official: TestClient;
let officer: TestClient;
let partner: TestClient;
let adminActor: Actor;
let officialActor: Actor;

beforeAll(async () => {
  t = await createTestDb();
  await createAccessFixture(t.db);
  await createUser(t.db, { email: OFFICIAL, name: 'Official officer', role: 'officer', clearance: 'official', password: PASSWORD }, null);
  app = createApp({ db: t.db, engine: t.engine });
  official = new TestClient(app);
  officer = new TestClient(app);
  partner = new TestClient(app);
  await official.signIn(OFFICIAL, PASSWORD);
  await officer.signIn(USERS.officer, PASSWORD);
  await partner.signIn(USERS.partnerA, PASSWORD);
  const actorOf = async (email: string): Promise<Actor> => {
    const u = await t.db.selectFrom('app_user').selectAll().where('email', '=', email).executeTakeFirstOrThrow();
    return { userId: u.id, role: u.role, organisationId: u.organisation_id, clearance: u.clearance };
  };
  adminActor = await actorOf(USERS.admin);
  officialActor = await actorOf(OFFICIAL);
}, 60_000);
afterAll(() => t?.destroy());

// --- the database as the probes see it -------------------------------------------------------

interface Event {
  id: number;
  user_id: number | null;
  action: string;
  entity: string;
  entity_id: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}
const lastEventId = async () =>
  (
    await t.db
      .selectFrom('audit_event')
      .select((eb) => eb.fn.max('id').as('m'))
      .executeTakeFirstOrThrow()
  ).m ?? 0;
const eventsAfter = async (id: number): Promise<Event[]> =>
  (await t.db.selectFrom('audit_event').selectAll().where('id', '>', Number(id)).orderBy('id').execute()).map((e) => ({
    ...e,
    before: e.before ? (JSON.parse(e.before) as Record<string, unknown>) : null,
    after: e.after ? (JSON.parse(e.after) as Record<string, unknown>) : null,
  }));
/** Everything a write path may change: values, records and the program's data version. */
const snapshot = async () =>
  JSON.stringify({
    values: await t.db.selectFrom('data_value').selectAll().orderBy('id').execute(),
    records: await t.db.selectFrom('record').selectAll().orderBy('id').execute(),
    facts: await t.db.selectFrom('fact').select(['indicator_id', 'value', 'n']).orderBy('indicator_id').orderBy('place_id').orderBy('period').execute(),
    // Issue 16: the discussion threads (submissions, warnings on values), and the notifications written with each step
    comments: await t.db.selectFrom('discussion_comment').selectAll().orderBy('id').execute(),
    notifications: await t.db.selectFrom('notification').selectAll().orderBy('id').execute(),
  });

/** Makes every audit insert fail (a trigger), so a write that audits in its transaction must fail whole. */
async function breakAudit(on: boolean): Promise<void> {
  if (t.engine === 'sqlite') {
    if (on) await sql`create trigger no_audit before insert on audit_event begin select raise(abort, 'audit refused'); end`.execute(t.db);
    else await sql`drop trigger no_audit`.execute(t.db);
    return;
  }
  if (on) {
    await sql`create or replace function no_audit() returns trigger language plpgsql as $$ begin raise exception 'audit refused'; end $$`.execute(t.db);
    await sql`create trigger no_audit before insert on audit_event for each row execute function no_audit()`.execute(t.db);
  } else await sql`drop trigger no_audit on audit_event`.execute(t.db);
}

/** A write's outcome: an HTTP reply, or what a service returned or threw. */
type Outcome = { ok: boolean; detail: unknown };
const fromReply = (r: Reply): Outcome => ({ ok: r.status < 300, detail: r });
async function fromCall(f: () => Promise<unknown>): Promise<Outcome> {
  try {
    const v = (await f()) as { errors?: unknown[] } | undefined;
    return { ok: !(v && Array.isArray(v.errors) && v.errors.length), detail: v };
  } catch (e) {
    return { ok: false, detail: e instanceof Error ? e.message : e };
  }
}

/**
 * (a): with audit inserts failing, `write` fails and changes nothing; then it succeeds, changes
 * the data and leaves events, which `check` inspects. Returns the new events.
 */
async function auditedInItsTransaction(write: () => Promise<Outcome>, check: (events: Event[]) => void): Promise<Event[]> {
  const before = await snapshot();
  await breakAudit(true);
  let broken: Outcome;
  try {
    broken = await write();
  } finally {
    await breakAudit(false);
  }
  expect(broken.ok, `a write whose audit failed succeeded: ${JSON.stringify(broken.detail)}`).toBe(false);
  expect(await snapshot()).toBe(before);
  const mark = await lastEventId();
  const done = await write();
  expect(done.ok, JSON.stringify(done.detail)).toBe(true);
  expect(await snapshot()).not.toBe(before);
  const events = await eventsAfter(mark);
  expect(events.length).toBeGreaterThan(0);
  check(events);
  return events;
}

/** A refused write: nothing changes and no event is written. */
async function refusedWithoutTrace(write: () => Promise<Outcome>): Promise<unknown> {
  const before = await snapshot();
  const mark = await lastEventId();
  const r = await write();
  expect(r.ok, `should have been refused: ${JSON.stringify(r.detail)}`).toBe(false);
  expect(await snapshot()).toBe(before);
  expect(await eventsAfter(mark)).toEqual([]);
  return r.detail;
}

// --- planted data ----------------------------------------------------------------------------

let refSeq = 0;
/** A seizure with a restricted case reference, planted by the system; returns its id and ref. */
async function plantSeizure(status: 'draft' | 'approved' = 'draft'): Promise<{ id: number; ref: string; version: number }> {
  const ref = `SZ-${++refSeq}`;
  const r = await createRecord(
    t.db,
    'XX',
    'seizure',
    {
      ref,
      status,
      data: { date: '2013-03-01', place: 'R1D1', agency: 'ORG_A', substance: 'cocaine_hcl', quantity: '10 kg', case_reference: 'CR-SECRET', latitude: -9.5 },
    },
    { system: 'test plant' },
  );
  return { id: r.id, ref, version: r.version };
}
const storedData = async (id: number) =>
  JSON.parse((await t.db.selectFrom('record').select('data').where('id', '=', id).executeTakeFirstOrThrow()).data) as Record<string, unknown>;
const secretValues = async () =>
  (
    await t.db
      .selectFrom('data_value')
      .select('id')
      .where('indicator_id', 'in', (eb) => eb.selectFrom('indicator').select('id').where('code', '=', 'SECRET_IND'))
      .execute()
  ).length;

const SEIZURE_HEADER = 'ref,date,place,agency,substance,quantity';
const seizureRow = (ref: string, qty: string) => `${ref},2013-03-01,R1D1,ORG_A,cocaine_hcl,${qty}`;
const VALUE_HEADER = 'indicator,place,period,value,provenance';

async function xlsxOf(csv: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('data');
  for (const line of csv.trim().split('\n')) ws.addRow(line.split(','));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
/** An upload as the API gets it: the raw file as the body. */
async function upload(c: TestClient, format: string, body: string | Buffer, query = ''): Promise<Reply> {
  if (typeof body === 'string') return c.request('POST', `${P}/imports/${format}${query}`, body, { 'content-type': 'text/csv' });
  const res = await app.request(`http://localhost${P}/imports/${format}${query}`, {
    method: 'POST',
    body,
    headers: { 'x-requested-with': 'vigia', cookie: c.cookie ?? '', 'content-type': 'application/octet-stream' },
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined, headers: res.headers };
}

const MAPPING = {
  dataElements: [
    { code: 'LATEST_IND', indicator: 'LATEST_IND' },
    { code: 'SECRET_IND', indicator: 'SECRET_IND' },
  ],
  orgUnits: [
    { code: 'R1D1', place: 'R1D1' },
    { code: 'R2D1', place: 'R2D1' },
  ],
};
/** A one-value DHIS2 file of `format` for data element `de` at org unit `ou`. */
function dhis2File(format: string, de: string, ou: string, value: number): string {
  switch (format) {
    case 'dhis2-json':
      return JSON.stringify({ dataValues: [{ dataElement: de, period: '2013', orgUnit: ou, value: String(value) }] });
    case 'dhis2-csv':
      return `dataelement,period,orgunit,value\n${de},2013,${ou},${value}\n`;
    case 'dhis2-xml':
      return `<dataValueSet xmlns="http://dhis2.org/schema/dxf/2.0"><dataValue dataElement="${de}" period="2013" orgUnit="${ou}" value="${value}"/></dataValueSet>`;
    case 'adx':
      return `<adx xmlns="urn:ihe:qrph:adx:2015"><group orgUnit="${ou}" period="2013-01-01/P1Y" dataSet="DS"><dataValue dataElement="${de}" value="${value}"/></group></adx>`;
    default:
      throw new Error(`no DHIS2 file for ${format}`);
  }
}
async function importAs(format: string, body: string | Buffer, actor: Actor | undefined, extra: Record<string, unknown> = {}): Promise<Outcome> {
  const f = findFormat(format);
  if (!f?.import) throw new Error(`${format} does not import`);
  return fromCall(() =>
    f.import!(t.db, Readable.from([typeof body === 'string' ? Buffer.from(body) : body]), {
      program: 'XX',
      dryRun: false,
      ...(actor ? { actor } : {}),
      ...extra,
    }),
  );
}

const isEvent = (entity: string, action: string, userId: number | null) => (e: Event) => e.entity === entity && e.action === action && e.user_id === userId;
const officialId = () => officialActor.userId;

// --- the probes -----------------------------------------------------------------------------

/** One probe per write route of the OpenAPI document that touches values, records or their workflow. */
const ROUTE_PROBES: Record<string, () => Promise<void>> = {
  'PUT /api/programs/{program}/values': async () => {
    const body = (v: number) => ({ indicator: 'LATEST_IND', place: 'R1D1', period: '2014', value: v, version: 0 });
    await auditedInItsTransaction(
      async () => fromReply(await official.request('PUT', `${P}/values`, body(4))),
      (es) => {
        expect(es).toEqual([expect.objectContaining({ entity: 'data_value', action: 'create', user_id: officialId() })]);
      },
    );
    await refusedWithoutTrace(async () => fromReply(await official.request('PUT', `${P}/values`, body(5)))); // stale version
    // (b) a restricted indicator answers as one that does not exist
    const secret = await refusedWithoutTrace(async () => fromReply(await official.request('PUT', `${P}/values`, { ...body(1), indicator: 'SECRET_IND' })));
    const missing = await refusedWithoutTrace(async () => fromReply(await official.request('PUT', `${P}/values`, { ...body(1), indicator: 'NO_SUCH_IND' })));
    expect(JSON.stringify(secret).replaceAll('SECRET_IND', 'X')).toBe(JSON.stringify(missing).replaceAll('NO_SUCH_IND', 'X'));
  },
  'POST /api/programs/{program}/values/batch': async () => {
    const batch = {
      values: [
        { indicator: 'LATEST_IND', place: 'R1D2', period: '2014', value: 3 },
        { indicator: 'SPLIT_IND', place: 'R1D2', period: '2014', value: 2, disagg: 'kind=x' },
      ],
    };
    await auditedInItsTransaction(
      async () => fromReply(await official.post(`${P}/values/batch`, batch)),
      (es) => {
        expect(es.filter(isEvent('data_value', 'create', officialId()))).toHaveLength(2);
      },
    );
    const del = { delete: [{ indicator: 'LATEST_IND', place: 'R1D2', period: '2014', version: 1 }] };
    await auditedInItsTransaction(
      async () => fromReply(await official.post(`${P}/values/batch`, del)),
      (es) => {
        expect(es).toEqual([expect.objectContaining({ entity: 'data_value', action: 'delete', user_id: officialId() })]);
      },
    );
    const n = await secretValues();
    await refusedWithoutTrace(async () =>
      fromReply(await official.post(`${P}/values/batch`, { values: [{ indicator: 'SECRET_IND', place: 'R1D2', period: '2014', value: 9 }] })),
    );
    expect(await secretValues()).toBe(n);
  },
  'DELETE /api/programs/{program}/values': async () => {
    const key = { indicator: 'LATEST_IND', place: 'R2D2', period: '2014' };
    expect((await official.request('PUT', `${P}/values`, { ...key, value: 1, version: 0 })).status).toBe(200);
    await refusedWithoutTrace(async () => fromReply(await official.request('DELETE', `${P}/values`, { ...key, version: 7 })));
    await auditedInItsTransaction(
      async () => fromReply(await official.request('DELETE', `${P}/values`, { ...key, version: 1 })),
      (es) => {
        expect(es).toEqual([expect.objectContaining({ entity: 'data_value', action: 'delete', user_id: officialId() })]);
      },
    );
  },
  'POST /api/programs/{program}/records': async () => {
    const data = { date: '2013-04-01', place: 'R1D1', agency: 'ORG_A', substance: 'marijuana', quantity: '3 kg' };
    await auditedInItsTransaction(
      async () => fromReply(await official.post(`${P}/records`, { type: 'seizure', data })),
      (es) => {
        expect(es).toEqual([expect.objectContaining({ entity: 'record', action: 'create', user_id: officialId() })]);
      },
    );
    // (b) naming a restricted field is refused, naming it; nothing is stored
    const r = (await refusedWithoutTrace(async () =>
      fromReply(await official.post(`${P}/records`, { type: 'seizure', data: { ...data, case_reference: 'CR-FORGED' } })),
    )) as Reply;
    expect(r.status).toBe(403);
    expect(JSON.stringify(r.body)).toContain('case_reference');
  },
  'PATCH /api/programs/{program}/records/{id}': async () => {
    const s = await plantSeizure();
    await auditedInItsTransaction(
      async () => fromReply(await official.request('PATCH', `${P}/records/${s.id}`, { version: s.version, data: { quantity: '12 kg' } })),
      (es) => {
        expect(es).toEqual([expect.objectContaining({ entity: 'record', action: 'update', user_id: officialId(), entity_id: String(s.id) })]);
      },
    );
    // (b) a restricted field: naming it is refused; replacing all fields keeps it
    const r = (await refusedWithoutTrace(async () =>
      fromReply(await official.request('PATCH', `${P}/records/${s.id}`, { version: s.version + 1, data: { case_reference: 'CR-FORGED' } })),
    )) as Reply;
    expect(r.status).toBe(403);
    expect(JSON.stringify(r.body)).toContain('case_reference');
    const replace = await official.request('PATCH', `${P}/records/${s.id}`, {
      version: s.version + 1,
      replace: true,
      data: { date: '2013-03-01', place: 'R1D1', agency: 'ORG_A', substance: 'cocaine_hcl', quantity: '13 kg' },
    });
    expect(replace.status).toBe(200);
    expect(await storedData(s.id)).toMatchObject({ case_reference: 'CR-SECRET', latitude: -9.5, quantity: { amount: 13, unit: 'kg' } });
  },
  'DELETE /api/programs/{program}/records/{id}': async () => {
    const s = await plantSeizure();
    await refusedWithoutTrace(async () => fromReply(await official.request('DELETE', `${P}/records/${s.id}`, { version: s.version + 5 })));
    await auditedInItsTransaction(
      async () => fromReply(await official.request('DELETE', `${P}/records/${s.id}`, { version: s.version })),
      (es) => {
        expect(es).toEqual([expect.objectContaining({ entity: 'record', action: 'delete', user_id: officialId(), entity_id: String(s.id) })]);
      },
    );
  },
  'POST /api/programs/{program}/imports/{format}': async () => {
    for (const format of ['csv', 'xlsx']) {
      // values
      const values = (v: number, ind = 'LATEST_IND') => `${VALUE_HEADER}\n${ind},R2D1,20${format === 'csv' ? 15 : 16},${v},sourced\n`;
      const file = async (text: string) => (format === 'csv' ? text : await xlsxOf(text));
      await auditedInItsTransaction(
        async () => fromReply(await upload(official, format, await file(values(1)))),
        (es) => {
          expect(es).toEqual([expect.objectContaining({ entity: 'data_value', action: 'create', user_id: officialId() })]);
        },
      );
      const n = await secretValues();
      await refusedWithoutTrace(async () => fromReply(await upload(official, format, await file(values(2, 'SECRET_IND')))));
      expect(await secretValues()).toBe(n);
      // records: an update of a record with a restricted field keeps it, and is audited per record
      const s = await plantSeizure();
      await auditedInItsTransaction(
        async () => fromReply(await upload(official, format, await file(`${SEIZURE_HEADER}\n${seizureRow(s.ref, '20 kg')}\n`), '?type=seizure')),
        (es) => {
          expect(es).toEqual([expect.objectContaining({ entity: 'record', action: 'update', user_id: officialId(), entity_id: String(s.id) })]);
        },
      );
      expect(await storedData(s.id)).toMatchObject({ case_reference: 'CR-SECRET', quantity: { amount: 20, unit: 'kg' } });
      // (b) the reported attack: a case_reference column over a record the writer cannot read
      const attack = `${SEIZURE_HEADER},case_reference\n${seizureRow(s.ref, '20 kg')},CR-FORGED\n`;
      const r = (await refusedWithoutTrace(async () => fromReply(await upload(official, format, await file(attack), '?type=seizure')))) as Reply;
      expect(r.status).toBe(403);
      expect(JSON.stringify(r.body)).toContain('case_reference');
      expect(await storedData(s.id)).toMatchObject({ case_reference: 'CR-SECRET' });
    }
    // DHIS2 and ADX are offered over the API only to those cleared for restricted data
    for (const format of DHIS2_FORMATS) {
      const r = await refusedWithoutTrace(async () => fromReply(await upload(official, format, dhis2File(format, 'LATEST_IND', 'R1D1', 1))));
      expect((r as Reply).status).toBe(403);
    }
  },
  'POST /api/programs/{program}/submissions': async () => {
    expect(
      (await partner.request('PUT', `${P}/values`, { indicator: 'SUM_IND', source: 'A', place: 'R1D1', period: '2012', value: 1, version: 0 })).status,
    ).toBe(200);
    await refusedWithoutTrace(async () => fromReply(await partner.post(`${P}/submissions`, { period: '2010' }))); // nothing to submit
    await auditedInItsTransaction(
      async () => fromReply(await partner.post(`${P}/submissions`, { period: '2012' })),
      (es) => {
        expect(es).toEqual([expect.objectContaining({ entity: 'submission', action: 'submit' })]);
        expect((es[0]!.after!.values as number[]).length).toBe(1);
      },
    );
  },
};

const DECISIONS = ['approve', 'return', 'unlock'] as const;
for (const d of DECISIONS) {
  ROUTE_PROBES[`POST /api/submissions/{id}/${d}`] = async () => {
    const latest = () => t.db.selectFrom('submission').select(['id', 'version', 'status']).orderBy('id', 'desc').executeTakeFirstOrThrow();
    // Bring the latest submission to the state the decision needs.
    if ((await latest()).status !== 'submitted' && !(d === 'unlock' && (await latest()).status === 'approved')) {
      const period = String(2011 - DECISIONS.indexOf(d));
      expect((await partner.request('PUT', `${P}/values`, { indicator: 'SUM_IND', source: 'B', place: 'R1D1', period, value: 2, version: 0 })).status).toBe(
        200,
      );
      expect((await partner.post(`${P}/submissions`, { period })).status).toBe(201);
    }
    if (d === 'unlock' && (await latest()).status === 'submitted') {
      const l = await latest();
      expect((await officer.post(`/api/submissions/${l.id}/approve`, { version: l.version })).status).toBe(200);
    }
    const now = await t.db.selectFrom('submission').select(['id', 'version']).orderBy('id', 'desc').executeTakeFirstOrThrow();
    await refusedWithoutTrace(async () => fromReply(await official.post(`/api/submissions/${now.id}/${d}`, { version: now.version + 9, comment: 'why' })));
    await auditedInItsTransaction(
      async () => fromReply(await official.post(`/api/submissions/${now.id}/${d}`, { version: now.version, comment: 'why' })),
      (es) => {
        expect(es).toEqual([expect.objectContaining({ entity: 'submission', action: d, user_id: officialId() })]);
        expect((es[0]!.after!.values as number[]).length).toBeGreaterThan(0);
      },
    );
  };
}

// Issue 16: a comment on a submission is audited in its transaction; with the audit broken, no
// comment (nor its notifications) is left.
ROUTE_PROBES['POST /api/submissions/{id}/comments'] = async () => {
  const s = await t.db.selectFrom('submission').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow();
  await refusedWithoutTrace(async () => fromReply(await official.post(`/api/submissions/${s.id}/comments`, { body: ' ' })));
  await auditedInItsTransaction(
    async () => fromReply(await official.post(`/api/submissions/${s.id}/comments`, { body: 'why so low?' })),
    (es) => {
      expect(es).toEqual([expect.objectContaining({ entity: 'submission_comment', action: 'comment', user_id: officialId() })]);
    },
  );
};

const DHIS2_FORMATS = ['dhis2-json', 'dhis2-csv', 'dhis2-xml', 'adx'];

/**
 * Every import format: as the API runs it (with the signed-in user), and as `vigia import` runs
 * it (the system). Keys are format names; the registry's importing formats must all be here.
 */
const FORMAT_PROBES: Record<string, () => Promise<void>> = {
  csv: () => sheetFormatProbe('csv'),
  xlsx: () => sheetFormatProbe('xlsx'),
  ...Object.fromEntries(DHIS2_FORMATS.map((f) => [f, () => dhis2FormatProbe(f)])),
};

async function sheetFormatProbe(format: 'csv' | 'xlsx'): Promise<void> {
  const file = async (text: string) => (format === 'csv' ? text : await xlsxOf(text));
  // the system (CLI): one summary event listing the ids written
  await auditedInItsTransaction(
    () => file(`${VALUE_HEADER}\nLATEST_IND,R2D2,201${format === 'csv' ? 0 : 1},5,sourced\n`).then((b) => importAs(format, b, undefined)),
    (es) => {
      expect(es).toEqual([expect.objectContaining({ entity: 'data_value', action: 'bulk_write', user_id: null })]);
      expect(es[0]!.after).toMatchObject({ by: `import ${format}`, created: [expect.any(Number)] });
    },
  );
  const s = await plantSeizure();
  await auditedInItsTransaction(
    () =>
      file(`${SEIZURE_HEADER}\n${seizureRow(s.ref, '30 kg')}\n${seizureRow(`NEW-${format}`, '1 kg')}\n`).then((b) =>
        importAs(format, b, undefined, { recordType: 'seizure' }),
      ),
    (es) => {
      expect(es).toEqual([expect.objectContaining({ entity: 'record', action: 'bulk_write', user_id: null })]);
      expect(es[0]!.after).toMatchObject({ updated: [s.id], created: [expect.any(Number)] });
    },
  );
  // a user, through the format itself (what the API route and an import job call)
  const attack = `${SEIZURE_HEADER},case_reference\n${seizureRow(s.ref, '30 kg')},CR-FORGED\n`;
  await refusedWithoutTrace(() => file(attack).then((b) => importAs(format, b, officialActor, { recordType: 'seizure' })));
  expect(await storedData(s.id)).toMatchObject({ case_reference: 'CR-SECRET' });
}

async function dhis2FormatProbe(format: string): Promise<void> {
  const year = 2000 + DHIS2_FORMATS.indexOf(format);
  const body = (de: string, v: number) => dhis2File(format, de, 'R2D1', v).replaceAll('2013', String(year));
  // the system (CLI)
  await auditedInItsTransaction(
    () => importAs(format, body('LATEST_IND', 1), undefined, { mapping: MAPPING }),
    (es) => {
      expect(es).toEqual([expect.objectContaining({ entity: 'data_value', action: 'bulk_write', user_id: null })]);
    },
  );
  // a user (the API route, for those cleared for restricted data): one event per value
  await auditedInItsTransaction(
    () => importAs(format, body('LATEST_IND', 2), adminActor, { mapping: MAPPING }),
    (es) => {
      expect(es).toEqual([expect.objectContaining({ entity: 'data_value', action: 'update', user_id: adminActor.userId })]);
    },
  );
  // (b) an official writer: a restricted indicator is as unknown as a missing one
  const n = await secretValues();
  await refusedWithoutTrace(() => importAs(format, body('SECRET_IND', 3), officialActor, { mapping: MAPPING }));
  expect(await secretValues()).toBe(n);
}

describe(`every write path of values and records (${process.env.VIGIA_TEST_DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  it('has a probe for every write route and every import format (a new one fails here until it has one)', async () => {
    const doc = (await (await app.request('/api/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>> };
    const routes = Object.entries(doc.paths)
      .flatMap(([path, ops]) =>
        Object.keys(ops)
          .filter((m) => ['post', 'put', 'patch', 'delete'].includes(m))
          .map((m) => `${m.toUpperCase()} ${path}`),
      )
      .filter((r) => /\/(values|records|imports|submissions)\b/.test(r));
    expect(routes.sort()).toEqual(Object.keys(ROUTE_PROBES).sort());
    const importing = [...exchangeRegistry.values()].filter((f) => f.import).map((f) => f.name);
    expect(importing.sort()).toEqual(Object.keys(FORMAT_PROBES).sort());
  });

  for (const [route, probe] of Object.entries(ROUTE_PROBES)) it(route, probe, 60_000);
  for (const [format, probe] of Object.entries(FORMAT_PROBES)) it(`import format ${format} (API code path and CLI)`, probe, 60_000);

  it('the records CLI: add, import (summary events) and the service for a user (field rules)', async () => {
    await auditedInItsTransaction(
      () =>
        fromCall(() =>
          createRecord(
            t.db,
            'XX',
            'seizure',
            {
              data: { date: '2013-05-01', place: 'R2D1', agency: 'ORG_B', substance: 'coca_leaf', quantity: '7 kg' },
            },
            { system: 'cli records add' },
          ),
        ),
      (es) => {
        expect(es).toEqual([expect.objectContaining({ entity: 'record', action: 'bulk_write', user_id: null })]);
        expect(es[0]!.after).toMatchObject({ by: 'cli records add', created: [expect.any(Number)] });
      },
    );
    const s = await plantSeizure();
    const input = { ref: s.ref, data: { date: '2013-03-01', place: 'R1D1', agency: 'ORG_A', substance: 'cocaine_hcl', quantity: '40 kg' } };
    await auditedInItsTransaction(
      () =>
        fromCall(() =>
          importRecords(t.db, 'XX', 'seizure', [input], { columns: [...Object.keys(input.data), 'ref'], writer: { system: 'cli records import' } }),
        ),
      (es) => {
        expect(es[0]).toMatchObject({ action: 'bulk_write', after: { by: 'cli records import', updated: [s.id] } });
      },
    );
    // a user through the service: a list sub-field above the clearance (a partner, public clearance)
    const partnerActor: Actor = {
      userId: 1,
      role: 'partner',
      organisationId: (await t.db.selectFrom('organisation').select('id').where('code', '=', 'ORG_A').executeTakeFirstOrThrow()).id,
      clearance: 'public',
    };
    const fc = { case_type: 'money_laundering', opened: '2013-01-05', place: 'R1D1', agency: 'ORG_A' };
    const planted = await createRecord(
      t.db,
      'XX',
      'financial_case',
      {
        data: { ...fc, stages: [{ stage: 'investigation', date: '2013-01-05', outcome: 'acquittal' }] },
      },
      { system: 'test plant' },
    );
    const refused = await refusedWithoutTrace(() =>
      fromCall(() =>
        updateRecord(t.db, 'XX', planted.id, { data: { stages: [{ stage: 'investigation', date: '2013-01-05', outcome: 'conviction' }] } }, planted.version, {
          actor: partnerActor,
        }),
      ),
    );
    expect(String(refused)).toContain('stages.outcome');
    await refusedWithoutTrace(() => fromCall(() => updateRecord(t.db, 'XX', planted.id, { data: { stages: [] } }, planted.version, { actor: partnerActor })));
    await updateRecord(t.db, 'XX', planted.id, { data: { stages: [{ stage: 'investigation', date: '2013-01-06' }] } }, planted.version, {
      actor: partnerActor,
    });
    expect((await storedData(planted.id)).stages).toEqual([{ stage: 'investigation', date: '2013-01-06', outcome: 'acquittal' }]);
  });

  it('the roll-up rebuild and the program-folder load (values, records, targets) leave summary events', async () => {
    // A rebuild of consistent data changes no fact, but still leaves its event in its transaction.
    await breakAudit(true);
    const failed = await fromCall(() => rebuildRecordRollups(t.db, 'XX')).finally(() => breakAudit(false));
    expect(failed.ok).toBe(false);
    const at = await lastEventId();
    await rebuildRecordRollups(t.db, 'XX', { system: 'cli records rebuild' });
    expect(await eventsAfter(at)).toEqual([expect.objectContaining({ entity: 'record_facts', action: 'rebuild', user_id: null })]);

    const dir = mkdtempSync(join(tmpdir(), 'vigia-write-paths-'));
    try {
      cpSync(join(import.meta.dirname, '../fixtures/programs/records-custom'), dir, { recursive: true });
      await breakAudit(true);
      const broken = await fromCall(() => loadProgramFolder(t.db, dir)).finally(() => breakAudit(false));
      expect(broken.ok).toBe(false);
      expect(await t.db.selectFrom('program').select('id').where('code', '=', 'RC').executeTakeFirst()).toBeUndefined();
      const mark = await lastEventId();
      await loadProgramFolder(t.db, dir);
      const es = await eventsAfter(mark);
      expect(es.filter((e) => e.entity === 'record' && e.action === 'bulk_write').length).toBeGreaterThan(0);
      expect(es.find((e) => e.entity === 'program' && e.action === 'load')?.after).toMatchObject({
        by: 'folder load',
        counts: { targets: expect.any(Object) },
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
