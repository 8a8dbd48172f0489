/** The "forgot password" links: stored as hashes of their tokens, single use, expiring. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { PasswordReset } from '../../db/schema-accounts.js';

export async function insertPasswordReset(
  db: Kysely<Database>,
  r: { userId: number; tokenHash: string; createdAt: string; expiresAt: string },
): Promise<number> {
  const row = await db
    .insertInto('password_reset')
    .values({ user_id: r.userId, token_hash: r.tokenHash, created_at: r.createdAt, expires_at: r.expiresAt, used_at: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function findPasswordReset(db: Kysely<Database>, tokenHash: string): Promise<PasswordReset | undefined> {
  return db.selectFrom('password_reset').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

/**
 * Marks the link used, if it is still unused and unexpired at `now`; false when another request
 * used it first (or it expired meanwhile), so a link works once even under concurrent use.
 */
export async function usePasswordReset(db: Kysely<Database>, id: number, now: string): Promise<boolean> {
  const r = await db
    .updateTable('password_reset')
    .set({ used_at: now })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Ends the user's other links: a new link, or a password set by any means, makes them void. */
export async function voidPasswordResetsOfUser(db: Kysely<Database>, userId: number, now: string): Promise<void> {
  await db.updateTable('password_reset').set({ used_at: now }).where('user_id', '=', userId).where('used_at', 'is', null).execute();
}
