/**
 * Issue 12, problem 6: API tokens survived a password reset. Every event that changes what a
 * user signs in with or may do — a reset, a password change, a role, clearance or organisation
 * change, deactivation, an approved clearance grant — ends both the sessions and the tokens
 * issued before it, in the same transaction, recorded in that change's audit event.
 */
import { describe, expect, it } from 'vitest';
import { signedInAs, withAccessApp } from '../helpers/access-app.js';
import { TestClient } from '../helpers/http-client.js';
import { PASSWORD, USERS } from '../helpers/access-fixture.js';
import type { App } from '../../src/server/app.js';
import type { TestDb } from '../helpers/test-db.js';

let app: App;
let t: TestDb;
withAccessApp((env) => ({ app, t } = env));

interface Holder {
  id: number;
  email: string;
  session: TestClient;
  token: TestClient;
}

/** A new user signed in twice over: a browser session and a bearer token made from it. */
async function holder(n: string, role = 'partner', extra: Record<string, unknown> = {}): Promise<Holder> {
  const admin = await signedInAs(app, 'admin');
  const email = `${n}@example.org`;
  const r = await admin.post('/api/users', { email, name: n, role, password: PASSWORD, ...(role === 'partner' ? { organisation: 'ORG_A' } : {}), ...extra });
  expect(r.status).toBe(201);
  const id = (r.body as { user: { id: number } }).user.id;
  const session = new TestClient(app);
  await session.signIn(email, PASSWORD);
  const made = await session.post('/api/tokens', { name: 'script' });
  expect(made.status).toBe(201);
  const token = new TestClient(app);
  token.bearer = (made.body as { token: string }).token;
  expect((await session.get('/api/auth/me')).body).toMatchObject({ user: { email } });
  expect((await token.get('/api/auth/me')).status).toBe(200);
  return { id, email, session, token };
}

async function expectEnded(h: Holder): Promise<void> {
  expect((await h.session.get('/api/auth/me')).body).toMatchObject({ role: 'public', user: null });
  expect((await h.token.get('/api/auth/me')).status).toBe(401);
  const tokens = await t.db.selectFrom('api_token').select('revoked_at').where('user_id', '=', h.id).execute();
  expect(tokens.every((x) => x.revoked_at !== null)).toBe(true);
}

async function lastEvent(id: number, action: string): Promise<{ after: Record<string, unknown> }> {
  const e = await t.db
    .selectFrom('audit_event')
    .selectAll()
    .where('entity', '=', 'user')
    .where('entity_id', '=', String(id))
    .where('action', '=', action)
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
  return { after: JSON.parse(e.after ?? 'null') as Record<string, unknown> };
}

describe('events that end sessions and tokens', () => {
  it('a password reset by an administrator', async () => {
    const h = await holder('reset1');
    expect((await (await signedInAs(app, 'admin')).post(`/api/users/${h.id}/reset-password`)).status).toBe(200);
    await expectEnded(h);
    expect((await lastEvent(h.id, 'reset_password')).after).toMatchObject({ credentials_ended: { sessions: 1, tokens: [expect.any(Number)] } });
  });

  it("a change of one's own password; the caller gets a fresh session", async () => {
    const h = await holder('change1');
    const other = new TestClient(app);
    await other.signIn(h.email, PASSWORD);
    expect((await other.post('/api/auth/password', { current_password: 'not it at all', new_password: 'a brand new password' })).status).toBe(400);
    const r = await other.post('/api/auth/password', { current_password: PASSWORD, new_password: 'a brand new password' });
    expect(r.status).toBe(200);
    await expectEnded(h);
    expect((await other.get('/api/auth/me')).body).toMatchObject({ user: { email: h.email } });
    expect((await new TestClient(app).post('/api/auth/sign-in', { email: h.email, password: PASSWORD })).status).toBe(401);
    expect((await lastEvent(h.id, 'change_password')).after).toMatchObject({ credentials_ended: { sessions: 2, tokens: [expect.any(Number)] } });
  });

  for (const [what, change] of [
    ['a role change', { role: 'analyst', organisation: null }],
    ['a clearance change', { clearance: 'public' }],
    ['an organisation change', { organisation: 'ORG_B' }],
    ['deactivation', { active: false }],
  ] as const) {
    it(what, async () => {
      const h = await holder(`perm-${what.replace(/\W+/g, '-')}`);
      const r = await (await signedInAs(app, 'admin')).request('PATCH', `/api/users/${h.id}`, change);
      expect(r.status).toBe(200);
      await expectEnded(h);
      expect((await lastEvent(h.id, 'change_permissions')).after).toMatchObject({ credentials_ended: { sessions: 1, tokens: [expect.any(Number)] } });
    });
  }

  it('an approved grant of restricted clearance', async () => {
    const h = await holder('granted1', 'analyst');
    const r = await (await signedInAs(app, 'admin')).request('PATCH', `/api/users/${h.id}`, { clearance: 'restricted' });
    expect(r.status).toBe(202);
    // Pending: nothing ends yet.
    expect((await h.token.get('/api/auth/me')).status).toBe(200);
    await (await signedInAs(app, 'admin')).post('/api/users', { email: 'second.admin@example.org', name: 'Second', role: 'admin', password: PASSWORD });
    await t.db.updateTable('app_user').set({ clearance: 'restricted' }).where('email', '=', 'second.admin@example.org').execute();
    const second = new TestClient(app);
    await second.signIn('second.admin@example.org', PASSWORD);
    const grant = (r.body as { pending_grant: { id: number } }).pending_grant;
    expect((await second.post(`/api/clearance-grants/${grant.id}/approve`)).status).toBe(200);
    await expectEnded(h);
  });

  it('a change that changes nothing (a rename, or the same values) ends nothing', async () => {
    const h = await holder('same1');
    const admin = await signedInAs(app, 'admin');
    expect(
      (await admin.request('PATCH', `/api/users/${h.id}`, { name: 'Renamed', role: 'partner', organisation: 'ORG_A', active: true, clearance: 'official' }))
        .status,
    ).toBe(200);
    expect((await h.session.get('/api/auth/me')).body).toMatchObject({ user: { email: h.email } });
    expect((await h.token.get('/api/auth/me')).status).toBe(200);
    expect(USERS.admin).toBeTruthy();
  });
});
