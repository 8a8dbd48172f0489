/**
 * Issue 12, problem 9: an administrator with official clearance granted itself restricted
 * clearance. No one grants a clearance above their own; restricted clearance needs a second
 * administrator (two-person rule); every step is audited; the CLI on the server is the
 * documented second person for bootstrap.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { signedInAs, withAccessApp } from '../helpers/access-app.js';
import { TestClient } from '../helpers/http-client.js';
import { PASSWORD, USERS } from '../helpers/access-fixture.js';
import type { App } from '../../src/server/app.js';
import type { TestDb } from '../helpers/test-db.js';
import { createUser } from '../../src/modules/accounts/users.service.js';
import { approveClearanceGrant } from '../../src/modules/accounts/clearance-grants.service.js';

let app: App;
let t: TestDb;
withAccessApp((env) => ({ app, t } = env));

const OFFICIAL_ADMIN = 'official.admin@example.org';
const SECOND_ADMIN = 'second.admin@example.org';
beforeAll(async () => {
  await createUser(t.db, { email: OFFICIAL_ADMIN, name: 'Official admin', role: 'admin', clearance: 'official', password: PASSWORD }, null);
  await createUser(t.db, { email: SECOND_ADMIN, name: 'Second admin', role: 'admin', clearance: 'restricted', password: PASSWORD }, null);
});

interface Grant {
  id: number;
  user_id: number;
  clearance: string;
  status: string;
  requested_by: number | null;
  decided_by: number | null;
}

const as = async (email: string): Promise<TestClient> => {
  const c = new TestClient(app);
  await c.signIn(email, PASSWORD);
  return c;
};
const userOf = (email: string) => t.db.selectFrom('app_user').select(['id', 'clearance']).where('email', '=', email).executeTakeFirstOrThrow();
const auditOf = (action: string) => t.db.selectFrom('audit_event').selectAll().where('action', '=', action).orderBy('id').execute();

describe('clearance above one’s own', () => {
  it('an administrator with official clearance cannot raise itself, or anyone, to restricted (403), nor create a restricted user', async () => {
    const official = await as(OFFICIAL_ADMIN);
    const me = await userOf(OFFICIAL_ADMIN);
    const self = await official.request('PATCH', `/api/users/${me.id}`, { clearance: 'restricted' });
    expect(self.status).toBe(403);
    expect(self.body).toMatchObject({ error: 'forbidden', details: [{ column: 'clearance' }] });
    const analyst = await userOf(USERS.analyst);
    expect((await official.request('PATCH', `/api/users/${analyst.id}`, { clearance: 'restricted' })).status).toBe(403);
    expect(
      (await official.post('/api/users', { email: 'x.restricted@example.org', name: 'X', role: 'analyst', clearance: 'restricted', password: PASSWORD }))
        .status,
    ).toBe(403);
    expect((await userOf(OFFICIAL_ADMIN)).clearance).toBe('official');
    expect((await userOf(USERS.analyst)).clearance).toBe('official');
    expect(await t.db.selectFrom('clearance_grant').selectAll().execute()).toEqual([]);
    // Within its own clearance it still works: official, and lowering.
    const cleared = await userOf(USERS.cleared);
    expect((await official.request('PATCH', `/api/users/${cleared.id}`, { clearance: 'public' })).status).toBe(200);
    expect((await official.request('PATCH', `/api/users/${cleared.id}`, { clearance: 'official' })).status).toBe(200);
  });
});

describe('the two-person rule for restricted clearance', () => {
  it('the first administrator’s grant waits (202, audited); the requester cannot approve it; another administrator approves it (audited), and only then it takes effect', async () => {
    const first = await signedInAs(app, 'admin');
    const analyst = await userOf(USERS.analyst);
    const r = await first.request('PATCH', `/api/users/${analyst.id}`, { clearance: 'restricted', name: 'Analyst, renamed' });
    expect(r.status).toBe(202);
    const body = r.body as { user: { clearance: string; name: string }; pending_grant: Grant };
    expect(body.user).toMatchObject({ clearance: 'official', name: 'Analyst, renamed' });
    expect(body.pending_grant).toMatchObject({ user_id: analyst.id, clearance: 'restricted', status: 'pending', requested_by: (await userOf(USERS.admin)).id });
    expect((await userOf(USERS.analyst)).clearance).toBe('official');
    expect((await auditOf('request_clearance')).at(-1)).toMatchObject({
      entity: 'clearance_grant',
      entity_id: String(body.pending_grant.id),
      user_id: (await userOf(USERS.admin)).id,
    });
    // Asking again gives the same pending grant, not a second one.
    expect(((await first.request('PATCH', `/api/users/${analyst.id}`, { clearance: 'restricted' })).body as { pending_grant: Grant }).pending_grant.id).toBe(
      body.pending_grant.id,
    );

    const listed = (await first.get('/api/clearance-grants?status=pending')).body as { grants: Grant[] };
    expect(listed.grants.map((g) => g.id)).toContain(body.pending_grant.id);

    const own = await first.post(`/api/clearance-grants/${body.pending_grant.id}/approve`);
    expect(own.status).toBe(403);
    expect(own.body).toMatchObject({ message: expect.stringMatching(/two-person/) });
    expect((await (await as(OFFICIAL_ADMIN)).post(`/api/clearance-grants/${body.pending_grant.id}/approve`)).status).toBe(403);
    for (const who of ['officer', 'analyst', 'cleared'] as const) {
      expect((await (await signedInAs(app, who)).post(`/api/clearance-grants/${body.pending_grant.id}/approve`)).status).toBe(403);
    }
    expect((await userOf(USERS.analyst)).clearance).toBe('official');

    const second = await as(SECOND_ADMIN);
    const approved = await second.post(`/api/clearance-grants/${body.pending_grant.id}/approve`);
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', decided_by: (await userOf(SECOND_ADMIN)).id });
    expect((await userOf(USERS.analyst)).clearance).toBe('restricted');
    expect((await auditOf('approve_clearance')).at(-1)).toMatchObject({ user_id: (await userOf(SECOND_ADMIN)).id, entity_id: String(body.pending_grant.id) });
    expect((await second.post(`/api/clearance-grants/${body.pending_grant.id}/approve`)).status).toBe(409);
  });

  it('a pending grant can be refused (audited), and then never takes effect', async () => {
    const first = await signedInAs(app, 'admin');
    const partner = await userOf(USERS.partnerA);
    const r = await first.request('PATCH', `/api/users/${partner.id}`, { clearance: 'restricted' });
    expect(r.status).toBe(202);
    const grant = (r.body as { pending_grant: Grant }).pending_grant;
    const second = await as(SECOND_ADMIN);
    expect((await second.post(`/api/clearance-grants/${grant.id}/reject`)).body).toMatchObject({ status: 'rejected' });
    expect((await auditOf('reject_clearance')).at(-1)).toMatchObject({ entity_id: String(grant.id) });
    expect((await second.post(`/api/clearance-grants/${grant.id}/approve`)).status).toBe(409);
    expect((await userOf(USERS.partnerA)).clearance).toBe('official');
  });

  it('creating a user with restricted clearance starts at official with a pending grant', async () => {
    const first = await signedInAs(app, 'admin');
    const r = await first.post('/api/users', {
      email: 'new.restricted@example.org',
      name: 'New',
      role: 'analyst',
      clearance: 'restricted',
      password: PASSWORD,
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ user: { clearance: 'official' }, pending_grant: { status: 'pending', clearance: 'restricted' } });
  });

  it('only administrators list or decide grants', async () => {
    for (const who of ['officer', 'partnerA', 'analyst'] as const) expect((await (await signedInAs(app, who)).get('/api/clearance-grants')).status).toBe(403);
    expect((await new TestClient(app).get('/api/clearance-grants')).status).toBe(401);
    expect((await (await signedInAs(app, 'admin')).post('/api/clearance-grants/999999/approve')).status).toBe(404);
  });

  it('bootstrap: the CLI on the server (no actor) is the second person when only one administrator has restricted clearance', async () => {
    const first = await signedInAs(app, 'admin');
    const partner = await userOf(USERS.partnerB);
    const grant = ((await first.request('PATCH', `/api/users/${partner.id}`, { clearance: 'restricted' })).body as { pending_grant: Grant }).pending_grant;
    const decided = await approveClearanceGrant(t.db, grant.id, null);
    expect(decided).toMatchObject({ status: 'approved', decided_by: null });
    expect((await userOf(USERS.partnerB)).clearance).toBe('restricted');
  });
});
