/**
 * Periods as a sentence names them: "in 2011", "in fiscal year 2013", "between 2011 and
 * 2012"; "en 2011", "en el año fiscal 2013", "entre 2011 y 2012".
 */
import { periodLabel, type Period } from '../periods.js';
import type { Lang } from './language.js';

const ORDINAL_QUARTER: Record<Lang, readonly string[]> = {
  en: ['first', 'second', 'third', 'fourth'],
  es: ['primer', 'segundo', 'tercer', 'cuarto'],
};

/** Fiscal years are named for the calendar year they end in (2012Oct is fiscal year 2013). */
function fiscalYearNumber(p: Period): string {
  return p.end.slice(0, 4);
}

/** The period as a noun phrase: "2011", "fiscal year 2013", "the third quarter of 2012", "July 2012". */
export function periodName(p: Period, lang: Lang): string {
  const year = p.start.slice(0, 4);
  switch (p.type) {
    case 'fiscal_year':
      return lang === 'es' ? `el año fiscal ${fiscalYearNumber(p)}` : `fiscal year ${fiscalYearNumber(p)}`;
    case 'quarter': {
      const q = ORDINAL_QUARTER[lang][Math.ceil(Number(p.start.slice(5, 7)) / 3) - 1];
      return lang === 'es' ? `el ${q} trimestre de ${year}` : `the ${q} quarter of ${year}`;
    }
    default:
      return periodLabel(p, lang);
  }
}

/** "in 2011", "in fiscal year 2013", "on 15 March 2012"; "en 2011", "el 15 de marzo de 2012". */
export function inPeriod(p: Period, lang: Lang): string {
  if (p.type === 'day') return lang === 'es' ? `el ${periodName(p, lang)}` : `on ${periodName(p, lang)}`;
  return lang === 'es' ? `en ${periodName(p, lang)}` : `in ${periodName(p, lang)}`;
}

/** "for 2011" / "para 2011": what data are (not) available for. */
export function forPeriod(p: Period, lang: Lang): string {
  return lang === 'es' ? `para ${periodName(p, lang)}` : `for ${periodName(p, lang)}`;
}

/**
 * "between 2011 and 2012", "between fiscal years 2012 and 2013"; "entre 2011 y 2012",
 * "entre los años fiscales 2012 y 2013". Other pairs name both periods in full.
 */
export function betweenPeriods(a: Period, b: Period, lang: Lang): string {
  if (a.type === 'fiscal_year' && b.type === 'fiscal_year') {
    const [x, y] = [fiscalYearNumber(a), fiscalYearNumber(b)];
    return lang === 'es' ? `entre los años fiscales ${x} y ${y}` : `between fiscal years ${x} and ${y}`;
  }
  return lang === 'es' ? `entre ${periodName(a, lang)} y ${periodName(b, lang)}` : `between ${periodName(a, lang)} and ${periodName(b, lang)}`;
}
