/**
 * Every write path leaves exactly one audit event, with the right before and after, in the
 * same transaction as the change; and no route can change or delete audit events.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../helpers/test-db.js';
import { TestClient } from '../helpers/http-client.js';
import { createAccessFixture, PASSWORD, USERS } from '../helpers/access-fixture.js';
import { createApp, type App } from '../../src/server/app.js';

let t: TestDb;
let app: App;
let officer: TestClient;
let admin: TestClient;
let partner: TestClient;

beforeAll(async () => {
  t = await createTestDb();
  await createAccessFixture(t.db);
  app = createApp({ db: t.db, engine: t.engine });
  officer = new TestClient(app);
  admin = new TestClient(app);
  partner = new TestClient(app);
  await officer.signIn(USERS.officer, PASSWORD);
  await admin.signIn(USERS.admin, PASSWORD);
  await partner.signIn(USERS.partnerA, PASSWORD);
}, 60_000);
afterAll(() => t.destroy());

interface Event {
  user_id: number | null;
  action: string;
  entity: string;
  entity_id: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

const events = () => t.db.selectFrom('audit_event').selectAll().orderBy('id').execute();

/** Runs one write and returns the single audit event it left (failing if it left 0 or 2+). */
async function oneEvent(write: () => Promise<{ status: number }>, okStatus: number): Promise<Event> {
  const before = (await events()).length;
  const r = await write();
  expect(r.status).toBe(okStatus);
  const after = await events();
  expect(after.length - before).toBe(1);
  const e = after[after.length - 1]!;
  return { ...e, before: e.before ? JSON.parse(e.before) : null, after: e.after ? JSON.parse(e.after) : null };
}

