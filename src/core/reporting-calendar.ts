/**
 * The reporting calendar's arithmetic, pure: which periods an entry expects a report for, when
 * each is due and closes, a report's status on a given day, and the completeness and
 * timeliness counts DHIS2 reports (share of expected reports submitted, and submitted by the
 * due date). The caller brings the calendar, the submissions and today.
 */
import { periodOfDate, shiftPeriod, type Period } from './periods.js';

export const REPORT_FREQUENCIES = ['month', 'quarter', 'fiscal_year'] as const;
export type ReportFrequency = (typeof REPORT_FREQUENCIES)[number];

/** A report's status on a day: not due yet, submitted by the due date, submitted after it, or due and not submitted. */
export const REPORT_STATUSES = ['not_due', 'on_time', 'late', 'missing'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** What people read for each status, in English and Spanish. */
export const REPORT_STATUS_LABELS: Record<ReportStatus, { en: string; es: string }> = {
  not_due: { en: 'Not due yet', es: 'Aún no vence' },
  on_time: { en: 'On time', es: 'A tiempo' },
  late: { en: 'Late', es: 'Tardío' },
  missing: { en: 'Missing', es: 'Faltante' },
};

/** What one calendar entry says, as far as dates go. */
export interface CalendarTiming {
  frequency: ReportFrequency;
  due_days: number;
  close_days: number | null;
  start_date: string;
  end_date: string | null;
}

/** `date` plus `days` days (YYYY-MM-DD, UTC). */
export function addDays(date: string, days: number): string {
  const t = new Date(`${date}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + days);
  return t.toISOString().slice(0, 10);
}

/** The last day a report of `period` is on time. */
export const dueOn = (period: Period, t: Pick<CalendarTiming, 'due_days'>): string => addDays(period.end, t.due_days);

/** The first day `period` is closed to partners' writes, or null when it never closes. */
export const closesOn = (period: Period, t: Pick<CalendarTiming, 'close_days'>): string | null =>
  t.close_days === null ? null : addDays(period.end, t.close_days);

/** The entry's period that contains `date`. */
export const calendarPeriodOf = (date: string, frequency: ReportFrequency, fiscalStartMonth: number): Period => periodOfDate(date, frequency, fiscalStartMonth);

/**
 * The periods an entry expects a report for that start on or before `until` (today: the
 * current period is expected, not yet due) and overlap `from`–`until`; at most `limit`.
 */
export function expectedPeriods(t: CalendarTiming, fiscalStartMonth: number, from: string, until: string, limit = 10_000): Period[] {
  const out: Period[] = [];
  let p = calendarPeriodOf(t.start_date > from ? t.start_date : from, t.frequency, fiscalStartMonth);
  // The first period is the first that starts on or after the entry's start.
  if (p.start < t.start_date) p = shiftPeriod(p, 1);
  for (; p.start <= until && out.length < limit; p = shiftPeriod(p, 1)) {
    if (t.end_date !== null && p.end > t.end_date) break;
    out.push(p);
  }
  return out;
}

/**
 * A report's status on `today`, from the first moment the organisation's submissions covered
 * the whole period (`submittedOn`, a YYYY-MM-DD day, or null when they have not).
 */
export function reportStatus(due: string, submittedOn: string | null, today: string): ReportStatus {
  if (submittedOn !== null) return submittedOn <= due ? 'on_time' : 'late';
  return today > due ? 'missing' : 'not_due';
}

/** A submission as the calendar sees it: the days it covers and when it was made. */
export interface SubmittedSpan {
  start: string;
  end: string;
  /** ISO timestamp. */
  at: string;
}

/**
 * When submissions first covered every day of `period` (their union, taken in the order they
 * were made), as an ISO timestamp; null when they never did. Three monthly submissions cover a
 * quarter when the third is made.
 */
export function coveredAt(period: Period, spans: readonly SubmittedSpan[]): string | null {
  const relevant = spans.filter((s) => s.start <= period.end && s.end >= period.start).sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  const taken: SubmittedSpan[] = [];
  for (const s of relevant) {
    taken.push(s);
    if (covers(period, taken)) return s.at;
  }
  return null;
}

function covers(period: Period, spans: readonly SubmittedSpan[]): boolean {
  const sorted = [...spans].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  let next = period.start;
  for (const s of sorted) {
    if (s.start > next) return false;
    if (s.end >= next) next = addDays(s.end, 1);
    if (next > period.end) return true;
  }
  return next > period.end;
}

/** Counts of a group of expected reports. */
export interface ReportCounts {
  expected: number;
  submitted: number;
  on_time: number;
  status: ReportStatus;
}

/**
 * The counts of a group of reports and the status that sums it up: missing when any is
 * missing, else not due when any is still awaited, else late when any was late, else on time.
 */
export function countReports(statuses: readonly ReportStatus[]): ReportCounts {
  const n = (s: ReportStatus) => statuses.filter((x) => x === s).length;
  const status: ReportStatus = n('missing') ? 'missing' : n('not_due') ? 'not_due' : n('late') ? 'late' : 'on_time';
  return { expected: statuses.length, submitted: n('on_time') + n('late'), on_time: n('on_time'), status };
}

/** A share as a fraction 0–1 rounded to 4 places, or null when nothing was expected. */
export const share = (part: number, whole: number): number | null => (whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000);
