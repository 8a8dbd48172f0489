import { describe, expect, it } from 'vitest';
import { looksLikeFormula, neutraliseCell, restoreCell } from './spreadsheet-cells.js';
import { HOSTILE_CELLS } from '../../test/helpers/hostile-cells.js';

describe('spreadsheet cells', () => {
  it('quotes cells a spreadsheet would run as formulas, and only those', () => {
    for (const bad of HOSTILE_CELLS) {
      expect(neutraliseCell(bad)).toBe(`'${bad}`);
      expect(looksLikeFormula(neutraliseCell(bad)), JSON.stringify(bad)).toBe(false);
    }
    for (const bad of HOSTILE_CELLS.filter((c) => !c.startsWith("'"))) expect(looksLikeFormula(bad), JSON.stringify(bad)).toBe(true);
    for (const ok of ['Lima', '12', "'quoted", '', 'a = b', 'x-1', 'user@example.org']) expect(neutraliseCell(ok)).toBe(ok);
    for (const number of ['-5', '+3', '-1.5e3', '12']) expect(looksLikeFormula(number)).toBe(false);
  });
  it('round-trips every cell', () => {
    for (const cell of ['=1+1', '-5', 'Lima', "'=kept", "'plain", ...HOSTILE_CELLS]) expect(restoreCell(neutraliseCell(cell))).toBe(cell);
  });
});
