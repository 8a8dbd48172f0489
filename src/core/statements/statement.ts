/**
 * What every result statement is about and what it gives back. Statements are Vigia's own
 * sentences, written from the data: the templates live in this folder and nowhere else.
 */
import { capitalize, lowerFirst, type Bilingual, type Lang } from './language.js';

/** Whether a change is good news for the indicator (its direction known), bad, or neither. */
export type Tone = 'good' | 'bad' | 'neutral';

/** The indicator (or other thing) a statement speaks of, and how its figures are written. */
export interface StatementSubject {
  /** The subject of the sentence: the indicator's name, or a label the report gives it. */
  name: Bilingual;
  unit: string;
  /** Decimal places figures are shown with. */
  decimals: number;
  /** Whether a rise is good news. */
  direction: 'up' | 'down' | 'none';
  /** Named only when the indicator has several sources, which are never added together. */
  source?: Bilingual | null;
  /** A place below the whole program ("in Huánuco"); null for the whole program. */
  place?: Bilingual | null;
  /** The disaggregation, as option names ("cocaine base"). */
  disagg?: Bilingual | null;
}

/** One statement in one language. */
export interface StatementText {
  text: string;
  tone: Tone;
  /** False when the data for it were missing and the sentence says so. */
  available: boolean;
}

/** "Coca eradicated in Huánuco (cocaine base)": the subject with its place and disaggregation. */
export function subjectPhrase(s: StatementSubject, lang: Lang, position: 'start' | 'inside'): string {
  const base = position === 'start' ? capitalize(s.name[lang]) : lowerFirst(s.name[lang]);
  const place = s.place ? (lang === 'es' ? ` en ${s.place.es}` : ` in ${s.place.en}`) : '';
  const disagg = s.disagg ? ` (${lowerFirst(s.disagg[lang])})` : '';
  return `${base}${disagg}${place}`;
}

/** "; source: US government estimate" — or nothing when the indicator has one source. */
export function sourceClause(s: StatementSubject, lang: Lang): string {
  if (!s.source) return '';
  return lang === 'es' ? `; fuente: ${s.source.es}` : `; source: ${s.source.en}`;
}

/** The tone of a change of sign `sign` (-1, 0, 1) for an indicator of `direction`. */
export function toneOf(direction: StatementSubject['direction'], sign: number): Tone {
  if (direction === 'none' || sign === 0) return 'neutral';
  return sign > 0 === (direction === 'up') ? 'good' : 'bad';
}

/** Ends a sentence with a full stop, once: a source ending in "EE. UU." takes no second one. */
export function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
