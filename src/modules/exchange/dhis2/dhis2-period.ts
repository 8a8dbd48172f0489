/**
 * DHIS2 period ids and ADX ISO 8601 intervals, to and from Vigia periods. Vigia has days,
 * months, quarters, calendar and fiscal years; the other DHIS2 period types (weeks, two-month
 * and six-month periods) are refused with a reason rather than guessed at.
 */
import { daysInMonth, makePeriod, tryParsePeriod, type Period } from '../../../core/periods.js';

const UNSUPPORTED: Array<[RegExp, string]> = [
  [/^\d{4}(Wed|Thu|Sat|Sun|Bi)?W\d{1,2}$/, 'weekly'],
  [/^\d{4}\d{2}B$/, 'bi-monthly'],
  [/^\d{4}([A-Za-z]+)?S[12]$/, 'six-monthly'],
];

const SUPPORTED = 'Vigia takes days (20120315), months (201207), quarters (2012Q3), years (2012) and fiscal years (2012Oct)';

/** A DHIS2 period id as a Vigia period, or the reason it cannot be one. */
export function fromDhis2Period(id: string): Period | { reason: string } {
  const p = tryParsePeriod(id);
  if (p) return p;
  for (const [re, kind] of UNSUPPORTED) {
    if (re.test(id.trim())) return { reason: `DHIS2 ${kind} periods are not supported: ${SUPPORTED}` };
  }
  return { reason: `not a DHIS2 period: ${SUPPORTED}` };
}

/**
 * An ADX period (`2015-01-01/P1M`: start date and ISO 8601 duration) as a Vigia period, or the
 * reason it cannot be one.
 */
export function fromAdxPeriod(text: string): Period | { reason: string } {
  const m = /^(\d{4})-(\d{2})-(\d{2})\/P(\d+)([DWMY])$/.exec(text.trim());
  if (!m) return { reason: 'not an ADX period: write start/duration, e.g. 2015-01-01/P1M' };
  const [y, mo, d, n, unit] = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), m[5]];
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return { reason: `${text.slice(0, 10)} is not a date` };
  if (unit === 'D' && n === 1) return makePeriod('day', y, mo, d);
  if (d === 1 && unit === 'M' && n === 1) return makePeriod('month', y, mo);
  if (d === 1 && unit === 'M' && n === 3 && mo % 3 === 1) return makePeriod('quarter', y, (mo + 2) / 3);
  if (d === 1 && unit === 'Y' && n === 1) return mo === 1 ? makePeriod('year', y) : makePeriod('fiscal_year', y, mo);
  if (d === 1 && unit === 'M' && n === 12) return mo === 1 ? makePeriod('year', y) : makePeriod('fiscal_year', y, mo);
  return { reason: `${text} does not start and last like a Vigia period: ${SUPPORTED}` };
}

/** A Vigia period as an ADX period (`start/duration`). */
export function toAdxPeriod(p: Period): string {
  const duration = { day: 'P1D', month: 'P1M', quarter: 'P3M', year: 'P1Y', fiscal_year: 'P1Y' }[p.type];
  return `${p.start}/${duration}`;
}

/** A Vigia period as a DHIS2 period id (the ids are DHIS2's already; a January fiscal year is the year). */
export function toDhis2Period(p: Period): string {
  if (p.type === 'fiscal_year' && p.fiscalStartMonth === 1) return p.id.slice(0, 4);
  return p.id;
}
