/**
 * Issue 16, due-date reminders and the warning notice, wired: with a clock the test moves, the
 * sweep `vigia serve` runs every minute reminds a report's clerks once when its due date comes
 * near (in their language, in the inbox and by e-mail through a real SMTP server on loopback),
 * then its clerks and the officers once when it is overdue; a submitted report is never
 * reminded; a submission whose values carry a validation warning tells the officers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../server/app.js';
import { createTestDb, type TestDb } from '../../../test/helpers/test-db.js';
import { TestClient } from '../../../test/helpers/http-client.js';
import { createAccessFixture, PASSWORD, USERS } from '../../../test/helpers/access-fixture.js';
import { startSmtpInbox, type ReceivedMail, type SmtpInbox } from '../../../test/helpers/smtp-inbox.js';
import { smtpMailer, type MailSettings } from '../accounts/mailer.js';
import { createUser } from '../accounts/users.service.js';
import { deliverOutbox, deliveryIdle } from '../notifications/mail-delivery.service.js';
import { noticesFor } from '../notifications/notify-deps.js';
import { OVERDUE_REMINDER_DAYS, reminderOf, sweepDueReminders } from './due-reminders.service.js';
import type { ExpectedReport } from './calendar.schema.js';

const FROM = 'Vigia <vigia@example.test>';
const OFFICER_ES = 'oficial@example.org';
const CLERK_A_ES = 'empleado.a@example.org';
const EVERYONE = [...Object.values(USERS), OFFICER_ES, CLERK_A_ES];
let t: TestDb;
let smtp: SmtpInbox;
let mail: MailSettings;
let app: App;
/** The day the server thinks it is (noon UTC); the test moves it. */
let today = '2015-02-05';
const clock = () => new Date(`${today}T12:00:00Z`);
/** One round of `vigia serve`'s minute: the reminders of the day, then the outbox. */
const sweep = () => sweepDueReminders(t.db, noticesFor(mail), { clock, remindDays: 3 });

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
  smtp = await startSmtpInbox();
  mail = { mailer: smtpMailer(smtp.url, FROM), from: FROM, publicUrl: 'https://vigia.example.test' };
  app = createApp({ db: t.db, engine: t.engine, clock, mail });
}, 60_000);
afterAll(async () => {
  await deliveryIdle(t.db);
  await smtp?.close();
  await t?.destroy();
});

const as = async (email: string): Promise<TestClient> => {
  const c = new TestClient(app);
  await c.signIn(email, PASSWORD);
  return c;
};
const put = (c: TestClient, place: string, period: string, value: number) =>
  c.request('PUT', '/api/programs/XX/values', { indicator: 'SPLIT_IND', place, period, disagg: 'kind=x', value, version: 0 });

/** Who holds notifications of `kind`, by e-mail address, and what they were titled. */
async function notified(kind: string): Promise<Array<[string, string]>> {
  const who: Array<[string, string]> = [];
  for (const email of EVERYONE) {
    const r = await (await as(email)).get('/api/notifications');
    expect(r.status).toBe(200);
    for (const n of (r.body as { notifications: Array<{ kind: string; title: string }> }).notifications) if (n.kind === kind) who.push([email, n.title]);
  }
  return sorted(who);
}

/** Pairs in the order of their first element: how the lists are compared. */
const sorted = (pairs: Array<[string, string]>): Array<[string, string]> => [...pairs].sort((a, b) => a[0].localeCompare(b[0]));

/** The e-mails sent since the last call, as [to, subject], sorted. */
let seen = 0;
async function mailsSince(n: number): Promise<Array<[string, string]>> {
  await deliveryIdle(t.db);
  await deliverOutbox(t.db, mail, clock);
  if (n > 0) await smtp.nth(seen + n - 1);
  const got: ReceivedMail[] = smtp.received.slice(seen);
  seen += got.length;
  return sorted(got.map((m): [string, string] => [m.to.join(), m.subject]));
}

