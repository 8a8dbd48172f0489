/**
 * What every benchmark receives and returns. A benchmark is one file `bench/<name>.bench.ts`
 * exporting a `Benchmark`, listed in `bench/registry.ts`; its metrics are merged into the one
 * JSON object that `npm run bench -- --json` prints, so metric names must be unique across files.
 */
import type { Db } from '../src/db/database.js';
import type { Engine } from '../src/db/dialect.js';
import type { LoadOrder, SyntheticProgram } from './synthetic-program.js';

export interface BenchOptions {
  /** How many synthetic values to load (`--values`). */
  values: number;
  /** The order the values arrive in (`--order`). */
  order: LoadOrder;
  /** Timed repetitions of each measured operation (`--runs`). */
  runs: number;
  /** Rows of the import-load benchmark's CSV (`--import-rows`, default 200,000). */
  importRows?: number;
}

/** How the shared synthetic values were loaded. */
export interface LoadStats {
  values: number;
  /** Time spent inside the write transactions only (row generation excluded). */
  seconds: number;
  /**
   * CPU time (user + system) of this process in those transactions. On a shared machine wall
   * time includes waiting for a core; with SQLite in-process, CPU time is the steadier figure.
   */
  cpuSeconds: number;
  valuesPerSecond: number;
  transactions: number;
}

export interface BenchContext {
  db: Db;
  engine: Engine;
  /** The SQLite file under test. */
  file: string;
  program: SyntheticProgram;
  options: BenchOptions;
  /**
   * Loads the `--values` synthetic values through the real write path, once per run however
   * many benchmarks ask; benchmarks that need data call this first.
   */
  loadValues(): Promise<LoadStats>;
  /** Records a caveat in the JSON `notes` (and shows it on stderr). */
  note(text: string): void;
  /** Progress for people, on stderr only. */
  log(text: string): void;
}

export type Metric = number | string | boolean | null;

export interface Benchmark {
  name: string;
  description: string;
  run(ctx: BenchContext): Promise<Record<string, Metric>>;
}
