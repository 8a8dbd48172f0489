/**
 * Opens the database: embedded SQLite by default, PostgreSQL when given a postgres:// URL.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';
import type { Engine } from './dialect.js';

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

/** Opens (and for SQLite, creates) the database described by the options. */
export function openDatabase(options: DatabaseOptions): OpenDatabase {
  if (options.url) {
    const pool = new pg.Pool({
      connectionString: options.url,
      max: 10,
      ...(options.searchPath ? { options: `-c search_path=${options.searchPath}` } : {}),
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
  // Writers of other processes (workers) are waited for up to 5 s instead of failing at once.
  sqlite.pragma('busy_timeout = 5000');
  // 64 MiB of page cache: bulk loads touch the fact table and the value index all over.
  sqlite.pragma('cache_size = -65536');
  cachePreparedStatements(sqlite);
  return { db: new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) }), engine: 'sqlite', label: `sqlite:${file}` };
}
