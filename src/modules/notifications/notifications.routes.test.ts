/**
 * Issue 16, notifications over HTTP with e-mail through a real SMTP server on loopback: a
 * submission reaches exactly the officers, a return or an approval exactly the organisation's
 * clerks, each in the inbox and by e-mail in their own language; a user sees and marks only
 * their own notifications; an unreachable SMTP server leaves the inbox whole and the e-mail in
 * the outbox, retried, then failed and listed for administrators, and sent once retried.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/helpers/test-db.js';
import { TestClient } from '../../../test/helpers/http-client.js';
import { createAccessFixture, PASSWORD, USERS } from '../../../test/helpers/access-fixture.js';
import { startSmtpInbox, type ReceivedMail, type SmtpInbox } from '../../../test/helpers/smtp-inbox.js';
import { createApp, type App } from '../../server/app.js';
import { smtpMailer, type MailSettings } from '../accounts/mailer.js';
import { createUser } from '../accounts/users.service.js';
import { deliverOutbox, deliveryIdle, kickDelivery, MAX_ATTEMPTS } from './mail-delivery.service.js';
import { notifyWarning } from './notify.service.js';

const FROM = 'Vigia <vigia@example.test>';
const PUBLIC_URL = 'https://vigia.example.test';
const OFFICER_ES = 'oficial@example.org';
const CLERK_A_ES = 'empleado.a@example.org';
let t: TestDb;
let inbox: SmtpInbox;
let app: App;
/** The same database behind an app whose SMTP server does not answer. */
let deadApp: App;
let deadMail: MailSettings;
let mail: MailSettings;

beforeAll(async () => {
  t = await createTestDb();
  await createAccessFixture(t.db);
  for (const [email, role, organisation] of [
    [OFFICER_ES, 'officer', undefined],
    [CLERK_A_ES, 'partner', 'ORG_A'],
  ] as const) {
    const u = await createUser(t.db, { email, name: email, role, organisation, password: PASSWORD }, null);
    await t.db.updateTable('app_user').set({ language: 'es' }).where('id', '=', u.user.id).execute();
  }
  inbox = await startSmtpInbox();
  mail = { mailer: smtpMailer(inbox.url, FROM), from: FROM, publicUrl: PUBLIC_URL };
  app = createApp({ db: t.db, engine: t.engine, mail });
  // A port that refuses connections: an inbox started and closed again.
  const closed = await startSmtpInbox();
  await closed.close();
  deadMail = { mailer: smtpMailer(closed.url, FROM), from: FROM, publicUrl: PUBLIC_URL };
  deadApp = createApp({ db: t.db, engine: t.engine, mail: deadMail });
}, 60_000);
afterAll(async () => {
  await deliveryIdle(t.db);
  await inbox.close();
  await t.destroy();
});

const as = async (email: string, on: App = app): Promise<TestClient> => {
  const c = new TestClient(on);
  await c.signIn(email, PASSWORD);
  return c;
};
const EVERYONE = [...Object.values(USERS), OFFICER_ES, CLERK_A_ES];

interface Listed {
  unread: number;
  notifications: Array<{ id: number; kind: string; title: string; submission_id: number | null; read_at: string | null }>;
}
const inboxOf = async (email: string): Promise<Listed> => {
  const r = await (await as(email)).get('/api/notifications');
  expect(r.status).toBe(200);
  return r.body as Listed;
};
/** Who holds a notification of `kind` about submission `id`, by e-mail address. */
const notified = async (kind: string, id: number): Promise<string[]> => {
  const who: string[] = [];
  for (const email of EVERYONE) if ((await inboxOf(email)).notifications.some((n) => n.kind === kind && n.submission_id === id)) who.push(email);
  return who.sort();
};
/** Waits for the next `n` e-mails; returns them as "to: subject" lines, sorted. */
let seen = 0;
const nextMails = async (n: number): Promise<ReceivedMail[]> => {
  await inbox.nth(seen + n - 1);
  await deliveryIdle(t.db);
  const got = inbox.received.slice(seen);
  seen += got.length;
  expect(got).toHaveLength(n);
  return got.sort((a, b) => a.to.join().localeCompare(b.to.join()));
};
const put = (c: TestClient, place: string, period: string, value: number) =>
  c.request('PUT', '/api/programs/XX/values', { indicator: 'SPLIT_IND', place, period, disagg: 'kind=x', value, version: 0 });

