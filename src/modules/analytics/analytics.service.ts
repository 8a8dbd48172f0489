/**
 * Live analytics by code, as HTTP and the CLI ask for it: indicator values aggregated from the
 * fact table up the place tree and across periods, comparisons of two periods, and progress
 * against targets. Resolves the codes (analytics-codes.ts) and hands the query to the services
 * that take resolved ids, which reports call directly. Reads only the fact table (kept
 * current by every write), never the raw data values.
 *
 * Rules: sources are never added together (an indicator with several is split by source); a
 * fact counts towards a period bucket only when it lies wholly inside it; time and place rules
 * follow the indicator (`agg_time`, `agg_place`); formula indicators are computed from the
 * aggregates of the indicators they name, group by group.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { AnalyticsRow, ReadOptions, ResolvedQuery } from './analytics-query.js';
import { queryAnalyticsResolved } from './analytics-query.service.js';
import { comparePeriodsResolved, type Comparison, type ResolvedCompare } from './analytics-compare.service.js';
import { progressAgainstTargetResolved, type Progress, type ResolvedProgress } from './analytics-progress.service.js';
import { requireFigureIndicator, requireIndicators, resolvePlace } from './analytics-codes.js';
import { periodParam } from './query-context.js';

export type { AnalyticsRow, GroupBy, ReadOptions, ResolvedQuery } from './analytics-query.js';
export type { CompareSide, Comparison } from './analytics-compare.service.js';
export type { Progress } from './analytics-progress.service.js';

type Db = Kysely<Database>;

export interface AnalyticsQuery extends Omit<ResolvedQuery, 'indicators' | 'place'> {
  /** Program code. */
  program: string;
  /** Indicator codes; rows come in this order. */
  indicators: string[];
  /** Place code: that place and everything below it. */
  place?: string | undefined;
}

/**
 * Aggregates indicators from the live fact table.
 *
 * - Without a period grouping the whole `from`..`to` range (or all time) is one bucket; with
 *   one, a fact counts only in the bucket that wholly contains it (a yearly value has no
 *   quarter). `period:fy-oct` groups by fiscal years starting in October whatever the
 *   program's own calendar.
 * - `place-level:N` groups by the ancestor at level N; facts of places above level N have no
 *   such ancestor and are left out of that grouping (`place-level:1` includes everything).
 * - `disagg:DIM` splits by the option of DIM; facts not split by DIM form a group with null.
 *   Without it, all facts are added whatever their disaggregation.
 * - An indicator with several sources and no `source` gives rows per source; sources are never
 *   added together.
 * - Record-fed sum indicators are read from the coarse fact level when the query groups and
 *   filters no finer than departments (same answer, far fewer rows); `opts.coarse: false`
 *   reads the leaf facts only.
 */
export async function queryAnalytics(db: Db, q: AnalyticsQuery, opts: ReadOptions = {}): Promise<{ rows: AnalyticsRow[] }> {
  const { program, indicators } = await requireIndicators(db, q.program, q.indicators);
  const place = await resolvePlace(db, program, q.place);
  return { rows: await queryAnalyticsResolved(db, program, { ...q, indicators, place }, opts) };
}

export interface CompareQuery extends Omit<ResolvedCompare, 'indicator' | 'place'> {
  program: string;
  indicator: string;
  place?: string | undefined;
}

/**
 * The value of one indicator in two periods, each taken as a whole range (e.g. `2011Oct` vs
 * `2012Oct`), and the change. Fails with a validation error listing the sources when the
 * indicator has several and none is given.
 */
export async function comparePeriods(db: Db, q: CompareQuery, opts: Pick<ReadOptions, 'today'> = {}): Promise<Comparison> {
  const { program, ind } = await requireFigureIndicator(db, q.program, q.indicator, q.source);
  periodParam('from', q.from);
  periodParam('to', q.to);
  const place = await resolvePlace(db, program, q.place);
  const comparison = await comparePeriodsResolved(db, program, { ...q, indicator: ind, place }, opts);
  // The place is named as asked, even when empty (no place: the whole program).
  return q.place !== undefined ? { ...comparison, place: q.place } : comparison;
}

export interface ProgressQuery extends Omit<ResolvedProgress, 'indicator' | 'place'> {
  program: string;
  indicator: string;
  /** Place code; the country when absent. */
  place?: string | undefined;
}

/**
 * The actual value of one period against the target set for exactly that period and place,
 * with the latest baseline that ends by the period's end. Targets are read for the indicator's
 * source (or '' for an unnamed or only source), not disaggregated.
 */
export async function progressAgainstTarget(db: Db, q: ProgressQuery): Promise<Progress> {
  const { program, ind } = await requireFigureIndicator(db, q.program, q.indicator, q.source);
  periodParam('period', q.period);
  const place = await resolvePlace(db, program, q.place);
  return progressAgainstTargetResolved(db, program, { ...q, indicator: ind, place });
}
