/**
 * Queries of program membership (program_member) for the members API: a program's members and
 * one membership. The memberships an account's role implies are the accounts module's
 * (accounts/account-memberships.repo.ts).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { MemberAccess } from '../accounts/account-memberships.repo.js';
import type { ProgramMember } from '../../db/schema-members.js';

export type { MemberAccess };

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
