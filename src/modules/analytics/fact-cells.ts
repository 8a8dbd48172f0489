/**
 * The cells of an indicator read from the fact table (every origin but formulas): which fact
 * sources to read, the grouped SQL sums, and the time and place rules applied to them.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { validationError } from '../../core/errors.js';
import { parseDisagg } from '../../core/disagg.js';
import type { Period } from '../../core/periods.js';
import { aggregateObservations, provenanceOf, type Grouping, type Observation } from '../../core/aggregation.js';
import { aggregateFacts, type AnalyticsIndicator, type FactGrouping, type FactScope } from './analytics.repo.js';
import { bucketOfPeriod, placeColumn, type QueryContext } from './query-context.js';
import { coarseAnswers } from './coarse-level.js';
import { cellKey, type Cell } from './cell.js';

type Db = Kysely<Database>;

/** The fact sources to read for an indicator, and whether rows are split by (and name) them. */
export function sourcePlan(ind: AnalyticsIndicator, given: string | undefined, grouping: Grouping) {
  const several = ind.sources.length > 1;
  // '' names no source: for an indicator with several, that means all of them, split.
  const source = given || undefined;
  if (source !== undefined && !ind.sources.includes(source)) {
    const reason = ind.sources.length ? `not a source of ${ind.code} (${ind.sources.join(', ')})` : `${ind.code} has no named sources`;
    throw validationError(`source "${source}": ${reason}`, [{ column: 'source', value: source, reason }]);
  }
  const own = source ?? ind.sources[0] ?? '';
  // Values of a single-source indicator are stored under its name (values.service), so one
  // source is read, with `=`: a plain range of the fact key.
  const factSources = source === undefined && several ? ind.sources : [own];
  return { factSources, split: source === undefined && several, label: several || grouping.source ? own : undefined };
}

interface Group {
  cell: Cell;
  sum: number;
  obs: Observation[];
  counts: { n: number; n_derived: number; n_illustrative: number };
  unapproved: boolean;
}

/**
 * Aggregates one indicator from its facts. Sum-over-time-and-places indicators are grouped in
 * SQL (by the place-level column, period and disaggregation as needed) and only re-bucketed
 * here; the other rules need each reporting place's periods, so SQL groups by place and period
 * and the rules are applied here. The query first asks only whether each group holds anything
 * but approved, sourced data, and again with full counts only when one holds derived or
 * illustrative data (the flag alone says whether a group holds drafts).
 */
export async function factCells(db: Db, ctx: QueryContext, ind: AnalyticsIndicator, source: string | undefined): Promise<Cell[]> {
  const { grouping } = ctx;
  const plan = sourcePlan(ind, source, grouping);
  const summed = ind.agg_time === 'sum' && ind.agg_place === 'sum';
  const scope: FactScope = { ...ctx.scope, indicatorId: ind.id, sources: plan.factSources, coarse: coarseAnswers(ctx, ind, summed) };
  const level = grouping.placeLevel ? placeColumn(grouping.placeLevel) : null;
  const grouped: FactGrouping = {
    level,
    place: !summed,
    period: grouping.time !== null || !summed,
    coarsen: summed ? grouping.time : null,
    disagg: grouping.dimensions.length > 0,
    source: plan.split,
  };
  let rows = await aggregateFacts(db, scope, grouped, 'flag');
  const counted = rows.some((r) => Number(r.flags) >= 2);
  if (counted) rows = await aggregateFacts(db, scope, grouped, 'counts');

  const disaggCache = new Map<string, Record<string, string>>();
  const groups = new Map<string, Group>();
  for (const r of rows) {
    if (r.value === null) continue;
    let period: Period | null = null;
    let bucket = '';
    if (r.period !== undefined) {
      const b = bucketOfPeriod(ctx, r.period);
      if (!b) continue;
      ({ period, bucket } = b);
    }
    let options: Record<string, string> | undefined;
    if (r.disagg !== undefined) {
      options = disaggCache.get(r.disagg);
      if (!options) disaggCache.set(r.disagg, (options = r.disagg ? parseDisagg(r.disagg) : {}));
    }
    const source = plan.split ? (r.source ?? '') : plan.label;
    const dims = grouping.dimensions.map((d) => options?.[d] ?? null);
    const placeId = r.group_place ?? null;
    const place = placeId === null ? null : { id: placeId, code: r.place_code ?? '', name: r.place_name ?? '', level: r.place_level ?? 0 };
    const key = `${source ?? ''}|${cellKey({ placeId, bucket, dims })}`;
    let g = groups.get(key);
    if (!g) {
      g = {
        cell: { source, placeId, place, bucket, dims, value: null, provenance: [], unapproved: false },
        sum: 0,
        obs: [],
        counts: { n: 0, n_derived: 0, n_illustrative: 0 },
        unapproved: false,
      };
      groups.set(key, g);
    }
    g.sum += r.value;
    if (counted) {
      g.counts.n += r.n ?? 0;
      g.counts.n_derived += r.n_derived ?? 0;
      g.counts.n_illustrative += r.n_illustrative ?? 0;
      if (Number(r.n_unapproved) > 0) g.unapproved = true;
    } else if (Number(r.flags) === 1) g.unapproved = true;
    if (!summed && period && r.place_id !== undefined) g.obs.push({ place: r.place_id, period, value: r.value });
  }
  return [...groups.values()].map((g) => ({
    ...g.cell,
    value: summed ? g.sum : aggregateObservations(g.obs, ind.agg_time, ind.agg_place),
    // Without counts, the flags said every group holds sourced data only.
    provenance: counted ? provenanceOf(g.counts) : ['sourced'],
    unapproved: g.unapproved,
  }));
}
