/**
 * Every role × resource × action, through the whole HTTP app: which are allowed and which are
 * denied (401 signed out, 403 not allowed, 404 not visible), and what each role may see.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../helpers/test-db.js';
import { TestClient } from '../helpers/http-client.js';
import { createAccessFixture, PASSWORD, USERS, type UserKey } from '../helpers/access-fixture.js';
import { createApp, type App } from '../../src/server/app.js';
import { writeValues } from '../../src/modules/values/values.service.js';
import { createUser } from '../../src/modules/accounts/users.service.js';

type Who = UserKey | 'public';
const ROLES: Who[] = ['public', 'analyst', 'cleared', 'partnerA', 'partnerB', 'officer', 'admin'];

let t: TestDb;
let app: App;
const clients = {} as Record<Who, TestClient>;
let userIds: Record<string, number> = {};
let draftRecordId = 0;
let approvedRecordId = 0;
const seizure = (who: string, extra: Record<string, unknown> = {}) => ({
  type: 'seizure',
  data: {
    date: '2012-05-10',
    place: 'R1D1',
    substance: 'cocaine_base',
    quantity: { amount: 10, unit: 'kg' },
    latitude: -9.1,
    longitude: -75.2,
    case_reference: `CASE-${who}`,
    ...extra,
  },
});
/** A seizure without restricted fields: what a writer without restricted clearance may enter (test/http/write-paths.test.ts). */
const openSeizure = (who: string) => {
  const { data, ...rest } = seizure(who);
  const { latitude: _lat, longitude: _lon, case_reference: _case, ...open } = data;
  return { ...rest, data: open };
};

beforeAll(async () => {
  t = await createTestDb();
  await createAccessFixture(t.db);
  app = createApp({ db: t.db, engine: t.engine });
  await writeValues(t.db, 'XX', [
    { indicator: 'SUM_IND', place: 'R1D1', period: '2012', source: 'A', value: 10, status: 'approved' },
    { indicator: 'SPLIT_IND', place: 'R1D1', period: '201201', disagg: 'kind=x', value: 5, status: 'draft', organisation: 'ORG_A' },
    { indicator: 'SPLIT_IND', place: 'R2D1', period: '201201', disagg: 'kind=x', value: 7, status: 'draft', organisation: 'ORG_B' },
    { indicator: 'SECRET_IND', place: 'R1', period: '2012', value: 99, status: 'approved' },
    { indicator: 'LATEST_IND', place: 'R1', period: '2012', value: 3, status: 'approved' },
  ]);
  for (const who of ROLES) {
    clients[who] = new TestClient(app);
    if (who !== 'public') await clients[who].signIn(USERS[who], PASSWORD);
  }
  await createUser(t.db, { email: 'spare@example.org', name: 'Spare', role: 'analyst', password: PASSWORD }, null);
  const users = await t.db.selectFrom('app_user').select(['id', 'email']).execute();
  userIds = Object.fromEntries(users.map((u) => [u.email, u.id]));
  const draft = await clients.partnerA.post('/api/programs/XX/records', openSeizure('draft'));
  draftRecordId = (draft.body as { id: number }).id;
  const approved = await clients.officer.post('/api/programs/XX/records', { ...seizure('approved'), status: 'approved' });
  approvedRecordId = (approved.body as { id: number }).id;
  expect([draft.status, approved.status]).toEqual([201, 201]);
}, 120_000);
afterAll(() => t.destroy());

interface Case {
  name: string;
  method: string;
  path: string | ((who: Who) => string);
  body?: (who: Who) => unknown;
  expect: Record<Who, number>;
}

const all = (status: number): Record<Who, number> => Object.fromEntries(ROLES.map((r) => [r, status])) as Record<Who, number>;
const only = (allowed: Who[], ok: number, signedInDenied = 403): Record<Who, number> =>
  Object.fromEntries(ROLES.map((r) => [r, allowed.includes(r) ? ok : r === 'public' ? 401 : signedInDenied])) as Record<Who, number>;
