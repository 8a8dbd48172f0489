/**
 * Sign-in attempts that count against a key (`email:…` or `client:…`): failed ones, and pending
 * ones whose password is being checked. The limiter (rate-limit.ts) is their only user.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { engineOf } from '../../db/dialect.js';

/** One counted attempt of a key. */
export interface CountedAttempt {
  atMs: number;
  pending: boolean;
}

/**
 * Serialises limiter decisions on these keys until the end of the transaction. SQLite's
 * transactions already run one at a time (BEGIN IMMEDIATE); PostgreSQL takes an advisory lock
 * per key, in sorted order so that two transactions never wait on each other.
 */
export async function lockKeys(trx: Kysely<Database>, keys: readonly string[]): Promise<void> {
  if (engineOf(trx) !== 'postgres') return;
  for (const key of [...keys].sort()) await sql`select pg_advisory_xact_lock(hashtext(${`sign_in:${key}`}))`.execute(trx);
}

/** The attempts of `key` after `sinceMs`, newest first. */
export async function attemptsOf(db: Kysely<Database>, key: string, sinceMs: number): Promise<CountedAttempt[]> {
  const rows = await db
    .selectFrom('sign_in_failure')
    .select(['at_ms', 'pending'])
    .where('key', '=', key)
    .where('at_ms', '>', sinceMs)
    .orderBy('at_ms', 'desc')
    .execute();
  return rows.map((r) => ({ atMs: Number(r.at_ms), pending: Number(r.pending) === 1 }));
}

/** Writes one pending attempt per key; returns their ids, in the order of `keys`. */
export async function insertPendingAttempts(db: Kysely<Database>, keys: readonly string[], atMs: number): Promise<number[]> {
  if (keys.length === 0) return [];
  const ids: number[] = [];
  for (const key of keys) {
    const r = await db.insertInto('sign_in_failure').values({ key, at_ms: atMs, pending: 1 }).returning('id').executeTakeFirstOrThrow();
    ids.push(r.id);
  }
  return ids;
}

/** Pending attempts become failures. */
export async function markAttemptsFailed(db: Kysely<Database>, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return;
  await db.updateTable('sign_in_failure').set({ pending: 0 }).where('id', 'in', ids).execute();
}

/** Forgets these attempts (a password that was right does not count as a failure). */
export async function deleteAttempts(db: Kysely<Database>, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return;
  await db.deleteFrom('sign_in_failure').where('id', 'in', ids).execute();
}

/** Forgets every attempt of the keys. */
export async function deleteFailuresOf(db: Kysely<Database>, keys: readonly string[]): Promise<void> {
  if (keys.length === 0) return;
  await db.deleteFrom('sign_in_failure').where('key', 'in', keys).execute();
}

/** Forgets attempts at or before `untilMs`: they no longer count for any key. */
export async function deleteFailuresBefore(db: Kysely<Database>, untilMs: number): Promise<void> {
  await db.deleteFrom('sign_in_failure').where('at_ms', '<=', untilMs).execute();
}
