/**
 * The mark a figure of an incomplete period carries: "partial: 1 of 8 departments reported" /
 * "parcial: informaron 1 de 8 departamentos", or "period not over" / "período no concluido",
 * so that no statement presents part of a period as all of it.
 */
import type { Coverage } from '../coverage.js';
import { placeLevelPlural } from '../place-levels.js';
import type { Period } from '../periods.js';
import { periodLabel } from '../periods.js';
import type { Lang } from './language.js';

const SUB_PERIODS: Record<NonNullable<Coverage['counted_period']>, { en: string; es: string }> = {
  quarter: { en: 'quarters', es: 'trimestres' },
  month: { en: 'months', es: 'meses' },
  day: { en: 'days', es: 'días' },
};

/** Event data (records): "partial: data for 1 of 4 quarters" — periods do not report, places do. */
function eventNote(c: Coverage & { counted_period: NonNullable<Coverage['counted_period']> }, lang: Lang): string {
  const what = SUB_PERIODS[c.counted_period][lang];
  if (c.reported >= c.expected)
    return lang === 'es' ? `parcial: faltan datos de alguno de los ${c.expected} ${what}` : `partial: not all ${c.expected} ${what} have data`;
  return lang === 'es' ? `parcial: datos de ${c.reported} de ${c.expected} ${what}` : `partial: data for ${c.reported} of ${c.expected} ${what}`;
}

/** What is counted: places of one level when each report is a whole period, else reports. */
function counted(c: Coverage, lang: Lang): string {
  if (c.level !== null) return placeLevelPlural(c.level)[lang];
  return lang === 'es' ? 'informes esperados' : 'expected reports';
}

/** The note for one period's coverage; null when the period is complete or its coverage unknown. */
export function coverageNote(c: Coverage | null, lang: Lang): string | null {
  if (!c || c.complete) return null;
  const what = counted(c, lang);
  // Reports that were not expected can make up the count while an expected one is missing.
  const some = c.reported >= c.expected;
  const partial = c.counted_period
    ? eventNote({ ...c, counted_period: c.counted_period }, lang)
    : lang === 'es'
      ? some
        ? `parcial: no informaron todos los ${c.expected} ${what}`
        : `parcial: informaron ${c.reported} de ${c.expected} ${what}`
      : some
        ? `partial: not all ${c.expected} ${what} reported`
        : `partial: ${c.reported} of ${c.expected} ${what} reported`;
  if (c.period_ended) return partial;
  const notOver = lang === 'es' ? 'período no concluido' : 'period not over';
  return some ? notOver : `${notOver}; ${partial}`;
}

/**
 * A statement with the notes of its periods put before its final full stop: "(partial: …)",
 * or, when it names several periods, each note after its period ("(2017 partial: …)").
 */
export function withCoverageNotes(text: string, sides: readonly { period: Period; coverage: Coverage | null }[], lang: Lang): string {
  const notes = sides.flatMap(({ period, coverage }) => {
    const note = coverageNote(coverage, lang);
    if (!note) return [];
    return [sides.length > 1 ? `${periodLabel(period, lang)} ${note}` : note];
  });
  if (notes.length === 0) return text;
  const body = text.endsWith('.') ? text.slice(0, -1) : text;
  return `${body} (${notes.join('; ')}).`;
}
