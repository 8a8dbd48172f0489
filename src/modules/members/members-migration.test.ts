/**
 * The membership migration (20261204100000_program_members) on a database made and filled by
 * the schema before it: two programs, an organisation in each, a system administrator, an
 * officer, an analyst cleared for restricted data and a partner of the first program's
 * organisation. After migrating every user keeps exactly the access they had in each program:
 * the same role, organisation and clearance, except a partner in a program not its
 * organisation's, which reads there as an analyst (approved data) and writes nothing. Runs on
 * SQLite, and on PostgreSQL with VIGIA_TEST_DATABASE_URL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/helpers/test-db.js';
import { createMiniProgram } from '../../../test/helpers/mini-program.js';
import { TestClient } from '../../../test/helpers/http-client.js';
import { migrateToLatest } from '../../db/migrate.js';
import { hashPassword } from '../accounts/password.js';
import { actorIn, actorOf, type Actor } from '../access/actor.js';
import { findMemberships } from '../access/memberships.repo.js';
import { dataScope } from '../access/policy.js';
import { createApp } from '../../server/app.js';
import type { Role } from '../../db/schema-accounts.js';

const BEFORE = '20261203170000_open_flags_index';
const PASSWORD = 'a long test password';
const USERS: Array<{ email: string; role: Role; org?: string; clearance: 'official' | 'restricted' }> = [
  { email: 'admin@example.org', role: 'admin', clearance: 'restricted' },
  { email: 'officer@example.org', role: 'officer', clearance: 'official' },
  { email: 'analyst@example.org', role: 'analyst', clearance: 'restricted' },
  { email: 'clerk@example.org', role: 'partner', org: 'XORG', clearance: 'official' },
];

let t: TestDb;
const orgIds: Record<string, number> = {};
const programIds: Record<string, number> = {};

beforeAll(async () => {
  t = await createTestDb(BEFORE);
  for (const [code, org] of [
    ['XX', 'XORG'],
    ['YY', 'YORG'],
  ] as const) {
    programIds[code] = (await createMiniProgram(t.db, code)).programId;
    orgIds[org] = (
      await t.db
        .insertInto('organisation')
        .values({ program_id: programIds[code]!, code: org, name_en: org, name_es: org, kind: 'government', country_code: null, iati_ref: null })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  }
  const hash = await hashPassword(PASSWORD);
  for (const u of USERS) {
    // As the previous schema knew users: a global role, no membership.
    await t.db
      .insertInto('app_user')
      .values({
        email: u.email,
        name: u.email,
        password_hash: hash,
        role: u.role,
        organisation_id: u.org ? orgIds[u.org]! : null,
        clearance: u.clearance,
        active: 1,
        created_at: new Date().toISOString(),
      })
      .execute();
  }
  await migrateToLatest(t.db);
}, 120_000);
afterAll(async () => t?.destroy());

/** The user as the previous schema's policy saw them (one role everywhere), and as they are now in `program`. */
async function beforeAndNow(email: string, program: string): Promise<{ before: Actor; now: Actor }> {
  const u = await t.db.selectFrom('app_user').select(['id', 'role', 'organisation_id', 'clearance']).where('email', '=', email).executeTakeFirstOrThrow();
  const before = actorOf(u);
  return { before, now: actorIn(actorOf(u, await findMemberships(t.db, u.id)), { id: programIds[program]! }) };
}

describe('membership migration', () => {
  it('every user keeps the role, organisation and clearance they had in each program', async () => {
    for (const u of USERS) {
      for (const program of ['XX', 'YY']) {
        const { before, now } = await beforeAndNow(u.email, program);
        const foreignPartner = u.role === 'partner' && program !== 'XX';
        const expected = foreignPartner ? { role: 'analyst', organisationId: null, clearance: before.clearance } : before;
        expect({ who: u.email, program, role: now.role, organisationId: now.organisationId, clearance: now.clearance }).toEqual({
          who: u.email,
          program,
          role: expected.role,
          organisationId: expected.organisationId,
          clearance: expected.clearance,
        });
        // A foreign partner reads what it could before there: approved data, no organisation's drafts.
        if (foreignPartner) expect(dataScope(now)).toEqual({ ...dataScope(before), ownOrganisationId: null });
        else expect(dataScope(now)).toEqual(dataScope(before));
      }
    }
    const members = await t.db.selectFrom('program_member').select(['user_id']).execute();
    expect(members).toHaveLength(2 * (USERS.length - 1)); // the system administrator needs none
  });

  it('over the API: the partner writes in its organisation program only, the officer approves in both, reads keep their scope', async () => {
    const app = createApp({ db: t.db, engine: t.engine });
    const clerk = new TestClient(app);
    await clerk.signIn('clerk@example.org', PASSWORD);
    const value = { indicator: 'SUM_IND', place: 'R1D1', period: '2013Q1', source: 'A', value: 5, version: 0 };
    expect((await clerk.request('PUT', '/api/programs/XX/values', value)).status).toBe(200);
    const foreign = await clerk.request('PUT', '/api/programs/YY/values', value);
    expect(foreign.status).toBe(403);
    expect(
      await t.db
        .selectFrom('data_value')
        .select('id')
        .where('indicator_id', 'in', t.db.selectFrom('indicator').select('id').where('program_id', '=', programIds.YY!))
        .execute(),
    ).toEqual([]);
    expect((await clerk.get('/api/programs/YY/values')).status).toBe(200);
    const officer = new TestClient(app);
    await officer.signIn('officer@example.org', PASSWORD);
    for (const program of ['XX', 'YY']) {
      expect((await officer.request('PUT', `/api/programs/${program}/values`, { ...value, place: 'R2D1' })).status).toBe(200);
      expect((await officer.get(`/api/programs/${program}/submissions`)).status).toBe(200);
    }
    const analyst = new TestClient(app);
    await analyst.signIn('analyst@example.org', PASSWORD);
    expect((await analyst.request('PUT', '/api/programs/YY/values', { ...value, place: 'R2D2' })).status).toBe(403);
  }, 60_000);
});
