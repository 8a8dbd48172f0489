/**
 * Issue 16 meets strict protection of sensitive data: a relation rule over a restricted
 * indicator (`SPLIT_IND[kind=x] <= SECRET_IND`, SECRET_IND holding a planted, distinctive figure)
 * must not tell its figure — nor whether it broke — to anyone not cleared for it. Every surface
 * that carries a rule's outcome is read by readers of each clearance: the answers to single,
 * batch and import writes, the value listings, the flags API, the submission's values, the
 * quality report (API, and the service the CLI prints), the analytics export, the inbox and the
 * mail outbox. An uncleared writer's write comes out the same whichever side of the figure its
 * value lies; a cleared one is refused with the limit.
 */
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../server/app.js';
import type { MailMessage } from '../accounts/mailer.js';
import { createUser } from '../accounts/users.service.js';
import { qualityReport } from '../quality-report/quality-report.service.js';
import { createAccessFixture, PASSWORD, USERS } from '../../../test/helpers/access-fixture.js';
import { TestClient, type Reply } from '../../../test/helpers/http-client.js';
import { createTestDb, type TestDb } from '../../../test/helpers/test-db.js';

const FIGURE = 73913;
const RULE = 'SPLIT_LE_SECRET';
const LOW = 5;
const HIGH = 99_999;
const OFFICIAL_OFFICER = 'officer.official@example.org';
const HEADER = 'indicator,place,period,disagg,source,value,provenance,note,status,organisation';

let t: TestDb;
let app: App;
const sent: MailMessage[] = [];

const signIn = async (email: string): Promise<TestClient> => {
  const c = new TestClient(app);
  await c.signIn(email, PASSWORD);
  return c;
};
/** Readers by clearance: none of the uncleared may ever read the figure or the rule's outcome. */
const UNCLEARED = [USERS.partnerA, USERS.partnerB, USERS.analyst, OFFICIAL_OFFICER];
const CLEARED = [USERS.officer, USERS.admin];

beforeAll(async () => {
  t = await createTestDb();
  await createAccessFixture(t.db);
  await createUser(t.db, { email: OFFICIAL_OFFICER, name: 'Official officer', role: 'officer', clearance: 'official', password: PASSWORD }, null);
  const mailer = { send: async (m: MailMessage) => void sent.push(m) };
  app = createApp({ db: t.db, engine: t.engine, mail: { mailer, from: 'vigia@example.org', publicUrl: 'http://vigia.test' } });
  const officer = await signIn(USERS.officer);
  expect((await officer.post('/api/programs/XX/validation-rules', { code: RULE, kind: 'relation', relation: 'SPLIT_IND[kind=x] <= SECRET_IND' })).status).toBe(
    201,
  );
  for (const [place, period] of [
    ['R1D1', '201601'],
    ['R1D1', '201602'],
    ['R1D1', '201604'],
    ['R1D1', '201605'],
    ['R1D1', '201607'],
    ['R1D1', '201608'],
    ['R1D2', '201601'],
    ['R1D2', '201602'],
    ['R2D1', '201601'],
  ]) {
    const planted = await officer.request('PUT', '/api/programs/XX/values', { indicator: 'SECRET_IND', place, period, value: FIGURE, version: 0 });
    expect(planted.status).toBe(200);
  }
}, 60_000);
afterAll(() => t?.destroy());

const cell = (place: string, period: string, value: number) => ({ indicator: 'SPLIT_IND', place, period, disagg: 'kind=x', value });
const csv = (place: string, period: string, value: number) => `${HEADER}\nSPLIT_IND,${place},${period},kind=x,,${value},sourced,,,\n`;
const text = (r: Reply) => (typeof r.body === 'string' ? r.body : JSON.stringify(r.body));
/** What a write's answer shows that could depend on the figure: its status and the flags it carries. */
const outcome = (r: Reply) => ({
  status: r.status,
  flags: (r.body as { flags?: unknown }).flags ?? null,
  error: (r.body as { error?: unknown }).error ?? null,
});

