import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { scoreOutlier } from './outlier.js';

/** The robust z-score computed independently: sorting by hand, no shared helper. */
function independentScore(x: number, history: number[]): { score: number; med: number; mad: number } {
  const mid = (xs: number[]) => {
    const s = xs.slice().sort((a, b) => a - b);
    const n = s.length;
    return n % 2 === 1 ? s[(n - 1) / 2]! : (s[n / 2 - 1]! + s[n / 2]!) / 2;
  };
  const med = mid(history);
  const mad = mid(history.map((h) => Math.abs(h - med)));
  return { score: (0.6745 * (x - med)) / mad, med, mad };
}

describe('robust outlier score', () => {
  it('flags a planted outlier with the expected range, and not a usual value', () => {
    const history = [100, 104, 98, 101, 97, 103, 99, 102];
    const s = scoreOutlier(180, history, { threshold: 3.5, minHistory: 6 });
    expect(s.scored && s.outlier).toBe(true);
    // median 100.5; |deviations| 0.5 3.5 2.5 0.5 3.5 2.5 1.5 1.5 → MAD 2
    if (s.scored) {
      expect(s.median).toBe(100.5);
      expect(s.mad).toBe(2);
      expect(s.score).toBeCloseTo((0.6745 * 79.5) / 2, 12);
      expect(s.expected.low).toBeCloseTo(100.5 - (3.5 * 2) / 0.6745, 12);
      expect(s.expected.high).toBeCloseTo(100.5 + (3.5 * 2) / 0.6745, 12);
    }
    const usual = scoreOutlier(103, history, { threshold: 3.5, minHistory: 6 });
    expect(usual.scored && usual.outlier).toBe(false);
  });

  it('does not score a series with too little history', () => {
    expect(scoreOutlier(1e9, [1, 2, 3, 4, 5], { threshold: 3.5, minHistory: 6 })).toEqual({ scored: false, reason: 'too_little_history' });
  });

  it('in a flat series any other value is an outlier', () => {
    const s = scoreOutlier(6, [5, 5, 5, 5, 5, 5]);
    expect(s.scored && s.outlier).toBe(true);
    expect(s.scored && s.expected).toEqual({ low: 5, high: 5 });
    expect(scoreOutlier(5, [5, 5, 5, 5, 5, 5])).toMatchObject({ scored: true, outlier: false });
  });

  it('matches the independent computation for random series', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 6, maxLength: 40 }), fc.integer({ min: -5000, max: 5000 }), (history, x) => {
        const mine = scoreOutlier(x, history, { threshold: 3.5, minHistory: 6 });
        const ref = independentScore(x, history);
        if (!mine.scored) return false;
        expect(mine.median).toBe(ref.med);
        expect(mine.mad).toBe(ref.mad);
        if (ref.mad > 0) {
          expect(mine.score).toBeCloseTo(ref.score, 9);
          expect(mine.outlier).toBe(Math.abs(ref.score) > 3.5);
        }
        return true;
      }),
    );
  });
});
