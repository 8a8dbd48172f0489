/**
 * The latest complete year of a set of indicators, calendar or fiscal: what a headline shows by
 * default, so that a year one department of eight has reported, or one quarter of a fiscal year,
 * is never presented as the year's result unasked.
 */
import type { Kysely } from 'kysely';
import { todayIso } from '../../core/coverage.js';
import { fiscalSuffix, parsePeriod, shiftPeriod } from '../../core/periods.js';
import type { Database } from '../../db/schema.js';
import type { AnalyticsIndicator } from './analytics.repo.js';
import type { GroupBy, ReadOptions } from './analytics-query.js';
import type { AnalyticsProgram } from './program-lookups.js';
import { queryAnalyticsResolved } from './analytics-query.service.js';

/** Calendar years, or fiscal years starting in `fiscalStartMonth` (10: 2012Oct = FY2013). */
export type YearKind = { kind: 'calendar' } | { kind: 'fiscal'; fiscalStartMonth: number };

const CALENDAR: YearKind = { kind: 'calendar' };

/** The analytics grouping of one kind of year: `period:year`, `period:fy-oct`. */
const grouping = (k: YearKind): GroupBy => (k.kind === 'calendar' ? 'period:year' : `period:fy-${fiscalSuffix(k.fiscalStartMonth).toLowerCase()}`);

/**
 * The latest year (period id: 2016, 2015Oct) that is over and complete for every series
 * (indicator × source) of `indicators`: each series with data that year is complete (or of
 * unknown coverage: nothing the year before), and no series with data the year before is
 * missing. Null when no year is.
 */
export async function latestCompletePeriod(
  db: Kysely<Database>,
  program: AnalyticsProgram,
  indicators: readonly AnalyticsIndicator[],
  approvedOnly: boolean,
  kind: YearKind = CALENDAR,
  opts: Pick<ReadOptions, 'today'> = {},
): Promise<string | null> {
  if (indicators.length === 0) return null;
  const rows = await queryAnalyticsResolved(db, program, { indicators, by: [grouping(kind)], approvedOnly }, { ...opts, coverage: true });
  const series = new Map<string, Map<string, (typeof rows)[number]>>();
  for (const r of rows) {
    if (r.value === null || r.period === undefined) continue;
    const key = `${r.indicator}|${r.source ?? ''}`;
    const years = series.get(key) ?? new Map();
    years.set(r.period, r);
    series.set(key, years);
  }
  const years = [...new Set([...series.values()].flatMap((s) => [...s.keys()]))].map(parsePeriod).sort((a, b) => b.start.localeCompare(a.start));
  const today = opts.today ?? todayIso();
  for (const year of years) {
    if (year.end >= today) continue;
    const before = shiftPeriod(year, -1).id;
    // Unknown coverage (nothing the year before) is taken as it is; a missing series is not.
    const complete = [...series.values()].every((s) => {
      const row = s.get(year.id);
      return row ? (row.coverage?.complete ?? true) : !s.has(before);
    });
    if (complete) return year.id;
  }
  return null;
}