describe('due-date reminders, with a moved clock', () => {
  it('sets up: ORG_A reports monthly (due 10 days after), ORG_B quarterly and submits its quarter early', async () => {
    const officer = await as(USERS.officer);
    const calendar = {
      reports: [
        { organisation: 'ORG_A', indicators: ['SPLIT_IND'], frequency: 'month', due_days: 10, close_days: null, start: '2015-01-01' },
        { organisation: 'ORG_B', indicators: ['SPLIT_IND'], frequency: 'quarter', due_days: 15, close_days: null, start: '2015-01-01' },
      ],
    };
    expect((await officer.request('PUT', '/api/programs/XX/calendar', calendar)).status).toBe(200);
    const b = await as(USERS.partnerB);
    expect((await put(b, 'R2D1', '201501', 4)).status).toBe(200);
    expect((await b.post('/api/programs/XX/submissions', { period: '2015Q1' })).status).toBe(201);
    await mailsSince(2); // the officers hear of ORG_B's submission
    // Five days before ORG_A's January report is due: nothing yet.
    expect(await sweep()).toBe(0);
    expect(await notified('due_soon')).toEqual([]);
  });

  it('three days before the due date, the clerks of ORG_A are reminded once, in their language', async () => {
    today = '2015-02-07';
    expect(await sweep()).toBe(1);
    // Again, and two at once (two processes' rounds): nothing more.
    expect(await sweep()).toBe(0);
    expect(await Promise.all([sweep(), sweep()])).toEqual([0, 0]);
    expect(await notified('due_soon')).toEqual(
      sorted([
        [CLERK_A_ES, 'el informe de XX de 201501 vence el 2015-02-10'],
        [USERS.partnerA, 'the XX report for 201501 is due on 2015-02-10'],
      ]),
    );
    expect(await mailsSince(2)).toEqual(
      sorted([
        [CLERK_A_ES, 'Vigia: el informe de XX de 201501 vence el 2015-02-10'],
        [USERS.partnerA, 'Vigia: the XX report for 201501 is due on 2015-02-10'],
      ]),
    );
    today = '2015-02-09';
    expect(await sweep()).toBe(0);
  });

  it('past the due date with nothing submitted, the clerks and the officers are told once', async () => {
    today = '2015-02-11';
    expect(await Promise.all([sweep(), sweep()]).then((n) => n.sort())).toEqual([0, 1]);
    expect(await sweep()).toBe(0);
    const title = 'the XX report of ORG_A for 201501 is overdue (due 2015-02-10)';
    const titulo = 'el informe de XX de ORG_A de 201501 está atrasado (vencía el 2015-02-10)';
    expect(await notified('overdue')).toEqual(
      sorted([
        [CLERK_A_ES, titulo],
        [OFFICER_ES, titulo],
        [USERS.officer, title],
        [USERS.partnerA, title],
      ]),
    );
    expect(await mailsSince(4)).toEqual(
      sorted([
        [CLERK_A_ES, `Vigia: ${titulo}`],
        [OFFICER_ES, `Vigia: ${titulo}`],
        [USERS.officer, `Vigia: ${title}`],
        [USERS.partnerA, `Vigia: ${title}`],
      ]),
    );
  });

  it('a submitted report is not reminded: ORG_A submits February early, ORG_B its quarter', async () => {
    today = '2015-02-20';
    const a = await as(USERS.partnerA);
    expect((await put(a, 'R1D1', '201502', 5)).status).toBe(200);
    expect((await a.post('/api/programs/XX/submissions', { period: '201502' })).status).toBe(201);
    await mailsSince(2);
    // Days before February's due date (03-10) and the quarter's (04-15): no reminder at all.
    for (const day of ['2015-03-08', '2015-03-10', '2015-03-11', '2015-04-13', '2015-04-16']) {
      today = day;
      await sweep();
    }
    const sent = await t.db
      .selectFrom('reminder_sent as r')
      .innerJoin('organisation as o', 'o.id', 'r.organisation_id')
      .select(['r.kind', 'o.code', 'r.period'])
      .orderBy('r.id')
      .execute();
    // Only March (due 04-10, nothing submitted; the clock skipped its due-soon days) was
    // reminded in those days, besides January.
    expect(sent).toEqual([
      { kind: 'due_soon', code: 'ORG_A', period: '201501' },
      { kind: 'overdue', code: 'ORG_A', period: '201501' },
      { kind: 'overdue', code: 'ORG_A', period: '201503' },
    ]);
    expect((await notified('due_soon')).map(([who]) => who)).not.toContain(USERS.partnerB);
    expect((await notified('overdue')).map(([who]) => who)).not.toContain(USERS.partnerB);
    await mailsSince(4);
  });
});

