/** The two languages Vigia writes in, and text given in both. */
export type Lang = 'en' | 'es';

export const LANGS: readonly Lang[] = ['en', 'es'];

/** A name or sentence in English and Spanish. */
export interface Bilingual {
  en: string;
  es: string;
}

/** Builds a Bilingual by calling `fn` once per language. */
export function inBothLanguages(fn: (lang: Lang) => string): Bilingual {
  return { en: fn('en'), es: fn('es') };
}

/** Upper-cases the first letter, for a name that starts a sentence. */
export function capitalize(text: string): string {
  return text.charAt(0).toLocaleUpperCase() + text.slice(1);
}

/**
 * Lower-cases the first letter of a name used mid-sentence ("no data on coca eradicated"),
 * unless its first word looks like an acronym or a proper noun in capitals (UNODC, US).
 */
export function lowerFirst(text: string): string {
  const firstWord = text.split(/\s/)[0] ?? '';
  if (firstWord.length > 1 && firstWord === firstWord.toLocaleUpperCase()) return text;
  return text.charAt(0).toLocaleLowerCase() + text.slice(1);
}
