/** Progress: the actual value of one period against the target and baseline set for it. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { validationError } from '../../core/errors.js';
import { findTargets, type AnalyticsIndicator, type PlaceRef } from './analytics.repo.js';
import { periodParam } from './query-context.js';
import { rootPlaces, type AnalyticsProgram } from './program-lookups.js';
import { assertOneSource } from './figure-source.js';
import { queryAnalyticsResolved } from './analytics-query.service.js';

export interface Progress {
  indicator: string;
  source: string | null;
  place: string;
  period: string;
  direction: 'up' | 'down' | 'none';
  actual: number | null;
  target: number | null;
  baseline: { period: string; value: number } | null;
  /** Unrounded: actual / target × 100. */
  pct_of_target: number | null;
  /** Up: actual ≥ target; down: actual ≤ target; null without a direction, actual or target. */
  on_track: boolean | null;
}

/** A progress figure whose indicator and place are already resolved. */
export interface ResolvedProgress {
  indicator: AnalyticsIndicator;
  source?: string | undefined;
  /** The country when absent. */
  place?: PlaceRef | undefined;
  period: string;
  approvedOnly?: boolean | undefined;
}

/** The program's one top-level place, or a validation error asking for a place. */
export async function countryOf(db: Kysely<Database>, program: AnalyticsProgram): Promise<PlaceRef> {
  const roots = await rootPlaces(db, program);
  if (roots.length !== 1) {
    const reason = `the program has ${roots.length} top-level places (${roots.map((r) => r.code).join(', ')}): name one`;
    throw validationError(reason, [{ column: 'place', reason }]);
  }
  return roots[0]!;
}

/**
 * The actual value of one period against the target set for exactly that period and place,
 * with the latest baseline that ends by the period's end. Targets are read for the indicator's
 * source (or '' for an unnamed or only source), not disaggregated.
 */
export async function progressAgainstTargetResolved(db: Kysely<Database>, program: AnalyticsProgram, q: ResolvedProgress): Promise<Progress> {
  const ind = q.indicator;
  assertOneSource(ind, q.source);
  const period = periodParam('period', q.period);
  const place = q.place ?? (await countryOf(db, program));
  const rows = await queryAnalyticsResolved(db, program, {
    indicators: [ind],
    source: q.source,
    place,
    from: period.id,
    to: period.id,
    approvedOnly: q.approvedOnly,
  });
  const actual = rows[0]?.value ?? null;
  const source = q.source ?? ind.sources[0] ?? '';
  // Targets of a single-source indicator may be stored unnamed (''); with several sources, each
  // target names its own. A row for the exact source wins over an unnamed one.
  const stored = await findTargets(db, ind.id, place.id, ind.sources.length > 1 ? [source] : [...new Set([source, ''])]);
  const bySource = [...stored].sort((a, b) => Number(b.source === source) - Number(a.source === source));
  const target = bySource.find((t) => t.kind === 'target' && t.period === period.id)?.value ?? null;
  const baselines = bySource.filter((t) => t.kind === 'baseline' && t.end_date <= period.end);
  const baseline = baselines.reduce<(typeof baselines)[number] | null>((best, t) => (!best || t.end_date > best.end_date ? t : best), null);
  const ratio = actual !== null && target ? (actual / target) * 100 : null;
  const onTrack = actual === null || target === null || ind.direction === 'none' ? null : ind.direction === 'up' ? actual >= target : actual <= target;
  return {
    indicator: ind.code,
    source: source || null,
    place: place.code,
    period: period.id,
    direction: ind.direction,
    actual,
    target,
    baseline: baseline ? { period: baseline.period, value: baseline.value } : null,
    pct_of_target: ratio,
    on_track: onTrack,
  };
}
