/**
 * Issue 14, accounts: changing one's own password (sessions elsewhere end, this one stays), the
 * forced change of a one-time password at first sign-in, and an administrator's reset that
 * forces a change too. Over HTTP, on the engine under test.
 */
import { describe, expect, it } from 'vitest';
import { signedInAs, withAccessApp } from '../../../test/helpers/access-app.js';
import { TestClient } from '../../../test/helpers/http-client.js';
import { PASSWORD } from '../../../test/helpers/access-fixture.js';
import type { App } from '../../server/app.js';
import type { TestDb } from '../../../test/helpers/test-db.js';

let app: App;
let t: TestDb;
withAccessApp((env) => ({ app, t } = env));

interface Created {
  id: number;
  email: string;
  password: string;
}

/** A user made by the administrator: with `password` given, or with a generated one-time password. */
async function newUser(name: string, password?: string): Promise<Created> {
  const admin = await signedInAs(app, 'admin');
  const email = `${name}@example.org`;
  const r = await admin.post('/api/users', { email, name, role: 'analyst', ...(password ? { password } : {}) });
  expect(r.status).toBe(201);
  const body = r.body as { user: { id: number; must_change_password: number }; password?: string };
  expect(body.user.must_change_password).toBe(password ? 0 : 1);
  return { id: body.user.id, email, password: password ?? body.password ?? '' };
}

async function auditActions(id: number): Promise<{ action: string; after: string | null }[]> {
  return t.db.selectFrom('audit_event').select(['action', 'after']).where('entity', '=', 'user').where('entity_id', '=', String(id)).orderBy('id').execute();
}

describe('changing your own password', () => {
  it('needs the current password; ends the other sessions and the API tokens; this browser stays signed in', async () => {
    const u = await newUser('changer', PASSWORD);
    const here = new TestClient(app);
    await here.signIn(u.email, PASSWORD);
    const elsewhere = new TestClient(app);
    await elsewhere.signIn(u.email, PASSWORD);
    const script = new TestClient(app);
    script.bearer = ((await here.post('/api/tokens', { name: 'script' })).body as { token: string }).token;
    expect((await script.get('/api/auth/me')).status).toBe(200);

    const wrong = await here.post('/api/auth/password', { current_password: 'not my password', new_password: 'a brand new password' });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toMatchObject({ error: 'validation', details: [{ column: 'current_password' }] });
    const same = await here.post('/api/auth/password', { current_password: PASSWORD, new_password: PASSWORD });
    expect(same.status).toBe(400);
    expect(same.body).toMatchObject({ details: [{ column: 'new_password' }] });
    const short = await here.post('/api/auth/password', { current_password: PASSWORD, new_password: 'short' });
    expect(short.status).toBe(400);
    // Nothing ended on the refusals.
    expect((await elsewhere.get('/api/auth/me')).body).toMatchObject({ user: { email: u.email } });

    const ok = await here.post('/api/auth/password', { current_password: PASSWORD, new_password: 'a brand new password' });
    expect(ok.status).toBe(200);
    expect((await here.get('/api/auth/me')).body).toMatchObject({ user: { email: u.email } });
    expect((await elsewhere.get('/api/auth/me')).body).toMatchObject({ role: 'public', user: null });
    expect((await script.get('/api/auth/me')).status).toBe(401);
    expect((await new TestClient(app).post('/api/auth/sign-in', { email: u.email, password: PASSWORD })).status).toBe(401);
    await new TestClient(app).signIn(u.email, 'a brand new password');

    const events = await auditActions(u.id);
    const change = events.find((e) => e.action === 'change_password');
    expect(JSON.parse(change?.after ?? '{}')).toMatchObject({ credentials_ended: { sessions: 2, tokens: [expect.any(Number)] } });
    expect(JSON.stringify(events)).not.toMatch(/brand new|long test password/);
  });

  it('the public may not change a password', async () => {
    expect((await new TestClient(app).post('/api/auth/password', { current_password: 'x', new_password: 'a brand new password' })).status).toBe(401);
  });
});

