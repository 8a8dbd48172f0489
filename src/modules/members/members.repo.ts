/**
 * Queries of program membership (program_member): a program's members, one membership, and
 * the memberships an account's role implies (the rule the migration applied to existing users).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Clearance, Role } from '../../db/schema-accounts.js';
import type { ProgramMember } from '../../db/schema-members.js';

export interface MemberRow extends ProgramMember {
  email: string;
  name: string;
  organisation_code: string | null;
}

function membersOf(db: Kysely<Database>, programId: number) {
  return db
    .selectFrom('program_member as m')
    .innerJoin('app_user as u', 'u.id', 'm.user_id')
    .leftJoin('organisation as o', 'o.id', 'm.organisation_id')
    .selectAll('m')
    .select(['u.email', 'u.name', 'o.code as organisation_code'])
    .where('m.program_id', '=', programId);
}

export async function listMembers(db: Kysely<Database>, programId: number): Promise<MemberRow[]> {
  return membersOf(db, programId).orderBy('u.email').execute();
}

export async function findMember(db: Kysely<Database>, programId: number, userId: number): Promise<MemberRow | undefined> {
  return membersOf(db, programId).where('m.user_id', '=', userId).executeTakeFirst();
}

export interface MemberAccess {
  role: Role;
  organisation_id: number | null;
  clearance: Clearance | null;
}

export async function insertMember(db: Kysely<Database>, programId: number, userId: number, a: MemberAccess): Promise<void> {
  await db
    .insertInto('program_member')
    .values({ program_id: programId, user_id: userId, ...a, created_at: new Date().toISOString() })
    .execute();
}

export async function updateMember(db: Kysely<Database>, programId: number, userId: number, a: MemberAccess): Promise<void> {
  await db.updateTable('program_member').set(a).where('program_id', '=', programId).where('user_id', '=', userId).execute();
}

export async function deleteMember(db: Kysely<Database>, programId: number, userId: number): Promise<void> {
  await db.deleteFrom('program_member').where('program_id', '=', programId).where('user_id', '=', userId).execute();
}

/** The organisation of a program with this code, if any. */
export async function findProgramOrganisationId(db: Kysely<Database>, programId: number, code: string): Promise<number | undefined> {
  const r = await db.selectFrom('organisation').select('id').where('program_id', '=', programId).where('code', '=', code).executeTakeFirst();
  return r?.id;
}

/**
 * What an account's role means in each program (the users API and `vigia user add` without a
 * program, and the migration for existing users): the role itself; a partner is a partner in its
 * organisation's program and an analyst in the others. A system administrator needs none.
 */
export async function accountMemberships(
  db: Kysely<Database>,
  account: { role: Role; organisation_id: number | null },
  programIds: readonly number[],
): Promise<Array<MemberAccess & { program_id: number }>> {
  if (account.role === 'admin' || !programIds.length) return [];
  const orgProgram =
    account.organisation_id === null
      ? null
      : ((await db.selectFrom('organisation').select('program_id').where('id', '=', account.organisation_id).executeTakeFirst())?.program_id ?? null);
  return programIds.map((program_id) => {
    const own = account.role === 'partner' && orgProgram === program_id;
    return {
      program_id,
      role: account.role === 'partner' && !own ? 'analyst' : account.role,
      organisation_id: own ? account.organisation_id : null,
      clearance: null,
    };
  });
}

/**
 * Gives an account the memberships its role implies in `programIds` (every program when null),
 * replacing the ones it had there.
 */
export async function setAccountMemberships(
  db: Kysely<Database>,
  account: { id: number; role: Role; organisation_id: number | null },
  programIds: readonly number[] | null,
): Promise<void> {
  const ids = programIds ?? (await db.selectFrom('program').select('id').execute()).map((p) => p.id);
  if (!ids.length) return;
  await db.deleteFrom('program_member').where('user_id', '=', account.id).where('program_id', 'in', ids).execute();
  const rows = await accountMemberships(db, account, ids);
  if (!rows.length) return;
  const now = new Date().toISOString();
  await db
    .insertInto('program_member')
    .values(rows.map((r) => ({ ...r, user_id: account.id, created_at: now })))
    .execute();
}

/** The programs an account is a member of. */
export async function memberProgramsOf(db: Kysely<Database>, userId: number): Promise<number[]> {
  return (await db.selectFrom('program_member').select('program_id').where('user_id', '=', userId).execute()).map((r) => r.program_id);
}
