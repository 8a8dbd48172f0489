/**
 * How indicator values add up, as pure rules: over time (sum, latest, average) and over places
 * (sum, average, none), the groupings an analytics query may ask for, and which provenance kinds
 * a group of facts carries. No I/O; the analytics service feeds these with fact rows.
 */
import { validationError } from './errors.js';
import { bucketOf, tryParsePeriod, type BucketType, type Period } from './periods.js';

export type TimeAggregation = 'sum' | 'latest' | 'average';
export type PlaceAggregation = 'sum' | 'average' | 'none';
export type ProvenanceKind = 'sourced' | 'derived' | 'illustrative';

/** Periods rolled into buckets of one type; fiscal years name the month they start in. */
export interface TimeGrouping {
  type: BucketType;
  fiscalStartMonth: number;
}

/** A parsed `by` list. */
export interface Grouping {
  /** Group by the ancestor at this place level (1 = country). */
  placeLevel: number | null;
  time: TimeGrouping | null;
  /** Dimension codes, in the order asked. */
  dimensions: string[];
  source: boolean;
}

const TIME_GROUPS: Record<string, BucketType> = { year: 'year', quarter: 'quarter', month: 'month' };

/**
 * Parses groupings such as `place-level:2`, `period:year`, `period:fy-oct`, `disagg:sex`,
 * `source`. At most one place level and one period grouping; anything else is a validation
 * error that lists the accepted forms.
 */
export function parseGrouping(by: readonly string[], maxPlaceLevel = 6): Grouping {
  const g: Grouping = { placeLevel: null, time: null, dimensions: [], source: false };
  const accepted = 'place-level:N, period:year|quarter|month|fy-oct (fy-jan, fy-apr, fy-jul, …), disagg:DIMENSION, source';
  const bad = (item: string, reason: string) => validationError(`cannot group by "${item}": ${reason}`, [{ column: 'by', value: item, reason }]);
  for (const raw of by) {
    const item = raw.trim();
    const colon = item.indexOf(':');
    const kind = colon < 0 ? item : item.slice(0, colon);
    const arg = colon < 0 ? '' : item.slice(colon + 1);
    if (item === 'source') {
      g.source = true;
    } else if (kind === 'place-level') {
      const level = /^\d+$/.test(arg) ? Number(arg) : NaN;
      if (!(level >= 1 && level <= maxPlaceLevel)) throw bad(item, `the place level must be 1–${maxPlaceLevel}`);
      if (g.placeLevel !== null && g.placeLevel !== level) throw bad(item, 'only one place level per query');
      g.placeLevel = level;
    } else if (kind === 'period') {
      const time = parseTimeGrouping(arg);
      if (!time) throw bad(item, `use ${accepted}`);
      if (g.time && (g.time.type !== time.type || g.time.fiscalStartMonth !== time.fiscalStartMonth)) {
        throw bad(item, 'only one period grouping per query');
      }
      g.time = time;
    } else if (kind === 'disagg' && /^[A-Za-z0-9_.-]+$/.test(arg)) {
      if (!g.dimensions.includes(arg)) g.dimensions.push(arg);
    } else {
      throw bad(item, `use ${accepted}`);
    }
  }
  return g;
}

function parseTimeGrouping(arg: string): TimeGrouping | null {
  const plain = TIME_GROUPS[arg];
  // Calendar groupings need no fiscal month; 10 is a harmless placeholder.
  if (plain) return { type: plain, fiscalStartMonth: 10 };
  const fy = arg.match(/^fy-([A-Za-z]+)$/);
  if (!fy) return null;
  // Reuse the period parser's suffixes (oct, apr, april, jul, july, …) rather than a second table.
  const p = tryParsePeriod(`2000${fy[1]}`);
  return p?.type === 'fiscal_year' && p.fiscalStartMonth ? { type: 'fiscal_year', fiscalStartMonth: p.fiscalStartMonth } : null;
}

/**
 * The id of the bucket that wholly contains `p`: null when `p` straddles buckets (a yearly value
 * has no quarter), '' when there is no time grouping (the whole range is one bucket).
 */
export function timeBucket(p: Period, g: TimeGrouping | null): string | null {
  if (!g) return '';
  return bucketOf(p, g.type, g.fiscalStartMonth)?.id ?? null;
}

/** One place's value for one period (already summed over what is not grouped). */
export interface Observation {
  place: number;
  period: Period;
  value: number;
}

/** Latest first by end date, then by start date (a month beats the year that ends with it). */
function isLater(a: Period, b: Period): boolean {
  return a.end !== b.end ? a.end > b.end : a.start > b.start;
}

/** One place's observations over the periods of a bucket, combined by the time rule. */
export function aggregateOverTime(obs: readonly Observation[], rule: TimeAggregation): number | null {
  if (obs.length === 0) return null;
  if (rule === 'sum') return obs.reduce((s, o) => s + o.value, 0);
  const byPeriod = new Map<string, { period: Period; value: number }>();
  for (const o of obs) {
    const cur = byPeriod.get(o.period.id);
    if (cur) cur.value += o.value;
    else byPeriod.set(o.period.id, { period: o.period, value: o.value });
  }
  const periods = [...byPeriod.values()];
  if (rule === 'average') return periods.reduce((s, p) => s + p.value, 0) / periods.length;
  let latest = periods[0]!;
  for (const p of periods) if (isLater(p.period, latest.period)) latest = p;
  return latest.value;
}

/** Per-place values combined by the place rule; `none` has a value only when exactly one place reports. */
export function aggregateOverPlaces(values: readonly number[], rule: PlaceAggregation): number | null {
  if (values.length === 0) return null;
  if (rule === 'none') return values.length === 1 ? values[0]! : null;
  const sum = values.reduce((s, v) => s + v, 0);
  return rule === 'sum' ? sum : sum / values.length;
}

/**
 * The value of one group: each place's observations over time first (its latest period, its
 * average over periods, or its sum), then the places combined.
 */
export function aggregateObservations(obs: readonly Observation[], time: TimeAggregation, place: PlaceAggregation): number | null {
  const byPlace = new Map<number, Observation[]>();
  for (const o of obs) {
    const list = byPlace.get(o.place);
    if (list) list.push(o);
    else byPlace.set(o.place, [o]);
  }
  const perPlace: number[] = [];
  for (const list of byPlace.values()) {
    const v = aggregateOverTime(list, time);
    if (v !== null) perPlace.push(v);
  }
  return aggregateOverPlaces(perPlace, place);
}

/** Contribution counts of a group of facts. */
export interface ProvenanceCounts {
  n: number;
  n_derived: number;
  n_illustrative: number;
}

/** The kinds of data that contributed, in a fixed order: sourced, derived, illustrative. */
export function provenanceOf(c: ProvenanceCounts): ProvenanceKind[] {
  const out: ProvenanceKind[] = [];
  if (c.n - c.n_derived - c.n_illustrative > 0) out.push('sourced');
  if (c.n_derived > 0) out.push('derived');
  if (c.n_illustrative > 0) out.push('illustrative');
  return out;
}

/** The union of provenance lists, in the same fixed order. */
export function mergeProvenance(lists: ReadonlyArray<readonly ProvenanceKind[]>): ProvenanceKind[] {
  const all = new Set(lists.flat());
  return (['sourced', 'derived', 'illustrative'] as const).filter((k) => all.has(k));
}
