/**
 * A program's members over HTTP: the system administrator makes a user the administrator of a
 * second program, who then manages that program's members (and only that program's); a partner
 * must belong to an organisation of the program; every change is audited with the program.
 */
import { describe, expect, it } from 'vitest';
import { signedInAs, withAccessApp, type AccessApp } from '../../../test/helpers/access-app.js';
import { TestClient } from '../../../test/helpers/http-client.js';
import { PASSWORD, USERS } from '../../../test/helpers/access-fixture.js';
import { createMiniProgram } from '../../../test/helpers/mini-program.js';
import { createUser } from '../accounts/users.service.js';

let env: AccessApp;
withAccessApp((e) => (env = e));

interface Member {
  user_id: number;
  email: string;
  role: string;
  organisation_code: string | null;
}

describe('program members over HTTP', () => {
  it('a program administrator manages its own program only; partners need an organisation of the program; audited', async () => {
    const { programId } = await createMiniProgram(env.t.db, 'YY');
    await env.t.db
      .insertInto('organisation')
      .values({ program_id: programId, code: 'YORG', name_en: 'Y', name_es: 'Y', kind: 'government', country_code: null, iati_ref: null })
      .execute();
    const boss = (await createUser(env.t.db, { email: 'boss.yy@example.org', name: 'Boss', role: 'analyst', password: PASSWORD, program: 'YY' }, null)).user;
    const admin = await signedInAs(env.app, 'admin');
    expect((await admin.request('PUT', `/api/programs/YY/members/${boss.id}`, { role: 'admin' })).status).toBe(200);

    const yBoss = new TestClient(env.app);
    await yBoss.signIn('boss.yy@example.org', PASSWORD);
    // A member added with an organisation of another program: refused, naming the field; nothing stored.
    const wrongOrg = await yBoss.post('/api/programs/YY/members', { email: USERS.analyst, role: 'partner', organisation: 'ORG_A' });
    expect(wrongOrg.status).toBe(400);
    expect(JSON.stringify(wrongOrg.body)).toContain('organisation');
    const added = await yBoss.post('/api/programs/YY/members', { email: USERS.analyst, role: 'partner', organisation: 'YORG' });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ email: USERS.analyst, role: 'partner', organisation_code: 'YORG' });
    expect((await yBoss.post('/api/programs/YY/members', { email: USERS.analyst, role: 'analyst' })).status).toBe(409);
    const list = (await yBoss.get('/api/programs/YY/members')).body as { members: Member[] };
    expect(list.members.map((m) => m.email).sort()).toEqual([USERS.analyst, 'boss.yy@example.org']);

    // The analyst of XX is now a partner of YORG in YY: it writes there, and in XX stays an analyst.
    const clerk = await signedInAs(env.app, 'analyst');
    const cell = { indicator: 'SUM_IND', place: 'R1D1', period: '2013Q1', source: 'A', value: 3, version: 0 };
    expect((await clerk.request('PUT', '/api/programs/YY/values', cell)).status).toBe(200);
    expect((await clerk.request('PUT', '/api/programs/XX/values', cell)).status).toBe(403);

    // YY's administrator is nobody in XX's membership, and no system administrator.
    expect((await yBoss.get('/api/programs/XX/members')).status).toBe(403);
    expect((await yBoss.post('/api/programs/XX/members', { email: 'boss.yy@example.org', role: 'admin' })).status).toBe(403);
    expect((await yBoss.get('/api/users')).status).toBe(403);
    // XX's officer may not manage members, not even of its own program.
    expect((await (await signedInAs(env.app, 'officer')).get('/api/programs/XX/members')).status).toBe(403);

    const analystId = (list.members.find((m) => m.email === USERS.analyst) as Member).user_id;
    expect((await yBoss.request('DELETE', `/api/programs/YY/members/${analystId}`)).status).toBe(204);
    expect((await clerk.request('PUT', '/api/programs/YY/values', { ...cell, place: 'R1D2' })).status).toBe(403);
    const audit = await env.t.db.selectFrom('audit_event').select(['action', 'program_id']).where('entity', '=', 'program_member').orderBy('id').execute();
    expect(audit).toEqual([
      { action: 'change', program_id: programId },
      { action: 'create', program_id: programId },
      { action: 'delete', program_id: programId },
    ]);
  }, 60_000);
});
