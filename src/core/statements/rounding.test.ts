import { describe, expect, it } from 'vitest';
import { percentChange, roundHalfAwayFromZero } from './rounding.js';
import { countThreshold, thresholdStep } from './threshold.js';

describe('roundHalfAwayFromZero', () => {
  it('sends halves away from zero on both sides', () => {
    expect(roundHalfAwayFromZero(12.5)).toBe(13);
    expect(roundHalfAwayFromZero(-12.5)).toBe(-13);
    expect(roundHalfAwayFromZero(0.5)).toBe(1);
    expect(roundHalfAwayFromZero(12.49)).toBe(12);
  });
  it('reads binary noise as the half it stands for', () => {
    // A 4.5 percent change from 10 to 10.45 computes as 4.499999999999993 in binary.
    const pct = ((10.45 - 10) / 10) * 100;
    expect(pct).toBeLessThan(4.5);
    expect(roundHalfAwayFromZero(pct)).toBe(5);
    expect(roundHalfAwayFromZero(-pct)).toBe(-5);
    expect(roundHalfAwayFromZero(1.005, 2)).toBe(1.01);
  });
});

describe('percentChange', () => {
  it('is relative to the size of the base, and null without one', () => {
    expect(percentChange(10_290, 14_171)).toBeCloseTo(37.716, 3);
    expect(percentChange(-10, -5)).toBe(50);
    expect(percentChange(0, 5)).toBeNull();
    expect(percentChange(null, 5)).toBeNull();
  });
});

describe('countThreshold', () => {
  it('rounds down to the number a reader would say', () => {
    expect(countThreshold(53)).toEqual({ value: 50, moreThan: true });
    expect(countThreshold(99)).toEqual({ value: 90, moreThan: true });
    expect(countThreshold(153)).toEqual({ value: 150, moreThan: true });
    expect(countThreshold(1_234)).toEqual({ value: 1_000, moreThan: true });
    expect(countThreshold(2_345)).toEqual({ value: 2_000, moreThan: true });
  });
  it('states round and small counts exactly', () => {
    expect(countThreshold(50)).toEqual({ value: 50, moreThan: false });
    expect(countThreshold(7)).toEqual({ value: 7, moreThan: false });
    expect(countThreshold(0)).toEqual({ value: 0, moreThan: false });
  });
  it('takes a step when the report gives one', () => {
    expect(countThreshold(57, 5)).toEqual({ value: 55, moreThan: true });
    expect(countThreshold(7, 10)).toEqual({ value: 7, moreThan: false });
    expect(thresholdStep(18)).toBe(5);
  });
});
