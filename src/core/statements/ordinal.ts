/** Ordinals before a noun: "the fourth", "la cuarta", "el tercer". */
import type { Lang } from './language.js';

const EN = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'];
const ES_STEM = ['primer', 'segund', 'tercer', 'cuart', 'quint', 'sext', 'séptim', 'octav', 'noven', 'décim'];

/** The English ordinal: "fourth"; "11th" past ten. */
function ordinalEn(n: number): string {
  const word = EN[n - 1];
  if (word) return word;
  const teen = n % 100 >= 11 && n % 100 <= 13;
  const suffix = teen ? 'th' : (({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th');
  return `${n}${suffix}`;
}

/**
 * The Spanish ordinal agreeing with its noun: "cuarta" (f), "cuarto" (m); "primer" and
 * "tercer" lose their -o before a masculine noun; "11.ª" / "11.º" past ten.
 */
function ordinalEs(n: number, gender: 'f' | 'm'): string {
  const stem = ES_STEM[n - 1];
  if (!stem) return `${n}.${gender === 'f' ? 'ª' : 'º'}`;
  if (gender === 'f') return `${stem}a`;
  return stem.endsWith('r') ? stem : `${stem}o`;
}

/** "the fourth" / "la cuarta" / "el cuarto": article and ordinal before a noun of `gender`. */
export function theOrdinal(n: number, lang: Lang, gender: 'f' | 'm' = 'f'): string {
  if (lang === 'en') return `the ${ordinalEn(n)}`;
  return `${gender === 'f' ? 'la' : 'el'} ${ordinalEs(n, gender)}`;
}