describe('a one-time password must be changed at first sign-in', () => {
  it('refuses everything but "me", sign-out and the password change with 403 password_change_required, until changed', async () => {
    const u = await newUser('firstcomer');
    const c = new TestClient(app);
    const signedIn = await c.signIn(u.email, u.password);
    expect(signedIn.body).toMatchObject({ user: { must_change_password: 1 } });
    expect((await c.get('/api/auth/me')).body).toMatchObject({ user: { email: u.email, must_change_password: 1 } });
    expect((await c.get('/api/auth/options')).status).toBe(200);
    for (const [method, path, body] of [
      ['GET', '/api/programs', undefined],
      ['GET', '/api/health', undefined],
      ['POST', '/api/tokens', { name: 'sneaky' }],
      ['PATCH', '/api/users/me', { name: 'Renamed' }],
    ] as const) {
      const r = await c.request(method, path, body);
      expect(r.status, `${method} ${path}`).toBe(403);
      expect(r.body).toMatchObject({ error: 'password_change_required' });
    }
    const changed = await c.post('/api/auth/password', { current_password: u.password, new_password: 'my own chosen password' });
    expect(changed.status).toBe(200);
    expect((await c.get('/api/auth/me')).body).toMatchObject({ user: { must_change_password: 0 } });
    expect((await c.get('/api/health')).status).toBe(200);
    expect((await c.post('/api/tokens', { name: 'now fine' })).status).toBe(201);
    const change = (await auditActions(u.id)).find((e) => e.action === 'change_password');
    expect(JSON.parse(change?.after ?? '{}')).toMatchObject({ one_time_password_replaced: true });
  });

  it('sign-out works with a one-time password', async () => {
    const u = await newUser('leaver');
    const c = new TestClient(app);
    await c.signIn(u.email, u.password);
    expect((await c.post('/api/auth/sign-out')).status).toBe(200);
    expect((await c.get('/api/auth/me')).body).toMatchObject({ user: null });
  });
});

describe("an administrator's reset", () => {
  it("sets a one-time password that must be changed, and ends the user's sessions and tokens", async () => {
    const u = await newUser('forgetful', PASSWORD);
    const c = new TestClient(app);
    await c.signIn(u.email, PASSWORD);
    const script = new TestClient(app);
    script.bearer = ((await c.post('/api/tokens', { name: 'script' })).body as { token: string }).token;
    const admin = await signedInAs(app, 'admin');
    const reset = await admin.post(`/api/users/${u.id}/reset-password`);
    expect(reset.status).toBe(200);
    const fresh = (reset.body as { password: string }).password;
    expect((await c.get('/api/auth/me')).body).toMatchObject({ user: null });
    expect((await script.get('/api/auth/me')).status).toBe(401);
    const users = (await admin.get('/api/users')).body as { users: { id: number; must_change_password: number }[] };
    expect(users.users.find((x) => x.id === u.id)?.must_change_password).toBe(1);

    const again = new TestClient(app);
    await again.signIn(u.email, fresh);
    expect((await again.get('/api/programs')).body).toMatchObject({ error: 'password_change_required' });
    expect((await again.post('/api/auth/password', { current_password: fresh, new_password: 'chosen after the reset' })).status).toBe(200);
    expect((await again.get('/api/programs')).status).toBe(200);
    const events = await auditActions(u.id);
    const r = events.find((e) => e.action === 'reset_password');
    expect(JSON.parse(r?.after ?? '{}')).toMatchObject({ must_change_password: true, credentials_ended: { sessions: 1 } });
    expect(JSON.stringify(events)).not.toContain(fresh);
  });
});

describe('language', () => {
  it('a user chooses en or es (audited); anything else is refused', async () => {
    const c = await signedInAs(app, 'analyst');
    const r = await c.request('PATCH', '/api/users/me', { language: 'es' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ language: 'es' });
    expect((await c.get('/api/auth/me')).body).toMatchObject({ user: { language: 'es' } });
    expect((await c.request('PATCH', '/api/users/me', { language: 'fr' })).status).toBe(400);
    const me = (r.body as { id: number }).id;
    const e = (await auditActions(me)).find((x) => x.action === 'set_language');
    expect(JSON.parse(e?.after ?? '{}')).toEqual({ language: 'es' });
  });
});
