/** The two languages of the app, and the user's choice kept in localStorage. */
export const LANGUAGES = ['en', 'es'] as const;
export type Language = (typeof LANGUAGES)[number];

const KEY = 'vigia.language';

export function storedLanguage(): Language {
  const saved = typeof localStorage === 'undefined' ? null : localStorage.getItem(KEY);
  if (saved === 'en' || saved === 'es') return saved;
  return typeof navigator !== 'undefined' && navigator.language.startsWith('es') ? 'es' : 'en';
}

export function storeLanguage(language: Language): void {
  localStorage.setItem(KEY, language);
}

/**
 * Locale tags for Intl. Peru writes 28,951.5 (es-PE) like English numbers but Spanish dates and
 * month names ("28 nov. 2026"); a program elsewhere could map `es` to its own country.
 */
export const LOCALE: Record<Language, string> = { en: 'en-US', es: 'es-PE' };
