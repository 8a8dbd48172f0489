/**
 * The one notation for what a figure is made of, shared by every output (dashboard, explorer,
 * map, Markdown/HTML/PDF reports, CSV/XLSX exports, the API's `marks`): a figure that includes
 * derived, illustrative or not-yet-approved values carries a flag letter, and every output that
 * shows a flag explains it in a legend. Letters, after the statistical flags of Eurostat
 * ("p" provisional, …): they read the same in English and Spanish, survive any font (the PDF
 * speaks WinAnsi) and any CSV reader, and do not clash with footnote numbers.
 *
 * A partial period is not a flag: it is said in words ("partial: 1 of 8 departments reported"),
 * because the reader needs the counts, not a letter.
 */
import type { Language } from './languages.js';

/** What a flag says about a figure, in the order flags are written. */
export const FIGURE_MARKS = ['derived', 'illustrative', 'draft'] as const;
export type FigureMark = (typeof FIGURE_MARKS)[number];

/** The letter written after a figure. */
export const MARK_SYMBOL: Record<FigureMark, string> = {
  derived: 'd',
  illustrative: 'i',
  draft: 'p',
};

/** The legend line for each flag, in each language. */
export const MARK_LEGEND: Record<Language, Record<FigureMark, string>> = {
  en: {
    derived: 'derived: worked out from other indicators or records',
    illustrative: 'illustrative: example figures, not real data',
    draft: 'provisional: includes values not yet approved',
  },
  es: {
    derived: 'derivada: calculada a partir de otros indicadores o registros',
    illustrative: 'ilustrativa: cifras de ejemplo, no datos reales',
    draft: 'provisional: incluye valores aún no aprobados',
  },
};

/** The flags of a figure in their fixed order, from what it is made of. */
export function figureMarks(made: { provenance?: readonly string[]; draft?: boolean }): FigureMark[] {
  const p = made.provenance ?? [];
  return FIGURE_MARKS.filter((m) => (m === 'draft' ? made.draft === true : p.includes(m)));
}

/** The flags as letters, as written after a figure ("d", "d i", ""). */
export function markLetters(marks: readonly FigureMark[]): string {
  return marks.map((m) => MARK_SYMBOL[m]).join(' ');
}
