import { describe, expect, it } from 'vitest';
import { ownFirst } from './indicator-order';

const list = ['A', 'B', 'C', 'D'].map((code) => ({ code }));

describe('ownFirst', () => {
  it('puts the reported indicators first, in the order reported, then the rest in their order', () => {
    const { own, others } = ownFirst(list, ['C', 'A', 'GONE']);
    expect(own.map((i) => i.code)).toEqual(['C', 'A']);
    expect(others.map((i) => i.code)).toEqual(['B', 'D']);
  });
  it('keeps the list as it is when nothing was reported', () => {
    expect(ownFirst(list, [])).toEqual({ own: [], others: list });
  });
});
