/**
 * Numbers for people to read, in English or Spanish.
 *
 * English: `49,500`, `37.7`, `-1,234.5`, `37.7%`.
 * Spanish follows the RAE (Ortografía de la lengua española, 2010, and the Diccionario
 * panhispánico de dudas): thousands are grouped with a space, never a point or a comma; a
 * four-digit number is not grouped; the decimal sign is the comma; the percent sign stands
 * apart: `49 500`, `9500`, `37,7`, `37,7 %`. The space is a no-break space (U+00A0), so a
 * figure never wraps across lines and survives PDF standard fonts (a narrow U+202F would not).
 *
 * Intl.NumberFormat('es-PE') was not used: its CLDR data writes Peruvian numbers the English way
 * (`49,500`, `37.7`), which a Spanish reader of a bilingual report would take for the wrong
 * convention. We format with the generic `es` locale (comma decimals, no grouping below five
 * digits) and swap its `.` group separator for the RAE space.
 *
 * Rounding is half away from zero on the number as written in its shortest decimal form, as a
 * person rounds it: 37.65 → 37.7 and 1.005 → 1.01 (Number.prototype.toFixed gives 37.6 and
 * 1.00, rounding the binary value just below). Intl does this with `roundingMode: 'halfExpand'`.
 */
import { validationError } from './errors.js';

export type NumberLang = 'en' | 'es';

/** The Spanish thousands separator: a no-break space. */
export const ES_GROUP_SEPARATOR = '\u00a0';

/** What a missing or non-finite figure is shown as. */
export const NO_VALUE = '—';

const formatters = new Map<string, Intl.NumberFormat>();

function formatter(lang: NumberLang, decimals: number): Intl.NumberFormat {
  const key = `${lang}:${decimals}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(lang === 'es' ? 'es' : 'en-US', {
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
      roundingMode: 'halfExpand',
      // Spanish: no group separator in four-digit numbers (RAE); English groups from 1,000.
      useGrouping: lang === 'es' ? 'min2' : 'always',
      // A value that rounds to zero is shown as 0, not -0.
      signDisplay: 'negative',
    });
    formatters.set(key, f);
  }
  return f;
}

function checkDecimals(decimals: number): void {
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 20) {
    throw validationError(`decimals must be an integer from 0 to 20, got ${decimals}`);
  }
}

/**
 * A number with `decimals` fixed decimal places, grouped for `lang`: `formatNumber(49500, 'en')`
 * is `49,500`, `formatNumber(37.65, 'es', 1)` is `37,7`. null, NaN and ±Infinity give `—`.
 */
export function formatNumber(value: number | null, lang: NumberLang, decimals = 0): string {
  checkDecimals(decimals);
  if (value === null || !Number.isFinite(value)) return NO_VALUE;
  const parts = formatter(lang, decimals).formatToParts(value);
  return parts.map((p) => (lang === 'es' && p.type === 'group' ? ES_GROUP_SEPARATOR : p.value)).join('');
}

/**
 * A value already in percent (37.7, as formulas like `A / B * 100` give) with its sign:
 * `37.7%` in English, `37,7 %` in Spanish (RAE: the sign apart, with a no-break space).
 */
export function formatPercent(value: number | null, lang: NumberLang, decimals = 0): string {
  const n = formatNumber(value, lang, decimals);
  if (n === NO_VALUE) return n;
  return lang === 'es' ? `${n}${ES_GROUP_SEPARATOR}%` : `${n}%`;
}
