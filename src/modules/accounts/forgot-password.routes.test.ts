/**
 * Issue 14, "forgot password" against a real SMTP server on loopback: the same answer for known
 * and unknown addresses, a mail (in the user's language) with a single-use, expiring link, the
 * link used once to set a password (every session ends), a used or expired link refused, and
 * no such route when e-mail is not configured.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/helpers/test-db.js';
import { TestClient } from '../../../test/helpers/http-client.js';
import { startSmtpInbox, type ReceivedMail, type SmtpInbox } from '../../../test/helpers/smtp-inbox.js';
import { createApp, type App } from '../../server/app.js';
import { defaultAuthSettings, resetRequestLimiter } from './auth.service.js';
import { smtpMailer } from './mailer.js';
import { createUser } from './users.service.js';

const PASSWORD = 'the password I forgot';
const PUBLIC_URL = 'https://vigia.example.test';
let t: TestDb;
let inbox: SmtpInbox;
let app: App;
let clock = new Date('2026-12-01T10:00:00Z');

beforeAll(async () => {
  t = await createTestDb();
  inbox = await startSmtpInbox();
  const from = 'Vigia <vigia@example.test>';
  app = createApp({
    db: t.db,
    engine: t.engine,
    // The clock is the test's, so a link can be made to expire without waiting.
    auth: defaultAuthSettings({ now: () => clock, resetLimiter: resetRequestLimiter({ clientMaxFailures: 100 }) }),
    mail: { mailer: smtpMailer(inbox.url, from), from, publicUrl: PUBLIC_URL },
  });
  await createUser(t.db, { email: 'ana@example.org', name: 'Ana', role: 'analyst', password: PASSWORD }, null);
  const luis = await createUser(t.db, { email: 'luis@example.org', name: 'Luis', role: 'analyst', password: PASSWORD }, null);
  await t.db.updateTable('app_user').set({ language: 'es' }).where('id', '=', luis.user.id).execute();
}, 60_000);
afterAll(async () => {
  await inbox.close();
  await t.destroy();
});

const forgot = (email: string, language?: string) => new TestClient(app).post('/api/auth/forgot-password', { email, ...(language ? { language } : {}) });
const tokenOf = (mail: ReceivedMail): string => {
  const link = mail.text.match(/https:\/\/vigia\.example\.test\/reset-password#token=(\S+)/);
  expect(link, mail.text).not.toBeNull();
  return decodeURIComponent(link![1]!);
};

describe('forgot password, with e-mail configured', () => {
  it('answers the same for an unknown and a known address; only the known one gets a mail, with a link that works once', async () => {
    expect((await new TestClient(app).get('/api/auth/options')).body).toEqual({ forgot_password: true });
    const unknown = await forgot('nobody@example.org');
    const known = await forgot('Ana@Example.org');
    expect(unknown.status).toBe(202);
    expect(known.status).toBe(202);
    expect(known.body).toEqual(unknown.body);
    const mail = await inbox.nth(0);
    expect(mail.to).toEqual(['ana@example.org']);
    expect(mail.subject).toBe('Vigia: set a new password');
    expect(mail.text).toMatch(/Hello Ana/);
    const token = tokenOf(mail);
    expect(inbox.received.map((m) => m.to)).toEqual([['ana@example.org']]);
    // Only the token's hash is stored.
    const stored = await t.db.selectFrom('password_reset').select('token_hash').execute();
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toContain(token);

    const signedIn = new TestClient(app);
    await signedIn.signIn('ana@example.org', PASSWORD);
    const used = await new TestClient(app).post('/api/auth/reset-password', { token, new_password: 'remembered this time' });
    expect(used.status).toBe(200);
    expect((await signedIn.get('/api/auth/me')).body).toMatchObject({ user: null });
    await new TestClient(app).signIn('ana@example.org', 'remembered this time');
    expect((await new TestClient(app).post('/api/auth/sign-in', { email: 'ana@example.org', password: PASSWORD })).status).toBe(401);

    const again = await new TestClient(app).post('/api/auth/reset-password', { token, new_password: 'a second try at it' });
    expect(again.status).toBe(400);
    expect(again.body).toMatchObject({ error: 'validation', details: [{ column: 'token' }] });
    const forged = await new TestClient(app).post('/api/auth/reset-password', { token: 'vgr_forged-token-value', new_password: 'a second try at it' });
    expect(forged.status).toBe(400);

    const events = await t.db.selectFrom('audit_event').select(['action', 'entity_id', 'after']).where('action', 'like', '%password%').orderBy('id').execute();
    expect(events.map((e) => e.action)).toEqual(['password_reset_requested', 'password_reset_requested', 'reset_password_by_link']);
    expect(events[0]).toMatchObject({ entity_id: null });
    expect(JSON.parse(events[0]!.after ?? '{}')).toEqual({ email: 'nobody@example.org', account: false });
    expect(JSON.stringify(events)).not.toContain(token);
    expect(JSON.stringify(events)).not.toContain('remembered this time');
  });

  it('an expired link is refused', async () => {
    expect((await forgot('ana@example.org')).status).toBe(202);
    const token = tokenOf(await inbox.nth(1));
    clock = new Date(clock.getTime() + 61 * 60_000);
    const r = await new TestClient(app).post('/api/auth/reset-password', { token, new_password: 'too late for this' });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ details: [{ column: 'token' }] });
    await new TestClient(app).signIn('ana@example.org', 'remembered this time');
  });

  it("writes in the user's language, else in the language asked for", async () => {
    expect((await forgot('luis@example.org', 'en')).status).toBe(202);
    const es = await inbox.nth(2);
    expect(es.to).toEqual(['luis@example.org']);
    expect(es.subject).toBe('Vigia: establezca una nueva contraseña');
    expect(es.text).toMatch(/Hola, Luis/);
    expect((await forgot('ana@example.org', 'es')).status).toBe(202);
    expect((await inbox.nth(3)).subject).toBe('Vigia: establezca una nueva contraseña');
  });

  it('a new link voids the earlier one', async () => {
    expect((await forgot('luis@example.org')).status).toBe(202);
    const first = tokenOf(await inbox.nth(4));
    expect((await forgot('luis@example.org')).status).toBe(202);
    const second = tokenOf(await inbox.nth(5));
    expect((await new TestClient(app).post('/api/auth/reset-password', { token: first, new_password: 'luis new password' })).status).toBe(400);
    expect((await new TestClient(app).post('/api/auth/reset-password', { token: second, new_password: 'luis new password' })).status).toBe(200);
  });

  it('limits requests per address, the same for unknown addresses', async () => {
    const replies = [];
    for (let i = 0; i < 4; i++) replies.push(await forgot('someone.else@example.org'));
    expect(replies.map((r) => r.status)).toEqual([202, 202, 202, 429]);
    expect(replies[3]?.headers.get('retry-after')).toMatch(/^\d+$/);
  });
});

describe('forgot password, without e-mail', () => {
  it('is absent: the options say so and both routes are 404', async () => {
    const plain = createApp({ db: t.db, engine: t.engine });
    const c = new TestClient(plain);
    expect((await c.get('/api/auth/options')).body).toEqual({ forgot_password: false });
    expect((await c.post('/api/auth/forgot-password', { email: 'ana@example.org' })).status).toBe(404);
    expect((await c.post('/api/auth/reset-password', { token: 'vgr_whatever-token', new_password: 'whatever it is' })).status).toBe(404);
  });
});
