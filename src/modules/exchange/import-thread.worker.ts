/**
 * The body of an import worker thread (see import-thread.ts): opens its own connection to the
 * server's database, runs one import with the format's ordinary code, and posts progress and
 * the outcome to the thread that started it. Parsing, checking and writing a large file thus
 * never hold the event loop that answers other requests.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { isVigiaError } from '../../core/errors.js';
import { isDatabaseBusy } from '../../db/busy.js';
import { openDatabase } from '../../db/database.js';
import { findFormat } from './exchange-registry.js';
import { readableOf } from './upload-spool.js';
import type { ThreadMessage, ThreadRequest } from './import-thread.js';

const post = (m: ThreadMessage) => parentPort?.postMessage(m);

async function main(request: ThreadRequest): Promise<void> {
  const { db } = openDatabase(request.database);
  try {
    const format = findFormat(request.format);
    if (!format?.import) throw new Error(`no importable format ${request.format}`);
    const report = await format.import(db, readableOf(Buffer.from(request.body)), {
      ...request.options,
      onProgress: (done, total) => post({ type: 'progress', done, total: total ?? null }),
    });
    post({ type: 'report', report });
  } catch (e) {
    if (isVigiaError(e)) post({ type: 'error', kind: e.kind, message: e.message, details: e.details });
    else if (isDatabaseBusy(e)) post({ type: 'busy', message: e instanceof Error ? e.message : String(e) });
    else post({ type: 'crash', message: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  } finally {
    await db.destroy();
  }
}

await main(workerData as ThreadRequest);
