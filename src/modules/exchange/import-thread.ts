/**
 * Runs an import in a worker thread (node:worker_threads) with its own database connection.
 * Reading a 200,000-row file, checking it and writing it in one transaction is seconds of
 * JavaScript and, on SQLite, of synchronous database calls; on the thread that serves HTTP it
 * stalled every other request, health checks included. The import code is the same as
 * in-process: the thread only changes where it runs. A database that another thread cannot
 * open (SQLite in memory, as in tests) runs the import in-process instead.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { VigiaError, type ErrorKind, type IssueDetail } from '../../core/errors.js';
import { DatabaseBusyError } from '../../db/busy.js';
import { databaseOptionsOf, type DatabaseOptions, type Db } from '../../db/database.js';
import type { ImportOptions, ImportReport } from './exchange-format.js';

/** How long the thread's own writes wait for other writers (its BEGIN, mostly). */
const THREAD_BUSY_TIMEOUT_MS = 60_000;

/** What the thread is given. */
export interface ThreadRequest {
  database: DatabaseOptions;
  format: string;
  options: Omit<ImportOptions, 'onProgress'>;
  body: Uint8Array;
}

/** What the thread posts back. */
export type ThreadMessage =
  | { type: 'progress'; done: number; total: number | null }
  | { type: 'report'; report: ImportReport }
  | { type: 'error'; kind: ErrorKind; message: string; details: IssueDetail[] }
  | { type: 'busy'; message: string }
  | { type: 'crash'; message: string };

/** The options another thread can open `db` with, or undefined when it cannot. */
export function threadDatabaseOptions(db: Db): DatabaseOptions | undefined {
  const options = databaseOptionsOf(db);
  if (!options) return undefined;
  if (!options.url && (options.file === ':memory:' || options.file === '')) return undefined;
  return { ...options, busyTimeoutMs: THREAD_BUSY_TIMEOUT_MS };
}

/**
 * The worker thread: its entry file, or, when running from the TypeScript sources, a small
 * bootstrap that registers tsx in the new thread (loader hooks are per thread) and then loads
 * the entry.
 */
function startWorker(workerData: ThreadRequest): Worker {
  const fromSource = import.meta.url.endsWith('.ts');
  const url = new URL(`./import-thread.worker.${fromSource ? 'ts' : 'js'}`, import.meta.url);
  if (!fromSource) return new Worker(url, { workerData });
  const tsx = pathToFileURL(join(dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist/esm/api/index.mjs')).href;
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(url.href)}); })`;
  return new Worker(boot, { eval: true, workerData });
}

/**
 * Imports `body` with format `format` in a worker thread connected to `database`; resolves with
 * the report, or rejects as the import would have in-process (a VigiaError with the same kind,
 * a DatabaseBusyError, or an Error for anything unexpected).
 */
export function importInThread(
  database: DatabaseOptions,
  format: string,
  body: Uint8Array,
  options: Omit<ImportOptions, 'onProgress'>,
  onProgress?: (done: number, total?: number) => void,
): Promise<ImportReport> {
  const request: ThreadRequest = { database, format, options, body };
  return new Promise((resolve, reject) => {
    let outcome: { report: ImportReport } | { error: Error } | undefined;
    const worker = startWorker(request);
    worker.on('message', (m: ThreadMessage) => {
      if (m.type === 'progress') onProgress?.(m.done, m.total ?? undefined);
      else if (m.type === 'report') outcome = { report: m.report };
      else if (m.type === 'error') outcome = { error: new VigiaError(m.kind, m.message, m.details) };
      else if (m.type === 'busy') outcome = { error: new DatabaseBusyError(m.message) };
      else outcome = { error: new Error(`import thread failed: ${m.message}`) };
    });
    worker.on('error', (e) => (outcome ??= { error: e }));
    worker.on('exit', (code) => {
      if (!outcome) reject(new Error(`the import thread stopped (exit code ${code}) before it finished`));
      else if ('report' in outcome) resolve(outcome.report);
      else reject(outcome.error);
    });
  });
}
