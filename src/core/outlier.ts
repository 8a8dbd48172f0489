/**
 * Outlier scoring of one new value against its series' history (issue 16): the robust z-score
 * of Iglewicz and Hoaglin, 0.6745 × (x − median) / MAD, which a few wild points in the history
 * do not drag the way a mean and standard deviation would. Pure, so the write path and the
 * tests share it.
 */

/** 0.6745 = Φ⁻¹(0.75): makes the MAD comparable with a standard deviation for normal data. */
export const MAD_SCALE = 0.6745;

export interface OutlierSettings {
  /** |score| above this is an outlier (3.5 by Iglewicz and Hoaglin). */
  threshold: number;
  /** Fewer earlier points than this: the value is not scored. */
  minHistory: number;
}

export const DEFAULT_OUTLIER: OutlierSettings = { threshold: 3.5, minHistory: 6 };

export type OutlierScore =
  | { scored: false; reason: 'too_little_history' }
  | { scored: true; score: number; median: number; mad: number; outlier: boolean; expected: { low: number; high: number } };

/** The median of a non-empty list. */
export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * Scores `value` against `history`. With a MAD of 0 (a flat series), any different value is an
 * outlier and the expected range is the one value everyone reported.
 */
export function scoreOutlier(value: number, history: readonly number[], settings: OutlierSettings = DEFAULT_OUTLIER): OutlierScore {
  if (history.length < settings.minHistory || history.length === 0) return { scored: false, reason: 'too_little_history' };
  const med = median(history);
  const mad = median(history.map((h) => Math.abs(h - med)));
  const spread = mad === 0 ? 0 : (settings.threshold * mad) / MAD_SCALE;
  const expected = { low: med - spread, high: med + spread };
  if (mad === 0) {
    const outlier = value !== med;
    return { scored: true, score: outlier ? Infinity * Math.sign(value - med) : 0, median: med, mad, outlier, expected };
  }
  const score = (MAD_SCALE * (value - med)) / mad;
  return { scored: true, score, median: med, mad, outlier: Math.abs(score) > settings.threshold, expected };
}
