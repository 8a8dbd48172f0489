import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { ApiTokenTable } from '../../db/schema-accounts.js';

export type ApiTokenInfo = Omit<Selectable<ApiTokenTable>, 'token_hash'>;
const INFO = ['id', 'user_id', 'name', 'created_at', 'expires_at', 'revoked_at', 'last_used_at'] as const;

export async function insertToken(
  db: Kysely<Database>,
  t: { userId: number; name: string; tokenHash: string; createdAt: string; expiresAt: string | null },
): Promise<ApiTokenInfo> {
  return db
    .insertInto('api_token')
    .values({ user_id: t.userId, name: t.name, token_hash: t.tokenHash, created_at: t.createdAt, expires_at: t.expiresAt, revoked_at: null, last_used_at: null })
    .returning(INFO)
    .executeTakeFirstOrThrow();
}

/** The token's owner, if the token is neither revoked nor expired at `now`. */
export async function findLiveToken(db: Kysely<Database>, tokenHash: string, now: string): Promise<{ id: number; user_id: number } | undefined> {
  return db
    .selectFrom('api_token')
    .select(['id', 'user_id'])
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
    .executeTakeFirst();
}

export async function listTokensOfUser(db: Kysely<Database>, userId: number): Promise<ApiTokenInfo[]> {
  return db.selectFrom('api_token').select(INFO).where('user_id', '=', userId).orderBy('id').execute();
}

export async function findToken(db: Kysely<Database>, id: number): Promise<ApiTokenInfo | undefined> {
  return db.selectFrom('api_token').select(INFO).where('id', '=', id).executeTakeFirst();
}

export async function revokeToken(db: Kysely<Database>, id: number, at: string): Promise<void> {
  await db.updateTable('api_token').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).execute();
}
