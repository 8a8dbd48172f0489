/**
 * Backup and restore of the embedded SQLite database with SQLite's online backup API: a
 * backup is a consistent snapshot taken while the server keeps reading and writing (WAL mode:
 * the copy reads one snapshot, writers are not blocked), and a restore checks the file before
 * it replaces the database. Used by `vigia backup` and `vigia restore`.
 */
import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import SqliteDatabase from 'better-sqlite3';
import { validationError } from '../core/errors.js';

/** Progress of a copy, in pages of the database file. */
export interface CopyProgress {
  done: number;
  total: number;
}

export interface CopyResult {
  pages: number;
  bytes: number;
}

/** `PRAGMA integrity_check` of an open database: 'ok' or the problems it found. */
function integrityProblems(db: SqliteDatabase.Database): string[] {
  const rows = db.pragma('integrity_check') as Array<{ integrity_check: string }>;
  return rows.map((r) => r.integrity_check).filter((r) => r !== 'ok');
}

/** How many tables the file holds (0 for a missing or new, empty file). */
function tableCount(file: string): number {
  if (!existsSync(file) || statSync(file).size === 0) return 0;
  const db = new SqliteDatabase(file, { fileMustExist: true });
  try {
    return (db.prepare("select count(*) as n from sqlite_master where type = 'table'").get() as { n: number }).n;
  } finally {
    db.close();
  }
}

/**
 * Copies `from` (an open connection) into `to` page by page. If another process writes while
 * the copy runs, SQLite restarts it; after a restart the rest is copied in one step, which
 * reads one snapshot and so always finishes.
 */
async function copy(from: SqliteDatabase.Database, to: string, onProgress: (p: CopyProgress) => void): Promise<CopyResult> {
  let lastRemaining = Number.POSITIVE_INFINITY;
  let restarted = false;
  const result = await from.backup(to, {
    progress: ({ totalPages, remainingPages }) => {
      if (remainingPages > lastRemaining) restarted = true;
      lastRemaining = remainingPages;
      onProgress({ done: totalPages - remainingPages, total: totalPages });
      // better-sqlite3 copies this many pages in the next step (0 would copy none).
      return restarted ? 0x7fffffff : Math.max(256, Math.ceil(totalPages / 20));
    },
  });
  onProgress({ done: result.totalPages, total: result.totalPages });
  return { pages: result.totalPages, bytes: statSync(to).size };
}

function removeWithSidecars(file: string): void {
  for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) rmSync(f, { force: true });
}

/** Opens a database file to be copied, refusing what is not a readable SQLite file. */
function openChecked(file: string, what: string): SqliteDatabase.Database {
  if (!existsSync(file)) throw validationError(`${what} ${file} does not exist`, [{ column: 'file', value: file, reason: 'no such file' }]);
  let db: SqliteDatabase.Database | undefined;
  try {
    db = new SqliteDatabase(file, { fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    db.prepare('select count(*) from sqlite_master').get();
    return db;
  } catch (e) {
    db?.close();
    throw validationError(`${what} ${file} is not a SQLite database (${e instanceof Error ? e.message : String(e)})`, [
      { column: 'file', value: file, reason: 'not a SQLite database' },
    ]);
  }
}

/**
 * Writes a consistent copy of the database `source` to `target` (through `target.partial`, so
 * that an interrupted backup never leaves a file under the name asked for), then checks the
 * copy's integrity.
 */
export async function backupSqlite(source: string, target: string, onProgress: (p: CopyProgress) => void): Promise<CopyResult> {
  const from = openChecked(source, 'the database');
  const partial = `${target}.partial`;
  removeWithSidecars(partial);
  try {
    const result = await copy(from, partial, onProgress);
    const check = new SqliteDatabase(partial, { fileMustExist: true });
    try {
      const problems = integrityProblems(check);
      if (problems.length) throw new Error(`the copy failed its integrity check: ${problems.slice(0, 5).join('; ')}`);
    } finally {
      check.close();
    }
    renameSync(partial, target);
    return result;
  } catch (e) {
    removeWithSidecars(partial);
    throw e;
  } finally {
    from.close();
  }
}

/**
 * Replaces the database `target` by the backup `source`: the backup must be a Vigia database
 * that passes `PRAGMA integrity_check`; a `target` that holds any table is replaced only with
 * `force`. The copy is checked again before it is moved into place. The server must be stopped:
 * a server still running would keep serving (and writing) the old file.
 */
export async function restoreSqlite(source: string, target: string, force: boolean, onProgress: (p: CopyProgress) => void): Promise<CopyResult> {
  const from = openChecked(source, 'the backup');
  const restoring = `${target}.restoring`;
  try {
    const problems = integrityProblems(from);
    if (problems.length)
      throw validationError(`the backup ${source} fails its integrity check: ${problems.slice(0, 5).join('; ')}`, [
        { column: 'file', value: source, reason: 'integrity check failed' },
      ]);
    const vigia = from.prepare("select 1 from sqlite_master where type = 'table' and name = 'kysely_migration'").get();
    if (!vigia)
      throw validationError(`${source} is a SQLite database but not a Vigia backup (it has no kysely_migration table)`, [
        { column: 'file', value: source, reason: 'not a Vigia database' },
      ]);
    const tables = tableCount(target);
    if (tables > 0 && !force) {
      throw validationError(`the database ${target} is not empty (${tables} tables): restore replaces it only with --force`, [
        { column: 'force', value: target, reason: 'the database is not empty' },
      ]);
    }
    removeWithSidecars(restoring);
    const result = await copy(from, restoring, onProgress);
    const check = new SqliteDatabase(restoring, { fileMustExist: true });
    try {
      const bad = integrityProblems(check);
      if (bad.length) throw new Error(`the restored copy failed its integrity check: ${bad.slice(0, 5).join('; ')}`);
    } finally {
      check.close();
    }
    // A write-ahead log left by the old file would be replayed onto the new one: remove it first.
    for (const f of [`${target}-wal`, `${target}-shm`, `${target}-journal`]) rmSync(f, { force: true });
    renameSync(restoring, target);
    return result;
  } catch (e) {
    removeWithSidecars(restoring);
    throw e;
  } finally {
    from.close();
  }
}