describe('which reminder a report calls for', () => {
  const report = (r: Partial<ExpectedReport>) => ({ due_on: '2015-02-10', submitted_at: null, closed: false, ...r }) as ExpectedReport;
  it('due soon from `remindDays` before the due date through the day itself; overdue for a while after; never once submitted or closed', () => {
    const r = report({});
    expect(['2015-02-06', '2015-02-07', '2015-02-10', '2015-02-11'].map((day) => reminderOf(r, day, 3))).toEqual([null, 'due_soon', 'due_soon', 'overdue']);
    expect(reminderOf(r, '2015-02-10', 0)).toBe('due_soon');
    expect(reminderOf(r, '2015-02-09', 0)).toBeNull();
    // 30 days after 2015-02-10 is 2015-03-12.
    expect(OVERDUE_REMINDER_DAYS).toBe(30);
    expect(reminderOf(r, '2015-03-12', 3)).toBe('overdue');
    expect(reminderOf(r, '2015-03-13', 3)).toBeNull();
    expect(reminderOf(report({ submitted_at: '2015-02-12T10:00:00.000Z' }), '2015-02-11', 3)).toBeNull();
    expect(reminderOf(report({ closed: true }), '2015-02-11', 3)).toBeNull();
  });
});

describe('the warning notice', () => {
  it('a submission whose values carry a validation warning tells the officers, with the warning', async () => {
    today = '2015-04-20';
    const officer = await as(USERS.officer);
    const rule = { code: 'SPLIT_HIGH', kind: 'range', indicator: 'SPLIT_IND', max: 50, severity: 'warning' };
    expect((await officer.post('/api/programs/XX/validation-rules', rule)).status).toBe(201);
    const a = await as(CLERK_A_ES);
    expect((await put(a, 'R1D1', '201504', 80)).status).toBe(200);
    const sub = await a.post('/api/programs/XX/submissions', { period: '201504' });
    expect(sub.status).toBe(201);
    expect(await notified('warning')).toEqual(
      sorted([
        [OFFICER_ES, 'una advertencia de validación en los datos de ORG_A de 201504'],
        [USERS.officer, 'a validation warning on the 201504 data of ORG_A'],
      ]),
    );
    const mails = await mailsSince(4);
    expect(mails.filter(([, subject]) => /warning|advertencia/.test(subject))).toEqual(
      sorted([
        [OFFICER_ES, 'Vigia: una advertencia de validación en los datos de ORG_A de 201504'],
        [USERS.officer, 'Vigia: a validation warning on the 201504 data of ORG_A'],
      ]),
    );
    const body = smtp.received.find((m) => m.to[0] === USERS.officer && /warning/.test(m.subject))!.text;
    expect(body).toContain('SPLIT_HIGH');
    // A submission without warnings tells of the submission only.
    const clean = await as(USERS.partnerB);
    expect((await put(clean, 'R2D1', '201504', 7)).status).toBe(200);
    expect((await clean.post('/api/programs/XX/submissions', { period: '2015Q2' })).status).toBe(201);
    expect(await notified('warning')).toHaveLength(2);
  });
});
