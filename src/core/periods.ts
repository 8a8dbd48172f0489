/**
 * Periods as DHIS2 names them: `20120315` (day), `201207` (month), `2012Q3` (quarter),
 * `2012` (calendar year) and fiscal years named by the month they start in: `2012Oct` is the
 * year from 1 October 2012 to 30 September 2013 (US FY2013), `2012April` and `2012July` as in
 * DHIS2. Every period has exact start and end dates (ISO `YYYY-MM-DD`, both inclusive).
 */
import { validationError } from './errors.js';

export type PeriodType = 'day' | 'month' | 'quarter' | 'year' | 'fiscal_year';

export interface Period {
  readonly id: string;
  readonly type: PeriodType;
  /** First day, ISO date. */
  readonly start: string;
  /** Last day (inclusive), ISO date. */
  readonly end: string;
  /** For a fiscal year: the month (1–12) it starts in. */
  readonly fiscalStartMonth?: number;
}

const MONTH_ABBR = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** DHIS2 spells two fiscal-year suffixes out in full. */
const FISCAL_SUFFIX: Record<string, number> = {
  ...Object.fromEntries(MONTH_ABBR.map((m, i) => [m.toLowerCase(), i + 1])),
  april: 4,
  july: 7,
};

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

const isLeapYear = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/** Days in a month (month 1–12). */
export function daysInMonth(year: number, month: number): number {
  // Arithmetic rather than Date.UTC, which reads years 0–99 as 1900–1999.
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** An ISO `YYYY-MM-DD` date from its parts. */
export function isoDate(year: number, month: number, day: number): string {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

function lastDayOf(year: number, month: number): string {
  return isoDate(year, month, daysInMonth(year, month));
}

/** The id suffix of a fiscal year that starts in `month` (`Oct`, `April`, `July`, …). */
export function fiscalSuffix(month: number): string {
  if (month === 4) return 'April';
  if (month === 7) return 'July';
  const abbr = MONTH_ABBR[month - 1];
  if (!abbr) throw validationError(`fiscal year start month must be 1–12, got ${month}`);
  return abbr;
}

/** Builds a period of `type` from its year and its month, quarter or day parts. */
export function makePeriod(type: PeriodType, year: number, part = 1, day = 1): Period {
  // Ids carry a four-digit year; outside it a period could not be written back as an id.
  if (!Number.isInteger(year) || year < 0 || year > 9999) {
    throw validationError(`period year must be 0000–9999, got ${year}`);
  }
  const yyyy = pad(year, 4);
  switch (type) {
    case 'year':
      return { id: yyyy, type, start: isoDate(year, 1, 1), end: isoDate(year, 12, 31) };
    case 'quarter':
      return {
        id: `${yyyy}Q${part}`,
        type,
        start: isoDate(year, part * 3 - 2, 1),
        end: lastDayOf(year, part * 3),
      };
    case 'month':
      return { id: `${yyyy}${pad(part)}`, type, start: isoDate(year, part, 1), end: lastDayOf(year, part) };
    case 'day':
      return { id: `${yyyy}${pad(part)}${pad(day)}`, type, start: isoDate(year, part, day), end: isoDate(year, part, day) };
    case 'fiscal_year': {
      if (part === 1) {
        // A fiscal year starting in January is the calendar year, under its own id.
        return { id: `${yyyy}Jan`, type, start: isoDate(year, 1, 1), end: isoDate(year, 12, 31), fiscalStartMonth: 1 };
      }
      if (year === 9999) throw validationError('fiscal year 9999 would end in year 10000');
      return {
        id: `${yyyy}${fiscalSuffix(part)}`,
        type,
        start: isoDate(year, part, 1),
        end: lastDayOf(year + 1, part - 1),
        fiscalStartMonth: part,
      };
    }
  }
}

const PATTERNS: Array<[RegExp, (m: RegExpMatchArray) => Period | null]> = [
  [/^(\d{4})$/, (m) => makePeriod('year', Number(m[1]))],
  [/^(\d{4})Q([1-4])$/, (m) => makePeriod('quarter', Number(m[1]), Number(m[2]))],
  [
    /^(\d{4})(\d{2})$/,
    (m) => {
      const month = Number(m[2]);
      return month >= 1 && month <= 12 ? makePeriod('month', Number(m[1]), month) : null;
    },
  ],
  [
    /^(\d{4})(\d{2})(\d{2})$/,
    (m) => {
      const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
      if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
      return makePeriod('day', y, mo, d);
    },
  ],
  [
    /^(\d{4})([A-Za-z]+)$/,
    (m) => {
      const month = FISCAL_SUFFIX[(m[2] ?? '').toLowerCase()];
      return month ? makePeriod('fiscal_year', Number(m[1]), month) : null;
    },
  ],
];

/** Parses a period id; null when it is not one. */
export function tryParsePeriod(id: string): Period | null {
  const text = id.trim();
  for (const [re, build] of PATTERNS) {
    const m = text.match(re);
    if (m) return build(m);
  }
  return null;
}

/**
 * The years data may be written for. Period ids have four digits, so `0000` and `9999` parse;
 * neither is a year anyone reports for, and a value there is a typo that would sit in every
 * "all periods" total. Reads accept any period id; writes (values, targets, record period
 * fields) must fall between these years: the same span record dates default to.
 */
export const MIN_WRITE_YEAR = 1900;
export const MAX_WRITE_YEAR = 2100;

/** Why a period may not take data (it starts before 1900 or ends after 2100), or null when it may. */
export function periodWriteProblem(p: Period): string | null {
  const first = Number(p.start.slice(0, 4));
  const last = Number(p.end.slice(0, 4));
  if (first < MIN_WRITE_YEAR || last > MAX_WRITE_YEAR) {
    return `period out of range: data is written for ${MIN_WRITE_YEAR}–${MAX_WRITE_YEAR} only (período fuera de rango)`;
  }
  return null;
}

/** Parses a period id or throws a validation error that says what forms are accepted. */
export function parsePeriod(id: string): Period {
  const p = tryParsePeriod(id);
  if (!p) {
    const reason = 'use 2012, 2012Q3, 201207, 20120315 or a fiscal year such as 2012Oct';
    throw validationError(`"${id}" is not a period: ${reason}`, [{ value: id, reason }]);
  }
  return p;
}

function parseIso(date: string): [number, number, number] {
  const m = date.match(/^(\d{4})-(\d{2})-(\d{2})$/);
  if (!m) throw validationError(`"${date}" is not a date (YYYY-MM-DD)`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) throw validationError(`"${date}" is not a valid date`);
  return [y, mo, d];
}

/** Grouping targets: the period kinds a finer period can be rolled into. */
export type BucketType = 'month' | 'quarter' | 'year' | 'fiscal_year';

/** The period of `type` that contains the given date. */
export function periodOfDate(date: string, type: BucketType | 'day', fiscalStartMonth = 10): Period {
  const [y, mo, d] = parseIso(date);
  switch (type) {
    case 'day':
      return makePeriod('day', y, mo, d);
    case 'month':
      return makePeriod('month', y, mo);
    case 'quarter':
      return makePeriod('quarter', y, Math.ceil(mo / 3));
    case 'year':
      return makePeriod('year', y);
    case 'fiscal_year':
      return makePeriod('fiscal_year', mo >= fiscalStartMonth ? y : y - 1, fiscalStartMonth);
  }
}

/** True when `inner` lies entirely within `outer`. */
export function periodWithin(inner: Period, outer: Period): boolean {
  return inner.start >= outer.start && inner.end <= outer.end;
}

/**
 * The period of `type` that wholly contains `p`, or null when `p` straddles two of them
 * (a fiscal year has no calendar year; a quarter may cross a fiscal year that starts in Nov).
 */
export function bucketOf(p: Period, type: BucketType, fiscalStartMonth = 10): Period | null {
  const bucket = periodOfDate(p.start, type, fiscalStartMonth);
  return bucket.end >= p.end ? bucket : null;
}

/** The period `n` steps after `p` (negative: before), of the same type. */
export function shiftPeriod(p: Period, n: number): Period {
  const [y, mo, d] = parseIso(p.start);
  switch (p.type) {
    case 'year':
      return makePeriod('year', y + n);
    case 'fiscal_year':
      return makePeriod('fiscal_year', y + n, p.fiscalStartMonth ?? mo);
    case 'quarter': {
      const idx = y * 4 + (Math.ceil(mo / 3) - 1) + n;
      return makePeriod('quarter', Math.floor(idx / 4), (((idx % 4) + 4) % 4) + 1);
    }
    case 'month': {
      const idx = y * 12 + (mo - 1) + n;
      return makePeriod('month', Math.floor(idx / 12), (((idx % 12) + 12) % 12) + 1);
    }
    case 'day': {
      // setUTCFullYear, unlike Date.UTC, takes years 0–99 literally.
      const t = new Date(0);
      t.setUTCFullYear(y, mo - 1, d + n);
      return makePeriod('day', t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
    }
  }
}

/** Every period from `from` to `to` inclusive; both must be of the same type. */
export function periodRange(from: Period, to: Period): Period[] {
  if (from.type !== to.type || from.fiscalStartMonth !== to.fiscalStartMonth) {
    throw validationError(`a period range needs two periods of one type: ${from.id} and ${to.id} differ`);
  }
  const out: Period[] = [];
  // Stop before shifting past `to`, so a range that ends in year 9999 does not step out of range.
  for (let p = from; p.start <= to.start; p = shiftPeriod(p, 1)) {
    out.push(p);
    if (p.start === to.start) break;
  }
  return out;
}

/**
 * The periods of `type` (month, quarter, …) that lie wholly within `p`, in order. When they
 * tile `p` (months of a fiscal year) they make it up exactly; a period that sticks out of `p`
 * at either end (the October–December quarter of a fiscal year starting in November) is left out.
 */
export function subdivide(p: Period, type: BucketType | 'day', fiscalStartMonth = 10): Period[] {
  let q = periodOfDate(p.start, type, fiscalStartMonth);
  if (q.start < p.start) q = shiftPeriod(q, 1);
  const out: Period[] = [];
  for (; q.end <= p.end; q = shiftPeriod(q, 1)) {
    out.push(q);
    if (q.end === p.end) break;
  }
  return out;
}

/** The year a fiscal year is named for: the year it ends in (2012Oct is FY2013; 2012Jan, the calendar year, is FY2012). */
export function fiscalYearName(p: Period): number {
  return Number(p.end.slice(0, 4));
}

/**
 * A reader's name for a period: "2012", "2012 Q3", "July 2012", "FY2013" (fiscal years are named
 * for the year they end in). The server's reports and the web app's labels both start here.
 */
export function periodLabel(p: Period, lang: 'en' | 'es' = 'en'): string {
  const [y, mo, d] = parseIso(p.start);
  const months =
    lang === 'es'
      ? ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre']
      : ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  switch (p.type) {
    case 'year':
      return String(y);
    case 'quarter':
      return lang === 'es' ? `${Math.ceil(mo / 3)}.º trim. ${y}` : `${y} Q${Math.ceil(mo / 3)}`;
    case 'month':
      return lang === 'es' ? `${months[mo - 1]} de ${y}` : `${months[mo - 1]} ${y}`;
    case 'day':
      return lang === 'es' ? `${d} de ${months[mo - 1]} de ${y}` : `${d} ${months[mo - 1]} ${y}`;
    case 'fiscal_year':
      return `${lang === 'es' ? 'AF' : 'FY'}${fiscalYearName(p)}`;
  }
}
