/**
 * Ending what a user signed in with. A password reset, a password change, and any change of
 * role, clearance, organisation or status must end every session *and* every API token issued
 * before it: a token is a credential like a session, and one left alive would keep the old
 * password's (or the old permissions') reach. Callers run this inside the transaction of the
 * change, so both commit together, and put what ended into that change's one audit event
 * (`credentials_ended`), keeping one event per write. Unused "forgot password" links end too:
 * a link asked for before the change must not undo it.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { deleteSessionsOfUser } from './sessions.repo.js';
import { revokeTokensOfUser } from './tokens.repo.js';
import { voidPasswordResetsOfUser } from './password-resets.repo.js';

/** What ended: the number of sessions and the ids of the tokens revoked. */
export interface CredentialsEnded {
  sessions: number;
  tokens: number[];
}

/** Ends every session, revokes every live token and voids every unused reset link of `userId`, inside `trx`. */
export async function endCredentials(trx: Kysely<Database>, userId: number, at: Date = new Date()): Promise<CredentialsEnded> {
  const sessions = await deleteSessionsOfUser(trx, userId);
  const tokens = await revokeTokensOfUser(trx, userId, at.toISOString());
  await voidPasswordResetsOfUser(trx, userId, at.toISOString());
  return { sessions, tokens };
}
