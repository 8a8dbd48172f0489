/**
 * A fresh, migrated database for one test file, on the engine under test: SQLite in memory by
 * default, or PostgreSQL when VIGIA_TEST_DATABASE_URL is set (each file gets its own schema,
 * dropped afterwards). `npm test` runs on SQLite; `.ci/run` runs the same suite on PostgreSQL.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Db } from '../../src/db/database.js';
import type { Engine } from '../../src/db/dialect.js';
import { migrateTo, migrateToLatest } from '../../src/db/migrate.js';

export interface TestDb {
  db: Db;
  engine: Engine;
  destroy(): Promise<void>;
}

export const testPgUrl = process.env.VIGIA_TEST_DATABASE_URL;

/** `upTo`: migrate only up to and including that migration (a test of the next one fills it first). */
export async function createTestDb(upTo?: string): Promise<TestDb> {
  const migrate = (db: Db) => (upTo === undefined ? migrateToLatest(db) : migrateTo(db, upTo));
  if (!testPgUrl) {
    const { db, engine } = openDatabase({ file: ':memory:' });
    await migrate(db);
    return { db, engine, destroy: () => db.destroy() };
  }
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: testPgUrl });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const { db, engine } = openDatabase({ url: testPgUrl, searchPath: schema });
  await migrate(db);
  return {
    db,
    engine,
    async destroy() {
      await db.destroy();
      const c = new pg.Client({ connectionString: testPgUrl });
      await c.connect();
      await c.query(`DROP SCHEMA ${schema} CASCADE`);
      await c.end();
    },
  };
}
