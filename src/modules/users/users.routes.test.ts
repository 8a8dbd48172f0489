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
    expect(JSON.stringify(list)).not.toMatch(/password/);
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
    const created = (await admin.post('/api/users', { email: 'temp@example.org', name: 'Temp', role: 'analyst', password: 'temporary password' })).body as { user: UserView };
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
