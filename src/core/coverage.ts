/**
 * Coverage of a period: how much of what is expected for an indicator × place × period has been
 * reported, and whether the period is over, so that no headline presents one department of
 * eight as the national result. Pure: the caller brings the reports (leaf place × period) it
 * read. What is "expected" comes from `expectedReports`: today the reports of the previous
 * comparable period; a reporting calendar (issue 16) can replace that source without changing
 * how coverage is counted.
 */
import { periodOfDate, shiftPeriod, type Period } from './periods.js';

/** What the API and reports carry per row: counts of reports (leaf place × sub-period). */
export interface Coverage {
  /** Expected reports that have data now, plus reports that were not expected. */
  reported: number;
  expected: number;
  /** Every expected report has data and the period is over. */
  complete: boolean;
  /** The period's last day is before today. */
  period_ended: boolean;
  /**
   * The place level counted when each report is one place for the whole period, all of one
   * level (2: "1 of 8 departments"); null when reports are place × sub-period pairs.
   */
  level: number | null;
  /**
   * For event data (records), the kind of sub-period counted instead of places: "data for 1 of
   * 4 quarters". A seizure happens where it happens, so a department without one this year is
   * no missing report; what tells that reporting is done is time covered, program-wide.
   */
  counted_period: 'quarter' | 'month' | 'day' | null;
}

/** One report: a leaf place's value for one period (any disaggregation of it). */
export interface Report {
  placeId: number;
  placeLevel: number;
  period: Period;
}

/** The period a period is compared with: the same length just before (2016 for 2017, 2016Q4 for 2017Q1). */
export function previousComparable(p: Period): Period | null {
  try {
    return shiftPeriod(p, -1);
  } catch {
    // Year 0000 has no year before it.
    return null;
  }
}

const monthIndex = (iso: string): number => Number(iso.slice(0, 4)) * 12 + Number(iso.slice(5, 7)) - 1;

const TYPES = ['day', 'month', 'quarter', 'year', 'fiscal_year'] as const;

/**
 * A report's place and position inside its period (type and offset from the period's start),
 * so that 2016Q2 of a department matches 2017Q2 of the same department. A number, not a
 * string: an analytics query makes thousands of them.
 */
export function reportKey(r: Report, within: Period): number {
  const months = monthIndex(r.period.start) - monthIndex(within.start);
  const day = r.period.type === 'day' ? Number(r.period.start.slice(8)) : 0;
  const kind = TYPES.indexOf(r.period.type) + 5 * (r.period.fiscalStartMonth ?? 0);
  // kind < 70, |months| < 1024, day < 32: exact in a double for any place id below 2^30.
  return ((r.placeId * 70 + kind) * 2048 + months + 1024) * 32 + day;
}

/** The sub-period event data is counted in for a period: quarters of a year, months of a quarter, days of a month. */
export function eventSubPeriod(within: Period): 'quarter' | 'month' | 'day' {
  return within.type === 'year' || within.type === 'fiscal_year' ? 'quarter' : within.type === 'quarter' ? 'month' : 'day';
}

/** An event report as counted for coverage: any place, the sub-period of `within` it falls in. */
export function eventReport(r: Report, within: Period): Report {
  return { placeId: 0, placeLevel: 0, period: periodOfDate(r.period.start, eventSubPeriod(within)) };
}

/** Today as an ISO date (UTC); callers inject their own in tests. */
export const todayIso = (): string => new Date().toISOString().slice(0, 10);

/**
 * Coverage of `period` from the reports of it (`current`) and those expected (today: the
 * reports of `previous`, its previous comparable period). Null when nothing is expected:
 * coverage unknown, not invented.
 */
export function coverageOf(
  period: Period,
  previous: Period,
  expectedReports: readonly Report[],
  current: readonly Report[],
  today: string,
  events = false,
): Coverage | null {
  if (events) {
    const counted = coverageOf(
      period,
      previous,
      expectedReports.map((r) => eventReport(r, previous)),
      current.map((r) => eventReport(r, period)),
      today,
    );
    return counted && { ...counted, level: null, counted_period: eventSubPeriod(period) };
  }
  if (expectedReports.length === 0) return null;
  const expected = new Set<number>();
  let level: number | null = expectedReports[0]!.placeLevel;
  // Counted as places of one level only when every report is one place for the whole period.
  const sameKind = (r: Report, whole: Period) => {
    if (level !== null && (r.placeLevel !== level || r.period.type !== whole.type)) level = null;
  };
  for (const r of expectedReports) {
    expected.add(reportKey(r, previous));
    sameKind(r, previous);
  }
  const now = new Set<number>();
  let matched = 0;
  for (const r of current) {
    const k = reportKey(r, period);
    if (now.has(k)) continue;
    now.add(k);
    if (expected.has(k)) matched++;
    sameKind(r, period);
  }
  const periodEnded = period.end < today;
  return {
    reported: now.size,
    expected: expected.size,
    complete: matched >= expected.size && periodEnded,
    period_ended: periodEnded,
    level,
    counted_period: null,
  };
}
