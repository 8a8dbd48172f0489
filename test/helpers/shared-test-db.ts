/**
 * A database several processes of one test share — a SQLite file, or a PostgreSQL schema when
 * VIGIA_TEST_DATABASE_URL is set — for tests that run real child processes against it ("server
 * processes" racing, a "restart"). The test creates it; each child opens it from the
 * environment the test passes (`env`).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase, type Db } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { testPgUrl } from './test-db.js';

export interface SharedTestDb {
  db: Db;
  /** The environment a child process opens the same database from (with openSharedTestDb). */
  env: NodeJS.ProcessEnv;
  destroy(): Promise<void>;
}

/** A fresh, migrated database that child processes can open too. */
export async function createSharedTestDb(): Promise<SharedTestDb> {
  if (testPgUrl) {
    const schema = `t_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: testPgUrl });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.end();
    const { db } = openDatabase({ url: testPgUrl, searchPath: schema });
    await migrateToLatest(db);
    return {
      db,
      env: { ...process.env, VIGIA_TEST_DB_URL: testPgUrl, VIGIA_TEST_DB_SCHEMA: schema },
      async destroy() {
        await db.destroy();
        const c = new pg.Client({ connectionString: testPgUrl });
        await c.connect();
        await c.query(`DROP SCHEMA ${schema} CASCADE`);
        await c.end();
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'vigia-shared-'));
  const file = join(dir, 'vigia.db');
  const { db } = openDatabase({ file });
  await migrateToLatest(db);
  return {
    db,
    env: { ...process.env, VIGIA_TEST_DB_FILE: file },
    async destroy() {
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** In a child process: the database its test created (from VIGIA_TEST_DB_FILE, or VIGIA_TEST_DB_URL with VIGIA_TEST_DB_SCHEMA). */
export function openSharedTestDb(): Db {
  return process.env.VIGIA_TEST_DB_FILE
    ? openDatabase({ file: process.env.VIGIA_TEST_DB_FILE }).db
    : openDatabase({ url: process.env.VIGIA_TEST_DB_URL, searchPath: process.env.VIGIA_TEST_DB_SCHEMA }).db;
}
