/**
 * Tells a busy database from a broken one. A write that waited its turn too long (SQLite's
 * write lock held by another connection or process, a PostgreSQL lock, statement or
 * serialization timeout, or no free connection in the pool) is not a server fault: the same
 * request will succeed a moment later. The HTTP layer answers these 503 + Retry-After in one
 * place (src/http/errors.ts); everything else stays a 500.
 */

/** Seconds a client is told to wait before trying again after a busy answer. */
export const BUSY_RETRY_AFTER_SECONDS = 2;

/** SQLSTATE codes of PostgreSQL that mean "waited too long or lost a race; try again". */
const PG_BUSY = new Set([
  '55P03', // lock_not_available (lock_timeout, NOWAIT)
  '57014', // query_canceled (statement_timeout)
  '40001', // serialization_failure
  '40P01', // deadlock_detected (the other transaction went on)
  '53300', // too_many_connections
]);

/** pg-pool's messages when no connection became free in time. */
const POOL_TIMEOUT = /timeout exceeded when trying to connect|connection terminated due to connection timeout/i;

/** True when `e` means the database was too busy to answer in time (worth retrying). */
export function isDatabaseBusy(e: unknown): boolean {
  if (typeof e !== 'object' || e === null) return false;
  const code = (e as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (code === 'VIGIA_BUSY' || code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return true;
    if (PG_BUSY.has(code)) return true;
  }
  return e instanceof Error && POOL_TIMEOUT.test(e.message);
}

/** A busy database reported from elsewhere (an import thread); classified as busy. */
export class DatabaseBusyError extends Error {
  readonly code = 'VIGIA_BUSY';
  constructor(message: string) {
    super(message);
    this.name = 'DatabaseBusyError';
  }
}
