/** The name of a program, indicator or place in the current language (name_en / name_es). */
import { useTranslation } from 'react-i18next';

export interface Bilingual {
  name_en?: string | null;
  name_es?: string | null;
  name?: string | null;
}

export function localName(item: Bilingual | undefined, language: string): string {
  if (!item) return '';
  const es = item.name_es ?? undefined;
  const en = item.name_en ?? undefined;
  return (language === 'es' ? es || en : en || es) ?? item.name ?? '';
}

export function useLocalName(): (item: Bilingual | undefined) => string {
  const { i18n } = useTranslation();
  return (item) => localName(item, i18n.language);
}
