/**
 * Reads of program membership for authorization: the memberships of one user, with the
 * program's code, loaded once per request by the auth middleware (actor.ts).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Membership } from './actor.js';

export async function findMemberships(db: Kysely<Database>, userId: number): Promise<Membership[]> {
  const rows = await db
    .selectFrom('program_member as m')
    .innerJoin('program as p', 'p.id', 'm.program_id')
    .select(['m.program_id', 'p.code', 'm.role', 'm.organisation_id', 'm.clearance'])
    .where('m.user_id', '=', userId)
    .orderBy('p.code')
    .execute();
  return rows.map((r) => ({ programId: r.program_id, programCode: r.code, role: r.role, organisationId: r.organisation_id, clearance: r.clearance }));
}
