/** Runs the migrations up to the latest; called at start-up and by `vigia migrate`. */
import { Migrator, sql, type MigrationResult } from 'kysely';
import type { Db } from './database.js';
import { engineOf } from './dialect.js';
import { migrations } from './migrations/index.js';

export async function migrateToLatest(db: Db): Promise<MigrationResult[]> {
  return migrate(db);
}

/** Runs the migrations up to and including `name` only (tests of a migration fill the schema before it). */
export async function migrateTo(db: Db, name: string): Promise<MigrationResult[]> {
  return migrate(db, name);
}

async function migrate(db: Db, target?: string): Promise<MigrationResult[]> {
  // On PostgreSQL the bookkeeping tables go in the current schema explicitly: Kysely otherwise
  // finds another schema's lock table and mistakes it for this one's.
  const schema = engineOf(db) === 'postgres' ? (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]?.s : undefined;
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = target === undefined ? await migrator.migrateToLatest() : await migrator.migrateTo(target);
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`migration ${failed?.migrationName ?? '?'} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  return results ?? [];
}
