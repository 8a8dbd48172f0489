import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

export async function insertSession(db: Kysely<Database>, s: { id: string; userId: number; createdAt: string; expiresAt: string }): Promise<void> {
  await db.insertInto('session').values({ id: s.id, user_id: s.userId, created_at: s.createdAt, expires_at: s.expiresAt }).execute();
}

/** The session's user id, if the session exists and has not expired at `now`. */
export async function findLiveSession(db: Kysely<Database>, id: string, now: string): Promise<number | undefined> {
  const r = await db.selectFrom('session').select('user_id').where('id', '=', id).where('expires_at', '>', now).executeTakeFirst();
  return r?.user_id;
}

export async function deleteSession(db: Kysely<Database>, id: string): Promise<void> {
  await db.deleteFrom('session').where('id', '=', id).execute();
}

export async function deleteSessionsOfUser(db: Kysely<Database>, userId: number): Promise<void> {
  await db.deleteFrom('session').where('user_id', '=', userId).execute();
}

export async function deleteExpiredSessions(db: Kysely<Database>, now: string): Promise<void> {
  await db.deleteFrom('session').where('expires_at', '<=', now).execute();
}
