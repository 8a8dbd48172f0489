/**
 * The memberships an account's role implies (the rule the migration applied to existing users),
 * for the users API and `vigia user add`: the role in every program given (a partner: partner in
 * its organisation's program, analyst in the others). One program's members are managed by the
 * members module.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Clearance, Role } from '../../db/schema-accounts.js';

/** A role, organisation and clearance in one program. */
export interface MemberAccess {
  role: Role;
  organisation_id: number | null;
  clearance: Clearance | null;
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
