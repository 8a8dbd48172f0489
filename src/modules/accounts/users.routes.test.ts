import { describe, expect, it } from 'vitest';
import { signedInAs, withAccessApp } from '../../../test/helpers/access-app.js';
import { TestClient } from '../../../test/helpers/http-client.js';
import { USERS, type UserKey } from '../../../test/helpers/access-fixture.js';
import { type App } from '../../server/app.js';

interface UserView {
  id: number;
  email: string;
  role: string;
  organisation_id: number | null;
  active: number;
}

let app: App;
let orgIds: Record<string, number>;
withAccessApp((env) => ({ app, orgIds } = env));

const as = (who: UserKey): Promise<TestClient> => signedInAs(app, who);

describe('users over HTTP', () => {
  it('an administrator creates a partner; the generated password is given once and works; a reset replaces it', async () => {
    const admin = await as('admin');
    const r = await admin.post('/api/users', { email: 'New.Clerk@Example.org', name: 'New clerk', role: 'partner', organisation: 'ORG_B' });
    expect(r.status).toBe(201);
    const { user, password } = r.body as { user: UserView; password: string };
    expect(user).toMatchObject({ email: 'new.clerk@example.org', role: 'partner', organisation_id: orgIds.ORG_B, active: 1 });
    expect(password.length).toBeGreaterThanOrEqual(10);
    const list = (await admin.get('/api/users')).body as { users: UserView[] };
    expect(JSON.stringify(list)).not.toMatch(/password_hash|"password":/);
    const clerk = new TestClient(app);
    await clerk.signIn('new.clerk@example.org', password);

    const reset = await admin.post(`/api/users/${user.id}/reset-password`);
    expect(reset.status).toBe(200);
    const fresh = (reset.body as { password: string }).password;
    expect(fresh).not.toBe(password);
    expect((await clerk.get('/api/auth/me')).body).toMatchObject({ role: 'public' });
    expect((await new TestClient(app).post('/api/auth/sign-in', { email: 'new.clerk@example.org', password })).status).toBe(401);
    await new TestClient(app).signIn('new.clerk@example.org', fresh);
  });

  it('changes role and status; a deactivated user cannot sign in', async () => {
    const admin = await as('admin');
    const created = (await admin.post('/api/users', { email: 'temp@example.org', name: 'Temp', role: 'analyst', password: 'temporary password' })).body as {
      user: UserView;
    };
    const changed = await admin.request('PATCH', `/api/users/${created.user.id}`, { role: 'officer' });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ role: 'officer' });
    expect((await admin.request('PATCH', `/api/users/${created.user.id}`, { active: false })).status).toBe(200);
    expect((await new TestClient(app).post('/api/auth/sign-in', { email: 'temp@example.org', password: 'temporary password' })).status).toBe(401);
  });

  it('refuses bad input with each problem named, and duplicates as a conflict', async () => {
    const admin = await as('admin');
    const bad = await admin.post('/api/users', { email: 'not-an-email', name: 'X', role: 'partner' });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: 'validation', details: [{ column: 'email' }, { column: 'organisation' }] });
    expect((await admin.post('/api/users', { email: 'x@example.org', name: 'X', role: 'boss' })).status).toBe(400);
    expect((await admin.post('/api/users', { email: 'x@example.org', name: 'X', role: 'partner', organisation: 'NOPE' })).status).toBe(400);
    expect((await admin.post('/api/users', { email: USERS.officer, name: 'Again', role: 'officer' })).status).toBe(409);
    const officerId = ((await admin.get('/api/users')).body as { users: UserView[] }).users.find((u) => u.email === USERS.officer)?.id;
    expect((await admin.request('PATCH', `/api/users/${officerId}`, {})).status).toBe(400);
    expect((await admin.request('PATCH', `/api/users/${officerId}`, { role: 'partner' })).status).toBe(400);
    expect((await admin.request('PATCH', '/api/users/999999', { role: 'analyst' })).status).toBe(404);
  });

  it('only administrators see or manage users', async () => {
    for (const who of ['officer', 'partnerA', 'analyst'] as const) {
      const c = await as(who);
      expect((await c.get('/api/users')).status).toBe(403);
      expect((await c.post('/api/users', { email: 'y@example.org', name: 'Y', role: 'admin' })).status).toBe(403);
      expect((await c.post('/api/users/1/reset-password')).status).toBe(403);
    }
    expect((await new TestClient(app).get('/api/users')).status).toBe(401);
  });
});

