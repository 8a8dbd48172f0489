/**
 * The legend under a table, chart or list of figures: one line per flag present, in the fixed
 * order of the notation, from MARK_LEGEND in the reader's language ("d — derived: …").
 */
import { FIGURE_MARKS, MARK_LEGEND, MARK_SYMBOL, type FigureMark } from './figure-marks.js';
import type { Language } from './languages.js';

/** The flags that occur in any of `lists`, in the notation's order. */
export function marksPresent(lists: Iterable<readonly FigureMark[]>): FigureMark[] {
  const seen = new Set<FigureMark>();
  for (const l of lists) for (const m of l) seen.add(m);
  return FIGURE_MARKS.filter((m) => seen.has(m));
}

/** One legend line per flag: "d — derived: worked out from other indicators or records". */
export function legendLines(marks: readonly FigureMark[], lang: Language): string[] {
  return marks.map((m) => `${MARK_SYMBOL[m]} — ${MARK_LEGEND[lang][m]}`);
}
