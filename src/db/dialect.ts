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

/**
 * `rows` tuples of `columns` placeholders for a multi-row VALUES list: `(?,?),(?,?)` on SQLite,
 * `($1,$2),($3,$4)` on PostgreSQL. For statements whose text is built once and reused.
 */
export function placeholderRows(engine: Engine, rows: number, columns: number): string {
  if (engine === 'sqlite') {
    const tuple = `(${'?,'.repeat(columns - 1)}?)`;
    return Array.from({ length: rows }, () => tuple).join(',');
  }
  let n = 0;
  return Array.from({ length: rows }, () => `(${Array.from({ length: columns }, () => `$${++n}`).join(',')})`).join(',');
}
