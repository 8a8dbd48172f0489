/**
 * Coverage of each aggregated cell of a query (see src/core/coverage.ts): the reports of its
 * period against those of the previous comparable period, read for the whole query in one
 * grouped query of the leaf facts. A cell's period is its bucket, or, without a period
 * grouping, the one period a query names as both `from` and `to`; other cells, and formula
 * indicators, have no coverage (null). Record-fed indicators are event data: they count the
 * sub-periods (quarters of a year, …) with any record, program-wide (see core/coverage.ts).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { periodWithin, type Period } from '../../core/periods.js';
import { coverageOf, previousComparable, todayIso, type Coverage, type Report } from '../../core/coverage.js';
import { findReports, type AnalyticsIndicator } from './analytics.repo.js';
import { bucketOfPeriod, cachedPeriod, placeColumn, type QueryContext } from './query-context.js';
import type { ResolvedQuery } from './analytics-query.js';
import { sourcePlan } from './fact-cells.js';
import { coarseAnswers } from './coarse-level.js';
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
  // Cells share few periods: each period and the one before it, worked out once.
  const spansById = new Map<string, { period: Period; previous: Period } | null>();
  const spanOf = (period: Period) => {
    let span = spansById.get(period.id);
    if (span === undefined) {
      const previous = previousComparable(period);
      spansById.set(period.id, (span = previous ? { period, previous } : null));
    }
    return span;
  };
  const wanted = perIndicator.map(({ ind, cells }) =>
    cells.map((cell) => {
      if (ind.origin === 'formula') return null;
      const period = cellPeriod(ctx, q, cell);
      return period && spanOf(period);
    }),
  );
  const spans = wanted.flat().filter((w) => w !== null);
  if (spans.length === 0) return wanted.map((cells) => cells.map(() => null));
  const start = spans.reduce((m, w) => (w.previous.start < m ? w.previous.start : m), spans[0]!.previous.start);
  const end = spans.reduce((m, w) => (w.period.end > m ? w.period.end : m), spans[0]!.period.end);
  const level = ctx.grouping.placeLevel ? placeColumn(ctx.grouping.placeLevel) : null;
  // Record-fed indicators are read by department (fewer rows), from the coarse level where it answers.
  const read = perIndicator.filter(({ ind }) => ind.origin !== 'formula').map(({ ind }) => ind);
  const how = (ind: AnalyticsIndicator) =>
    ind.origin !== 'records' ? 'leaf' : coarseAnswers(ctx, ind, ind.agg_time === 'sum' && ind.agg_place === 'sum') ? 'coarse' : 'departments';
  const scope = { ...ctx.scope, start, end };
  const rows = [];
  for (const mode of ['leaf', 'departments', 'coarse'] as const) {
    const ids = [...new Set(read.filter((ind) => how(ind) === mode).map((ind) => ind.id))];
    rows.push(...(await findReports(db, ids, scope, level, mode)));
  }

  // Reports by indicator, source, group place and period (the bucket, or which of the one
  // period and the one before), so that each report is looked at once.
  const single = ctx.grouping.time ? null : spans[0]!;
  const byCell = new Map<string, Report[]>();
  const events = new Set(read.filter((ind) => ind.origin === 'records').map((ind) => ind.id));
  for (const r of rows) {
    const period = cachedPeriod(ctx, r.period);
    if (!period) continue;
    let at: string | null;
    if (single) at = periodWithin(period, single.period) ? single.period.id : periodWithin(period, single.previous) ? single.previous.id : null;
    else at = bucketOfPeriod(ctx, r.period)?.bucket ?? null;
    if (at === null) continue;
    const key = `${r.indicator_id}|${r.source}|${events.has(r.indicator_id) ? '' : (r.group_place ?? '')}|${at}`;
    const report = { placeId: r.place_id, placeLevel: r.place_level, period };
    const list = byCell.get(key);
    if (list) list.push(report);
    else byCell.set(key, [report]);
  }
  return perIndicator.map(({ ind, cells }, i) => {
    const plan = ind.origin === 'formula' ? null : sourcePlan(ind, q.source, ctx.grouping);
    return cells.map((cell, j) => {
      const w = wanted[i]![j];
      if (!w || !plan) return null;
      // Not split by source: the indicator's one fact source.
      const source = plan.split ? (cell.source ?? '') : (plan.factSources[0] ?? '');
      const isEvents = events.has(ind.id);
      const prefix = `${ind.id}|${source}|${level && !isEvents ? (cell.placeId ?? '') : ''}|`;
      return coverageOf(w.period, w.previous, byCell.get(prefix + w.previous.id) ?? [], byCell.get(prefix + w.period.id) ?? [], today, isEvents);
    });
  });
}
