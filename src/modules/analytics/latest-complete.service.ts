/**
 * The latest complete year of a set of indicators: what a headline shows by default, so that a
 * year one department of eight has reported is never presented as the year's result unasked.
 */
import type { Kysely } from 'kysely';
import { todayIso } from '../../core/coverage.js';
import type { Database } from '../../db/schema.js';
import type { AnalyticsIndicator } from './analytics.repo.js';
import type { ReadOptions } from './analytics-query.js';
import type { AnalyticsProgram } from './program-lookups.js';
import { queryAnalyticsResolved } from './analytics-query.service.js';

/**
 * The latest calendar year that is over and complete for every series (indicator × source) of
 * `indicators`: each series with data that year is complete (or of unknown coverage: nothing
 * the year before), and no series with data the year before is missing. Null when no year is.
 */
export async function latestCompleteYear(
  db: Kysely<Database>,
  program: AnalyticsProgram,
  indicators: readonly AnalyticsIndicator[],
  approvedOnly: boolean,
  opts: Pick<ReadOptions, 'today'> = {},
): Promise<string | null> {
  if (indicators.length === 0) return null;
  const rows = await queryAnalyticsResolved(db, program, { indicators, by: ['period:year'], approvedOnly }, { ...opts, coverage: true });
  const series = new Map<string, Map<number, (typeof rows)[number]>>();
  for (const r of rows) {
    if (r.value === null || r.period === undefined) continue;
    const key = `${r.indicator}|${r.source ?? ''}`;
    const years = series.get(key) ?? new Map();
    years.set(Number(r.period), r);
    series.set(key, years);
  }
  const years = [...new Set([...series.values()].flatMap((s) => [...s.keys()]))].sort((a, b) => b - a);
  const today = opts.today ?? todayIso();
  for (const year of years) {
    if (`${year}-12-31` >= today) continue;
    // Unknown coverage (nothing the year before) is taken as it is; a missing series is not.
    const complete = [...series.values()].every((s) => {
      const row = s.get(year);
      return row ? (row.coverage?.complete ?? true) : !s.has(year - 1);
    });
    if (complete) return String(year);
  }
  return null;
}
