import { describe, expect, it } from 'vitest';
import { neutraliseCell, restoreCell } from './spreadsheet-cells.js';

describe('spreadsheet cells', () => {
  it('quotes cells a spreadsheet would run as formulas, and only those', () => {
    for (const bad of ['=1+1', '+SUM(A1)', '-2+3', '@cmd', '\tx', '\rx']) expect(neutraliseCell(bad)).toBe(`'${bad}`);
    for (const ok of ['Lima', '12', "'quoted", '']) expect(neutraliseCell(ok)).toBe(ok);
  });
  it('round-trips every cell', () => {
    for (const cell of ['=1+1', '-5', 'Lima', "'=kept", "'plain"]) expect(restoreCell(neutraliseCell(cell))).toBe(cell);
  });
});
