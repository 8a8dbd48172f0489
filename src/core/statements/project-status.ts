/**
 * Where a project stood at the end of a period: "At the end of 2012, the fourth police academy,
 * Santa María del Valle, was under construction, 60 percent complete." / "Al cierre de 2012, la
 * cuarta escuela de policía, Santa María del Valle, estaba en construcción, con un avance del 60 %."
 */
import type { Bilingual, Lang } from './language.js';
import { theOrdinal } from './ordinal.js';
import { percentWords } from './quantity.js';
import { periodName } from './period-phrase.js';
import type { Period } from '../periods.js';
import { roundHalfAwayFromZero } from './rounding.js';
import { sentence, type StatementText } from './statement.js';

export interface ProjectStatusInput {
  /** The project's own name ("Santa María del Valle police school"). */
  name: Bilingual;
  /** What kind of project it is, singular ("police academy" / "escuela de policía"). */
  kind: Bilingual;
  /** Grammatical gender of the Spanish kind noun, for the article and the ordinal. */
  genderEs: 'f' | 'm';
  /** Its place among projects of its kind, in the order they started; null to leave it out. */
  ordinal: number | null;
  /** The status code (planned, under_construction, completed, …). */
  status: string;
  /** The status as words, when the record type names it; otherwise known codes are worded here. */
  statusLabel?: Bilingual | null | undefined;
  percentComplete: number | null;
  /** The period whose end the status describes. */
  asOf: Period;
}

/** Known status codes as predicates; Spanish participles agree with the noun (f, m). */
const STATUS_WORDS: Record<string, { en: string; es: [f: string, m: string] }> = {
  planned: { en: 'planned', es: ['planificada', 'planificado'] },
  design: { en: 'in design', es: ['en diseño', 'en diseño'] },
  in_design: { en: 'in design', es: ['en diseño', 'en diseño'] },
  procurement: { en: 'in procurement', es: ['en licitación', 'en licitación'] },
  under_construction: { en: 'under construction', es: ['en construcción', 'en construcción'] },
  construction: { en: 'under construction', es: ['en construcción', 'en construcción'] },
  in_progress: { en: 'in progress', es: ['en ejecución', 'en ejecución'] },
  completed: { en: 'completed', es: ['terminada', 'terminado'] },
  complete: { en: 'completed', es: ['terminada', 'terminado'] },
  handed_over: { en: 'handed over', es: ['entregada', 'entregado'] },
  operational: { en: 'in operation', es: ['en funcionamiento', 'en funcionamiento'] },
  in_operation: { en: 'in operation', es: ['en funcionamiento', 'en funcionamiento'] },
  suspended: { en: 'suspended', es: ['suspendida', 'suspendido'] },
  cancelled: { en: 'cancelled', es: ['cancelada', 'cancelado'] },
};

const DONE = new Set(['completed', 'complete', 'handed_over', 'operational', 'in_operation', 'cancelled']);

/** The status as a predicate ("under construction"), from the label given or the known codes. */
export function statusWords(input: Pick<ProjectStatusInput, 'status' | 'statusLabel' | 'genderEs'>, lang: Lang): string {
  const known = STATUS_WORDS[input.status.toLowerCase()];
  if (known) return lang === 'es' ? known.es[input.genderEs === 'f' ? 0 : 1] : known.en;
  if (input.statusLabel) return input.statusLabel[lang].toLocaleLowerCase();
  return input.status.replace(/_/g, ' ');
}

/**
 * When no project of the kind has started by the period's end: "No police academy is
 * recorded up to 2012." / "No hay ninguna escuela de policía registrada hasta 2012."
 */
export function noProjectStatement(kind: Bilingual, genderEs: 'f' | 'm', period: Period, lang: Lang): StatementText {
  const until = periodName(period, lang);
  const text =
    lang === 'es'
      ? `No hay ${genderEs === 'f' ? 'ninguna' : 'ningún'} ${kind.es} ${genderEs === 'f' ? 'registrada' : 'registrado'} hasta ${until}`
      : `No ${kind.en} is recorded up to ${until}`;
  return { text: sentence(text), tone: 'neutral', available: false };
}

/** "At the end of 2012" / "Al cierre de 2012", "Al cierre del año fiscal 2013". */
export function atEndOf(p: Period, lang: Lang): string {
  const name = periodName(p, lang);
  if (lang === 'en') return `At the end of ${name}`;
  return name.startsWith('el ') ? `Al cierre del ${name.slice(3)}` : `Al cierre de ${name}`;
}

/** Words the project's status; the percent complete is given while work is under way. */
export function projectStatusStatement(input: ProjectStatusInput, lang: Lang): StatementText {
  const article = lang === 'es' ? (input.genderEs === 'f' ? 'la' : 'el') : 'the';
  const who = input.ordinal
    ? `${theOrdinal(input.ordinal, lang, input.genderEs)} ${input.kind[lang]}, ${input.name[lang]},`
    : `${article} ${input.kind[lang]} ${input.name[lang]}`;
  const status = statusWords(input, lang);
  const pct = input.percentComplete;
  const showPct = pct !== null && !DONE.has(input.status.toLowerCase()) && pct < 100;
  const rounded = showPct ? roundHalfAwayFromZero(pct) : 0;
  const progress = !showPct ? '' : lang === 'es' ? `, con un avance del ${percentWords(rounded, lang)}` : `, ${percentWords(rounded, lang)} complete`;
  const verb = lang === 'es' ? 'estaba' : 'was';
  return { text: sentence(`${atEndOf(input.asOf, lang)}, ${who} ${verb} ${status}${progress}`), tone: 'neutral', available: true };
}
