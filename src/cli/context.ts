/**
 * What every command needs: the configured database, migrated, closed afterwards; and one way
 * to report errors (a clear message and a non-zero exit, never a stack trace for bad input).
 */
import { parseConfig, type Config } from '../config.js';
import { openDatabase, type OpenDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { isVigiaError } from '../core/errors.js';

/** Opens the database named by the environment (DATABASE_URL or VIGIA_DB) and migrates it. */
export async function openConfiguredDatabase(config: Config = parseConfig(), migrate = true): Promise<OpenDatabase> {
  const opened = openDatabase({
    url: config.DATABASE_URL,
    file: config.VIGIA_DB,
    sqliteSynchronous: config.VIGIA_SQLITE_SYNCHRONOUS,
    busyTimeoutMs: config.VIGIA_WRITE_WAIT_MS,
  });
  if (migrate) await migrateToLatest(opened.db);
  return opened;
}

/** Runs `fn` with the configured database and closes it, whatever happens. */
export async function withDatabase<T>(fn: (opened: OpenDatabase) => Promise<T>, migrate = true): Promise<T> {
  const opened = await openConfiguredDatabase(parseConfig(), migrate);
  try {
    return await fn(opened);
  } finally {
    await opened.db.destroy();
  }
}

/** Prints an error for a person (or as JSON with --json) and sets a failing exit code. */
export function reportError(e: unknown, json = false): void {
  if (isVigiaError(e)) {
    if (json) {
      console.error(JSON.stringify({ error: e.kind, message: e.message, details: e.details }));
    } else {
      console.error(`error (${e.kind}): ${e.message}`);
      for (const d of e.details.slice(0, 50)) {
        const where = [d.file, d.row !== undefined ? `row ${d.row}` : '', d.column ? `column ${d.column}` : ''].filter(Boolean).join(', ');
        const value = d.value === undefined ? '' : ` (value: ${JSON.stringify(d.value)})`;
        console.error(`  ${where ? `${where}: ` : ''}${d.reason}${value}`);
      }
      if (e.details.length > 50) console.error(`  … and ${e.details.length - 50} more`);
    }
  } else {
    console.error(`error: ${e instanceof Error ? e.message : String(e)}`);
  }
  process.exitCode = isVigiaError(e) && (e.kind === 'validation' || e.kind === 'too_large') ? 2 : 1;
}

/** Wraps a command action so that any error is reported cleanly. */
export function action<A extends unknown[]>(fn: (...args: A) => Promise<void>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await fn(...args);
    } catch (e) {
      const json = process.argv.includes('--json');
      reportError(e, json);
    }
  };
}
