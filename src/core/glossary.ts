/**
 * The program's vocabulary in both languages: one word for each thing, shared by the web app's
 * labels and the reports' words, so that Spanish says "incautación" and "período" everywhere
 * (not "decomiso" in one place and "Periodo" in another). `REJECTED_SPANISH` lists the synonyms a
 * test looks for in every Spanish text people read.
 */
import { capitalize, type Bilingual } from './statements/language.js';

export const GLOSSARY = {
  seizure: { en: 'seizure', es: 'incautación' },
  seizures: { en: 'seizures', es: 'incautaciones' },
  seized: { en: 'seized', es: 'incautada' },
  forfeited: { en: 'forfeited', es: 'decomisado' },
  period: { en: 'period', es: 'período' },
  periods: { en: 'periods', es: 'períodos' },
  eradication: { en: 'eradication', es: 'erradicación' },
  department: { en: 'department', es: 'departamento' },
  departments: { en: 'departments', es: 'departamentos' },
  place: { en: 'place', es: 'lugar' },
  places: { en: 'places', es: 'lugares' },
  zone: { en: 'zone', es: 'zona' },
  indicator: { en: 'indicator', es: 'indicador' },
  indicators: { en: 'indicators', es: 'indicadores' },
  source: { en: 'source', es: 'fuente' },
  target: { en: 'target', es: 'meta' },
  baseline: { en: 'baseline', es: 'línea de base' },
  actual: { en: 'actual', es: 'valor real' },
  unit: { en: 'unit', es: 'unidad' },
  approved: { en: 'approved', es: 'aprobado' },
  draft: { en: 'draft', es: 'borrador' },
  submitted: { en: 'submitted', es: 'enviado' },
  returned: { en: 'returned', es: 'devuelto' },
  partner: { en: 'partner', es: 'socio' },
  organisation: { en: 'organisation', es: 'organización' },
  record: { en: 'record', es: 'registro' },
  records: { en: 'records', es: 'registros' },
  report: { en: 'report', es: 'informe' },
  derived: { en: 'derived', es: 'derivado' },
  illustrative: { en: 'illustrative', es: 'ilustrativo' },
  hectares: { en: 'hectares', es: 'hectáreas' },
  kilograms: { en: 'kilograms', es: 'kilogramos' },
  tonnes: { en: 'tonnes', es: 'toneladas' },
} as const satisfies Record<string, Bilingual>;

export type Term = keyof typeof GLOSSARY;

/** The term in `lang`, with its first letter capitalised (for labels and headings). */
export function termLabel(term: Term, lang: keyof Bilingual): string {
  return capitalize(GLOSSARY[term][lang]);
}

/**
 * Spanish words not to use, and the glossary word to use instead. `whenEnglish` narrows a rule to
 * texts whose English side matches it ("decomisado" is right for forfeited, wrong for seized).
 */
export const REJECTED_SPANISH: readonly { word: RegExp; use: string; whenEnglish?: RegExp }[] = [
  { word: /\bperiodos?\b/i, use: `${GLOSSARY.period.es} / ${GLOSSARY.periods.es}` },
  { word: /decomis/i, use: `${GLOSSARY.seizure.es} / ${GLOSSARY.seized.es}`, whenEnglish: /seiz/i },
];

/** The rules a Spanish text (with its English counterpart, when known) breaks. */
export function rejectedWords(es: string, en?: string): string[] {
  return REJECTED_SPANISH.filter((r) => r.word.test(es) && (!r.whenEnglish || en === undefined || r.whenEnglish.test(en))).map(
    (r) => `${es.match(r.word)?.[0] ?? ''} → ${r.use}`,
  );
}
