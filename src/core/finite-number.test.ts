import { describe, expect, it } from 'vitest';
import { checkMagnitude, checkNumber, isStorableTotal, MAX_MAGNITUDE, MAX_TOTAL, NOT_A_NUMBER } from './finite-number.js';
import { parsePeriod, periodWriteProblem } from './periods.js';

describe('checkNumber', () => {
  it('takes plain decimals within the range, as numbers or text', () => {
    for (const [raw, n] of [
      [12.5, 12.5],
      ['12.5', 12.5],
      [' -3 ', -3],
      ['1e6', 1e6],
      ['.5', 0.5],
      [MAX_MAGNITUDE, MAX_MAGNITUDE],
      [`-${MAX_MAGNITUDE}`, -MAX_MAGNITUDE],
      [-0, 0],
    ] as const) {
      expect(checkNumber(raw)).toEqual({ ok: n });
    }
  });
  it('refuses what is not a number, naming why', () => {
    for (const raw of ['NaN', 'Infinity', '-Infinity', '0x10', '0b11', '1,5', '', ' ', '1 000', true, null, undefined, {}, NaN]) {
      expect(checkNumber(raw)).toEqual({ reason: NOT_A_NUMBER });
    }
  });
  it('refuses overflow and anything beyond ±MAX_MAGNITUDE', () => {
    for (const raw of ['1e309', '-1e309', '9'.repeat(400), Infinity, -Infinity, 1e13, '1000000000000.5', -1.0000001e12]) {
      expect(checkNumber(raw)).toMatchObject({ reason: expect.stringMatching(/out of range/) });
    }
    expect(checkMagnitude(Number.MAX_VALUE)).toMatchObject({ reason: expect.stringMatching(/out of range/) });
  });
  it('a million of the largest values still sum exactly, within MAX_TOTAL', () => {
    let sum = 0;
    for (let i = 0; i < 1_000_000; i++) sum += MAX_MAGNITUDE;
    expect(sum).toBe(MAX_TOTAL);
    expect(isStorableTotal(sum)).toBe(true);
    expect(isStorableTotal(sum + MAX_MAGNITUDE)).toBe(false);
    expect(isStorableTotal(NaN)).toBe(false);
  });
});

describe('periods data may be written for', () => {
  it('are 1900–2100', () => {
    for (const id of ['1900', '2100', '2013Q3', '20991231', '2099Oct', '190001']) expect(periodWriteProblem(parsePeriod(id))).toBeNull();
    for (const id of ['0000', '9999', '1899', '2101', '2100Oct', '189912']) expect(periodWriteProblem(parsePeriod(id))).toMatch(/out of range/);
  });
});
