/**
 * The span of a life-of-program (LOP) target: the periods the program runs over, written as
 * `FIRST/LAST` (two period ids joined by a slash, as an ISO 8601 interval is: `2012Oct/2016Oct`
 * is US FY2013 to FY2017) or as one period for a program that lasts one. A target of kind
 * `lop_target` carries its span in its period; the tracking table adds the actuals up from the
 * span's first day through the end of the chosen fiscal year. Pure: parsing and its reasons.
 */
import { periodWriteProblem, tryParsePeriod, type Period } from './periods.js';

export interface LopSpan {
  /** `FIRST/LAST`, or the one period's id when the span is a single period. */
  readonly id: string;
  readonly first: Period;
  readonly last: Period;
  /** First day of `first`, ISO date. */
  readonly start: string;
  /** Last day of `last` (inclusive), ISO date. */
  readonly end: string;
}

const FORMS = 'write the life of program as FIRST/LAST period, e.g. 2012Oct/2016Oct or 2012/2016 (escriba la vida del programa como PRIMER/ÚLTIMO período)';

/** Parses a span; a reason (naming the forms accepted) when it is not one data may be written for. */
export function parseLopSpan(text: string): LopSpan | { reason: string } {
  const parts = text.trim().split('/');
  if (parts.length > 2 || parts.some((p) => p.trim() === '')) return { reason: `"${text}" is not a life-of-program span: ${FORMS}` };
  const periods = parts.map((p) => tryParsePeriod(p));
  const [first, last = first] = periods;
  if (!first || !last) return { reason: `"${text}" is not a life-of-program span: ${FORMS}` };
  for (const p of [first, last]) {
    const outside = periodWriteProblem(p);
    if (outside) return { reason: outside };
  }
  if (last.end < first.start) return { reason: `"${text}" ends before it starts: the last period must not end before the first begins` };
  const id = first.id === last.id ? first.id : `${first.id}/${last.id}`;
  return { id, first, last, start: first.start, end: last.end };
}

/** Is this span one (not a reason)? */
export const isLopSpan = (s: LopSpan | { reason: string }): s is LopSpan => 'id' in s;

/**
 * The period ids to add a span's actuals up over, for a fiscal year ending on `fyEnd`: from the
 * span's first period to the fiscal year (`fyId`) or, when the span ends first, its last
 * period. Null when the fiscal year ends before the span begins (nothing to add up yet).
 */
export function lopRange(span: LopSpan, fyId: string, fyEnd: string): { from: string; to: string } | null {
  if (fyEnd < span.start) return null;
  return { from: span.first.id, to: fyEnd <= span.end ? fyId : span.last.id };
}
