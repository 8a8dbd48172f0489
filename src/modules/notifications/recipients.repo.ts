/**
 * Who hears of an event: the program's officers (every active officer: officers are not
 * assigned to programs) and an organisation's clerks (its active partner users).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Language } from '../../core/languages.js';
import type { Clearance } from '../../db/schema-accounts.js';

export interface Recipient {
  id: number;
  email: string;
  name: string;
  language: Language | null;
  /** What the recipient may read: a message about data is written for it. */
  clearance: Clearance;
}

export type Audience = { officers: true } | { clerksOf: number };

/** The active users of one audience, by id. */
export async function listRecipients(db: Kysely<Database>, audience: Audience): Promise<Recipient[]> {
  let q = db.selectFrom('app_user').select(['id', 'email', 'name', 'language', 'clearance']).where('active', '=', 1);
  q = 'officers' in audience ? q.where('role', '=', 'officer') : q.where('role', '=', 'partner').where('organisation_id', '=', audience.clerksOf);
  return q.orderBy('id').execute();
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
