/**
 * The life-of-program (LOP) columns of the tracking table: which LOP target applies to a fiscal
 * year (one whose span, core/lop-span.ts, overlaps it), and the cumulative actual from the span's
 * start through the end of the fiscal year, from the same analytics query as the table's other
 * actuals (approved data, the program's top-level place, aggregated over the whole range as the
 * indicator says: a sum, the latest, an average). One query per distinct range, so a program
 * whose LOP targets share one span costs one query.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Period } from '../../core/periods.js';
import { isLopSpan, lopRange, parseLopSpan } from '../../core/lop-span.js';
import type { IndicatorInfo } from '../catalog/catalog.repo.js';
import type { PlaceRef, TargetRow } from '../analytics/analytics.repo.js';
import { queryAnalyticsResolved } from '../analytics/analytics-query.service.js';
import type { AnalyticsProgram } from '../analytics/program-lookups.js';

type Db = Kysely<Database>;

/** The LOP target of a row for a fiscal year: one whose span overlaps the year (the latest to start, if several). */
export function lopTargetFor(own: readonly TargetRow[], year: Period): TargetRow | null {
  return own
    .filter((t) => t.kind === 'lop_target' && t.start_date <= year.end && t.end_date >= year.start)
    .reduce<TargetRow | null>((best, t) => (!best || t.start_date > best.start_date ? t : best), null);
}

/** A row that has an LOP target: its indicator, its source ('' for a single-source indicator) and the target. */
export interface LopNeed {
  indicator: IndicatorInfo;
  source: string;
  target: TargetRow;
}

/** Key of a cumulative actual: indicator code and row source. */
export const lopKey = (code: string, source: string): string => `${code}|${source}`;

/**
 * The cumulative actuals of the rows in `needs` through the end of `year`, by lopKey; a row
 * with no data in its range is absent (its actual is null, never 0).
 */
export async function lopActuals(
  db: Db,
  program: AnalyticsProgram,
  place: PlaceRef,
  needs: readonly LopNeed[],
  year: Period,
): Promise<Map<string, number | null>> {
  const byRange = new Map<string, { from: string; to: string; needs: LopNeed[] }>();
  for (const need of needs) {
    const span = parseLopSpan(need.target.period);
    const range = isLopSpan(span) ? lopRange(span, year.id, year.end) : null;
    if (!range) continue;
    const key = `${range.from}|${range.to}`;
    const group = byRange.get(key) ?? { ...range, needs: [] };
    group.needs.push(need);
    byRange.set(key, group);
  }
  const out = new Map<string, number | null>();
  for (const { from, to, needs: group } of byRange.values()) {
    const byCode = new Map(group.map((n) => [n.indicator.code, n.indicator]));
    const indicators = [...byCode.values()];
    const rows = await queryAnalyticsResolved(db, program, { indicators, place, approvedOnly: true, from, to });
    const wanted = new Set(group.map((n) => lopKey(n.indicator.code, n.source)));
    for (const r of rows) {
      const several = (byCode.get(r.indicator)?.sources.length ?? 0) > 1;
      const key = lopKey(r.indicator, several ? (r.source ?? '') : '');
      if (wanted.has(key)) out.set(key, r.value);
    }
  }
  return out;
}
