/**
 * Coarse-level routing: when a query may read fact_coarse (record-fed facts summed per
 * department) instead of the leaf facts, because it gives exactly the same answer.
 */
import type { PlaceLevelColumn } from '../../db/schema.js';
import type { AnalyticsIndicator } from './analytics.repo.js';
import { placeColumn, type QueryContext } from './query-context.js';

/** Place-level columns the coarse level keeps. */
const COARSE_LEVELS: ReadonlySet<PlaceLevelColumn> = new Set(['p1', 'p2']);

/**
 * Whether the coarse level (fact_coarse) answers this indicator's query exactly as the leaf
 * facts would. It holds the facts of record-fed indicators (origin `records`, the only ones
 * written as deltas) summed per department with their period, start and end dates,
 * disaggregation and source kept, so it answers any period grouping or range (calendar or
 * fiscal) and any disaggregation, source or approved-only query of a sum indicator, grouped
 * by no finer a place level than departments and filtered by no finer a place or zone. The
 * rest — districts, leaf places, latest/average rules that need each reporting place — reads
 * the leaf facts.
 */
export function coarseAnswers(ctx: QueryContext, ind: AnalyticsIndicator, summed: boolean): boolean {
  if (!ctx.coarse || ind.origin !== 'records' || !summed) return false;
  const { placeLevel } = ctx.grouping;
  if (placeLevel !== null && !COARSE_LEVELS.has(placeColumn(placeLevel))) return false;
  const { subtree, zone } = ctx.scope;
  if (subtree && (subtree.leaf || !COARSE_LEVELS.has(subtree.column))) return false;
  if (zone && zone.some((z) => !COARSE_LEVELS.has(z.column))) return false;
  return true;
}
