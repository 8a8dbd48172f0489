import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

/** Times (ms) of the latest failures of `key` after `sinceMs`, newest first, at most `limit`. */
export async function recentFailures(db: Kysely<Database>, key: string, sinceMs: number, limit: number): Promise<number[]> {
  const rows = await db.selectFrom('sign_in_failure').select('at_ms').where('key', '=', key).where('at_ms', '>', sinceMs).orderBy('at_ms', 'desc').limit(limit).execute();
  return rows.map((r) => Number(r.at_ms));
}

export async function insertFailures(db: Kysely<Database>, keys: readonly string[], atMs: number): Promise<void> {
  if (keys.length === 0) return;
  await db.insertInto('sign_in_failure').values(keys.map((key) => ({ key, at_ms: atMs }))).execute();
}

export async function deleteFailuresOf(db: Kysely<Database>, keys: readonly string[]): Promise<void> {
  if (keys.length === 0) return;
  await db.deleteFrom('sign_in_failure').where('key', 'in', keys).execute();
}

/** Forgets failures at or before `untilMs`: they no longer count for any key. */
export async function deleteFailuresBefore(db: Kysely<Database>, untilMs: number): Promise<void> {
  await db.deleteFrom('sign_in_failure').where('at_ms', '<=', untilMs).execute();
}
