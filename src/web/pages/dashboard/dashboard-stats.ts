/**
 * Pure arithmetic of the dashboard: which indicators get a card, the series of each card from
 * analytics rows, the latest value and its change on the previous year, and progress to target.
 * No React here, so it is unit-tested on its own.
 */
import type { AnalyticsRow, Indicator } from '../../api/types';

export type YearKind = 'calendar' | 'fiscal';
export type Provenance = AnalyticsRow['provenance'][number];
export type Coverage = AnalyticsRow['coverage'];

/** Indicators that always get a card when the reader may see them (most important first). */
export const KEY_INDICATORS = [
  'ERAD_HA',
  'COCA_HA',
  'SEIZ_COCAINE_KG',
  'SEIZ_PRECURSOR_T',
  'ERAD_OPS_HA',
  'SEIZ_REC_COCAINE_KG',
  'TRAIN_PARTICIPANTS',
  'TREAT_ADMISSIONS',
];

/** Indicators with a trend chart of actual against baseline and target. */
export const TREND_INDICATORS = ['ERAD_HA', 'SEIZ_COCAINE_KG', 'SEIZ_PRECURSOR_T', 'ERAD_OPS_HA'];

/** The indicator whose sources are compared side by side. */
export const CULTIVATION = 'COCA_HA';

export interface CardDef {
  /** data-testid suffix: the indicator code, plus `-SOURCE` for an indicator with sources. */
  id: string;
  indicator: Indicator;
  /** '' for an indicator without sources. */
  source: string;
}

export interface Point {
  period: string;
  value: number | null;
  provenance: Provenance[];
  /** How much of the period is reported; null when unknown (then taken as complete). */
  coverage: Coverage;
}

/** Sources in display order: the US government estimate first, then the others by name. */
export function orderSources(sources: readonly string[]): string[] {
  return [...sources].sort((a, b) => (a === 'USG' ? -1 : b === 'USG' ? 1 : a.localeCompare(b)));
}

/** The cards: key indicators, then any other indicator that has a target, one per source. */
export function cardDefs(indicators: readonly Indicator[]): CardDef[] {
  const byCode = new Map(indicators.map((i) => [i.code, i]));
  const codes = [...KEY_INDICATORS.filter((c) => byCode.has(c))];
  for (const i of indicators) if (!codes.includes(i.code) && i.targets.some((t) => t.kind === 'target')) codes.push(i.code);
  const defs: CardDef[] = [];
  for (const code of codes) {
    const indicator = byCode.get(code);
    if (!indicator) continue;
    if (indicator.sources.length === 0) defs.push({ id: code, indicator, source: '' });
    else for (const source of orderSources(indicator.sources)) defs.push({ id: `${code}-${source}`, indicator, source });
  }
  return defs;
}

/** The rows of one indicator and source, in period order. */
export function series(rows: readonly AnalyticsRow[], indicator: string, source: string): Point[] {
  return rows
    .filter((r) => r.indicator === indicator && (r.source ?? '') === source && r.period !== undefined)
    .map((r) => ({ period: r.period ?? '', value: r.value, provenance: r.provenance, coverage: r.coverage ?? null }))
    .sort((a, b) => a.period.localeCompare(b.period));
}

/** The year number of a period id: 2012 → 2012; fiscal 2012Oct → 2013 (US FY2013). */
export function periodYear(period: string): number {
  const year = Number(period.slice(0, 4));
  return /^\d{4}[A-Za-z]+$/.test(period) ? year + 1 : year;
}

/** The same kind of period one year earlier: 2012 → 2011, 2012Oct → 2011Oct. */
export function previousPeriod(period: string): string {
  return `${Number(period.slice(0, 4)) - 1}${period.slice(4)}`;
}

/** A year as the API's period id of the chosen kind: FY2013 is 2012Oct. */
export function yearToPeriod(year: number, kind: YearKind): string {
  return kind === 'fiscal' ? `${year - 1}Oct` : String(year);
}

/** True when a period id is of the chosen kind of year. */
export function isKind(period: string, kind: YearKind): boolean {
  return kind === 'fiscal' ? /^\d{4}Oct$/.test(period) : /^\d{4}$/.test(period);
}

/** A point is partial when its coverage says so; a point without coverage counts as complete. */
export function isPartial(point: Pick<Point, 'coverage'>): boolean {
  return point.coverage ? !point.coverage.complete : false;
}

