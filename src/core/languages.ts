/** The languages Vigia speaks to people in: the web app, e-mails and reports (English, Spanish). */
export const LANGUAGES = ['en', 'es'] as const;
export type Language = (typeof LANGUAGES)[number];

/** True when `s` is one of the languages Vigia speaks. */
export function isLanguage(s: unknown): s is Language {
  return typeof s === 'string' && (LANGUAGES as readonly string[]).includes(s);
}
