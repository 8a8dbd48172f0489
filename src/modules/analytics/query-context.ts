/**
 * The part of a query that does not depend on the indicator: its place, zone, period range and
 * disaggregation filters turned into a fact scope (checking the zone, periods and options it
 * names), its groupings parsed, and the period buckets shared by every indicator it reads.
 */
import type { Kysely } from 'kysely';
import { MAX_PLACE_LEVEL, type Database, type PlaceLevelColumn } from '../../db/schema.js';
import { notFound, validationError } from '../../core/errors.js';
import { disaggKey } from '../../core/disagg.js';
import { tryParsePeriod, type Period } from '../../core/periods.js';
import { parseGrouping, timeBucket, type Grouping } from '../../core/aggregation.js';
import { findDimensions, findZoneMembers, hasChildPlaces, type FactScope } from './analytics.repo.js';
import type { ReadOptions, ResolvedQuery } from './analytics-query.js';
import type { AnalyticsProgram } from './program-lookups.js';

type Db = Kysely<Database>;

/** Everything about a query that does not depend on the indicator. */
export interface QueryContext {
  program: AnalyticsProgram;
  /** Whether the coarse level may be read (ReadOptions.coarse). */
  coarse: boolean;
  grouping: Grouping;
  scope: Omit<FactScope, 'indicatorId' | 'sources'>;
  /** Parsed period ids and their buckets, shared by every indicator of the query. */
  periods: Map<string, Period | null>;
  buckets: Map<string, { period: Period; bucket: string } | null>;
}

export const placeColumn = (level: number): PlaceLevelColumn => `p${level}` as PlaceLevelColumn;

/** A period id a query names, or a validation error saying how periods are written. */
export function periodParam(column: 'from' | 'to' | 'period', id: string): Period {
  const p = tryParsePeriod(id);
  if (!p) {
    const reason = 'not a period: use 2012, 2012Q3, 201207, 20120315 or a fiscal year such as 2012Oct';
    throw validationError(`${column} "${id}" is ${reason}`, [{ column, value: id, reason }]);
  }
  return p;
}

/** Resolves the filters and groupings of a query into ids and dates, checking every code. */
export async function queryContext(db: Db, program: AnalyticsProgram, q: ResolvedQuery, opts: ReadOptions = {}): Promise<QueryContext> {
  const grouping = parseGrouping(q.by ?? [], MAX_PLACE_LEVEL);
  const scope: QueryContext['scope'] = { disagg: [], approvedOnly: q.approvedOnly === true };

  const place = q.place;
  if (place) {
    scope.subtree = { column: placeColumn(place.level), id: place.id, leaf: !(await hasChildPlaces(db, place.id)) };
  }
  if (q.zone) {
    const members = await findZoneMembers(db, program.id, q.zone);
    if (!members) throw notFound(`program ${program.code} has no zone "${q.zone}"`);
    const byLevel = new Map<number, number[]>();
    for (const m of members) byLevel.set(m.level, [...(byLevel.get(m.level) ?? []), m.id]);
    scope.zone = [...byLevel].map(([level, ids]) => ({ column: placeColumn(level), ids }));
  }
  const from = q.from ? periodParam('from', q.from) : null;
  const to = q.to ? periodParam('to', q.to) : null;
  if (from && to && from.start > to.end) {
    const reason = `${q.from} starts after ${q.to} ends`;
    throw validationError(`empty period range: ${reason}`, [{ column: 'from', value: q.from, reason }]);
  }
  scope.start = from?.start;
  scope.end = to?.end;

  const filter = q.disagg ?? {};
  // disaggKey checks the codes' spelling; the catalog check below says which one is unknown.
  disaggKey(filter);
  if (Object.keys(filter).length || grouping.dimensions.length) {
    const dims = await findDimensions(db, program.id);
    const issues = [];
    for (const [dim, opt] of Object.entries(filter)) {
      const options = dims.get(dim);
      if (!options) issues.push({ column: 'disagg', value: `${dim}=${opt}`, reason: `no dimension "${dim}" (${[...dims.keys()].join(', ') || 'none'})` });
      else if (!options.has(opt))
        issues.push({ column: 'disagg', value: `${dim}=${opt}`, reason: `"${opt}" is not an option of ${dim} (${[...options].join(', ')})` });
    }
    for (const dim of grouping.dimensions) {
      if (!dims.has(dim)) issues.push({ column: 'by', value: `disagg:${dim}`, reason: `no dimension "${dim}" (${[...dims.keys()].join(', ') || 'none'})` });
    }
    if (issues.length) throw validationError(`unknown disaggregation in the query`, issues);
    scope.disagg = Object.entries(filter).sort(([a], [b]) => a.localeCompare(b));
  }
  return { program, coarse: opts.coarse ?? true, grouping, scope, periods: new Map(), buckets: new Map() };
}

/** A period id parsed once per query. */
export function cachedPeriod(ctx: QueryContext, id: string): Period | null {
  let p = ctx.periods.get(id);
  if (p === undefined) {
    p = tryParsePeriod(id);
    ctx.periods.set(id, p);
  }
  return p;
}

/** The bucket of a fact's period, computed once per distinct period id of the query. */
export function bucketOfPeriod(ctx: QueryContext, id: string): { period: Period; bucket: string } | null {
  let b = ctx.buckets.get(id);
  if (b === undefined) {
    const period = cachedPeriod(ctx, id);
    const bucket = period ? timeBucket(period, ctx.grouping.time) : null;
    b = period && bucket !== null ? { period, bucket } : null;
    ctx.buckets.set(id, b);
  }
  return b;
}
