import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { ApiTokenTable } from '../../db/schema-accounts.js';
import type { PublicUser } from './users.repo.js';

export type ApiTokenInfo = Omit<Selectable<ApiTokenTable>, 'token_hash'>;
/** The owner's public columns (never the password hash). */
export const USER_COLUMNS = [
  'u.id',
  'u.email',
  'u.name',
  'u.role',
  'u.organisation_id',
  'u.clearance',
  'u.active',
  'u.created_at',
  'u.must_change_password',
  'u.language',
] as const;
const INFO = ['id', 'user_id', 'name', 'created_at', 'expires_at', 'revoked_at', 'last_used_at'] as const;

export async function insertToken(
  db: Kysely<Database>,
  t: { userId: number; name: string; tokenHash: string; createdAt: string; expiresAt: string | null },
): Promise<ApiTokenInfo> {
  return db
    .insertInto('api_token')
    .values({
      user_id: t.userId,
      name: t.name,
      token_hash: t.tokenHash,
      created_at: t.createdAt,
      expires_at: t.expiresAt,
      revoked_at: null,
      last_used_at: null,
    })
    .returning(INFO)
    .executeTakeFirstOrThrow();
}

/**
 * The token's owner, if the token is neither revoked nor expired at `now`: one query (token and
 * user together), since it runs on every request made with a token.
 */
export async function findLiveTokenUser(db: Kysely<Database>, tokenHash: string, now: string): Promise<PublicUser | undefined> {
  return db
    .selectFrom('api_token as t')
    .innerJoin('app_user as u', 'u.id', 't.user_id')
    .select(USER_COLUMNS)
    .where('t.token_hash', '=', tokenHash)
    .where('t.revoked_at', 'is', null)
    .where((eb) => eb.or([eb('t.expires_at', 'is', null), eb('t.expires_at', '>', now)]))
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

/** Revokes every token of the user not yet revoked; returns the ids revoked. */
export async function revokeTokensOfUser(db: Kysely<Database>, userId: number, at: string): Promise<number[]> {
  const rows = await db
    .updateTable('api_token')
    .set({ revoked_at: at })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .returning('id')
    .execute();
  return rows.map((r) => r.id).sort((a, b) => a - b);
}
