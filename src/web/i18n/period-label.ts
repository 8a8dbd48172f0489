/**
 * Period ids as people read them, in the current language, for every page: the names come from
 * the pure `periodLabel` of src/core/periods.ts (the one the server's reports use), so a fiscal
 * year of any start month is named alike everywhere (2012Oct and 2012July are FY2013, AF2013).
 * `short` is for tables, charts and pickers: 2012, Q3 2012 (T3 2012), Jul 2012, FY2013.
 * `full` is the name a report gives: 2012, 2012 Q3 (3.º trim. 2012), FY2013 (Oct 2012 – Sep 2013).
 */
import { useTranslation } from 'react-i18next';
import { periodLabel, tryParsePeriod } from '../../core/periods';
import { LOCALE, type Language } from './language';

export type PeriodLabelStyle = 'short' | 'full';

export type Translate = (key: string, params?: Record<string, unknown>) => string;

/** The labeller of one language; `t` reads the `common` namespace. */
export function periodLabeller(style: PeriodLabelStyle, language: Language, t: Translate): (period: string) => string {
  const month = new Intl.DateTimeFormat(LOCALE[language], { month: 'short', year: 'numeric', timeZone: 'UTC' });
  const monthOf = (isoDate: string) => month.format(new Date(`${isoDate.slice(0, 7)}-01T00:00:00Z`));
  return (id) => {
    const p = tryParsePeriod(id);
    if (!p) return id;
    const name = periodLabel(p, language);
    if (style === 'full') return p.type === 'fiscal_year' ? t('periods.fiscalSpan', { name, from: monthOf(p.start), to: monthOf(p.end) }) : name;
    switch (p.type) {
      case 'quarter':
        return t('periods.quarter', { year: p.start.slice(0, 4), quarter: Math.ceil(Number(p.start.slice(5, 7)) / 3) });
      case 'month':
        return monthOf(p.start);
      case 'day':
        // No page lists days yet; until one does, a day keeps its id.
        return id;
      default:
        return name;
    }
  };
}

/** The labeller of the language in use; re-renders when the language changes. */
export function usePeriodLabel(style: PeriodLabelStyle = 'short'): (period: string) => string {
  const { t, i18n } = useTranslation('common');
  return periodLabeller(style, i18n.language === 'es' ? 'es' : 'en', t);
}
