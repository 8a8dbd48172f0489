/** Numbers, percentages and dates formatted for the current language. */
import { useTranslation } from 'react-i18next';
import { LOCALE, type Language } from './language';

export interface Formatters {
  language: Language;
  number(value: number | null | undefined, maximumFractionDigits?: number): string;
  percent(value: number | null | undefined): string;
  date(value: string | Date | null | undefined): string;
  dateTime(value: string | Date | null | undefined): string;
}

export function formatters(language: Language): Formatters {
  const locale = LOCALE[language];
  const toDate = (v: string | Date) =>
    typeof v === 'string' ? new Date(v.includes('T') || v.includes(' ') ? v.replace(' ', 'T') + (/[zZ]|[+-]\d\d:?\d\d$/.test(v) ? '' : 'Z') : v) : v;
  return {
    language,
    number: (v, digits = 1) =>
      v === null || v === undefined || Number.isNaN(v) ? '—' : new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(v),
    percent: (v) =>
      v === null || v === undefined
        ? '—'
        : new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(v / 100),
    date: (v) => (v ? new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(toDate(v)) : '—'),
    dateTime: (v) => (v ? new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(toDate(v)) : '—'),
  };
}

/** The formatters of the language in use; re-renders when the language changes. */
export function useFormat(): Formatters {
  const { i18n } = useTranslation();
  return formatters(i18n.language === 'es' ? 'es' : 'en');
}