describe('notifications of the approval workflow', () => {
  let id = 0;

  it('a submission reaches the officers only, in the inbox and by e-mail in their language', async () => {
    const a = await as(USERS.partnerA);
    expect((await put(a, 'R1D1', '201501', 3)).status).toBe(200);
    const sub = await a.post('/api/programs/XX/submissions', { period: '2015Q1' });
    expect(sub.status).toBe(201);
    id = (sub.body as { id: number }).id;

    expect(await notified('submitted', id)).toEqual([USERS.officer, OFFICER_ES].sort());
    const mails = await nextMails(2);
    expect(mails.map((m) => [m.to, m.subject])).toEqual([
      [[USERS.officer], 'Vigia: ORG_A submitted 2015Q1 for review'],
      [[OFFICER_ES], 'Vigia: ORG_A envió 2015Q1 para revisión'],
    ]);
    expect(mails[0]!.text).toMatch(/^Hello officer@example\.org,/);
    expect(mails[1]!.text).toMatch(/^Hola, oficial@example\.org:/);
    expect(mails[1]!.text).toContain(`${PUBLIC_URL}/approvals`);
    // The inbox speaks the reader's language too.
    expect((await inboxOf(OFFICER_ES)).notifications[0]).toMatchObject({ kind: 'submitted', title: 'ORG_A envió 2015Q1 para revisión', read_at: null });
    expect((await inboxOf(USERS.officer)).notifications[0]).toMatchObject({ title: 'ORG_A submitted 2015Q1 for review' });
  });

  it("a return reaches the organisation's clerks only, with the officer's comment", async () => {
    const officer = await as(USERS.officer);
    const r = await officer.post(`/api/submissions/${id}/return`, { version: 1, comment: 'Huánuco looks low: check March' });
    expect(r.status).toBe(200);
    expect(await notified('returned', id)).toEqual([USERS.partnerA, CLERK_A_ES].sort());
    const mails = await nextMails(2);
    expect(mails.map((m) => [m.to, m.subject])).toEqual([
      [[USERS.partnerA], 'Vigia: your data for 2015Q1 were returned'],
      [[CLERK_A_ES], 'Vigia: se devolvieron sus datos de 2015Q1'],
    ]);
    for (const m of mails) expect(m.text).toContain('Huánuco looks low: check March');
    expect(mails[1]!.text).toContain('officer@example.org escribió:');
  });

  it('a resubmission reaches the officers, an approval the clerks — never the one who acted', async () => {
    const clerk = await as(CLERK_A_ES);
    const again = await clerk.post('/api/programs/XX/submissions', { period: '2015Q1' });
    expect(again.status).toBe(201);
    const second = (again.body as { id: number; version: number }).id;
    expect(await notified('submitted', second)).toEqual([USERS.officer, OFFICER_ES].sort());
    expect((await nextMails(2)).map((m) => m.to[0])).toEqual([USERS.officer, OFFICER_ES]);

    const officerEs = await as(OFFICER_ES);
    expect((await officerEs.post(`/api/submissions/${second}/approve`, { version: 1 })).status).toBe(200);
    expect(await notified('approved', second)).toEqual([USERS.partnerA, CLERK_A_ES].sort());
    expect((await nextMails(2)).map((m) => [m.to[0], m.subject])).toEqual([
      [USERS.partnerA, 'Vigia: your data for 2015Q1 were approved'],
      [CLERK_A_ES, 'Vigia: se aprobaron sus datos de 2015Q1'],
    ]);
    // Nobody else got anything; every queued e-mail was sent.
    for (const email of [USERS.admin, USERS.partnerB, USERS.analyst, USERS.cleared]) expect((await inboxOf(email)).notifications).toEqual([]);
    const outbox = await t.db.selectFrom('mail_outbox').select(['status', 'attempts']).execute();
    expect(outbox).toHaveLength(8);
    expect(outbox.every((m) => m.status === 'sent' && m.attempts === 1)).toBe(true);
    expect(inbox.received).toHaveLength(8);
  });

  it('a user lists and marks read only their own notifications', async () => {
    const officer = await as(USERS.officer);
    const mine = (await officer.get('/api/notifications')).body as Listed;
    expect(mine.unread).toBe(2);
    const clerkA = await as(USERS.partnerA);
    const theirs = ((await clerkA.get('/api/notifications')).body as Listed).notifications;
    // Another's notification is "not found", and stays unread.
    const foreign = await officer.post('/api/notifications/read', { id: theirs[0]!.id });
    expect(foreign.status).toBe(404);
    expect(((await clerkA.get('/api/notifications')).body as Listed).unread).toBe(2);

    const one = await officer.post('/api/notifications/read', { id: mine.notifications[0]!.id });
    expect(one.body).toEqual({ marked: 1, unread: 1 });
    expect(((await officer.get('/api/notifications?unread=true')).body as Listed).notifications.map((n) => n.id)).toEqual([mine.notifications[1]!.id]);
    expect((await officer.post('/api/notifications/read', { all: true })).body).toEqual({ marked: 1, unread: 0 });
    expect(((await clerkA.get('/api/notifications')).body as Listed).unread).toBe(2);
    expect((await officer.post('/api/notifications/read', { id: 1, all: true })).status).toBe(400);
    expect((await new TestClient(app).get('/api/notifications')).status).toBe(401);
  });
});

