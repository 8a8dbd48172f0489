/**
 * Figures with their units, as words in a sentence: "14,171 hectares", "US$6,000,000",
 * "14 171 hectáreas", "38 percent" / "38 %"; and units named on their own, for labels
 * and headings ("Unit: hectares", "Unidad: número").
 */
import { formatNumber, formatPercent } from '../number-format.js';
import type { Lang } from './language.js';

interface UnitWords {
  en: readonly [singular: string, plural: string];
  es: readonly [singular: string, plural: string];
}

/** Units that read better as words; any other unit is written as given ("doses", "PEN"). */
const UNIT_WORDS: Record<string, UnitWords> = {
  ha: { en: ['hectare', 'hectares'], es: ['hectárea', 'hectáreas'] },
  kg: { en: ['kilogram', 'kilograms'], es: ['kilogramo', 'kilogramos'] },
  t: { en: ['metric ton', 'metric tons'], es: ['tonelada', 'toneladas'] },
  km: { en: ['kilometer', 'kilometers'], es: ['kilómetro', 'kilómetros'] },
  people: { en: ['person', 'people'], es: ['persona', 'personas'] },
  persons: { en: ['person', 'people'], es: ['persona', 'personas'] },
  families: { en: ['family', 'families'], es: ['familia', 'familias'] },
  cases: { en: ['case', 'cases'], es: ['caso', 'casos'] },
  events: { en: ['event', 'events'], es: ['evento', 'eventos'] },
};

/** Units that are plain counts: the number stands alone, the noun is the indicator's. */
const COUNT_UNITS = new Set(['', 'count', 'number', 'n', '#']);

/** Currencies written before the number. */
const CURRENCY_PREFIX: Record<string, string> = { USD: 'US$', PEN: 'S/ ', EUR: '€', COP: 'COL$', MXN: 'MX$' };

/** True when the unit is a bare count (no unit words after the number). */
export function isCountUnit(unit: string): boolean {
  return COUNT_UNITS.has(unit.trim().toLowerCase());
}

/** The unit's word for `value` ("hectare" for exactly 1, else "hectares"); '' for counts. */
export function unitWord(unit: string, value: number, lang: Lang): string {
  if (isCountUnit(unit) || unit in CURRENCY_PREFIX || unit === '%') return '';
  const words = UNIT_WORDS[unit] ?? UNIT_WORDS[unit.toLowerCase()];
  if (!words) return unit;
  return words[lang][Math.abs(value) === 1 ? 0 : 1];
}

/** What a unit is called where it stands alone (a label, a column heading): "hectares", "número", "USD". */
export function unitLabel(unit: string, lang: Lang): string {
  if (isCountUnit(unit)) return lang === 'es' ? 'número' : 'number';
  if (unit === '%') return lang === 'es' ? 'porcentaje' : 'percent';
  if (unit in CURRENCY_PREFIX) return unit;
  return unitWord(unit, 2, lang);
}

/** A percentage as a sentence writes it: "38 percent", "38 %" (value already in percent). */
export function percentWords(pct: number, lang: Lang, decimals = 0): string {
  return lang === 'es' ? formatPercent(pct, 'es', decimals) : `${formatNumber(pct, 'en', decimals)} percent`;
}

/**
 * Decimals a figure is written with in a sentence: the indicator's own, except that figures
 * of 100 or more read as whole numbers ("from 575 to 1,053 metric tons", not "575.4 to
 * 1,053.0"), and both figures of a comparison alike; tables keep every decimal.
 */
export function sentenceDecimals(values: readonly number[], decimals: number, unit: string): number {
  // Money keeps its cents: an amount is exact, not a measurement.
  if (unit in CURRENCY_PREFIX) return decimals;
  return values.some((v) => Math.abs(v) >= 100) ? 0 : decimals;
}

/**
 * A figure with its unit: "14,171 hectares", "US$6,000,000", "12.5 percent"; `withUnit` false
 * gives the bare number (the first figure of "from 10,290 to 14,171 hectares"), except that a
 * currency keeps its sign.
 */
export function quantity(value: number, unit: string, decimals: number, lang: Lang, withUnit = true): string {
  const prefix = CURRENCY_PREFIX[unit];
  if (prefix) return `${prefix}${formatNumber(value, lang, decimals)}`;
  if (unit === '%') return withUnit ? percentWords(value, lang, decimals) : formatNumber(value, lang, decimals);
  const number = formatNumber(value, lang, decimals);
  const word = withUnit ? unitWord(unit, value, lang) : '';
  return word ? `${number} ${word}` : number;
}
