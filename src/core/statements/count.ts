/**
 * A count as a threshold: "In 2012 there were more than 50 community anti-drug coalitions." /
 * "En 2012 había más de 50 coaliciones comunitarias antidrogas."
 */
import { capitalize, lowerFirst, type Lang } from './language.js';
import { inPeriod } from './period-phrase.js';
import { quantity } from './quantity.js';
import { countThreshold } from './threshold.js';
import { missingDataSentence, type PeriodValue } from './comparison.js';
import { sentence, sourceClause, type StatementSubject, type StatementText } from './statement.js';

export interface CountInput extends StatementSubject {
  at: PeriodValue;
  /** Round down by this step instead of the reader's default (one significant figure). */
  step?: number | undefined;
}

/**
 * "In 2012 there were more than 50 coalitions": the count rounded down to a round number
 * below it; a round or small count is stated exactly. The subject's name is the plural noun.
 */
export function countStatement(input: CountInput, lang: Lang): StatementText {
  const { period, value } = input.at;
  if (value === null) return { text: missingDataSentence(input, [period], lang), tone: 'neutral', available: false };
  const t = countThreshold(value, input.step);
  const figure = quantity(t.value, input.unit, 0, lang);
  const noun = lowerFirst(input.name[lang]);
  const place = input.place ? (lang === 'es' ? ` en ${input.place.es}` : ` in ${input.place.en}`) : '';
  const when = capitalize(inPeriod(period, lang));
  const source = sourceClause(input, lang);
  const text =
    lang === 'es'
      ? sentence(`${when} había ${t.moreThan ? 'más de ' : ''}${figure} ${noun}${place}${source}`)
      : sentence(`${when} there ${t.value === 1 && !t.moreThan ? 'was' : 'were'} ${t.moreThan ? 'more than ' : ''}${figure} ${noun}${place}${source}`);
  return { text, tone: 'neutral', available: true };
}
