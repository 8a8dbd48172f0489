import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { PublicUser } from './users.repo.js';
import { USER_COLUMNS } from './tokens.repo.js';

export async function insertSession(db: Kysely<Database>, s: { id: string; userId: number; createdAt: string; expiresAt: string }): Promise<void> {
  await db.insertInto('session').values({ id: s.id, user_id: s.userId, created_at: s.createdAt, expires_at: s.expiresAt }).execute();
}

/** The session's user, if the session exists and has not expired at `now` (one query: it runs on every request). */
export async function findLiveSessionUser(db: Kysely<Database>, id: string, now: string): Promise<PublicUser | undefined> {
  return db
    .selectFrom('session as s')
    .innerJoin('app_user as u', 'u.id', 's.user_id')
    .select(USER_COLUMNS)
    .where('s.id', '=', id)
    .where('s.expires_at', '>', now)
    .executeTakeFirst();
}

export async function deleteSession(db: Kysely<Database>, id: string): Promise<void> {
  await db.deleteFrom('session').where('id', '=', id).execute();
}

/** Ends every session of the user; returns how many there were. */
export async function deleteSessionsOfUser(db: Kysely<Database>, userId: number): Promise<number> {
  const r = await db.deleteFrom('session').where('user_id', '=', userId).executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function deleteExpiredSessions(db: Kysely<Database>, now: string): Promise<void> {
  await db.deleteFrom('session').where('expires_at', '<=', now).execute();
}
