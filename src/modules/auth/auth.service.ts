/**
 * Signing in and out, sessions and personal API tokens. Secrets are random, shown once and
 * stored only as hashes; sessions and tokens expire; failed sign-ins are rate-limited per
 * account and per client address.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { VigiaError, notFound, validationError } from '../../core/errors.js';
import { recordAudit } from '../audit/audit.repo.js';
import { findUserByEmail, type PublicUser } from '../users/users.repo.js';
import { verifyPassword, hashPassword } from './password.js';
import { FailureLimiter } from './rate-limit.js';
import { hashSecret, newSecret } from './secret-token.js';
import { deleteExpiredSessions, deleteSession, findLiveSessionUser, insertSession } from './sessions.repo.js';
import { findLiveTokenUser, findToken, insertToken, listTokensOfUser, revokeToken, type ApiTokenInfo } from './tokens.repo.js';

export interface AuthSettings {
  sessionHours: number;
  tokenDays: number;
  limiter: FailureLimiter;
  now: () => Date;
}

export function defaultAuthSettings(over: Partial<AuthSettings> = {}): AuthSettings {
  return { sessionHours: 12, tokenDays: 90, limiter: new FailureLimiter(), now: () => new Date(), ...over };
}

const addHours = (d: Date, h: number): string => new Date(d.getTime() + h * 3_600_000).toISOString();

// Compared against when the email is unknown, so that timing does not reveal which emails exist.
const dummyHash = hashPassword('not-a-real-password-just-for-timing');

/** Signs a user in; returns the session secret for the cookie. */
export async function signIn(
  db: Kysely<Database>,
  s: AuthSettings,
  email: string,
  password: string,
  client: string,
): Promise<{ sessionSecret: string; user: PublicUser; expiresAt: string }> {
  const keys = [`email:${email.trim().toLowerCase()}`, `client:${client}`];
  const wait = Math.max(...(await Promise.all(keys.map((k) => s.limiter.retryAfter(db, k)))));
  if (wait > 0) {
    throw new VigiaError('unauthorized', `too many failed sign-ins; try again in ${Math.ceil(wait / 60_000)} minute(s)`, [
      { reason: 'rate_limited', value: Math.ceil(wait / 1000) },
    ]);
  }
  const user = await findUserByEmail(db, email.trim());
  const ok = user && user.active === 1 ? await verifyPassword(password, user.password_hash) : (await verifyPassword(password, await dummyHash), false);
  if (!user || !ok) {
    await s.limiter.fail(db, keys);
    await recordAudit(db, { userId: user?.id ?? null, action: 'sign_in_failed', entity: 'session', after: { email: email.trim().toLowerCase() } });
    throw new VigiaError('unauthorized', 'wrong email or password');
  }
  await s.limiter.reset(db, keys);
  const now = s.now();
  const sessionSecret = newSecret('vgs');
  const expiresAt = addHours(now, s.sessionHours);
  await db.transaction().execute(async (trx) => {
    await deleteExpiredSessions(trx, now.toISOString());
    await insertSession(trx, { id: hashSecret(sessionSecret), userId: user.id, createdAt: now.toISOString(), expiresAt });
    await recordAudit(trx, { userId: user.id, action: 'sign_in', entity: 'session', entityId: user.id });
  });
  const { password_hash: _, ...publicUser } = user;
  return { sessionSecret, user: publicUser, expiresAt };
}

export async function signOut(db: Kysely<Database>, sessionSecret: string, userId: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await deleteSession(trx, hashSecret(sessionSecret));
    await recordAudit(trx, { userId, action: 'sign_out', entity: 'session', entityId: userId });
  });
}

/** The signed-in user of a session cookie or a bearer token; null for none, expired or revoked. */
export async function authenticate(
  db: Kysely<Database>,
  s: AuthSettings,
  credentials: { sessionSecret?: string | undefined; bearer?: string | undefined },
): Promise<{ user: PublicUser; via: 'session' | 'token' } | null> {
  const now = s.now().toISOString();
  let user: PublicUser | undefined;
  let via: 'session' | 'token' = 'session';
  if (credentials.bearer) {
    user = await findLiveTokenUser(db, hashSecret(credentials.bearer), now);
    via = 'token';
  } else if (credentials.sessionSecret) {
    user = await findLiveSessionUser(db, hashSecret(credentials.sessionSecret), now);
  }
  return user && user.active === 1 ? { user, via } : null;
}

/** Creates a personal API token; the secret is returned once and stored only hashed. */
export async function createApiToken(
  db: Kysely<Database>,
  s: AuthSettings,
  userId: number,
  name: string,
  days?: number,
): Promise<{ token: string; info: ApiTokenInfo }> {
  if (!name.trim() || name.length > 100) throw validationError('a token needs a name of 1–100 characters', [{ column: 'name', reason: 'required' }]);
  const lifetime = days ?? s.tokenDays;
  if (!Number.isInteger(lifetime) || lifetime < 1 || lifetime > 366) throw validationError('a token lives 1–366 days', [{ column: 'days', value: days, reason: 'out of range' }]);
  const token = newSecret('vgt');
  const now = s.now();
  return db.transaction().execute(async (trx) => {
    const info = await insertToken(trx, { userId, name: name.trim(), tokenHash: hashSecret(token), createdAt: now.toISOString(), expiresAt: addHours(now, lifetime * 24) });
    await recordAudit(trx, { userId, action: 'create', entity: 'api_token', entityId: info.id, after: info });
    return { token, info };
  });
}

export async function listApiTokens(db: Kysely<Database>, userId: number): Promise<ApiTokenInfo[]> {
  return listTokensOfUser(db, userId);
}

/** Revokes one of the user's own tokens (administrators: anyone's). */
export async function revokeApiToken(db: Kysely<Database>, s: AuthSettings, actor: PublicUser, id: number): Promise<void> {
  const token = await findToken(db, id);
  if (!token || (token.user_id !== actor.id && actor.role !== 'admin')) throw notFound(`no token ${id}`);
  await db.transaction().execute(async (trx) => {
    await revokeToken(trx, id, s.now().toISOString());
    await recordAudit(trx, { userId: actor.id, action: 'revoke', entity: 'api_token', entityId: id, before: token, after: { ...token, revoked_at: s.now().toISOString() } });
  });
}
