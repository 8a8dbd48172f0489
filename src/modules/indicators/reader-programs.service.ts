/**
 * The programs of this Vigia as one reader sees them: each with the reader's role and
 * organisation in it (null where the reader is not a member and sees what the public sees), so
 * the web app can show each program's navigation by the role held there, not the account's.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Role } from '../../db/schema-accounts.js';
import { actorIn, type Actor } from '../access/actor.js';
import { listPrograms } from '../catalog/catalog.repo.js';

export async function readerPrograms(db: Kysely<Database>, actor: Actor) {
  return (await listPrograms(db)).map((program) => {
    const there = actorIn(actor, { code: program.code });
    const role: Role | null = there.role === 'public' ? null : there.role;
    return { ...program, my_role: role, my_organisation_id: role === null ? null : there.organisationId };
  });
}
