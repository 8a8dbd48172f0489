/** Timing helpers shared by the benchmarks. */
import { performance } from 'node:perf_hooks';

/**
 * Wall milliseconds taken by `fn`, the CPU milliseconds this process spent meanwhile (user +
 * system; SQLite runs in-process, so on a busy shared machine this is the steadier figure),
 * and what it returned.
 */
export async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; cpuMs: number; result: T }> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const result = await fn();
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { ms, cpuMs: (used.user + used.system) / 1_000, result };
}

/** The q-quantile (0–1) of the samples, by linear interpolation; NaN when there are none. */
export function quantile(samples: readonly number[], q: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/** The median of the samples. */
export function median(samples: readonly number[]): number {
  return quantile(samples, 0.5);
}

/** Rounds for reporting: enough digits to compare runs, not so many that they look precise. */
export function round(x: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
