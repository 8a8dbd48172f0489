/**
 * An indicator's values over a run of periods, as tables and charts show them: one analytics
 * query grouped by the periods' type where analytics can group by it, else one per period.
 */
import type { ProvenanceKind } from '../../core/aggregation.js';
import { fiscalSuffix, type Period } from '../../core/periods.js';
import type { GroupBy } from '../analytics/analytics-query.js';
import { queryAnalyticsResolved } from '../analytics/analytics-query.service.js';
import { analyticsFilters, figureValue } from './statement-figures.service.js';
import { indicatorOf, type FigureScope, type ReportContext } from './report-context.js';

export interface SeriesPoint {
  period: Period;
  value: number | null;
  provenance: ProvenanceKind[];
}

function groupingFor(p: Period): GroupBy | null {
  switch (p.type) {
    case 'year':
    case 'quarter':
    case 'month':
      return `period:${p.type}`;
    case 'fiscal_year':
      return `period:fy-${fiscalSuffix(p.fiscalStartMonth ?? 1).toLowerCase()}`;
    default:
      return null;
  }
}

/** The values of one scope in each period, in order; null where there are no data. */
export async function seriesValues(ctx: ReportContext, scope: FigureScope, periods: readonly Period[]): Promise<SeriesPoint[]> {
  const first = periods[0];
  const last = periods[periods.length - 1];
  if (!first || !last) return [];
  const by = groupingFor(first);
  if (!by) return Promise.all(periods.map(async (period) => ({ period, ...(await figureValue(ctx, scope, period)) })));
  const rows = await queryAnalyticsResolved(ctx.db, ctx.analytics, {
    ...analyticsFilters(ctx, scope),
    indicators: [indicatorOf(ctx, scope.indicator)],
    from: first.id,
    to: last.id,
    by: [by],
  });
  const byPeriod = new Map(rows.map((r) => [r.period, r]));
  return periods.map((period) => {
    const r = byPeriod.get(period.id);
    return { period, value: r?.value ?? null, provenance: r?.provenance ?? [] };
  });
}
