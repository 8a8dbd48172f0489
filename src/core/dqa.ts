/**
 * Data quality assessments (DQA): the vocabulary every layer derives from — the five standards
 * of USAID ADS 201 / State's PD&PM toolkit, the three ratings, the status of an agreed action,
 * their labels in English and Spanish — and the three-year rule (an indicator's data quality is
 * assessed at least once every three years). Pure: the database, API, CLI, PIRS and web app
 * take these from here.
 */
import type { Language } from './languages.js';
import { daysInMonth, isoDate } from './periods.js';

/** The five data quality standards, in the order the PIRS and the forms list them. */
export const DQA_STANDARDS = ['validity', 'integrity', 'precision', 'reliability', 'timeliness'] as const;
export type DqaStandard = (typeof DQA_STANDARDS)[number];

/** How well the indicator's data meet one standard. */
export const DQA_RATINGS = ['met', 'partly_met', 'not_met'] as const;
export type DqaRating = (typeof DQA_RATINGS)[number];

/** Where an action agreed at an assessment stands. */
export const DQA_ACTION_STATUSES = ['open', 'done', 'dropped'] as const;
export type DqaActionStatus = (typeof DQA_ACTION_STATUSES)[number];

/** Years after an assessment when the next one is due. */
export const DQA_INTERVAL_YEARS = 3;

/** The most characters of any text of a DQA (notes, limitations, an action). */
export const DQA_TEXT_MAX = 10_000;

type Labels<K extends string> = Record<K, Record<Language, string>>;

/** Each standard's name. */
export const DQA_STANDARD_LABELS: Labels<DqaStandard> = {
  validity: { en: 'Validity', es: 'Validez' },
  integrity: { en: 'Integrity', es: 'Integridad' },
  precision: { en: 'Precision', es: 'Precisión' },
  reliability: { en: 'Reliability', es: 'Confiabilidad' },
  timeliness: { en: 'Timeliness', es: 'Oportunidad' },
};

/** What each standard asks of the data (ADS 201 wording), for forms and the PIRS. */
export const DQA_STANDARD_QUESTIONS: Labels<DqaStandard> = {
  validity: {
    en: 'Do the data clearly and adequately represent the intended result?',
    es: '¿Representan los datos de forma clara y adecuada el resultado que se busca medir?',
  },
  integrity: {
    en: 'Do the data have safeguards against transcription error and manipulation?',
    es: '¿Tienen los datos salvaguardas contra errores de transcripción y manipulación?',
  },
  precision: {
    en: 'Are the data detailed enough for management decisions?',
    es: '¿Tienen los datos el detalle suficiente para las decisiones de gestión?',
  },
  reliability: {
    en: 'Do the data come from collection and analysis methods that are stable over time?',
    es: '¿Provienen los datos de métodos de recolección y análisis estables en el tiempo?',
  },
  timeliness: {
    en: 'Are the data current and available often enough to inform decisions?',
    es: '¿Están los datos actualizados y disponibles con la frecuencia necesaria para decidir?',
  },
};

/** Each rating's wording. */
export const DQA_RATING_LABELS: Labels<DqaRating> = {
  met: { en: 'Met', es: 'Cumple' },
  partly_met: { en: 'Partly met', es: 'Cumple parcialmente' },
  not_met: { en: 'Not met', es: 'No cumple' },
};

/** Each action status's wording. */
export const DQA_ACTION_STATUS_LABELS: Labels<DqaActionStatus> = {
  open: { en: 'Open', es: 'Pendiente' },
  done: { en: 'Done', es: 'Cumplida' },
  dropped: { en: 'Dropped', es: 'Descartada' },
};

/**
 * The result of an assessment in one word: `met` when every standard is met, `not_met` when
 * any is not met, `partly_met` otherwise.
 */
export function dqaResult(ratings: Readonly<Record<DqaStandard, DqaRating>>): DqaRating {
  const all = DQA_STANDARDS.map((s) => ratings[s]);
  if (all.includes('not_met')) return 'not_met';
  return all.every((r) => r === 'met') ? 'met' : 'partly_met';
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written `YYYY-MM-DD` (no 2015-02-30), years 1900–2100. */
export function isIsoDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return y >= 1900 && y <= 2100 && mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

/**
 * The date the next assessment is due: the same day three years on (29 February falls back to
 * 28 February of a common year).
 */
export function dqaDueDate(lastDate: string): string {
  const m = ISO_DATE.exec(lastDate);
  if (!m) throw new Error(`not an ISO date: ${lastDate}`);
  const y = Number(m[1]) + DQA_INTERVAL_YEARS;
  const mo = Number(m[2]);
  return isoDate(y, mo, Math.min(Number(m[3]), daysInMonth(y, mo)));
}

/**
 * Is a new assessment overdue on `today` (both `YYYY-MM-DD`)? Yes when there never was one
 * (`lastDate` null) or when the last is older than three years: due on its third anniversary,
 * overdue from the day after.
 */
export function dqaOverdue(lastDate: string | null, today: string): boolean {
  return lastDate === null || today > dqaDueDate(lastDate);
}
