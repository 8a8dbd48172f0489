/** Comparisons: the value of one indicator in two periods, each taken as a whole, and the change. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { ProvenanceKind } from '../../core/aggregation.js';
import type { Coverage } from '../../core/coverage.js';
import type { ReadOptions } from './analytics-query.js';
import type { AnalyticsIndicator, PlaceRef } from './analytics.repo.js';
import { periodParam } from './query-context.js';
import { rootPlaces, type AnalyticsProgram } from './program-lookups.js';
import { assertOneSource } from './figure-source.js';
import { queryAnalyticsResolved } from './analytics-query.service.js';

export interface CompareSide {
  period: string;
  value: number | null;
  provenance: ProvenanceKind[];
  /** The value includes some contribution not yet approved. */
  unapproved: boolean;
  /** How much of what is expected for the period has been reported (see core/coverage.ts). */
  coverage: Coverage | null;
}

export interface Comparison {
  indicator: string;
  source: string | null;
  /** The place (or zone) code compared; the country when neither was given. */
  place: string;
  from: CompareSide;
  to: CompareSide;
  change: number | null;
  /** Unrounded percentage; null when `from` is 0 or either value is missing. */
  change_pct: number | null;
}

/** A comparison whose indicator and place are already resolved. */
export interface ResolvedCompare {
  indicator: AnalyticsIndicator;
  source?: string | undefined;
  place?: PlaceRef | undefined;
  zone?: string | undefined;
  disagg?: Record<string, string> | undefined;
  /** Each of `from` and `to` is a whole period; they need not be of the same type. */
  from: string;
  to: string;
  approvedOnly?: boolean | undefined;
}

/**
 * The value of one indicator in two periods, each taken as a whole range (e.g. `2011Oct` vs
 * `2012Oct`), and the change. Fails with a validation error listing the sources when the
 * indicator has several and none is given.
 */
export async function comparePeriodsResolved(
  db: Kysely<Database>,
  program: AnalyticsProgram,
  q: ResolvedCompare,
  opts: Pick<ReadOptions, 'today'> = {},
): Promise<Comparison> {
  const ind = q.indicator;
  assertOneSource(ind, q.source);
  periodParam('from', q.from);
  periodParam('to', q.to);
  const side = async (period: string): Promise<CompareSide> => {
    const rows = await queryAnalyticsResolved(
      db,
      program,
      {
        indicators: [ind],
        source: q.source,
        place: q.place,
        zone: q.zone,
        disagg: q.disagg,
        from: period,
        to: period,
        by: [],
        approvedOnly: q.approvedOnly,
      },
      { ...opts, coverage: true },
    );
    return {
      period,
      value: rows[0]?.value ?? null,
      provenance: rows[0]?.provenance ?? [],
      unapproved: rows[0]?.unapproved ?? false,
      coverage: rows[0]?.coverage ?? null,
    };
  };
  const from = await side(q.from);
  const to = await side(q.to);
  const change = from.value !== null && to.value !== null ? to.value - from.value : null;
  return {
    indicator: ind.code,
    source: q.source ?? ind.sources[0] ?? null,
    place: q.place?.code ?? q.zone ?? (await rootPlaceCode(db, program)),
    from,
    to,
    change,
    change_pct: change !== null && from.value ? (change / from.value) * 100 : null,
  };
}

async function rootPlaceCode(db: Kysely<Database>, program: AnalyticsProgram): Promise<string> {
  const roots = await rootPlaces(db, program);
  return roots.length === 1 ? roots[0]!.code : roots.map((r) => r.code).join(',');
}