const WRITERS: Who[] = ['partnerA', 'partnerB', 'officer', 'admin'];
const SIGNED_IN: Who[] = ROLES.filter((r) => r !== 'public');
// Each role writes its own key so that the cases do not depend on one another.
const periodOf = (who: Who) => `2014${String(ROLES.indexOf(who) + 1).padStart(2, '0')}`;

const CASES: Case[] = [
  { name: 'health', method: 'GET', path: '/api/health', expect: all(200) },
  { name: 'read programs', method: 'GET', path: '/api/programs', expect: all(200) },
  { name: 'read places', method: 'GET', path: '/api/programs/XX/places', expect: all(200) },
  { name: 'read zones', method: 'GET', path: '/api/programs/XX/zones', expect: all(200) },
  {
    name: 'create a place',
    method: 'POST',
    path: '/api/programs/XX/places',
    body: (who) => ({ code: `NEW_${who}`, name: 'New', parent: 'R1' }),
    expect: only(['admin'], 201),
  },
  { name: 'read organisations', method: 'GET', path: '/api/programs/XX/organisations', expect: only(SIGNED_IN, 200) },
  {
    name: 'create an organisation',
    method: 'POST',
    path: '/api/programs/XX/organisations',
    body: (who) => ({ code: `ORG_${who}`, name_en: 'x', name_es: 'x', kind: 'ngo' }),
    expect: only(['admin'], 201),
  },
  { name: 'read users', method: 'GET', path: '/api/users', expect: only(['admin'], 200) },
  {
    name: 'create a user',
    method: 'POST',
    path: '/api/users',
    body: (who) => ({ email: `new.${who}@example.org`, name: 'New', role: 'analyst' }),
    expect: only(['admin'], 201),
  },
  {
    name: "change a user's permissions",
    method: 'PATCH',
    path: () => `/api/users/${userIds[USERS.analyst]}`,
    body: () => ({ clearance: 'official' }),
    expect: only(['admin'], 200),
  },
  {
    name: 'reset a password',
    method: 'POST',
    path: () => `/api/users/${userIds['spare@example.org']}/reset-password`,
    body: () => ({}),
    expect: only(['admin'], 200),
  },
  { name: 'read indicators', method: 'GET', path: '/api/programs/XX/indicators', expect: all(200) },
  {
    name: 'set a target',
    method: 'PUT',
    path: '/api/programs/XX/indicators/SUM_IND/targets',
    body: (who) => ({ place: 'XX', period: String(2020 + ROLES.indexOf(who)), kind: 'target', value: 1, source: 'A' }),
    expect: only(['officer', 'admin'], 200),
  },
  { name: 'read values', method: 'GET', path: '/api/programs/XX/values', expect: all(200) },
  {
    name: 'write a new value',
    method: 'PUT',
    path: '/api/programs/XX/values',
    body: (who) => ({ indicator: 'SPLIT_IND', place: 'R1D2', period: periodOf(who), disagg: 'kind=y', value: 1, version: 0 }),
    expect: only(WRITERS, 200),
  },
  {
    name: 'write a batch',
    method: 'POST',
    path: '/api/programs/XX/values/batch',
    body: (who) => ({ values: [{ indicator: 'SPLIT_IND', place: 'R2D2', period: periodOf(who), disagg: 'kind=y', value: 2 }] }),
    expect: only(WRITERS, 200),
  },
  {
    name: "change partner A's draft",
    method: 'PUT',
    path: '/api/programs/XX/values',
    body: () => ({ indicator: 'SPLIT_IND', place: 'R1D1', period: '201201', disagg: 'kind=x', value: 6, version: 1 }),
    // partner B does not even learn it exists (a stale version, as for a missing value); the first
    // successful writer moves the version on
    expect: { public: 401, analyst: 403, cleared: 403, partnerB: 409, partnerA: 200, officer: 409, admin: 409 },
  },
  {
    name: 'write a restricted indicator',
    method: 'PUT',
    path: '/api/programs/XX/values',
    body: (who) => ({ indicator: 'SECRET_IND', place: 'R2', period: periodOf(who), value: 1, version: 0 }),
    // Above a writer's clearance, the indicator answers as an unknown code does (400).
    expect: { public: 401, analyst: 403, cleared: 403, partnerA: 400, partnerB: 400, officer: 200, admin: 200 },
  },
  {
    name: "delete partner B's draft",
    method: 'DELETE',
    path: '/api/programs/XX/values',
    body: () => ({ indicator: 'SPLIT_IND', place: 'R2D1', period: '201201', disagg: 'kind=x', version: 1 }),
    expect: { public: 401, analyst: 403, cleared: 403, partnerA: 404, partnerB: 200, officer: 404, admin: 404 },
  },
  { name: 'analytics of a public indicator', method: 'GET', path: '/api/analytics?program=XX&indicator=SUM_IND', expect: all(200) },
  {
    name: 'analytics of an official indicator',
    method: 'GET',
    path: '/api/analytics?program=XX&indicator=LATEST_IND',
    expect: { public: 404, analyst: 200, cleared: 200, partnerA: 200, partnerB: 200, officer: 200, admin: 200 },
  },
  {
    name: 'analytics of a restricted indicator',
    method: 'GET',
    path: '/api/analytics?program=XX&indicator=SECRET_IND',
    expect: { public: 404, analyst: 404, cleared: 200, partnerA: 404, partnerB: 404, officer: 200, admin: 200 },
  },
  { name: 'compare a public indicator', method: 'GET', path: '/api/compare?program=XX&indicator=SUM_IND&source=A&from=2011&to=2012', expect: all(200) },
  {
    name: 'compare a restricted indicator',
    method: 'GET',
    path: '/api/compare?program=XX&indicator=SECRET_IND&from=2011&to=2012',
    expect: { public: 404, analyst: 404, cleared: 200, partnerA: 404, partnerB: 404, officer: 200, admin: 200 },
  },
  { name: 'read record types', method: 'GET', path: '/api/programs/XX/record-types', expect: all(200) },
  { name: 'read records', method: 'GET', path: '/api/programs/XX/records', expect: all(200) },
  { name: 'read an approved record', method: 'GET', path: () => `/api/programs/XX/records/${approvedRecordId}`, expect: all(200) },
  {
    name: "read partner A's draft record",
    method: 'GET',
    path: () => `/api/programs/XX/records/${draftRecordId}`,
    expect: { public: 404, analyst: 404, cleared: 404, partnerA: 200, partnerB: 404, officer: 200, admin: 200 },
  },
  { name: 'create a record', method: 'POST', path: '/api/programs/XX/records', body: (who) => openSeizure(who), expect: only(WRITERS, 201) },
  {
    name: "change partner A's draft record",
    method: 'PATCH',
    path: () => `/api/programs/XX/records/${draftRecordId}`,
    body: () => ({ version: 1, data: { quantity: { amount: 12, unit: 'kg' } } }),
    expect: { public: 401, analyst: 403, cleared: 403, partnerB: 404, partnerA: 200, officer: 409, admin: 409 },
  },
  {
    name: 'change an approved record',
    method: 'PATCH',
    path: () => `/api/programs/XX/records/${approvedRecordId}`,
    body: () => ({ version: 1, note: 'x' }),
    expect: { public: 401, analyst: 403, cleared: 403, partnerA: 409, partnerB: 409, officer: 409, admin: 409 },
  },
  { name: 'read submissions', method: 'GET', path: '/api/programs/XX/submissions', expect: only(SIGNED_IN, 200) },
  {
    name: 'submit',
    method: 'POST',
    path: '/api/programs/XX/submissions',
    body: (who) => ({ period: periodOf(who), organisation: 'ORG_A' }),
    // officers submit on an organisation's behalf; here ORG_A has nothing in their periods
    expect: { public: 401, analyst: 403, cleared: 403, partnerA: 201, partnerB: 201, officer: 400, admin: 400 },
  },
  {
    name: 'approve',
    method: 'POST',
    path: '/api/submissions/1/approve',
    body: () => ({ version: 1 }),
    expect: { ...only(['officer', 'admin'], 200), admin: 409 },
  },
  { name: 'read the audit trail', method: 'GET', path: '/api/audit', expect: only(['officer', 'admin'], 200) },
  { name: 'list my tokens', method: 'GET', path: '/api/tokens', expect: only(SIGNED_IN, 200) },
];

