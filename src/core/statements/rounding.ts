/**
 * Rounding the way a reader expects it in a sentence: halves go away from zero (12.5 → 13,
 * -12.5 → -13), unlike Math.round, which sends -12.5 to -12, and robust to binary noise
 * (a change computed as 12.499999999 is read as the 12.5 it stands for).
 */

/** Rounds half away from zero to `decimals` places. */
export function roundHalfAwayFromZero(x: number, decimals = 0): number {
  const scale = 10 ** decimals;
  // Settle floating-point noise first (9 significant decimals is far below any shown digit).
  const scaled = Number((Math.abs(x) * scale).toPrecision(12));
  const r = Math.floor(scaled + 0.5) / scale;
  return x < 0 ? -r : r;
}

/**
 * Percent change from `from` to `to`, unrounded; null when there is no base to compare with
 * (a zero base, or either value missing). A negative base is measured by its size.
 */
export function percentChange(from: number | null, to: number | null): number | null {
  if (from === null || to === null || from === 0) return null;
  return ((to - from) / Math.abs(from)) * 100;
}
