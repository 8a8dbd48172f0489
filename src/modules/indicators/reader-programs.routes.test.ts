/**
 * GET /api/programs gives each program with the reader's role in it: a member's role (and a
 * partner's organisation) where it is a member, null where it is not or when signed out; the
 * system administrator is 'admin' in every program.
 */
import { describe, expect, it } from 'vitest';
import { signedInAs, withAccessApp, type AccessApp } from '../../../test/helpers/access-app.js';
import { TestClient } from '../../../test/helpers/http-client.js';
import { createMiniProgram } from '../../../test/helpers/mini-program.js';
import { USERS } from '../../../test/helpers/access-fixture.js';

let env: AccessApp;
withAccessApp((e) => (env = e));

interface ProgramRole {
  code: string;
  my_role: string | null;
  my_organisation_id: number | null;
}

const rolesOf = async (c: TestClient) =>
  ((await c.get('/api/programs')).body as { programs: ProgramRole[] }).programs.map(({ code, my_role, my_organisation_id }) => ({
    code,
    my_role,
    my_organisation_id,
  }));

describe('GET /api/programs: my role in each program', () => {
  it('a member gets its role per program, a non-member and the public null, the system administrator admin everywhere', async () => {
    await createMiniProgram(env.t.db, 'YY');
    const admin = await signedInAs(env.app, 'admin');
    expect((await admin.post('/api/programs/YY/members', { email: USERS.partnerA, role: 'officer' })).status).toBe(201);

    // A partner of ORG_A in XX, an officer in YY.
    expect(await rolesOf(await signedInAs(env.app, 'partnerA'))).toEqual([
      { code: 'XX', my_role: 'partner', my_organisation_id: env.orgIds.ORG_A },
      { code: 'YY', my_role: 'officer', my_organisation_id: null },
    ]);
    // XX's officer is no member of YY: it sees YY as the public does.
    expect(await rolesOf(await signedInAs(env.app, 'officer'))).toEqual([
      { code: 'XX', my_role: 'officer', my_organisation_id: null },
      { code: 'YY', my_role: null, my_organisation_id: null },
    ]);
    expect(await rolesOf(admin)).toEqual([
      { code: 'XX', my_role: 'admin', my_organisation_id: null },
      { code: 'YY', my_role: 'admin', my_organisation_id: null },
    ]);
    expect(await rolesOf(new TestClient(env.app))).toEqual([
      { code: 'XX', my_role: null, my_organisation_id: null },
      { code: 'YY', my_role: null, my_organisation_id: null },
    ]);
  }, 60_000);
});