describe(`a relation rule over restricted data (${process.env.VIGIA_TEST_DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  it('an uncleared writer’s write comes out the same on either side of the figure (single, batch, import), and its answer never names it', async () => {
    const partner = await signIn(USERS.partnerA);
    const officer = await signIn(OFFICIAL_OFFICER);
    const writes: Array<[string, (v: number, period: string) => Promise<Reply>, [string, string]]> = [
      ['partner PUT', (v, p) => partner.request('PUT', '/api/programs/XX/values', { ...cell('R1D1', p, v), version: 0 }), ['201601', '201602']],
      ['partner batch', (v, p) => partner.post('/api/programs/XX/values/batch', { values: [cell('R1D1', p, v)] }), ['201604', '201605']],
      [
        'partner import',
        (v, p) => partner.request('POST', '/api/programs/XX/imports/csv', csv('R1D1', p, v), { 'content-type': 'text/csv' }),
        ['201607', '201608'],
      ],
      [
        'official officer PUT',
        (v, p) => officer.request('PUT', '/api/programs/XX/values', { ...cell('R1D2', p, v), organisation: 'ORG_B', version: 0 }),
        ['201601', '201602'],
      ],
    ];
    for (const [what, write, [lowPeriod, highPeriod]] of writes) {
      const low = await write(LOW, lowPeriod);
      const high = await write(HIGH, highPeriod);
      expect(low.status, what).toBe(200);
      expect(outcome(high), what).toEqual(outcome(low));
      for (const r of [low, high]) {
        expect(text(r), what).not.toContain(String(FIGURE));
        expect(text(r), what).not.toContain(RULE);
      }
    }
    // The breaking values were stored, each flagged for cleared readers only.
    const flags = await t.db.selectFrom('value_flag').select(['rule_code', 'sensitivity', 'expected']).where('rule_code', '=', RULE).execute();
    expect(flags).toHaveLength(4);
    for (const f of flags) expect(f).toEqual({ rule_code: RULE, sensitivity: 'restricted', expected: String(FIGURE) });
  });

  it('a writer cleared for the rule is refused, with the limit', async () => {
    const officer = await signIn(USERS.officer);
    const refused = await officer.request('PUT', '/api/programs/XX/values', { ...cell('R2D1', '201601', HIGH), organisation: 'ORG_A', version: 0 });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ error: 'validation', details: [{ rule: RULE, limit: FIGURE }] });
  });

  it('every surface shows the rule’s outcome and figure to cleared readers only', async () => {
    const partner = await signIn(USERS.partnerA);
    const sub = await partner.post('/api/programs/XX/submissions', { period: '2016Q1' });
    expect(sub.status).toBe(201);
    const { id, version } = sub.body as { id: number; version: number };

    // An officer not cleared is neither blocked by nor told of the restricted warning.
    const uncleared = await signIn(OFFICIAL_OFFICER);
    const cleared = await signIn(USERS.officer);
    const flagId = (await t.db.selectFrom('value_flag').select('id').where('rule_code', '=', RULE).orderBy('id').executeTakeFirstOrThrow()).id;
    expect((await uncleared.post(`/api/value-flags/${flagId}/acknowledge`, { comment: 'seen' })).status).toBe(404);
    const early = await cleared.post(`/api/submissions/${id}/approve`, { version });
    expect(early.status).toBe(409);
    expect(text(early)).toContain(RULE);

    const surfaces = (): string[] => [
      '/api/programs/XX/values?indicator=SPLIT_IND',
      '/api/programs/XX/value-flags',
      '/api/programs/XX/quality',
      `/api/submissions/${id}/values`,
      '/api/programs/XX/exports/csv',
      '/api/programs/XX/exports/csv?indicator=SPLIT_IND,SECRET_IND&by=place,period',
      '/api/notifications',
    ];
    const read = async (email: string) => {
      const c = await signIn(email);
      const out: string[] = [];
      for (const path of surfaces()) out.push(`${path} ${text(await c.get(path))}`);
      return out.join('\n');
    };
    for (const email of UNCLEARED) {
      const seen = await read(email);
      expect(seen, email).not.toContain(String(FIGURE));
      expect(seen, email).not.toContain(RULE);
    }
    for (const email of CLEARED) {
      const seen = await read(email);
      // The test can tell: where the rule may be read, its figure is there.
      expect(seen, email).toContain(RULE);
      expect(seen, email).toContain(String(FIGURE));
    }

    // The inbox and the mail outbox: officers cleared hear of the rule, the others do not.
    const notices = await t.db
      .selectFrom('notification as n')
      .innerJoin('app_user as u', 'u.id', 'n.user_id')
      .select(['u.email', 'n.params'])
      .where('n.kind', '=', 'warning')
      .execute();
    expect(notices.filter((n) => n.params.includes(RULE)).map((n) => n.email)).toEqual([USERS.officer]);
    const outbox = await t.db.selectFrom('mail_outbox').select(['to_address as to', 'subject', 'body']).execute();
    for (const m of [...outbox, ...sent.map((s) => ({ to: s.to, subject: s.subject, body: s.text }))]) {
      const mayRead = m.to === USERS.officer || m.to === USERS.admin;
      if (!mayRead) expect(`${m.subject}\n${m.body}`, m.to).not.toContain(RULE);
      expect(`${m.subject}\n${m.body}`, m.to).not.toContain(String(FIGURE));
    }
    expect(outbox.some((m) => m.to === USERS.officer && m.body.includes(RULE))).toBe(true);

    // The quality report the CLI prints (no actor: the system, cleared) lists the warnings.
    const report = await qualityReport(t.db, undefined, 'XX', { period: '2016Q1' }, () => new Date());
    expect(report.violations.map((v) => v.rule)).toContain(RULE);

    // An uncleared officer may approve: the warning it may not read stays open for the cleared.
    const approved = await uncleared.post(`/api/submissions/${id}/approve`, { version });
    expect(approved.status).toBe(200);
    const analyst = await signIn(USERS.cleared);
    expect(text(await analyst.get('/api/programs/XX/value-flags'))).toContain(RULE);
    for (const email of UNCLEARED) {
      const seen = await read(email);
      expect(seen, email).not.toContain(String(FIGURE));
      expect(seen, email).not.toContain(RULE);
    }
  });
});