describe('role × resource × action', () => {
  // Cases run in order, roles in order (public first, admin last), as the expectations assume.
  for (const c of CASES) {
    it(c.name, async () => {
      const got: Record<string, number> = {};
      for (const who of ROLES) {
        const path = typeof c.path === 'function' ? c.path(who) : c.path;
        const r = await clients[who].request(c.method, path, c.body?.(who));
        got[who] = r.status;
        if (r.status >= 400) expect(r.body).toMatchObject({ error: expect.any(String), message: expect.any(String) });
      }
      expect(got).toEqual(c.expect);
    });
  }
});

describe('what each role sees', () => {
  const values = async (who: Who) =>
    ((await clients[who].get('/api/programs/XX/values')).body as { values: Array<{ indicator: string; status: string; organisation: string | null }> }).values;

  it("a partner never reads another partner's drafts; the public and analysts read approved data only", async () => {
    const a = await values('partnerA');
    expect(a.some((v) => v.organisation === 'ORG_A' && v.status === 'draft')).toBe(true);
    expect(a.filter((v) => v.status !== 'approved' && v.organisation !== 'ORG_A')).toEqual([]);
    for (const who of ['public', 'analyst'] as const) expect((await values(who)).filter((v) => v.status !== 'approved')).toEqual([]);
  });

  it('restricted and official indicators are absent for those not cleared', async () => {
    const codes = async (who: Who) =>
      ((await clients[who].get('/api/programs/XX/indicators')).body as { indicators: Array<{ code: string }> }).indicators.map((i) => i.code);
    expect(await codes('public')).not.toContain('LATEST_IND');
    expect(await codes('public')).not.toContain('SECRET_IND');
    expect(await codes('analyst')).not.toContain('SECRET_IND');
    expect(await codes('cleared')).toContain('SECRET_IND');
    expect((await values('analyst')).some((v) => v.indicator === 'SECRET_IND')).toBe(false);
    expect((await values('cleared')).some((v) => v.indicator === 'SECRET_IND')).toBe(true);
  });

  it('the public never sees an unapproved value in analytics; an officer does', async () => {
    const total = async (who: Who) =>
      ((await clients[who].get('/api/analytics?program=XX&indicator=SPLIT_IND&from=2012&to=2012')).body as { rows: Array<{ value: number | null }> }).rows[0]
        ?.value ?? null;
    expect(await total('public')).toBeNull();
    expect(await total('officer')).toBe(6);
  });

  it('restricted record fields only for those cleared; drafts of others never listed', async () => {
    const list = async (who: Who) =>
      (
        (await clients[who].get('/api/programs/XX/records?type=seizure&limit=1000')).body as {
          items: Array<{ id: number; status: string; organisation: string | null; data: Record<string, unknown>; hidden: string[] }>;
        }
      ).items;
    for (const who of ['public', 'analyst', 'partnerB'] as const) {
      const items = await list(who);
      expect(items.some((r) => r.id === approvedRecordId)).toBe(true);
      expect(items.some((r) => r.id === draftRecordId)).toBe(false);
      for (const r of items.filter((x) => x.organisation !== 'ORG_B')) {
        expect(r.data).not.toHaveProperty('latitude');
        expect(r.data).not.toHaveProperty('case_reference');
        expect(r.hidden).toContain('latitude');
      }
    }
    const cleared = (await list('cleared')).find((r) => r.id === approvedRecordId);
    expect(cleared?.data).toMatchObject({ latitude: -9.1, case_reference: 'CASE-approved' });
    expect((await list('partnerA')).some((r) => r.id === draftRecordId)).toBe(true);
  });

  it('a partner cannot approve its own submission', async () => {
    const mine = (await clients.partnerA.get('/api/programs/XX/submissions')).body as {
      submissions: Array<{ id: number; organisation_id: number; version: number }>;
    };
    const own = mine.submissions[0];
    expect(own).toBeDefined();
    const r = await clients.partnerA.post(`/api/submissions/${own?.id}/approve`, { version: own?.version });
    expect(r.status).toBe(403);
    const other = (await clients.partnerB.get(`/api/submissions/${own?.id}`)).status;
    expect(other).toBe(404);
  });
});
