/**
 * Who hears of an event: the program's officers (its active members who are officers or its
 * administrators) and an organisation's clerks (the active partner members of its program who
 * belong to it). Members of other programs never hear of it.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Language } from '../../core/languages.js';
import type { Clearance } from '../../db/schema-accounts.js';
import { withinClearance } from '../../core/sensitivity.js';

export interface Recipient {
  id: number;
  email: string;
  name: string;
  language: Language | null;
  /** What the recipient may read: a message about data is written for it. */
  clearance: Clearance;
}

export type Audience = { officersOf: number } | { clerksOf: number };

/** The active users of one audience, by id. */
export async function listRecipients(db: Kysely<Database>, audience: Audience): Promise<Recipient[]> {
  let q = db
    .selectFrom('app_user as u')
    .innerJoin('program_member as m', 'm.user_id', 'u.id')
    .select(['u.id', 'u.email', 'u.name', 'u.language', 'u.clearance', 'm.clearance as member_clearance'])
    .where('u.active', '=', 1);
  q =
    'officersOf' in audience
      ? q.where('m.program_id', '=', audience.officersOf).where('m.role', '=', 'officer')
      : q.where('m.role', '=', 'partner').where('m.organisation_id', '=', audience.clerksOf);
  const rows = await q.orderBy('u.id').execute();
  // A membership may lower the account's clearance in its program, never raise it.
  return rows.map(({ member_clearance, clearance, ...r }) => ({
    ...r,
    clearance: member_clearance !== null && withinClearance(member_clearance, clearance) ? member_clearance : clearance,
  }));
}

/** What a message names: the program's and the organisation's codes (the same in either language). */
export async function findNoticeNames(db: Kysely<Database>, programId: number, organisationId: number): Promise<{ program: string; organisation: string }> {
  const program = await db.selectFrom('program').select('code').where('id', '=', programId).executeTakeFirstOrThrow();
  const org = await db.selectFrom('organisation').select('code').where('id', '=', organisationId).executeTakeFirstOrThrow();
  return { program: program.code, organisation: org.code };
}

export async function findUserName(db: Kysely<Database>, id: number | null): Promise<string | null> {
  if (id === null) return null;
  return (await db.selectFrom('app_user').select('name').where('id', '=', id).executeTakeFirst())?.name ?? null;
}