export interface Latest {
  point: Point;
  previous: Point | undefined;
  change: number | null;
  /** Percent change; null when the previous value is 0 or missing. */
  changePct: number | null;
  /** The headline period is partial (shown only when asked for): its figures carry the mark. */
  partial: boolean;
  /** A later partial period left out of the headline, for a hint that it exists. */
  laterPartial: Point | undefined;
}

export interface HeadlineChoice {
  /** The reader asked for partial periods (the "include partial periods" control). */
  includePartial?: boolean;
  /** The filter's "to" period: a partial period that is this one was asked for by name. */
  to?: string;
}

/**
 * The headline: the latest COMPLETE period with a value, and its change on the period a year
 * before. A partial period heads only when asked for (`includePartial`, or it is the `to`
 * period), and is then marked `partial`; later partial periods left out are named in `laterPartial`.
 */
export function latest(points: readonly Point[], choice: HeadlineChoice = {}): Latest | undefined {
  const withValue = points.filter((p) => p.value !== null);
  const asked = (p: Point) => choice.includePartial === true || (choice.to !== undefined && p.period === choice.to);
  const shown = withValue.filter((p) => !isPartial(p) || asked(p));
  const point = shown[shown.length - 1];
  if (!point || point.value === null) return undefined;
  const laterPartial = partialAfter(points, point.period);
  const previous = withValue.find((p) => p.period === previousPeriod(point.period));
  const change = previous?.value != null ? point.value - previous.value : null;
  const changePct = change !== null && previous?.value ? (change / Math.abs(previous.value)) * 100 : null;
  return { point, previous, change, changePct, partial: isPartial(point), laterPartial };
}

/** The latest partial period with a value after `period` (any, without one): what a headline left out. */
export function partialAfter(points: readonly Point[], period?: string): Point | undefined {
  return points.filter((p) => p.value !== null && isPartial(p) && (period === undefined || p.period > period)).at(-1);
}

/**
 * Every year from the first to the last period given, each with its point or null: a year
 * without data is a gap on the chart's axis, not skipped (2008 → 2010 leaves 2009 empty).
 */
export function yearAxis(periods: readonly string[], kind: YearKind): string[] {
  const years = periods.filter((p) => isKind(p, kind)).map(periodYear);
  if (years.length === 0) return [];
  const first = Math.min(...years);
  const last = Math.max(...years);
  const axis: string[] = [];
  for (let y = first; y <= last; y++) axis.push(yearToPeriod(y, kind));
  return axis;
}

export interface TargetPoint {
  period: string;
  value: number;
}

export interface Progress {
  target: TargetPoint;
  baseline: TargetPoint | undefined;
  /** Percent of the way from the baseline to the target (or of the target, without a baseline). */
  percent: number;
  fromBaseline: boolean;
}

/** Baselines and targets of an indicator for one place and source, of the chosen kind of year. */
export function targetsOf(indicator: Indicator, place: string, source: string, kind: YearKind): { baselines: TargetPoint[]; targets: TargetPoint[] } {
  const mine = indicator.targets.filter((t) => t.place === place && (t.source ?? '') === source && (t.disagg ?? '') === '' && isKind(t.period, kind));
  const pick = (k: string) =>
    mine
      .filter((t) => t.kind === k)
      .map((t) => ({ period: t.period, value: t.value }))
      .sort((a, b) => a.period.localeCompare(b.period));
  return { baselines: pick('baseline'), targets: pick('target') };
}

/**
 * Progress of `value` (in `period`) to the first target not before it (else the last target):
 * with a baseline, the share of the distance from baseline to target covered, which also holds
 * for indicators where down is good; without one, the value as a share of the target.
 */
export function progress(value: number, period: string, baselines: readonly TargetPoint[], targets: readonly TargetPoint[]): Progress | undefined {
  const target = targets.find((t) => periodYear(t.period) >= periodYear(period)) ?? targets[targets.length - 1];
  if (!target) return undefined;
  const baseline = [...baselines].reverse().find((b) => periodYear(b.period) <= periodYear(period)) ?? baselines[0];
  if (baseline && baseline.value !== target.value) {
    return { target, baseline, percent: ((value - baseline.value) / (target.value - baseline.value)) * 100, fromBaseline: true };
  }
  if (target.value === 0) return undefined;
  return { target, baseline, percent: (value / target.value) * 100, fromBaseline: false };
}
