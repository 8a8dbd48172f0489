/**
 * A program shared by several organisations, with one user per role, for authorization tests:
 * partners of ORG_A and ORG_B, an analyst, an analyst cleared for restricted data, an officer
 * and an administrator. SECRET_IND is a restricted indicator; seizure records roll up into the
 * SEIZ_REC_* indicators (their latitude, longitude and case reference are restricted fields).
 */
import type { Db } from '../../src/db/database.js';
import { createMiniProgram, type MiniProgram } from './mini-program.js';
import { createUser } from '../../src/modules/accounts/users.service.js';
import { addRecordIndicators, indicatorsFor } from './record-indicators.js';
import { BUILTIN_RECORD_TYPES } from '../../src/core/record-types/builtin/index.js';
import { setAccountMemberships } from '../../src/modules/accounts/account-memberships.repo.js';

export const PASSWORD = 'a long test password';
export const USERS = {
  admin: 'admin@example.org',
  officer: 'officer@example.org',
  partnerA: 'clerk.a@example.org',
  partnerB: 'clerk.b@example.org',
  analyst: 'analyst@example.org',
  cleared: 'cleared@example.org',
} as const;
export type UserKey = keyof typeof USERS;

export async function createAccessFixture(db: Db): Promise<MiniProgram & { orgIds: Record<string, number> }> {
  const mini = await createMiniProgram(db);
  const orgIds: Record<string, number> = {};
  for (const code of ['ORG_A', 'ORG_B']) {
    const { id } = await db
      .insertInto('organisation')
      .values({ program_id: mini.programId, code, name_en: code, name_es: code, kind: 'government', country_code: null, iati_ref: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    orgIds[code] = id;
  }
  const { id: secretId } = await db
    .insertInto('indicator')
    .values({
      program_id: mini.programId,
      code: 'SECRET_IND',
      component_id: null,
      name_en: 'Secret',
      name_es: 'Secreto',
      description_en: null,
      description_es: null,
      unit: 'count',
      direction: 'up',
      agg_time: 'sum',
      agg_place: 'sum',
      sensitivity: 'restricted',
      origin: 'reported',
      formula: null,
      decimals: 0,
      sort: 0,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  mini.indicatorIds.SECRET_IND = secretId;
  await db.updateTable('indicator').set({ sensitivity: 'official' }).where('code', '=', 'LATEST_IND').execute();
  // Seizure records roll up into the SEIZ_REC_* indicators.
  const seizure = BUILTIN_RECORD_TYPES.get('seizure');
  if (!seizure) throw new Error('the built-in seizure type is missing');
  await addRecordIndicators(db, mini.programId, indicatorsFor([seizure]), []);
  const make = (email: string, role: string, organisation?: string, clearance?: string) =>
    createUser(db, { email, name: email, role, organisation, clearance, password: PASSWORD }, null);
  await make(USERS.admin, 'admin', undefined, 'restricted');
  await make(USERS.officer, 'officer', undefined, 'restricted');
  await make(USERS.partnerA, 'partner', 'ORG_A');
  await make(USERS.partnerB, 'partner', 'ORG_B');
  await make(USERS.analyst, 'analyst');
  await make(USERS.cleared, 'analyst', undefined, 'restricted');
  return { ...mini, orgIds };
}

/**
 * Roles are per program: accounts made before a program was loaded are not its members. A test
 * that loads a program after its users gives every account the membership its role implies there
 * (the rule `vigia user add` and the users API apply).
 */
export async function joinAccountsTo(db: Db, programCode: string): Promise<void> {
  const program = await db.selectFrom('program').select('id').where('code', '=', programCode).executeTakeFirstOrThrow();
  const accounts = await db.selectFrom('app_user').select(['id', 'role', 'organisation_id']).execute();
  for (const account of accounts) await setAccountMemberships(db, account, [program.id]);
}
