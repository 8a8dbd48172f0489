/**
 * The spreadsheet import benchmark (issue 6, acceptance 5): a generated data-value CSV of
 * `--values` rows (1,000,000 by default; `VIGIA_BENCH_CSV_ROWS` overrides) imported through the real `csv` format —
 * spooled, checked in a first streaming pass, written in a second inside one transaction — and,
 * before it, one of 100,000 rows (fewer if `--values` is smaller), to show that memory does not
 * grow with the file.
 *
 * Memory is sampled from `process.memoryUsage()` every 25 ms during each import: the `_mb`
 * metrics are the peak resident set size (RSS) of the whole process, SQLite's page cache
 * included; the `_heap_` ones the peak of V8's used heap. Targets: ≥ 100,000 rows/s, and a
 * peak at 1,000,000 rows close to the peak at 100,000.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { once } from 'node:events';
import { csvFormat } from '../src/modules/exchange/spreadsheet/csv.format.js';
import type { ImportReport } from '../src/modules/exchange/exchange-format.js';
import type { Benchmark, Metric } from './bench-context.js';
import { round } from './stats.js';
import { createSyntheticProgram, type SyntheticProgram } from './synthetic-program.js';

const SMALL = 100_000;
const HEADER = 'indicator,place,period,disagg,source,value,provenance,note,status,organisation\n';

function rowCount(values: number): number {
  const text = process.env.VIGIA_BENCH_CSV_ROWS;
  const n = text === undefined ? values : Number(text);
  if (!Number.isInteger(n) || n < 1) throw new Error(`VIGIA_BENCH_CSV_ROWS must be a positive whole number, not "${text}"`);
  return n;
}

/** Writes `count` distinct values (keys `first`…) of the synthetic program as a values CSV. */
async function writeCsv(file: string, program: SyntheticProgram, first: number, count: number): Promise<number> {
  const out = createWriteStream(file);
  const ni = program.indicators.length;
  const nl = program.leaves.length;
  let chunk = HEADER;
  let bytes = 0;
  for (let k = first; k < first + count; k++) {
    const ind = program.indicators[k % ni]!.code;
    const leaf = program.leaves[Math.floor(k / ni) % nl]!.code;
    const month = program.months[Math.floor(k / (ni * nl)) % program.months.length]!.id;
    chunk += `${ind},${leaf},${month},,${program.source},${(k % 997) + 0.5},sourced,,approved,\n`;
    if (chunk.length > 1 << 20) {
      bytes += chunk.length;
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  bytes += chunk.length;
  out.end(chunk);
  await once(out, 'finish');
  return bytes;
}

interface Measured {
  report: ImportReport;
  seconds: number;
  /** CPU time (user + system) of the process: steadier than wall time on a shared machine. */
  cpuSeconds: number;
  peakRssMb: number;
  peakHeapMb: number;
}

/** Imports `file`, sampling memory meanwhile. */
async function measuredImport(db: Parameters<NonNullable<typeof csvFormat.import>>[0], file: string, program: string): Promise<Measured> {
  let peakRss = 0;
  let peakHeap = 0;
  const sample = () => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  };
  sample();
  const timer = setInterval(sample, 25);
  const started = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  try {
    const report = await csvFormat.import!(db, createReadStream(file), { program, dryRun: false, file: 'bench.csv', onProgress: sample });
    sample();
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const used = process.cpuUsage(cpu);
    const cpuSeconds = (used.user + used.system) / 1e6;
    if (report.errors.length) throw new Error(`the benchmark file was rejected: ${JSON.stringify(report.errors.slice(0, 3))}`);
    return { report, seconds, cpuSeconds, peakRssMb: round(peakRss / 2 ** 20, 1), peakHeapMb: round(peakHeap / 2 ** 20, 1) };
  } finally {
    clearInterval(timer);
  }
}

export const exchangeBench: Benchmark = {
  name: 'exchange',
  description: 'data-value CSV imports of 100,000 and 1,000,000 rows through the csv format (two passes, one transaction)',
  async run(ctx) {
    const { db } = ctx;
    const rows = rowCount(ctx.options.values);
    const small = Math.min(SMALL, rows);
    // A program of its own, so the other benchmarks' data neither helps nor hinders.
    const program = await createSyntheticProgram(db, 'CSVBENCH');
    if (small + rows > program.capacity) throw new Error(`the synthetic program holds at most ${program.capacity - small} rows for this benchmark`);
    const file = join(tmpdir(), `vigia-bench-${process.pid}.csv`);
    const metrics: Record<string, Metric> = {};
    try {
      ctx.log(`csv import: writing ${small.toLocaleString('en')} rows…`);
      await writeCsv(file, program, 0, small);
      const first = await measuredImport(db, file, program.code);
      ctx.log(`  ${small.toLocaleString('en')} rows in ${round(first.seconds, 1)} s, peak RSS ${first.peakRssMb} MB, heap ${first.peakHeapMb} MB`);
      ctx.log(`csv import: writing ${rows.toLocaleString('en')} rows…`);
      const bytes = await writeCsv(file, program, small, rows);
      const big = await measuredImport(db, file, program.code);
      ctx.log(
        `  ${rows.toLocaleString('en')} rows (${round(bytes / 2 ** 20, 1)} MB) in ${round(big.seconds, 1)} s (CPU ${round(big.cpuSeconds, 1)} s), peak RSS ${big.peakRssMb} MB, heap ${big.peakHeapMb} MB`,
      );
      if (big.report.inserted !== rows) throw new Error(`expected ${rows} new values, the import reports ${big.report.inserted}`);
      metrics.csv_import_rows = rows;
      metrics.csv_import_rows_per_s = Math.round(rows / big.seconds);
      metrics.csv_import_seconds = round(big.seconds, 2);
      metrics.csv_import_cpu_rows_per_s = Math.round(rows / big.cpuSeconds);
      metrics.csv_import_peak_mb = big.peakRssMb;
      metrics.csv_import_small_rows = small;
      metrics.csv_import_peak_mb_100k = first.peakRssMb;
      metrics.csv_import_heap_peak_mb = big.peakHeapMb;
      metrics.csv_import_heap_peak_mb_100k = first.peakHeapMb;
      metrics.csv_import_memory = 'peak RSS (process) and peak V8 heapUsed, sampled every 25 ms';
    } finally {
      await rm(file, { force: true });
    }
    return metrics;
  },
};
