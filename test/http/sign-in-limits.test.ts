/**
 * Issue 12, problem 5 (the sign-in limiter could be bypassed) and the hardening point "sign-in
 * with an existing session cookie must not answer 403". On the engine under test (SQLite, or
 * PostgreSQL with VIGIA_TEST_DATABASE_URL).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../helpers/test-db.js';
import { TestClient } from '../helpers/http-client.js';
import { createApp } from '../../src/server/app.js';
import { createUser } from '../../src/modules/accounts/users.service.js';
import { defaultAuthSettings, signIn, type AuthSettings } from '../../src/modules/accounts/auth.service.js';
import { SignInLimiter, DEFAULT_LIMITS } from '../../src/modules/accounts/rate-limit.js';
import { isVigiaError } from '../../src/core/errors.js';
import { hashPassword } from '../../src/modules/accounts/password.js';

let t: TestDb;
const PASSWORD = 'the right password';
const OWNER = 'owner@example.org';
const ADMIN = 'boss@example.org';
beforeAll(async () => {
  t = await createTestDb();
  await createUser(t.db, { email: OWNER, name: 'Owner', role: 'analyst', password: PASSWORD }, null);
  await createUser(t.db, { email: ADMIN, name: 'Boss', role: 'admin', password: PASSWORD }, null);
  const hash = await hashPassword('the victims password');
  for (let i = 0; i < 30; i++)
    await t.db
      .insertInto('app_user')
      .values({
        email: `victim${i}@example.org`,
        name: `V${i}`,
        password_hash: hash,
        role: 'analyst',
        organisation_id: null,
        clearance: 'official',
        active: 1,
        created_at: new Date().toISOString(),
      })
      .execute();
}, 60_000);
afterAll(() => t.destroy());

const clear = () => t.db.deleteFrom('sign_in_failure').execute();
const failedChecks = async (email: string) =>
  (await t.db.selectFrom('audit_event').select('after').where('action', '=', 'sign_in_failed').execute()).filter((e) => e.after?.includes(email)).length;

/** The outcome of one attempt: ok, wrong (the password was checked) or limited (refused before the hash). */
async function attempt(s: AuthSettings, email: string, password: string, client: string): Promise<'ok' | 'wrong' | 'limited'> {
  try {
    await signIn(t.db, s, email, password, client);
    return 'ok';
  } catch (e) {
    if (isVigiaError(e) && e.kind === 'rate_limited') return 'limited';
    if (isVigiaError(e) && e.kind === 'unauthorized') return 'wrong';
    throw e;
  }
}

