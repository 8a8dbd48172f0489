import { describe, expect, it } from 'vitest';
import { FIGURE_MARKS, MARK_LEGEND, MARK_SYMBOL, figureMarks, markLetters } from './figure-marks.js';
import { LANGUAGES } from './languages.js';

describe('figure marks', () => {
  it('gives each mark its own letter and a legend line in every language', () => {
    const letters = FIGURE_MARKS.map((m) => MARK_SYMBOL[m]);
    expect(new Set(letters).size).toBe(FIGURE_MARKS.length);
    for (const lang of LANGUAGES) for (const m of FIGURE_MARKS) expect(MARK_LEGEND[lang][m].length).toBeGreaterThan(10);
    expect(MARK_LEGEND.es.derived).not.toBe(MARK_LEGEND.en.derived);
  });

  it('writes the flags of a figure in a fixed order, none for sourced approved data', () => {
    expect(figureMarks({ provenance: ['sourced'] })).toEqual([]);
    expect(figureMarks({ provenance: ['illustrative', 'sourced', 'derived'], draft: true })).toEqual(['derived', 'illustrative', 'draft']);
    expect(markLetters(figureMarks({ provenance: ['illustrative'], draft: true }))).toBe('i p');
  });
});
