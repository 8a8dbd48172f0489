/**
 * "More than 50 coalitions": the round number just below a count, as a person would say it.
 */

/**
 * The step a count is rounded down by: one significant figure (53 → 10s, 740 → 100s), or
 * half of it when the count starts with a 1 (so 153 reads "more than 150", not "more than 100").
 */
export function thresholdStep(n: number): number {
  const abs = Math.abs(Math.trunc(n));
  if (abs < 10) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(abs));
  return Math.floor(abs / magnitude) === 1 ? magnitude / 2 : magnitude;
}

export interface Threshold {
  /** The number to print. */
  value: number;
  /** True when `value` is a round number strictly below the count ("more than"). */
  moreThan: boolean;
}

/**
 * The threshold phrase's number for a count: the multiple of `step` (default: thresholdStep)
 * strictly below it. A count that is itself round, or below 10, is stated exactly: "50
 * coalitions" says more than "more than 45".
 */
export function countThreshold(n: number, step?: number): Threshold {
  const count = Math.trunc(n);
  const s = step && step > 0 ? step : thresholdStep(count);
  if (count <= 0 || (count < 10 && !step)) return { value: count, moreThan: false };
  const below = Math.floor(count / s) * s;
  if (below === count || below <= 0) return { value: count, moreThan: false };
  return { value: below, moreThan: true };
}
