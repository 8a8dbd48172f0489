/**
 * The options `vigia calendar` and `vigia quality` share: the program, the period, the day the
 * reporting calendar is judged on (`--as-of`, default today) and the language of the text
 * output, all checked as bad input.
 */
import { isVigiaError, validationError } from '../core/errors.js';
import { isIsoDate } from '../core/dqa.js';
import { clockAt, systemClock, type Clock } from '../core/clock.js';
import type { Db } from '../db/database.js';
import { findProgram } from '../modules/catalog/catalog.repo.js';
import { resolveProgramCode } from './analytics-options.js';
import { isLanguage, LANGUAGES, type Language } from '../core/languages.js';
import { tryParsePeriod } from '../core/periods.js';

/** The program asked for; an unknown code is bad input naming --program. */
export async function checkedProgram(db: Db, given: string | undefined): Promise<string> {
  const code = await resolveProgramCode(db, given);
  try {
    await findProgram(db, code);
  } catch (e) {
    if (isVigiaError(e) && e.kind === 'not_found')
      throw validationError(`--program: ${e.message}`, [{ column: 'program', value: code, reason: 'no such program' }]);
    throw e;
  }
  return code;
}

/** The clock of `--as-of YYYY-MM-DD` (the end of that day, UTC), or the real one. */
export function asOfClock(asOf: string | undefined): Clock {
  if (asOf === undefined) return systemClock;
  if (!isIsoDate(asOf))
    throw validationError('--as-of must be a date written YYYY-MM-DD', [{ column: 'as-of', value: asOf, reason: 'not a calendar date YYYY-MM-DD' }]);
  return clockAt(`${asOf}T23:59:59.999Z`);
}

/** The language of `--lang` (default English). */
export function langOption(text: string | undefined): Language {
  const lang = text ?? 'en';
  if (!isLanguage(lang)) throw validationError(`--lang must be one of ${LANGUAGES.join(', ')}`, [{ column: 'lang', value: text, reason: 'unknown language' }]);
  return lang;
}

/** The period of `--period`, checked as bad input naming the option; undefined when left out. */
export function periodOption(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  if (!tryParsePeriod(text))
    throw validationError(`--period: "${text}" is not a period`, [{ column: 'period', value: text, reason: 'not a period (2013, 2013Q1, 201301, 2012Oct)' }]);
  return text;
}