describe('the sign-in limiter', () => {
  it('50 parallel wrong passwords for one e-mail over HTTP: at most the free failures are checked, the rest are 429 with Retry-After', async () => {
    await clear();
    const app = createApp({ db: t.db, engine: t.engine });
    const replies = await Promise.all(
      Array.from({ length: 50 }, () => new TestClient(app).post('/api/auth/sign-in', { email: ADMIN, password: 'a wrong guess' })),
    );
    const checked = replies.filter((r) => r.status === 401).length;
    const refused = replies.filter((r) => r.status === 429);
    expect(checked + refused.length).toBe(50);
    expect(checked).toBeGreaterThan(0);
    expect(checked).toBeLessThanOrEqual(DEFAULT_LIMITS.accountFreeFailures);
    // Each checked attempt left one failed-sign-in audit event (one scrypt check): no more.
    expect(await failedChecks(ADMIN)).toBe(checked);
    expect(refused[0]?.body).toMatchObject({ error: 'rate_limited', details: [{ reason: 'rate_limited' }] });
    expect(Number(refused[0]?.headers.get('retry-after'))).toBeGreaterThan(0);
  }, 120_000);

  it('one address that signs in to its own account is still refused after the per-address limit, whatever the e-mails', async () => {
    await clear();
    let now = Date.parse('2026-12-02T10:00:00Z');
    const s = defaultAuthSettings({ limiter: new SignInLimiter({}, () => now) });
    const outcomes: string[] = [];
    for (let i = 0; i < 30; i++) {
      now += 1000;
      // The attacker's own account, between guesses: a success must not buy more guesses.
      if (i % 3 === 0 && !outcomes.includes('limited')) expect(await attempt(s, OWNER, PASSWORD, 'addr-x')).toBe('ok');
      outcomes.push(await attempt(s, `victim${i}@example.org`, 'a wrong guess', 'addr-x'));
    }
    const firstLimited = outcomes.indexOf('limited');
    expect(firstLimited).toBe(DEFAULT_LIMITS.clientMaxFailures);
    expect(outcomes.slice(firstLimited).every((o) => o === 'limited')).toBe(true);
    expect(outcomes.filter((o) => o === 'wrong')).toHaveLength(DEFAULT_LIMITS.clientMaxFailures);
    // Another address is not affected.
    expect(await attempt(s, 'victim29@example.org', 'a wrong guess', 'addr-y')).toBe('wrong');
  }, 120_000);

  it('an attack on an administrator does not lock the real owner out: the back-off grows, is capped, and the owner signs in from elsewhere once it has passed', async () => {
    await clear();
    let now = Date.parse('2026-12-02T12:00:00Z');
    const s = defaultAuthSettings({ limiter: new SignInLimiter({}, () => now) });
    const burst = await Promise.all(Array.from({ length: 50 }, () => attempt(s, ADMIN, 'a wrong guess', 'attacker')));
    expect(burst.filter((o) => o === 'wrong').length).toBeLessThanOrEqual(DEFAULT_LIMITS.accountFreeFailures);
    expect(burst.filter((o) => o === 'ok')).toHaveLength(0);
    // Then one after another until the account's back-off starts.
    let tries = 0;
    while ((await attempt(s, ADMIN, 'a wrong guess', 'attacker')) === 'wrong') tries++;
    expect(tries).toBeLessThanOrEqual(DEFAULT_LIMITS.accountFreeFailures);
    // Right after the burst the account waits (the owner too: the account is what is guarded).
    expect(await attempt(s, ADMIN, PASSWORD, 'owner-office')).toBe('limited');
    // The attacker keeps trying for two hours, from one address, whenever allowed: the account's
    // wait never exceeds the cap, and the address limit soon stops the attacker altogether.
    const waits: number[] = [];
    for (let minute = 0; minute < 120; minute += 5) {
      now += 5 * 60_000;
      await attempt(s, ADMIN, 'another wrong guess', 'attacker');
      const e = await signIn(t.db, s, ADMIN, 'probe wrong', 'probe').catch((x: unknown) => x);
      if (isVigiaError(e) && e.kind === 'rate_limited') waits.push(Number(e.details[0]?.value));
      await t.db.deleteFrom('sign_in_failure').where('key', '=', 'client:probe').execute();
      // The probe's own failure (when checked) counts for the account: forget it, so the probe only measures.
      await t.db.deleteFrom('sign_in_failure').where('key', '=', `email:${ADMIN}`).where('at_ms', '=', now).execute();
    }
    expect(Math.max(...waits)).toBeLessThanOrEqual(DEFAULT_LIMITS.accountMaxDelayMs / 1000);
    // Once the back-off has passed, the owner signs in from another address.
    now += DEFAULT_LIMITS.accountMaxDelayMs + 1000;
    expect(await attempt(s, ADMIN, PASSWORD, 'owner-office')).toBe('ok');
  }, 300_000);

  it('the limit is the same for every process: limiters sharing the database refuse alike', async () => {
    await clear();
    const a = defaultAuthSettings({ limiter: new SignInLimiter() });
    const b = defaultAuthSettings({ limiter: new SignInLimiter() });
    const outcomes = await Promise.all(Array.from({ length: 20 }, (_, i) => attempt(i % 2 ? a : b, OWNER, 'a wrong guess', `addr-${i}`)));
    expect(outcomes.filter((o) => o === 'wrong').length).toBeLessThanOrEqual(DEFAULT_LIMITS.accountFreeFailures);
  }, 120_000);
});

describe('sign-in from a browser that already holds a session cookie', () => {
  it('answers 200 with or without the anti-CSRF header and replaces the old session', async () => {
    await clear();
    const app = createApp({ db: t.db, engine: t.engine });
    const c = new TestClient(app);
    await c.signIn(OWNER, PASSWORD);
    const old = c.cookie;
    // A plain form-like sign-in: the old cookie, no X-Requested-With.
    const again = await c.request('POST', '/api/auth/sign-in', { email: OWNER, password: PASSWORD }, { 'x-requested-with': '' });
    expect(again.status).toBe(200);
    expect(c.cookie).toBeDefined();
    expect(c.cookie).not.toBe(old);
    expect((await c.get('/api/auth/me')).body).toMatchObject({ role: 'analyst' });
    // The old session ended when the new one started.
    const stale = new TestClient(app);
    stale.cookie = old;
    expect((await stale.get('/api/auth/me')).body).toMatchObject({ role: 'public' });
    // An expired or unknown cookie does not get in the way either.
    const junk = new TestClient(app);
    junk.cookie = 'vigia_session=vgs_not-a-session';
    expect((await junk.request('POST', '/api/auth/sign-in', { email: OWNER, password: PASSWORD }, { 'x-requested-with': '' })).status).toBe(200);
    // Other cookie-authenticated writes still need the header.
    expect((await c.request('POST', '/api/tokens', { name: 'x' }, { 'x-requested-with': '' })).status).toBe(403);
  }, 60_000);
});