describe('display names over HTTP', () => {
  const idOf = async (email: string): Promise<number> => {
    const users = ((await (await as('admin')).get('/api/users')).body as { users: (UserView & { name: string })[] }).users;
    const u = users.find((x) => x.email === email);
    if (!u) throw new Error(`no user ${email}`);
    return u.id;
  };

  it("an administrator changes a user's display name, alone or with their role; the rename is audited", async () => {
    const admin = await as('admin');
    const id = await idOf(USERS.partnerB);
    const r = await admin.request('PATCH', `/api/users/${id}`, { name: 'Clerk B, renamed' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id, name: 'Clerk B, renamed', role: 'partner' });
    const both = await admin.request('PATCH', `/api/users/${id}`, { name: '  Clerk B  ', clearance: 'public' });
    expect(both.body).toMatchObject({ name: 'Clerk B', clearance: 'public' });
    const events = (
      (await admin.get(`/api/audit?entity=user&entity_id=${id}`)).body as { events: { action: string; entity_id: string; before: unknown; after: unknown }[] }
    ).events.filter((e) => e.entity_id === String(id));
    expect(events.map((e) => e.action).slice(0, 3)).toEqual(['change_permissions', 'rename', 'rename']);
    expect(events[1]).toMatchObject({ before: { name: 'Clerk B, renamed' }, after: { name: 'Clerk B' } });
    expect(events[2]).toMatchObject({ before: { name: USERS.partnerB }, after: { name: 'Clerk B, renamed' } });
    expect((await admin.request('PATCH', `/api/users/${id}`, { name: '' })).status).toBe(400);
    expect((await admin.request('PATCH', `/api/users/${id}`, { name: '   ' })).status).toBe(400);
  });

  it('every signed-in user changes their own display name (and nothing else) with PATCH /api/users/me', async () => {
    for (const who of ['analyst', 'partnerA', 'officer'] as const) {
      const c = await as(who);
      const r = await c.request('PATCH', '/api/users/me', { name: `Me, the ${who}` });
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ email: USERS[who], name: `Me, the ${who}` });
      expect((await c.get('/api/auth/me')).body).toMatchObject({ user: { name: `Me, the ${who}` } });
    }
    const analyst = await as('analyst');
    // Only the name is read: a role in the body is ignored, not applied.
    expect((await analyst.request('PATCH', '/api/users/me', { name: 'Still me', role: 'admin' })).status).toBe(200);
    expect((await analyst.get('/api/auth/me')).body).toMatchObject({ user: { role: 'analyst' } });
    expect((await analyst.request('PATCH', '/api/users/me', { name: ' ' })).status).toBe(400);
    expect((await analyst.request('PATCH', '/api/users/me', {})).status).toBe(400);
    const own = ((await (await as('admin')).get('/api/audit?entity=user')).body as { events: { action: string; user_id: number; entity_id: string }[] }).events;
    const analystId = await idOf(USERS.analyst);
    expect(own.find((e) => e.action === 'rename' && e.entity_id === String(analystId))).toMatchObject({ user_id: analystId });
  });

  it("only administrators change other users' names; the public may not change any", async () => {
    const target = await idOf(USERS.partnerA);
    for (const who of ['officer', 'partnerB', 'analyst'] as const) {
      const c = await as(who);
      expect((await c.request('PATCH', `/api/users/${target}`, { name: 'Hijacked' })).status).toBe(403);
    }
    expect((await new TestClient(app).request('PATCH', '/api/users/me', { name: 'Nobody' })).status).toBe(401);
    expect((await new TestClient(app).request('PATCH', `/api/users/${target}`, { name: 'Nobody' })).status).toBe(401);
    const users = ((await (await as('admin')).get('/api/users')).body as { users: (UserView & { name: string })[] }).users;
    expect(users.find((u) => u.id === target)?.name).not.toBe('Hijacked');
  });
});
