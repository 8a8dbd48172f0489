/**
 * Every benchmark, in the order `npm run bench` runs them. To add one, write
 * `bench/<name>.bench.ts` exporting a `Benchmark` and append it here.
 */
import type { Benchmark } from './bench-context.js';
import { valuesBench } from './values.bench.js';
import { factsheetBench } from './factsheet.bench.js';
import { recordsBench } from './records.bench.js';
import { exchangeBench } from './exchange.bench.js';
import { apiBench } from './api.bench.js';
import { webBench } from './web.bench.js';
import { importLoadBench } from './import-load.bench.js';
import { ittBench } from './itt.bench.js';
import { pirsBench } from './pirs.bench.js';
import { qualityBench } from './quality.bench.js';

export const benchmarks: readonly Benchmark[] = [
  valuesBench,
  factsheetBench,
  recordsBench,
  apiBench,
  exchangeBench,
  webBench,
  importLoadBench,
  ittBench,
  pirsBench,
  qualityBench,
];
