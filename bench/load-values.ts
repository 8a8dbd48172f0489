/**
 * Loads the synthetic values through the real write path: `storeValues` (data_value upsert plus
 * fact maintenance) inside one transaction per batch, as an import of a large file would.
 */
import { performance } from 'node:perf_hooks';
import type { Db } from '../src/db/database.js';
import { storeValues } from '../src/modules/values/values.service.js';
import { loadCatalog } from '../src/modules/catalog/catalog.repo.js';
import type { LoadStats } from './bench-context.js';
import { syntheticValueRows, type LoadOrder, type SyntheticProgram } from './synthetic-program.js';

export const LOAD_TRANSACTION_ROWS = 50_000;

function* batches<T>(items: Iterable<T>, size: number): Generator<T[]> {
  let batch: T[] = [];
  for (const item of items) {
    batch.push(item);
    if (batch.length === size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

/**
 * Generates `count` values and stores them batch by batch. Only the transactions are timed:
 * building the row objects is the benchmark's cost, not the write path's.
 */
export async function loadSyntheticValues(
  db: Db,
  program: SyntheticProgram,
  count: number,
  order: LoadOrder,
  onProgress: (done: number, stats: LoadStats) => void = () => {},
): Promise<LoadStats> {
  let seconds = 0;
  let cpuMicros = 0;
  let done = 0;
  let transactions = 0;
  const stats = (): LoadStats => ({
    values: done,
    seconds,
    cpuSeconds: cpuMicros / 1e6,
    valuesPerSecond: seconds > 0 ? done / seconds : 0,
    transactions,
  });
  // Only the program id is used on the system's path; reading the catalog once is outside the timing.
  const catalog = await loadCatalog(db, program.code, []);
  for (const batch of batches(syntheticValueRows(program, count, order), LOAD_TRANSACTION_ROWS)) {
    const start = performance.now();
    const cpu = process.cpuUsage();
    const result = await db.transaction().execute((trx) => storeValues(trx, catalog, batch, { system: 'bench' }));
    const used = process.cpuUsage(cpu);
    seconds += (performance.now() - start) / 1_000;
    cpuMicros += used.user + used.system;
    if (result.inserted !== batch.length) {
      throw new Error(`load: ${batch.length} new values stored as ${result.inserted} inserts, ${result.updated} updates`);
    }
    done += batch.length;
    transactions++;
    onProgress(done, stats());
    // The synchronous driver never yields to the event loop; do so between batches, so that
    // Ctrl-C (and the clean-up of the temporary folder) is handled during a long load.
    await new Promise((resolve) => setImmediate(resolve));
  }
  return stats();
}
