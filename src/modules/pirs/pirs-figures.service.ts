/**
 * The baseline, targets and latest actuals of indicators for the PIRS, read as `vigia progress`
 * and `vigia analytics` read them: actuals from the analytics query service for the program's
 * top-level place, approved data only (one query per kind of year for the whole book, and one
 * per period of any other kind), targets and baselines the stored rows that progress reads.
 * The PIRS tests compare every figure with the progress service.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { fiscalSuffix, parsePeriod, tryParsePeriod } from '../../core/periods.js';
import type { IndicatorInfo } from '../catalog/catalog.repo.js';
import type { PlaceRef, TargetRow } from '../analytics/analytics.repo.js';
import type { AnalyticsRow, GroupBy } from '../analytics/analytics-query.js';
import type { AnalyticsProgram } from '../analytics/program-lookups.js';
import { queryAnalyticsResolved } from '../analytics/analytics-query.service.js';
import { findPlaceTargets } from '../tracking/tracking.repo.js';
import type { PirsFigure, PirsSeries } from './pirs-book.js';

/** How many of the latest years with data a sheet shows. */
export const LATEST_YEARS = 3;

type Db = Kysely<Database>;

/** The source codes a series is made for: each of several, or '' for a single or unnamed one. */
const seriesSources = (ind: IndicatorInfo): string[] => (ind.sources.length > 1 ? ind.sources : ['']);

/** Targets and baselines of one series: its own source's, or unnamed ones for a single-source indicator, its own first (as progress reads them). */
function ownTargets(all: readonly TargetRow[], ind: IndicatorInfo, source: string): TargetRow[] {
  const own = ind.sources.length > 1 ? source : (ind.sources[0] ?? '');
  const accepted = new Set(ind.sources.length > 1 ? [own] : [own, '']);
  return all.filter((t) => t.indicator_id === ind.id && accepted.has(t.source)).sort((a, b) => Number(b.source === own) - Number(a.source === own));
}

const key = (code: string, source: string, period: string) => `${code}|${source}|${period}`;

/** The latest baseline that ends by `end` (progress's rule). */
function baselineBy(rows: readonly TargetRow[], end: string): TargetRow | null {
  return rows
    .filter((t) => t.kind === 'baseline' && t.end_date <= end)
    .reduce<TargetRow | null>((best, t) => (!best || t.end_date > best.end_date ? t : best), null);
}

/**
 * The figures of each indicator (by code) for the sheet: the periods of its baselines and
 * targets and its latest years with data — in calendar years when it sets a target or baseline
 * by calendar year (or the program's year is the calendar year), fiscal years otherwise.
 */
export async function pirsFigures(db: Db, program: AnalyticsProgram, fiscalStartMonth: number, place: PlaceRef, indicators: readonly IndicatorInfo[]) {
  const out = new Map<string, PirsSeries[]>();
  if (indicators.length === 0) return out;
  const fiscal: GroupBy | null = fiscalStartMonth === 1 ? null : `period:fy-${fiscalSuffix(fiscalStartMonth).toLowerCase()}`;
  const base = { indicators, place, approvedOnly: true };
  const [targets, calendarRows, fiscalRows] = await Promise.all([
    findPlaceTargets(
      db,
      indicators.map((i) => i.id),
      place.id,
    ),
    queryAnalyticsResolved(db, program, { ...base, by: ['period:year'] }),
    fiscal ? queryAnalyticsResolved(db, program, { ...base, by: [fiscal] }) : Promise.resolve([]),
  ]);
  const sourceOf = (r: AnalyticsRow) => ((program.indicators?.get(r.indicator)?.sources.length ?? 0) > 1 ? (r.source ?? '') : '');
  const rows = new Map<string, AnalyticsRow>();
  for (const r of [...calendarRows, ...fiscalRows]) if (r.period) rows.set(key(r.indicator, sourceOf(r), r.period), r);

  // Targets of another kind of period (a quarter, a month) are read one by one.
  const yearly = (id: string) => ['year', 'fiscal_year'].includes(parsePeriod(id).type);
  const others = [...new Set(targets.filter((t) => !yearly(t.period)).map((t) => t.period))];
  for (const period of others) {
    for (const r of await queryAnalyticsResolved(db, program, { ...base, from: period, to: period })) rows.set(key(r.indicator, sourceOf(r), period), r);
  }

  for (const ind of indicators) {
    out.set(
      ind.code,
      seriesSources(ind).map((source): PirsSeries => {
        const own = ownTargets(targets, ind, source);
        const calendar = fiscal === null || own.some((t) => parsePeriod(t.period).type === 'year');
        const withData = [...(calendar ? calendarRows : fiscalRows)]
          .filter((r) => r.indicator === ind.code && sourceOf(r) === source && r.value !== null && r.period)
          .map((r) => r.period!)
          .sort((a, b) => parsePeriod(a).start.localeCompare(parsePeriod(b).start))
          .slice(-LATEST_YEARS);
        const periods = new Map<string, PirsFigure['kinds']>();
        const mark = (p: string, k: PirsFigure['kinds'][number]) => periods.set(p, [...(periods.get(p) ?? []), k]);
        for (const t of own) if (t.kind !== 'lop_target' && tryParsePeriod(t.period)) mark(t.period, t.kind);
        for (const p of withData) mark(p, 'actual');
        const ordered = [...periods.keys()].sort((a, b) => {
          const [pa, pb] = [parsePeriod(a), parsePeriod(b)];
          return pa.start.localeCompare(pb.start) || pa.end.localeCompare(pb.end);
        });
        const figures = ordered.map((period): PirsFigure => {
          const row = rows.get(key(ind.code, source, period));
          const actual = row?.value ?? null;
          const target = own.find((t) => t.kind === 'target' && t.period === period)?.value ?? null;
          const baseline = own.find((t) => t.kind === 'baseline' && t.period === period)?.value ?? null;
          return {
            period,
            kinds: [...new Set(periods.get(period))],
            baseline,
            target,
            actual,
            pct_of_target: actual !== null && target ? (actual / target) * 100 : null,
            provenance: row?.provenance ?? [],
          };
        });
        const last = ordered.at(-1);
        const latestBaseline = last ? baselineBy(own, parsePeriod(last).end) : null;
        return { source, baseline: latestBaseline ? { period: latestBaseline.period, value: latestBaseline.value } : null, figures };
      }),
    );
  }
  return out;
}
