/** Units in the reader's language ("hectares", "número"), from the one unit vocabulary in src/core. */
import { useTranslation } from 'react-i18next';
import { unitLabel, unitWord } from '../../core/statements/quantity';

/** The unit's name in `language` ('es' or else English), for labels and headings; '' for no unit. */
export function unitName(unit: string | null | undefined, language: string): string {
  if (unit === null || unit === undefined) return '';
  return unitLabel(unit, language === 'es' ? 'es' : 'en');
}

export function useUnitName(): (unit: string | null | undefined) => string {
  const { i18n } = useTranslation();
  return (unit) => unitName(unit, i18n.language);
}

/** A formatted number with its unit's word ("3,509 hectares", "12.5%"); counts go without a unit. */
export function withUnit(text: string, value: number, unit: string | null | undefined, language: string): string {
  if (!unit) return text;
  if (unit === '%') return `${text}%`;
  const word = unitWord(unit, value, language === 'es' ? 'es' : 'en');
  return word ? `${text} ${word}` : text;
}
