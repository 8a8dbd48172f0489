/**
 * The time source of what depends on "now" (due dates, period locks): a function, so that the
 * server passes the real clock and tests pass one they move.
 */

/** Now, as a Date. */
export type Clock = () => Date;

/** The real clock. */
export const systemClock: Clock = () => new Date();

/** The clock's day as `YYYY-MM-DD` (UTC). */
export const dayOf = (clock: Clock): string => clock().toISOString().slice(0, 10);

/** A clock stopped at `iso` (an import judged on the moment it was sent), or the real clock without one. */
export const clockAt = (iso: string | undefined): Clock => (iso === undefined ? systemClock : () => new Date(iso));
