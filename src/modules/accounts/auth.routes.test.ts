import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/helpers/test-db.js';
import { TestClient } from '../../../test/helpers/http-client.js';
import { createApp, type App } from '../../server/app.js';
import { createUser } from './users.service.js';

let t: TestDb;
let app: App;
beforeAll(async () => {
  t = await createTestDb();
  app = createApp({ db: t.db, engine: t.engine });
  await createUser(t.db, { email: 'ana@example.org', name: 'Ana', role: 'analyst', password: 'analyst password' }, null);
});
afterAll(() => t.destroy());

describe('auth over HTTP', () => {
  it('sign-in sets an httpOnly, SameSite=Strict cookie and /me knows the user', async () => {
    const c = new TestClient(app);
    const r = await c.signIn('ana@example.org', 'analyst password');
    const cookie = r.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^vigia_session=vgs_/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(JSON.stringify(r.body)).not.toMatch(/password_hash|"password":/);
    const me = await c.get('/api/auth/me');
    expect(me.body).toMatchObject({ role: 'analyst', user: { email: 'ana@example.org' } });
    await c.post('/api/auth/sign-out');
    expect((await c.get('/api/auth/me')).body).toMatchObject({ role: 'public', user: null });
  });

  it('a wrong password is 401 in the standard error shape', async () => {
    const r = await new TestClient(app).post('/api/auth/sign-in', { email: 'ana@example.org', password: 'nope' });
    expect(r.status).toBe(401);
    expect(r.body).toMatchObject({ error: 'unauthorized', message: 'wrong email or password' });
  });

  it('cookie-authenticated writes without the anti-CSRF header, or from another origin, are refused', async () => {
    const c = new TestClient(app);
    await c.signIn('ana@example.org', 'analyst password');
    const noHeader = await c.request('POST', '/api/tokens', { name: 'x' }, { 'x-requested-with': '' });
    expect(noHeader.status).toBe(403);
    const foreign = await c.request('POST', '/api/tokens', { name: 'x' }, { origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    const ok = await c.request('POST', '/api/tokens', { name: 'x' });
    expect(ok.status).toBe(201);
  });

  it('a token works as a bearer until revoked; a forged one is 401', async () => {
    const c = new TestClient(app);
    await c.signIn('ana@example.org', 'analyst password');
    const created = (await c.post('/api/tokens', { name: 'script' })).body as { token: string; info: { id: number } };
    const script = new TestClient(app);
    script.bearer = created.token;
    expect((await script.get('/api/auth/me')).body).toMatchObject({ role: 'analyst' });
    expect((await c.request('DELETE', `/api/tokens/${created.info.id}`)).status).toBe(200);
    expect((await script.get('/api/auth/me')).status).toBe(401);
    script.bearer = 'vgt_forged';
    expect((await script.get('/api/health')).status).toBe(401);
  });

  it('every route in the OpenAPI document declares the permission it needs', async () => {
    const doc = (await new TestClient(app).get('/api/openapi.json')).body as { paths: Record<string, Record<string, Record<string, unknown>>> };
    const ops = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([m, op]) => ({ route: `${m} ${path}`, permission: op['x-permission'] })),
    );
    expect(ops.length).toBeGreaterThan(5);
    expect(ops.filter((o) => typeof o.permission !== 'string')).toEqual([]);
  });
});
