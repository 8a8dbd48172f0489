import { describe, expect, it } from 'vitest';
import { legendLines, marksPresent } from './marks-legend.js';
import { rowMarks } from './row-marks.js';

describe('row marks and their legend', () => {
  it('flags a row from its provenance and, when it says so, its unapproved values', () => {
    expect(rowMarks({ provenance: ['sourced'] })).toEqual([]);
    expect(rowMarks({ provenance: ['illustrative', 'derived'] })).toEqual(['derived', 'illustrative']);
    expect(rowMarks({ provenance: ['sourced'], unapproved: true })).toEqual(['draft']);
  });

  it('lists only the flags present, in the notation order, in the reader language', () => {
    const present = marksPresent([['illustrative'], [], ['derived', 'illustrative']]);
    expect(present).toEqual(['derived', 'illustrative']);
    expect(legendLines(present, 'es')).toEqual([
      'd — derivada: calculada a partir de otros indicadores o registros',
      'i — ilustrativa: cifras de ejemplo, no datos reales',
    ]);
    expect(legendLines(marksPresent([]), 'en')).toEqual([]);
  });
});