const userId = async (email: string) => (await t.db.selectFrom('app_user').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;

describe('one audit event per write', () => {
  it('sign-in and sign-out', async () => {
    const c = new TestClient(app);
    const e = await oneEvent(() => c.post('/api/auth/sign-in', { email: USERS.analyst, password: PASSWORD }), 200);
    expect(e).toMatchObject({ action: 'sign_in', entity: 'session', user_id: await userId(USERS.analyst) });
    const failed = await oneEvent(() => c.post('/api/auth/sign-in', { email: USERS.analyst, password: 'wrong password' }), 401);
    expect(failed).toMatchObject({ action: 'sign_in_failed', after: { email: USERS.analyst } });
    expect(JSON.stringify(failed)).not.toContain('wrong password');
    expect(await oneEvent(() => c.post('/api/auth/sign-out'), 200)).toMatchObject({ action: 'sign_out' });
  });

  it('users: create, change permissions, reset password', async () => {
    const created = await oneEvent(() => admin.post('/api/users', { email: 'new@example.org', name: 'New', role: 'analyst' }), 201);
    expect(created).toMatchObject({ action: 'create', entity: 'user', before: null, after: { email: 'new@example.org', role: 'analyst' } });
    expect(JSON.stringify(created.after)).not.toContain('scrypt');
    const id = await userId('new@example.org');
    const changed = await oneEvent(() => admin.request('PATCH', `/api/users/${id}`, { role: 'officer', clearance: 'public' }), 200);
    expect(changed).toMatchObject({
      action: 'change_permissions',
      before: { role: 'analyst', clearance: 'official' },
      after: { role: 'officer', clearance: 'public', credentials_ended: { sessions: 0, tokens: [] } },
    });
    expect(await oneEvent(() => admin.post(`/api/users/${id}/reset-password`), 200)).toMatchObject({ action: 'reset_password', entity_id: String(id) });
  });

  it('tokens: create and revoke', async () => {
    const created = await oneEvent(() => officer.post('/api/tokens', { name: 'script' }), 201);
    expect(created).toMatchObject({ action: 'create', entity: 'api_token', after: { name: 'script', revoked_at: null } });
    const e = await oneEvent(() => officer.request('DELETE', `/api/tokens/${created.entity_id}`), 200);
    expect(e).toMatchObject({ action: 'revoke', before: { revoked_at: null }, after: { revoked_at: expect.any(String) } });
  });

  it('places, organisations, targets', async () => {
    expect(await oneEvent(() => admin.post('/api/programs/XX/places', { code: 'R1D3', name: 'Third', parent: 'R1' }), 201)).toMatchObject({
      action: 'create',
      entity: 'place',
      after: { code: 'R1D3', level: 3 },
    });
    expect(
      await oneEvent(() => admin.post('/api/programs/XX/organisations', { code: 'NGO1', name_en: 'An NGO', name_es: 'Una ONG', kind: 'ngo' }), 201),
    ).toMatchObject({ entity: 'organisation', after: { code: 'NGO1' } });
    const put = (value: number) =>
      officer.request('PUT', '/api/programs/XX/indicators/SUM_IND/targets', { place: 'XX', period: '2016', kind: 'target', value, source: 'A' });
    expect(await oneEvent(() => put(100), 200)).toMatchObject({ action: 'create', entity: 'target', before: null, after: { value: 100 } });
    expect(await oneEvent(() => put(120), 200)).toMatchObject({ action: 'update', before: { value: 100 }, after: { value: 120 } });
  });

  it('values: create, update, batch, delete — and an unchanged write leaves none', async () => {
    const key = { indicator: 'SPLIT_IND', place: 'R1D1', period: '201305', disagg: 'kind=x' };
    const created = await oneEvent(() => partner.request('PUT', '/api/programs/XX/values', { ...key, value: 4, version: 0 }), 200);
    expect(created).toMatchObject({ action: 'create', entity: 'data_value', before: null, after: { value: 4, status: 'draft', version: 1 } });
    const updated = await oneEvent(() => partner.request('PUT', '/api/programs/XX/values', { ...key, value: 5, version: 1 }), 200);
    expect(updated).toMatchObject({ action: 'update', before: { value: 4, version: 1 }, after: { value: 5, version: 2 } });
    const n = (await events()).length;
    expect((await partner.request('PUT', '/api/programs/XX/values', { ...key, value: 5, version: 2 })).status).toBe(200);
    expect((await events()).length).toBe(n);
    const batch = await oneEvent(() => partner.post('/api/programs/XX/values/batch', { values: [{ ...key, period: '201306', value: 8 }] }), 200);
    expect(batch).toMatchObject({ action: 'create', after: { period: '201306', value: 8 } });
    const deleted = await oneEvent(() => partner.request('DELETE', '/api/programs/XX/values', { ...key, period: '201306', version: 1 }), 200);
    expect(deleted).toMatchObject({ action: 'delete', before: { value: 8 }, after: null });
  });

  it('records: create, update, delete', async () => {
    const body = { type: 'seizure', data: { date: '2013-03-01', place: 'R1D1', substance: 'cocaine_hcl', quantity: { amount: 3, unit: 'kg' } } };
    const created = await oneEvent(() => partner.post('/api/programs/XX/records', body), 201);
    expect(created).toMatchObject({ action: 'create', entity: 'record', before: null, after: { type_code: 'seizure', status: 'draft', version: 1 } });
    const id = created.entity_id;
    const updated = await oneEvent(
      () => partner.request('PATCH', `/api/programs/XX/records/${id}`, { version: 1, data: { quantity: { amount: 4, unit: 'kg' } } }),
      200,
    );
    expect(updated).toMatchObject({ action: 'update', before: { version: 1 }, after: { version: 2 } });
    expect(JSON.parse(String(updated.after?.data)).quantity).toMatchObject({ amount: 4 });
    const deleted = await oneEvent(() => partner.request('DELETE', `/api/programs/XX/records/${id}`, { version: 2 }), 200);
    expect(deleted).toMatchObject({ action: 'delete', before: { version: 2 }, after: null });
  });

  it('approvals: submit, return, resubmit, approve, unlock', async () => {
    const submitted = await oneEvent(() => partner.post('/api/programs/XX/submissions', { period: '2013' }), 201);
    expect(submitted).toMatchObject({ action: 'submit', entity: 'submission', after: { status: 'submitted', items: 1 } });
    const id = submitted.entity_id;
    const returned = await oneEvent(() => officer.post(`/api/submissions/${id}/return`, { version: 1, comment: 'check May' }), 200);
    expect(returned).toMatchObject({ action: 'return', before: { status: 'submitted' }, after: { status: 'returned', comment: 'check May' } });
    const again = await oneEvent(() => partner.post('/api/programs/XX/submissions', { period: '2013' }), 201);
    const approved = await oneEvent(() => officer.post(`/api/submissions/${again.entity_id}/approve`, { version: 1 }), 200);
    expect(approved).toMatchObject({ action: 'approve', before: { status: 'submitted' }, after: { status: 'approved' } });
    const unlocked = await oneEvent(() => officer.post(`/api/submissions/${again.entity_id}/unlock`, { version: 2, comment: 'typo' }), 200);
    expect(unlocked).toMatchObject({ action: 'unlock', before: { status: 'approved' }, after: { status: 'returned' } });
  });
});

describe('the audit trail itself', () => {
  it('withholds restricted data from readers without restricted clearance', async () => {
    await officer.post('/api/programs/XX/records', {
      type: 'seizure',
      data: {
        date: '2013-04-01',
        place: 'R2D1',
        substance: 'marijuana',
        quantity: { amount: 5, unit: 'kg' },
        latitude: -12.5,
        case_reference: 'CASE-SECRET-9',
      },
    });
    await officer.request('PUT', '/api/programs/XX/values', { indicator: 'SECRET_IND', place: 'R2', period: '2013', value: 424242, version: 0 });
    expect(
      (await admin.post('/api/users', { email: 'plain.officer@example.org', name: 'Plain', role: 'officer', clearance: 'official', password: PASSWORD }))
        .status,
    ).toBe(201);
    const plain = new TestClient(app);
    await plain.signIn('plain.officer@example.org', PASSWORD);
    const seen = async (c: TestClient) => JSON.stringify((await c.get('/api/audit?limit=1000')).body);
    const full = await seen(officer);
    expect(full).toContain('CASE-SECRET-9');
    expect(full).toContain('424242');
    const withheld = await seen(plain);
    expect(withheld).not.toContain('CASE-SECRET-9');
    expect(withheld).not.toContain('-12.5');
    expect(withheld).not.toContain('424242');
    expect(withheld).toContain('withheld');
  });

  it('is readable and filterable, and no route changes or deletes it', async () => {
    const r = await officer.get('/api/audit?entity=data_value&limit=5');
    const body = r.body as { events: Event[] };
    expect(body.events.length).toBeGreaterThan(0);
    expect(body.events.every((e) => e.entity === 'data_value')).toBe(true);
    const doc = (await officer.get('/api/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    const auditPaths = Object.entries(doc.paths).filter(([p]) => p.startsWith('/api/audit'));
    expect(auditPaths.flatMap(([, ops]) => Object.keys(ops))).toEqual(['get']);
    for (const method of ['DELETE', 'PUT', 'PATCH', 'POST']) expect((await admin.request(method, '/api/audit', {})).status).toBe(404);
  });
});
