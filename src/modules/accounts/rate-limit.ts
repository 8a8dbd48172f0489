/**
 * The sign-in limiter. Every attempt is written down in the database (pending) *before* its
 * password is hashed, in a transaction that first looks at the attempts already there, so that
 * attempts made at the same moment count against each other: fifty parallel guesses for one
 * account are not all checked. The attempts live in the database (table `sign_in_failure`), not
 * in process memory, so the limits hold across every process serving the same database
 * (`vigia serve --workers N`, several servers behind a balancer) and survive a restart.
 *
 * Two limits, each with a cap on attempts in flight:
 * - per account (the e-mail, known or not): the first few failures are free; after them each
 *   further attempt must wait a delay that doubles with every failure, up to a cap. No one is
 *   locked out for longer than the cap after the last failure, from whatever address, so an
 *   attacker cannot shut an administrator out for good; a success resets the account's count.
 * - per client address: at most so many failures in a sliding window, whatever the e-mails. A
 *   success does not reset it (signing in to one's own account must not buy more guesses).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { VigiaError } from '../../core/errors.js';
import {
  attemptsOf,
  deleteAttempts,
  deleteFailuresBefore,
  deleteFailuresOf,
  insertPendingAttempts,
  lockKeys,
  markAttemptsFailed,
  type CountedAttempt,
} from './sign-in-failures.repo.js';

/** The limits; defaults in `DEFAULT_LIMITS`. */
export interface SignInLimits {
  /** Failures of one account that cost nothing; each further attempt waits a growing delay. */
  accountFreeFailures: number;
  /** The wait after the first failure beyond the free ones; it doubles with each failure after. */
  accountBaseDelayMs: number;
  /** The longest wait the account back-off imposes. */
  accountMaxDelayMs: number;
  /** Failures older than this no longer count for the account. */
  accountWindowMs: number;
  /** Attempts of one account being checked at the same time. */
  accountInFlight: number;
  /** Failures one client address may make in `clientWindowMs`, whatever the accounts. */
  clientMaxFailures: number;
  clientWindowMs: number;
  /** Attempts of one client address being checked at the same time. */
  clientInFlight: number;
  /** A pending attempt older than this is no longer in flight (its process died); it stays a failure. */
  pendingStaleMs: number;
}

export const DEFAULT_LIMITS: SignInLimits = {
  accountFreeFailures: 5,
  accountBaseDelayMs: 60_000,
  accountMaxDelayMs: 15 * 60_000,
  accountWindowMs: 60 * 60_000,
  accountInFlight: 2,
  clientMaxFailures: 10,
  clientWindowMs: 15 * 60_000,
  clientInFlight: 8,
  pendingStaleMs: 60_000,
};

/** An attempt written down before its password is checked; settle it with `failed` or `succeeded`. */
export interface Reservation {
  accountKey: string;
  ids: number[];
}

function refusal(waitMs: number, what: string): VigiaError {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  const when = seconds < 120 ? `${seconds} second(s)` : `${Math.ceil(seconds / 60)} minute(s)`;
  return new VigiaError('rate_limited', `too many ${what}; try again in ${when}`, [{ reason: 'rate_limited', value: seconds }]);
}

/**
 * What a limiter counts: sign-in attempts (the default), or another kind of request per e-mail
 * and address (the "forgot password" requests) kept apart by the prefix of its keys.
 */
export interface LimiterScope {
  /** Prefix of the keys in `sign_in_failure`; '' for sign-in. */
  prefix: string;
  /** Named in the refusal: "too many <what>". */
  what: string;
}

export class SignInLimiter {
  readonly limits: SignInLimits;

  constructor(
    limits: Partial<SignInLimits> = {},
    private readonly now: () => number = Date.now,
    private readonly scope: LimiterScope = { prefix: '', what: 'sign-in attempts' },
  ) {
    this.limits = { ...DEFAULT_LIMITS, ...limits };
  }

  /** Milliseconds the account must still wait, given its attempts (newest first); 0 when it may try. */
  private accountWait(attempts: readonly CountedAttempt[], now: number): number {
    const l = this.limits;
    if (this.inFlight(attempts, now) >= l.accountInFlight) return 1000;
    const over = attempts.length - l.accountFreeFailures;
    if (over < 0) return 0;
    const delay = Math.min(l.accountMaxDelayMs, l.accountBaseDelayMs * 2 ** Math.min(over, 30));
    return Math.max(0, (attempts[0]?.atMs ?? 0) + delay - now);
  }

  private clientWait(attempts: readonly CountedAttempt[], now: number): number {
    const l = this.limits;
    if (this.inFlight(attempts, now) >= l.clientInFlight) return 1000;
    if (attempts.length < l.clientMaxFailures) return 0;
    // The max-th newest attempt is the one whose leaving the window lifts the limit.
    return Math.max(1, (attempts[l.clientMaxFailures - 1]?.atMs ?? 0) + l.clientWindowMs - now);
  }

  private inFlight(attempts: readonly CountedAttempt[], now: number): number {
    return attempts.filter((a) => a.pending && a.atMs > now - this.limits.pendingStaleMs).length;
  }

  /**
   * Writes the attempt down (it counts from now on, as a failure until it is settled), or
   * throws `rate_limited` with the seconds to wait when the account or the address must wait.
   */
  async reserve(db: Kysely<Database>, email: string, client: string): Promise<Reservation> {
    const keys = [`${this.scope.prefix}email:${email.trim().toLowerCase()}`, `${this.scope.prefix}client:${client}`];
    const [account, address] = keys as [string, string];
    const l = this.limits;
    const now = this.now();
    const ids = await db.transaction().execute(async (trx) => {
      await lockKeys(trx, keys);
      await deleteFailuresBefore(trx, now - Math.max(l.accountWindowMs, l.clientWindowMs));
      const wait = Math.max(
        this.accountWait(await attemptsOf(trx, account, now - l.accountWindowMs), now),
        this.clientWait(await attemptsOf(trx, address, now - l.clientWindowMs), now),
      );
      if (wait > 0) throw refusal(wait, this.scope.what);
      return insertPendingAttempts(trx, keys, now);
    });
    return { accountKey: account, ids };
  }

  /** The password was wrong (or the account unknown or inactive): the attempt stays, as a failure. */
  async failed(db: Kysely<Database>, r: Reservation): Promise<void> {
    await markAttemptsFailed(db, r.ids);
  }

  /**
   * The password was right: the account's failures are forgotten; the address keeps its earlier
   * failures (only this attempt stops counting). Pass the transaction that opens the session.
   */
  async succeeded(db: Kysely<Database>, r: Reservation): Promise<void> {
    await deleteAttempts(db, r.ids);
    await deleteFailuresOf(db, [r.accountKey]);
  }
}
