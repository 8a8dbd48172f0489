/**
 * What the places of each level of the tree are called, in the plural, for sentences that
 * count them ("1 of 8 departments"). Levels deeper than these are simply "places".
 */
import type { Bilingual } from './statements/language.js';

const LEVELS: Record<number, Bilingual> = {
  1: { en: 'countries', es: 'países' },
  2: { en: 'departments', es: 'departamentos' },
  3: { en: 'provinces', es: 'provincias' },
  4: { en: 'districts', es: 'distritos' },
};

/** The plural name of places of `level`; "places" for a level without one. */
export function placeLevelPlural(level: number | null): Bilingual {
  return (level !== null ? LEVELS[level] : undefined) ?? { en: 'places', es: 'lugares' };
}
