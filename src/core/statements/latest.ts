/**
 * One figure for one period: "Coca under cultivation stood at 49,500 hectares in 2011;
 * source: US government estimate." / "… se situó en 49 500 hectáreas en 2011; fuente: …".
 */
import type { Lang } from './language.js';
import { inPeriod } from './period-phrase.js';
import { quantity, sentenceDecimals } from './quantity.js';
import { missingDataSentence, type PeriodValue } from './comparison.js';
import { sentence, sourceClause, subjectPhrase, type StatementSubject, type StatementText } from './statement.js';

export interface ValueInput extends StatementSubject {
  at: PeriodValue;
}

/** States the value of the period, or that there are no data for it. */
export function valueStatement(input: ValueInput, lang: Lang): StatementText {
  const { period, value } = input.at;
  if (value === null) return { text: missingDataSentence(input, [period], lang), tone: 'neutral', available: false };
  const subject = subjectPhrase(input, lang, 'start');
  const figure = quantity(value, input.unit, sentenceDecimals([value], input.decimals, input.unit), lang);
  const when = inPeriod(period, lang);
  const source = sourceClause(input, lang);
  const text = lang === 'es' ? sentence(`${subject} se situó en ${figure} ${when}${source}`) : sentence(`${subject} stood at ${figure} ${when}${source}`);
  return { text, tone: 'neutral', available: true };
}