describe('the hook for validation rules', () => {
  it('a warning on an organisation’s data reaches the officers, with its message', async () => {
    const s = await t.db.selectFrom('submission').select(['id', 'program_id', 'organisation_id']).orderBy('id').executeTakeFirstOrThrow();
    const at = new Date().toISOString();
    const message = 'ERAD_HA 5000000 > 100000 (rule ERAD_MAX)';
    // One message per clearance (each written for what its officers may read): the same one here.
    for (const clearance of ['official', 'restricted'] as const)
      await t.db
        .transaction()
        .execute((trx) =>
          notifyWarning(
            trx,
            { email: { publicUrl: PUBLIC_URL } },
            { programId: s.program_id, organisationId: s.organisation_id, period: '2015Q1', submissionId: s.id, actorId: null, message, clearance, at },
          ),
        );
    kickDelivery(t.db, mail);
    expect(await notified('warning', s.id)).toEqual([USERS.officer, OFFICER_ES].sort());
    const mails = await nextMails(2);
    expect(mails.map((m) => [m.to[0], m.subject])).toEqual([
      [USERS.officer, 'Vigia: a validation warning on the 2015Q1 data of ORG_A'],
      [OFFICER_ES, 'Vigia: una advertencia de validación en los datos de ORG_A de 2015Q1'],
    ]);
    for (const m of mails) expect(m.text).toContain(message);
  });
});

describe('an SMTP server that does not answer', () => {
  it('keeps the inbox whole and the e-mail in the outbox: retried, then failed and shown to administrators, sent once retried', async () => {
    const b = await as(USERS.partnerB, deadApp);
    expect((await put(b, 'R2D1', '201502', 6)).status).toBe(200);
    const sub = await b.post('/api/programs/XX/submissions', { period: '2015Q1' });
    expect(sub.status).toBe(201);
    const id = (sub.body as { id: number }).id;
    await deliveryIdle(t.db);
    expect(await notified('submitted', id)).toEqual([USERS.officer, OFFICER_ES].sort());

    const admin = await as(USERS.admin);
    const troubled = async () =>
      ((await admin.get('/api/mail-outbox')).body as { messages: Array<{ to_address: string; status: string; attempts: number; last_error: string | null }> })
        .messages;
    let listed = await troubled();
    expect(listed.map((m) => [m.to_address, m.status, m.attempts])).toEqual([
      [OFFICER_ES, 'pending', 1],
      [USERS.officer, 'pending', 1],
    ]);
    expect(listed[0]!.last_error).toMatch(/ECONNREFUSED|connect/i);
    // Later attempts, with the clock moved past each wait, until the last one gives up.
    let clock = Date.now();
    for (let attempt = 2; attempt <= MAX_ATTEMPTS; attempt++) {
      clock += 2 * 60 * 60_000;
      expect(await deliverOutbox(t.db, deadMail, () => new Date(clock))).toEqual({ sent: 0, failed: 2 });
    }
    expect(await deliverOutbox(t.db, deadMail, () => new Date(clock + 24 * 60 * 60_000))).toEqual({ sent: 0, failed: 0 });
    listed = await troubled();
    expect(listed.map((m) => [m.status, m.attempts])).toEqual([
      ['failed', MAX_ATTEMPTS],
      ['failed', MAX_ATTEMPTS],
    ]);
    expect((await (await as(USERS.officer)).get('/api/mail-outbox')).status).toBe(403);

    // Retried once the server answers: each message arrives once.
    expect((await admin.post('/api/mail-outbox/retry')).body).toEqual({ requeued: 2 });
    const mails = await nextMails(2);
    expect(mails.map((m) => [m.to[0], m.subject])).toEqual([
      [USERS.officer, 'Vigia: ORG_B submitted 2015Q1 for review'],
      [OFFICER_ES, 'Vigia: ORG_B envió 2015Q1 para revisión'],
    ]);
    expect(await troubled()).toEqual([]);
  });
});
