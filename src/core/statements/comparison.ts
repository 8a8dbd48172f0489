/**
 * The comparison of an indicator between two periods: "Coca eradicated increased by 38
 * percent between 2011 and 2012, from 10,290 to 14,171 hectares." / "Coca erradicada aumentó
 * un 38 % entre 2011 y 2012, de 10 290 a 14 171 hectáreas."
 */
import type { Period } from '../periods.js';
import type { Lang } from './language.js';
import { betweenPeriods, forPeriod } from './period-phrase.js';
import { percentChange, roundHalfAwayFromZero } from './rounding.js';
import { percentWords, quantity, sentenceDecimals } from './quantity.js';
import { sentence, sourceClause, subjectPhrase, toneOf, type StatementSubject, type StatementText } from './statement.js';

export interface PeriodValue {
  period: Period;
  /** null when there are no data for the period. */
  value: number | null;
}

export interface ComparisonInput extends StatementSubject {
  from: PeriodValue;
  to: PeriodValue;
}

const VERB = {
  en: { up: 'increased', down: 'decreased' },
  es: { up: 'aumentó', down: 'disminuyó' },
} as const;

/** The sentence that says which data are missing, naming the periods. */
export function missingDataSentence(s: StatementSubject, periods: readonly Period[], lang: Lang): string {
  const subject = subjectPhrase(s, lang, 'inside');
  const fors = periods.map((p) => forPeriod(p, lang));
  if (lang === 'es') return sentence(`No hay datos disponibles de ${subject} ${fors.join(' ni ')}${sourceClause(s, lang)}`);
  return sentence(`No data on ${subject} are available ${fors.join(' or ')}${sourceClause(s, lang)}`);
}

/**
 * Words the comparison in `lang`. The percent is whole and rounded half away from zero; a zero
 * base gives "from 0 to N" (no percent of nothing); a change that rounds to 0 percent says
 * "less than 1 percent"; values equal as shown read "unchanged"; a missing period says so.
 */
export function comparisonStatement(input: ComparisonInput, lang: Lang): StatementText {
  const { from, to } = input;
  const missing = [from, to].filter((pv) => pv.value === null).map((pv) => pv.period);
  if (from.value === null || to.value === null) {
    return { text: missingDataSentence(input, missing, lang), tone: 'neutral', available: false };
  }
  const subject = subjectPhrase(input, lang, 'start');
  const between = betweenPeriods(from.period, to.period, lang);
  const source = sourceClause(input, lang);
  const decimals = sentenceDecimals([from.value, to.value], input.decimals, input.unit);
  const shownFrom = roundHalfAwayFromZero(from.value, decimals);
  const shownTo = roundHalfAwayFromZero(to.value, decimals);
  const sign = Math.sign(shownTo - shownFrom);
  const tone = toneOf(input.direction, sign);

  if (sign === 0) {
    const at = quantity(to.value, input.unit, decimals, lang);
    const text =
      lang === 'es' ? sentence(`${subject} se mantuvo en ${at} ${between}${source}`) : sentence(`${subject} was unchanged at ${at} ${between}${source}`);
    return { text, tone, available: true };
  }
  const verb = VERB[lang][sign > 0 ? 'up' : 'down'];
  const a = quantity(from.value, input.unit, decimals, lang, false);
  const b = quantity(to.value, input.unit, decimals, lang);
  const pct = percentChange(from.value, to.value);
  if (pct === null) {
    const text =
      lang === 'es' ? sentence(`${subject} ${verb} de ${a} a ${b} ${between}${source}`) : sentence(`${subject} ${verb} from ${a} to ${b} ${between}${source}`);
    return { text, tone, available: true };
  }
  const rounded = Math.abs(roundHalfAwayFromZero(pct));
  let by: string;
  if (rounded === 0) by = lang === 'es' ? `menos de un ${percentWords(1, lang)}` : `by less than ${percentWords(1, lang)}`;
  else by = lang === 'es' ? `un ${percentWords(rounded, lang)}` : `by ${percentWords(rounded, lang)}`;
  const fromTo = lang === 'es' ? `de ${a} a ${b}` : `from ${a} to ${b}`;
  return { text: sentence(`${subject} ${verb} ${by} ${between}, ${fromTo}${source}`), tone, available: true };
}
