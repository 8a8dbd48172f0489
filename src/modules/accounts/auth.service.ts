/**
 * Signing in and out, sessions and personal API tokens. Secrets are random, shown once and
 * stored only as hashes; sessions and tokens expire; sign-in attempts are limited per account
 * and per client address (rate-limit.ts).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { VigiaError, isVigiaError, notFound, validationError } from '../../core/errors.js';
import type { User } from '../../db/schema-accounts.js';
import { recordAudit } from '../audit/audit.repo.js';
import { findUserByEmail, findUserById, updatePasswordHash, type PublicUser } from './users.repo.js';
import { endCredentials } from './end-credentials.js';
import { verifyPassword, hashPassword, passwordProblem } from './password.js';
import { SignInLimiter, type Reservation, type SignInLimits } from './rate-limit.js';
import { hashSecret, newSecret } from './secret-token.js';
import { deleteExpiredSessions, deleteSession, findLiveSessionUser, insertSession } from './sessions.repo.js';
import { findLiveTokenUser, findToken, insertToken, listTokensOfUser, revokeToken, type ApiTokenInfo } from './tokens.repo.js';

export interface AuthSettings {
  sessionHours: number;
  tokenDays: number;
  limiter: SignInLimiter;
  /** Limits "forgot password" requests per e-mail and per address (its own keys: it never locks sign-in). */
  resetLimiter: SignInLimiter;
  /** Minutes a "forgot password" link lasts. */
  resetMinutes: number;
  now: () => Date;
}

/**
 * The limiter of "forgot password" requests, on keys of its own (it never locks sign-in): by
 * default three per e-mail free, then a growing wait; ten per address in 15 minutes.
 */
export function resetRequestLimiter(limits: Partial<SignInLimits> = {}, now: () => number = Date.now): SignInLimiter {
  return new SignInLimiter({ accountFreeFailures: 3, clientMaxFailures: 10, ...limits }, now, { prefix: 'reset:', what: 'password reset requests' });
}

export function defaultAuthSettings(over: Partial<AuthSettings> = {}): AuthSettings {
  return {
    sessionHours: 12,
    tokenDays: 90,
    limiter: new SignInLimiter(),
    resetLimiter: resetRequestLimiter(),
    resetMinutes: 60,
    now: () => new Date(),
    ...over,
  };
}

const addHours = (d: Date, h: number): string => new Date(d.getTime() + h * 3_600_000).toISOString();

// Compared against when the email is unknown, so that timing does not reveal which emails exist.
const dummyHash = hashPassword('not-a-real-password-just-for-timing');

/**
 * Checks an e-mail and password under the limiter: the attempt is written down before the
 * (slow) hash, and counted as a failure unless the password is right. Returns the user and the
 * reservation, to be settled with `limiter.succeeded` in the transaction that uses the success.
 */
async function checkPassword(
  db: Kysely<Database>,
  s: AuthSettings,
  email: string,
  password: string,
  client: string,
): Promise<{ user: User; reservation: Reservation }> {
  const reservation = await s.limiter.reserve(db, email, client);
  const user = await findUserByEmail(db, email.trim());
  const ok = user && user.active === 1 ? await verifyPassword(password, user.password_hash) : (await verifyPassword(password, await dummyHash), false);
  if (!user || !ok) {
    await db.transaction().execute(async (trx) => {
      await s.limiter.failed(trx, reservation);
      await recordAudit(trx, { userId: user?.id ?? null, action: 'sign_in_failed', entity: 'session', after: { email: email.trim().toLowerCase() } });
    });
    throw new VigiaError('unauthorized', 'wrong email or password');
  }
  return { user, reservation };
}

/**
 * Signs a user in; returns the session secret for the cookie. `replacing` is the secret of a
 * session the browser already holds: it ends with the new one's start.
 */
export async function signIn(
  db: Kysely<Database>,
  s: AuthSettings,
  email: string,
  password: string,
  client: string,
  replacing?: string,
): Promise<{ sessionSecret: string; user: PublicUser; expiresAt: string }> {
  const { user, reservation } = await checkPassword(db, s, email, password, client);
  const now = s.now();
  const sessionSecret = newSecret('vgs');
  const expiresAt = addHours(now, s.sessionHours);
  await db.transaction().execute(async (trx) => {
    await s.limiter.succeeded(trx, reservation);
    await deleteExpiredSessions(trx, now.toISOString());
    if (replacing) await deleteSession(trx, hashSecret(replacing));
    await insertSession(trx, { id: hashSecret(sessionSecret), userId: user.id, createdAt: now.toISOString(), expiresAt });
    await recordAudit(trx, { userId: user.id, action: 'sign_in', entity: 'session', entityId: user.id });
  });
  const { password_hash: _, ...publicUser } = user;
  return { sessionSecret, user: publicUser, expiresAt };
}

/**
 * A signed-in user changes their own password, giving the current one (checked under the
 * sign-in limiter); this is also how a one-time password is replaced (the mark is cleared).
 * Every session and API token of the user ends — a token made while someone else knew the
 * password must not outlive it — and a new session is returned for the caller, so the browser
 * that changed it stays signed in (on a fresh session id).
 */
export async function changeOwnPassword(
  db: Kysely<Database>,
  s: AuthSettings,
  userId: number,
  current: string,
  next: string,
  client: string,
): Promise<{ sessionSecret: string; expiresAt: string }> {
  const me = await findUserById(db, userId);
  if (!me) throw notFound(`no user ${userId}`);
  const problem = next === current ? 'the new password must differ from the current one' : passwordProblem(next);
  if (problem) throw validationError('the password cannot be changed', [{ column: 'new_password', reason: problem }]);
  const { user, reservation } = await checkPassword(db, s, me.email, current, client).catch((e: unknown) => {
    throw isVigiaError(e) && e.kind === 'unauthorized'
      ? validationError('the current password is wrong', [{ column: 'current_password', reason: 'wrong password' }])
      : e;
  });
  const hash = await hashPassword(next);
  const now = s.now();
  const sessionSecret = newSecret('vgs');
  const expiresAt = addHours(now, s.sessionHours);
  await db.transaction().execute(async (trx) => {
    await s.limiter.succeeded(trx, reservation);
    await updatePasswordHash(trx, user.id, hash);
    const ended = await endCredentials(trx, user.id, now);
    await recordAudit(trx, {
      userId: user.id,
      action: 'change_password',
      entity: 'user',
      entityId: user.id,
      after: { credentials_ended: ended, ...(user.must_change_password === 1 ? { one_time_password_replaced: true } : {}) },
    });
    await insertSession(trx, { id: hashSecret(sessionSecret), userId: user.id, createdAt: now.toISOString(), expiresAt });
  });
  return { sessionSecret, expiresAt };
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
  if (!Number.isInteger(lifetime) || lifetime < 1 || lifetime > 366)
    throw validationError('a token lives 1–366 days', [{ column: 'days', value: days, reason: 'out of range' }]);
  const token = newSecret('vgt');
  const now = s.now();
  return db.transaction().execute(async (trx) => {
    const info = await insertToken(trx, {
      userId,
      name: name.trim(),
      tokenHash: hashSecret(token),
      createdAt: now.toISOString(),
      expiresAt: addHours(now, lifetime * 24),
    });
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
    await recordAudit(trx, {
      userId: actor.id,
      action: 'revoke',
      entity: 'api_token',
      entityId: id,
      before: token,
      after: { ...token, revoked_at: s.now().toISOString() },
    });
  });
}
