/**
 * Coverage of each aggregated cell of a query (see src/core/coverage.ts): the reports of its
 * period against those of the previous comparable period, read for the whole query in one
 * grouped query of the leaf facts. A cell's period is its bucket, or, without a period
 * grouping, the one period a query names as both `from` and `to`; other cells, and formula
 * indicators, have no coverage (null).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { periodWithin, type Period } from '../../core/periods.js';
import { coverageOf, previousComparable, todayIso, type Coverage, type Report } from '../../core/coverage.js';
import { findReports, type AnalyticsIndicator, type ReportRow } from './analytics.repo.js';
import { cachedPeriod, placeColumn, type QueryContext } from './query-context.js';
import type { ResolvedQuery } from './analytics-query.js';
import { sourcePlan } from './fact-cells.js';
import type { Cell } from './cell.js';

/** The period a cell covers, or null when it is not one period. */
function cellPeriod(ctx: QueryContext, q: ResolvedQuery, cell: Cell): Period | null {
  if (ctx.grouping.time) return cachedPeriod(ctx, cell.bucket);
  return q.from !== undefined && q.from === q.to ? cachedPeriod(ctx, q.from) : null;
}

/**
 * Each cell's coverage, in the order given. `today` (an ISO date) decides whether a period is
 * over; approved-only queries count approved reports only (the scope says so).
 */
export async function cellCoverage(
  db: Kysely<Database>,
  ctx: QueryContext,
  q: ResolvedQuery,
  perIndicator: readonly { ind: AnalyticsIndicator; cells: readonly Cell[] }[],
  today: string = todayIso(),
): Promise<(Coverage | null)[][]> {
  const wanted = perIndicator.map(({ ind, cells }) =>
    cells.map((cell) => {
      if (ind.origin === 'formula') return null;
      const period = cellPeriod(ctx, q, cell);
      const previous = period && previousComparable(period);
      return period && previous ? { period, previous } : null;
    }),
  );
  const spans = wanted.flat().filter((w) => w !== null);
  if (spans.length === 0) return wanted.map((cells) => cells.map(() => null));
  const start = spans.reduce((m, w) => (w.previous.start < m ? w.previous.start : m), spans[0]!.previous.start);
  const end = spans.reduce((m, w) => (w.period.end > m ? w.period.end : m), spans[0]!.period.end);
  const level = ctx.grouping.placeLevel ? placeColumn(ctx.grouping.placeLevel) : null;
  const ids = [...new Set(perIndicator.filter(({ ind }) => ind.origin !== 'formula').map(({ ind }) => ind.id))];
  const rows = await findReports(db, ids, { ...ctx.scope, start, end }, level);

  // Reports by indicator and group place, so each cell looks at its own only.
  const byGroup = new Map<string, ReportRow[]>();
  for (const r of rows) {
    const key = `${r.indicator_id}|${r.group_place ?? ''}`;
    const list = byGroup.get(key);
    if (list) list.push(r);
    else byGroup.set(key, [r]);
  }
  return perIndicator.map(({ ind, cells }, i) => {
    const plan = ind.origin === 'formula' ? null : sourcePlan(ind, q.source, ctx.grouping);
    return cells.map((cell, j) => {
      const w = wanted[i]![j];
      if (!w || !plan) return null;
      const expected: Report[] = [];
      const current: Report[] = [];
      for (const r of byGroup.get(`${ind.id}|${level ? (cell.placeId ?? '') : ''}`) ?? []) {
        if (plan.split ? r.source !== cell.source : !plan.factSources.includes(r.source)) continue;
        const period = cachedPeriod(ctx, r.period);
        if (!period) continue;
        const report = { placeId: r.place_id, placeLevel: r.place_level, period };
        if (periodWithin(period, w.period)) current.push(report);
        else if (periodWithin(period, w.previous)) expected.push(report);
      }
      return coverageOf(w.period, expected, current, today);
    });
  });
}
