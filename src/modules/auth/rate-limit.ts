/**
 * Failed sign-in limiter: after `max` failures for a key within `windowMs`, further attempts are
 * refused until the oldest failure leaves the window. The failures are kept in the database
 * (table `sign_in_failure`), not in process memory, so the lockout holds across every process
 * that serves the same database (`vigia serve --workers N`, or several servers behind a
 * balancer) and survives a restart.
 *
 * Attempts that are checked at the same moment, before either has failed, may both go ahead:
 * the limit is exact for attempts made one after another, and off by at most the number of
 * attempts in flight at once (each costs a deliberately slow password hash).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { deleteFailuresBefore, deleteFailuresOf, insertFailures, recentFailures } from './sign-in-failures.repo.js';

export class FailureLimiter {
  constructor(
    private readonly max = 5,
    private readonly windowMs = 15 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds until `key` may try again; 0 when it may now. */
  async retryAfter(db: Kysely<Database>, key: string): Promise<number> {
    const now = this.now();
    const recent = await recentFailures(db, key, now - this.windowMs, this.max);
    if (recent.length < this.max) return 0;
    // The max-th newest failure is the one whose leaving the window lifts the limit.
    return (recent[this.max - 1] ?? 0) + this.windowMs - now;
  }

  /** Records one failure for each key; failures that have left the window are dropped. */
  async fail(db: Kysely<Database>, keys: readonly string[]): Promise<void> {
    const now = this.now();
    await db.transaction().execute(async (trx) => {
      await deleteFailuresBefore(trx, now - this.windowMs);
      await insertFailures(trx, keys, now);
    });
  }

  /** Forgets the keys' failures (after a successful sign-in). */
  async reset(db: Kysely<Database>, keys: readonly string[]): Promise<void> {
    await deleteFailuresOf(db, keys);
  }
}
