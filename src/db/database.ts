/**
 * Opens the database: embedded SQLite by default, PostgreSQL when given a postgres:// URL.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type DatabaseConnection, type Driver } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';
import type { Engine } from './dialect.js';
import { isDatabaseBusy } from './busy.js';

export type Db = Kysely<Database>;

/** How hard SQLite syncs to disk at a commit; see VIGIA_SQLITE_SYNCHRONOUS in config.ts. */
export type SqliteSynchronous = 'NORMAL' | 'FULL' | 'EXTRA';
const SYNCHRONOUS: readonly SqliteSynchronous[] = ['NORMAL', 'FULL', 'EXTRA'];

export interface DatabaseOptions {
  /** postgres:// URL; when absent the SQLite file is used. */
  url?: string | undefined;
  /** SQLite file path, or ':memory:'. */
  file?: string | undefined;
  /** SQLite's `synchronous` pragma (VIGIA_SQLITE_SYNCHRONOUS); NORMAL when absent. */
  sqliteSynchronous?: SqliteSynchronous | undefined;
  /** PostgreSQL schema to work in (tests give each file its own). */
  searchPath?: string | undefined;
  /**
   * How long a write waits for a lock held by another connection before failing as busy
   * (SQLite's write lock, a PostgreSQL lock, a free pool connection). Default 30,000 ms
   * (`VIGIA_WRITE_WAIT_MS`): a write waits behind a large import rather than fail.
   */
  busyTimeoutMs?: number | undefined;
}

/** Default of `DatabaseOptions.busyTimeoutMs`. */
export const DEFAULT_BUSY_TIMEOUT_MS = 30_000;

const openedWith = new WeakMap<Db, DatabaseOptions>();

/**
 * The options `db` was opened with, so that another thread can open its own connection to the
 * same database (import worker threads). Undefined for a database not opened here.
 */
export function databaseOptionsOf(db: Db): DatabaseOptions | undefined {
  return openedWith.get(db);
}

export interface OpenDatabase {
  db: Db;
  engine: Engine;
  /** A human-readable description, with no password in it. */
  label: string;
}

/**
 * Kysely prepares every query afresh; for the repeated multi-row INSERTs of a bulk load that
 * costs as much as running them. Statements are kept by SQL text (a bounded, oldest-out cache).
 */
function cachePreparedStatements(sqlite: SqliteDatabase.Database, size = 200): void {
  const prepare = sqlite.prepare.bind(sqlite);
  const cache = new Map<string, SqliteDatabase.Statement>();
  sqlite.prepare = ((text: string) => {
    // Kysely opens transactions with a plain (deferred) BEGIN. When several processes share the
    // file (`vigia serve --workers N`), a deferred transaction that read before another process
    // committed cannot then write: SQLite fails it with SQLITE_BUSY at once, without waiting
    // (busy_timeout does not apply). BEGIN IMMEDIATE takes the write lock up front, waiting for
    // it under busy_timeout, so writers queue instead of failing.
    const source = text === 'begin' ? 'begin immediate' : text;
    let stmt = cache.get(source);
    if (!stmt) {
      stmt = prepare(source);
      if (cache.size >= size) cache.delete(cache.keys().next().value as string);
      cache.set(source, stmt);
    }
    return stmt;
  }) as typeof sqlite.prepare;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * SQLite's own busy handler waits by sleeping the calling thread: while one request waited
 * for the write lock (held by an import or another worker process), the whole event loop of
 * its process stood still, health checks included. Here the connection's busy_timeout is 0 and
 * a statement that finds the database locked outside a transaction (a BEGIN IMMEDIATE, or a
 * lone write) is retried with timers, the connection given back meanwhile so that reads of
 * the same process go on. Past `waitMs` the SQLITE_BUSY error stands (a 503 over HTTP).
 */
class WaitingSqliteDialect extends SqliteDialect {
  constructor(
    private readonly sqlite: SqliteDatabase.Database,
    private readonly waitMs: number,
  ) {
    super({ database: sqlite });
  }

  override createDriver(): Driver {
    const driver = super.createDriver();
    const { sqlite, waitMs } = this;
    const patched = new WeakSet<DatabaseConnection>();
    const acquire = driver.acquireConnection.bind(driver);
    driver.acquireConnection = async () => {
      const connection = await acquire();
      if (patched.has(connection)) return connection;
      patched.add(connection);
      const execute = connection.executeQuery.bind(connection);
      connection.executeQuery = (async (query: Parameters<typeof execute>[0]) => {
        const deadline = Date.now() + waitMs;
        for (let pause = 2; ; pause = Math.min(pause * 2, 50)) {
          try {
            return await execute(query);
          } catch (e) {
            // Inside a transaction a statement cannot simply be run again: let it fail.
            if (!isDatabaseBusy(e) || sqlite.inTransaction || Date.now() + pause > deadline) throw e;
          }
          // The caller holds the one connection; lend it out while waiting.
          await driver.releaseConnection(connection);
          await sleep(pause);
          await acquire();
        }
      }) as typeof connection.executeQuery;
      return connection;
    };
    return driver;
  }
}

/** Opens (and for SQLite, creates) the database described by the options. */
export function openDatabase(options: DatabaseOptions): OpenDatabase {
  const opened = open(options);
  openedWith.set(opened.db, { ...options });
  return opened;
}

function open(options: DatabaseOptions): OpenDatabase {
  const waitMs = options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
  if (options.url) {
    // A lock wait past lock_timeout and a wait for a pooled connection fail as busy (503)
    // instead of holding the request, and a pool slot, without end.
    const settings = [`-c lock_timeout=${waitMs}`, ...(options.searchPath ? [`-c search_path=${options.searchPath}`] : [])];
    const pool = new pg.Pool({
      connectionString: options.url,
      max: 10,
      connectionTimeoutMillis: Math.max(waitMs, 1_000),
      options: settings.join(' '),
      types: {
        getTypeParser: (oid: number, format?: string) => {
          // int8 (counts, sums of integers) and numeric come back as strings by default.
          if (oid === 20 || oid === 1700) return (v: string) => Number(v);
          return format === undefined ? pg.types.getTypeParser(oid) : pg.types.getTypeParser(oid, format as 'text');
        },
      },
    });
    const url = new URL(options.url);
    url.password = url.password ? '***' : '';
    return { db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }), engine: 'postgres', label: url.toString() };
  }
  const file = options.file ?? './data/vigia.db';
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new SqliteDatabase(file);
  sqlite.pragma('journal_mode = WAL');
  // NORMAL in WAL mode: a power loss may roll back the last commits, never corrupt the file.
  const synchronous = options.sqliteSynchronous ?? 'NORMAL';
  if (!SYNCHRONOUS.includes(synchronous)) throw new Error(`synchronous must be one of ${SYNCHRONOUS.join(', ')}`);
  sqlite.pragma(`synchronous = ${synchronous}`);
  sqlite.pragma('foreign_keys = ON');
  // Lock waits are done with timers by WaitingSqliteDialect, not by sleeping the thread.
  sqlite.pragma('busy_timeout = 0');
  // 64 MiB of page cache: bulk loads touch the fact table and the value index all over.
  sqlite.pragma('cache_size = -65536');
  cachePreparedStatements(sqlite);
  return { db: new Kysely<Database>({ dialect: new WaitingSqliteDialect(sqlite, waitMs) }), engine: 'sqlite', label: `sqlite:${file}` };
}
