/**
 * The one place that knows which engine is underneath. Everything else writes portable
 * Kysely; the few differences (id columns, bulk-insert sizes, clustering) ask here.
 */
import { PostgresAdapter, type Kysely } from 'kysely';

export type Engine = 'sqlite' | 'postgres';

/** Which engine a Kysely instance (or transaction) talks to. */
export function engineOf(db: Kysely<unknown> | { getExecutor(): { adapter: unknown } }): Engine {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/**
 * Rows per multi-row INSERT so that rows × columns stays under the engine's bound-parameter
 * limit (SQLite 32,766; PostgreSQL 65,535).
 */
export function insertChunkSize(engine: Engine, columns: number): number {
  const limit = engine === 'postgres' ? 65_000 : 32_000;
  return Math.max(1, Math.min(2_000, Math.floor(limit / columns)));
}
