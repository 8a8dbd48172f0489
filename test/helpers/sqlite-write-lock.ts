/**
 * Whether some connection holds the write lock of a SQLite file (an import writing): a probe
 * that tries to take the lock without waiting. For tests that must act while a write runs.
 */
import SqliteDatabase from 'better-sqlite3';

/** True while another connection holds the write lock of the SQLite database at `file`. */
export function sqliteWriteLocked(file: string): boolean {
  const probe = new SqliteDatabase(file, { timeout: 0 });
  try {
    probe.exec('BEGIN IMMEDIATE');
    probe.exec('ROLLBACK');
    return false;
  } catch (e) {
    if ((e as { code?: string }).code?.startsWith('SQLITE_BUSY')) return true;
    throw e;
  } finally {
    probe.close();
  }
}
