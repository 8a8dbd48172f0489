/**
 * The query service: indicators aggregated from the live fact table into rows, for a query
 * whose codes are already resolved. Reports and other in-process callers that hold the
 * program's catalog call it directly; analytics.service.ts resolves codes (HTTP, the CLI) and
 * calls it too.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { AnalyticsIndicator } from './analytics.repo.js';
import type { AnalyticsRow, ReadOptions, ResolvedQuery } from './analytics-query.js';
import type { AnalyticsProgram } from './program-lookups.js';
import { cachedPeriod, queryContext, type QueryContext } from './query-context.js';
import { indicatorCells } from './indicator-cells.js';
import type { Cell } from './cell.js';
import type { Coverage } from '../../core/coverage.js';
import { cellCoverage } from './row-coverage.js';

/** One indicator's cells as rows, in order: source, place code, period start, then options. */
function indicatorRows(ctx: QueryContext, ind: AnalyticsIndicator, cells: readonly Cell[], coverage: readonly (Coverage | null)[]): AnalyticsRow[] {
  const { grouping } = ctx;
  const sortKey = (c: Cell): string[] => [
    c.source === undefined ? '' : String(ind.sources.indexOf(c.source) + 1).padStart(4, '0') + c.source,
    c.place?.code ?? '',
    c.bucket ? (cachedPeriod(ctx, c.bucket)?.start ?? c.bucket) : '',
    // Not split by a dimension sorts after its options.
    ...c.dims.map((d) => (d === null ? '\uffff' : d)),
  ];
  const keyed = cells.map((c, i) => ({ c, k: sortKey(c), coverage: coverage[i] ?? null }));
  keyed.sort((a, b) => {
    for (let i = 0; i < a.k.length; i++) {
      // Code-point order: codes are ASCII, and '\uffff' must sort last.
      const x = a.k[i] ?? '';
      const y = b.k[i] ?? '';
      if (x !== y) return x < y ? -1 : 1;
    }
    return 0;
  });
  return keyed.map(({ c, coverage }) => {
    const { place } = c;
    return {
      indicator: ind.code,
      ...(c.source !== undefined ? { source: c.source } : {}),
      ...(place ? { place: { code: place.code, name: place.name, level: place.level } } : {}),
      ...(grouping.time ? { period: c.bucket } : {}),
      ...(grouping.dimensions.length ? { disagg: Object.fromEntries(grouping.dimensions.map((d, i) => [d, c.dims[i] ?? null])) } : {}),
      value: c.value,
      provenance: c.provenance,
      unapproved: c.unapproved,
      coverage,
    };
  });
}

/**
 * Aggregates already-resolved indicators of `program` from the live fact table (the rules are
 * those of `queryAnalytics` in analytics.service.ts). The zone, periods, disaggregation and
 * sources are checked here; the indicators and place are taken as given.
 */
export async function queryAnalyticsResolved(
  db: Kysely<Database>,
  program: AnalyticsProgram,
  q: ResolvedQuery,
  opts: ReadOptions = {},
): Promise<AnalyticsRow[]> {
  const ctx = await queryContext(db, program, q, opts);
  const perIndicator: { ind: AnalyticsIndicator; cells: Cell[] }[] = [];
  for (const ind of q.indicators) perIndicator.push({ ind, cells: await indicatorCells(db, ctx, ind, q.source, 0) });
  const coverage = opts.coverage ? await cellCoverage(db, ctx, q, perIndicator, opts.today) : [];
  return perIndicator.flatMap(({ ind, cells }, i) => indicatorRows(ctx, ind, cells, coverage[i] ?? []));
}
