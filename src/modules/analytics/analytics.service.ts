/**
 * Live analytics: indicator values aggregated from the fact table up the place tree and across
 * periods, comparisons of two periods, and progress against targets. Reads only the fact table
 * (kept current by every write), never the raw data values.
 *
 * Rules: sources are never added together (an indicator with several is split by source); a
 * fact counts towards a period bucket only when it lies wholly inside it; time and place rules
 * follow the indicator (`agg_time`, `agg_place`); formula indicators are computed from the
 * aggregates of the indicators they name, group by group.
 */
import type { Kysely } from 'kysely';
import { MAX_PLACE_LEVEL, type Database, type PlaceLevelColumn } from '../../db/schema.js';
import { notFound, validationError } from '../../core/errors.js';
import { disaggKey, parseDisagg } from '../../core/disagg.js';
import { tryParsePeriod, type Period } from '../../core/periods.js';
import {
  aggregateObservations,
  mergeProvenance,
  parseGrouping,
  provenanceOf,
  timeBucket,
  type Grouping,
  type Observation,
  type ProvenanceKind,
} from '../../core/aggregation.js';
import { evaluateFormula, formatRef, formulaRefs, parseFormula } from '../../core/formula.js';
import {
  aggregateFacts,
  findDimensions,
  findIndicators,
  findProgramIndicators,
  findPlace,
  hasChildPlaces,
  findRootPlaces,
  findTargets,
  findZoneMembers,
  type AnalyticsIndicator,
  type FactGrouping,
  type FactScope,
  type PlaceRef,
  type ProgramRef,
} from './analytics.repo.js';

type Db = Kysely<Database>;

export type GroupBy =
  | `place-level:${number}`
  | 'period:year'
  | 'period:quarter'
  | 'period:month'
  | `period:fy-${string}`
  | `disagg:${string}`
  | 'source';

export interface AnalyticsQuery {
  /** Program code. */
  program: string;
  /** Indicator codes; rows come in this order. */
  indicators: string[];
  /** One source code (the indicators must have it). */
  source?: string | undefined;
  /** Place code: that place and everything below it. */
  place?: string | undefined;
  /** Zone code: its member places and everything below them. */
  zone?: string | undefined;
  /** Period ids: facts whose start..end lies within from.start..to.end. */
  from?: string | undefined;
  to?: string | undefined;
  /** Disaggregation filter; a fact matches when its key contains every pair. */
  disagg?: Record<string, string> | undefined;
  by?: GroupBy[] | undefined;
  /** Use approved data only (value_approved over facts with approved contributions). */
  approvedOnly?: boolean | undefined;
}

export interface AnalyticsRow {
  indicator: string;
  /** Present when grouped by source or the indicator has several. */
  source?: string;
  place?: { code: string; name: string; level: number };
  /** Bucket id, e.g. '2012', '2012Oct', '2012Q3', '201207'. */
  period?: string;
  /** Per grouped dimension; null = not split by it. */
  disagg?: Record<string, string | null>;
  value: number | null;
  /** Kinds of data that contributed. */
  provenance: ProvenanceKind[];
}

/** How a query reads the fact table. */
export interface ReadOptions {
  /**
   * Read the coarse level of record-fed indicators wherever it gives the same answer as the
   * leaf facts (default true). Off only to compare the two, in tests and benchmarks.
   */
  coarse?: boolean | undefined;
}

/** Everything about a query that does not depend on the indicator. */
interface QueryContext {
  programId: number;
  /** Whether the coarse level may be read (ReadOptions.coarse). */
  coarse: boolean;
  grouping: Grouping;
  scope: Omit<FactScope, 'indicatorId' | 'sources'>;
  /** Parsed period ids and their buckets, shared by every indicator of the query. */
  periods: Map<string, Period | null>;
  buckets: Map<string, { period: Period; bucket: string } | null>;
}

/** One aggregated group of one indicator. */
interface Cell {
  /** The source label when rows name it. */
  source: string | undefined;
  placeId: number | null;
  /** The group's place, when grouped by place level. */
  place: PlaceRef | null;
  /** Bucket id; '' when there is no period grouping. */
  bucket: string;
  /** Options of the grouped dimensions, in grouping order. */
  dims: (string | null)[];
  value: number | null;
  provenance: ProvenanceKind[];
}

/** Formulas may name formula indicators; deeper than this is taken for a cycle. */
const MAX_FORMULA_DEPTH = 8;

const placeColumn = (level: number): PlaceLevelColumn => `p${level}` as PlaceLevelColumn;

function periodParam(column: 'from' | 'to' | 'period', id: string): Period {
  const p = tryParsePeriod(id);
  if (!p) {
    const reason = 'not a period: use 2012, 2012Q3, 201207, 20120315 or a fiscal year such as 2012Oct';
    throw validationError(`${column} "${id}" is ${reason}`, [{ column, value: id, reason }]);
  }
  return p;
}

/** The program and the indicators asked for, in the order asked; not_found names what is missing. */
async function requireIndicators(db: Db, programCode: string, codes: readonly string[]): Promise<{ program: ProgramRef; indicators: AnalyticsIndicator[] }> {
  if (codes.length === 0) {
    throw validationError('name at least one indicator', [{ column: 'indicator', reason: 'no indicator given' }]);
  }
  const found = await findProgramIndicators(db, programCode, codes);
  if (!found) throw notFound(`no program with code "${programCode}"`);
  const byCode = new Map(found.indicators.map((i) => [i.code, i]));
  const missing = codes.filter((c) => !byCode.has(c));
  if (missing.length) throw notFound(`program ${programCode} has no indicator ${missing.map((c) => `"${c}"`).join(', ')}`);
  return { program: found.program, indicators: [...new Set(codes)].map((c) => byCode.get(c)!) };
}

/** Resolves the filters and groupings of a query into ids and dates, checking every code. */
async function resolveContext(db: Db, program: ProgramRef, q: AnalyticsQuery, opts: ReadOptions = {}): Promise<QueryContext> {
  const grouping = parseGrouping(q.by ?? [], MAX_PLACE_LEVEL);
  const scope: QueryContext['scope'] = { disagg: [], approvedOnly: q.approvedOnly === true };

  if (q.place) {
    const place = await findPlace(db, program.id, q.place);
    if (!place) throw notFound(`program ${program.code} has no place "${q.place}"`);
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
      else if (!options.has(opt)) issues.push({ column: 'disagg', value: `${dim}=${opt}`, reason: `"${opt}" is not an option of ${dim} (${[...options].join(', ')})` });
    }
    for (const dim of grouping.dimensions) {
      if (!dims.has(dim)) issues.push({ column: 'by', value: `disagg:${dim}`, reason: `no dimension "${dim}" (${[...dims.keys()].join(', ') || 'none'})` });
    }
    if (issues.length) throw validationError(`unknown disaggregation in the query`, issues);
    scope.disagg = Object.entries(filter).sort(([a], [b]) => a.localeCompare(b));
  }
  return { programId: program.id, coarse: opts.coarse ?? true, grouping, scope, periods: new Map(), buckets: new Map() };
}

function cachedPeriod(ctx: QueryContext, id: string): Period | null {
  let p = ctx.periods.get(id);
  if (p === undefined) {
    p = tryParsePeriod(id);
    ctx.periods.set(id, p);
  }
  return p;
}

/** The fact sources to read for an indicator, and whether rows are split by (and name) them. */
function sourcePlan(ind: AnalyticsIndicator, given: string | undefined, grouping: Grouping) {
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

/** A group's identity apart from its source (codes never hold '|' or U+0001). */
const cellKey = (c: Pick<Cell, 'placeId' | 'bucket' | 'dims'>): string =>
  `${c.placeId ?? ''}|${c.bucket}|${c.dims.map((d) => d ?? '\u0001').join('|')}`;

/** The bucket of a fact's period, computed once per distinct period id of the query. */
function bucketOfPeriod(ctx: QueryContext, id: string): { period: Period; bucket: string } | null {
  let b = ctx.buckets.get(id);
  if (b === undefined) {
    const period = cachedPeriod(ctx, id);
    const bucket = period ? timeBucket(period, ctx.grouping.time) : null;
    b = period && bucket !== null ? { period, bucket } : null;
    ctx.buckets.set(id, b);
  }
  return b;
}

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
function coarseAnswers(ctx: QueryContext, ind: AnalyticsIndicator, summed: boolean): boolean {
  if (!ctx.coarse || ind.origin !== 'records' || !summed) return false;
  const { placeLevel } = ctx.grouping;
  if (placeLevel !== null && !COARSE_LEVELS.has(placeColumn(placeLevel))) return false;
  const { subtree, zone } = ctx.scope;
  if (subtree && (subtree.leaf || !COARSE_LEVELS.has(subtree.column))) return false;
  if (zone && zone.some((z) => !COARSE_LEVELS.has(z.column))) return false;
  return true;
}

interface Group {
  cell: Cell;
  sum: number;
  obs: Observation[];
  counts: { n: number; n_derived: number; n_illustrative: number };
}

/**
 * Aggregates one indicator. Sum-over-time-and-places indicators are grouped in SQL (by the
 * place-level column, period and disaggregation as needed) and only re-bucketed here; the
 * other rules need each reporting place's periods, so SQL groups by place and period and the
 * rules are applied here. The query first asks only whether each group holds anything but
 * sourced data, and again with full counts only when one does.
 */
async function indicatorCells(db: Db, ctx: QueryContext, ind: AnalyticsIndicator, source: string | undefined, depth: number): Promise<Cell[]> {
  if (ind.origin === 'formula') return formulaCells(db, ctx, ind, source, depth);
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
  const counted = rows.some((r) => Number(r.not_sourced) > 0);
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
      g = { cell: { source, placeId, place, bucket, dims, value: null, provenance: [] }, sum: 0, obs: [], counts: { n: 0, n_derived: 0, n_illustrative: 0 } };
      groups.set(key, g);
    }
    g.sum += r.value;
    if (counted) {
      g.counts.n += r.n ?? 0;
      g.counts.n_derived += r.n_derived ?? 0;
      g.counts.n_illustrative += r.n_illustrative ?? 0;
    }
    if (!summed && period && r.place_id !== undefined) g.obs.push({ place: r.place_id, period, value: r.value });
  }
  return [...groups.values()].map((g) => ({
    ...g.cell,
    value: summed ? g.sum : aggregateObservations(g.obs, ind.agg_time, ind.agg_place),
    // Without counts, the flags said every group holds sourced data only.
    provenance: counted ? provenanceOf(g.counts) : ['sourced'],
  }));
}

/**
 * A formula indicator, group by group: each indicator it names is aggregated with the same
 * filters and groupings (a reference may pin a source; otherwise it takes the formula's own
 * source where it has one), then the formula combines the aggregates. A group missing from
 * any operand has a null value; provenance is the union of the operands'.
 */
async function formulaCells(db: Db, ctx: QueryContext, ind: AnalyticsIndicator, given: string | undefined, depth: number): Promise<Cell[]> {
  const source = given || undefined;
  if (depth >= MAX_FORMULA_DEPTH) {
    throw validationError(`the formula of ${ind.code} nests more than ${MAX_FORMULA_DEPTH} formulas deep (is there a cycle?)`);
  }
  if (!ind.formula) throw validationError(`${ind.code} is a formula indicator without a formula`);
  const ast = parseFormula(ind.formula);
  const refs = formulaRefs(ast);
  const refCodes = [...new Set(refs.map((r) => r.indicator))];
  const found = new Map((await findIndicators(db, ctx.programId, refCodes)).map((i) => [i.code, i]));
  const missing = refCodes.filter((c) => !found.has(c));
  if (missing.length) throw notFound(`the formula of ${ind.code} names unknown indicator(s) ${missing.join(', ')}`);

  if (source && ind.sources.length && !ind.sources.includes(source)) {
    const reason = `not a source of ${ind.code} (${ind.sources.join(', ')})`;
    throw validationError(`source "${source}": ${reason}`, [{ column: 'source', value: source, reason }]);
  }
  const scopes: (string | undefined)[] = source !== undefined ? [source] : ind.sources.length > 1 ? ind.sources : [ind.sources[0]];
  const showSource = ind.sources.length > 1 || ctx.grouping.source;
  // Operands are pinned to one source each, so they are not split by source themselves.
  const refCtx: QueryContext = { ...ctx, grouping: { ...ctx.grouping, source: false } };
  // An operand pinned to a source is the same for every scope: aggregate it once.
  const operandCells = new Map<string, Promise<Cell[]>>();
  const cellsOf = (refInd: AnalyticsIndicator, refSource: string | undefined): Promise<Cell[]> => {
    const key = `${refInd.code}[${refSource ?? ''}]`;
    let cells = operandCells.get(key);
    if (!cells) operandCells.set(key, (cells = indicatorCells(db, refCtx, refInd, refSource, depth + 1)));
    return cells;
  };

  const out: Cell[] = [];
  for (const scope of scopes) {
    const operands = new Map<string, Map<string, Cell>>();
    const keys = new Map<string, Cell>();
    for (const ref of refs) {
      const refInd = found.get(ref.indicator)!;
      let refSource = ref.source;
      if (refSource === undefined && refInd.sources.length > 1) {
        if (scope && refInd.sources.includes(scope)) refSource = scope;
        else {
          throw validationError(
            `the formula of ${ind.code} reads ${refInd.code}, which has several sources (${refInd.sources.join(', ')}): pick one, e.g. ${refInd.code}[${refInd.sources[0]}]`,
            [{ column: 'formula', value: ind.formula, reason: `${refInd.code} needs a source` }],
          );
        }
      }
      const cells = await cellsOf(refInd, refSource);
      const byKey = new Map<string, Cell>();
      for (const c of cells) {
        const k = cellKey(c);
        byKey.set(k, c);
        if (!keys.has(k)) keys.set(k, c);
      }
      operands.set(formatRef(ref), byKey);
    }
    for (const [k, sample] of keys) {
      const used: Cell[] = [];
      const value = evaluateFormula(ast, (ref) => {
        const c = operands.get(formatRef(ref))?.get(k);
        if (c) used.push(c);
        return c?.value ?? null;
      });
      out.push({
        source: showSource ? (scope ?? '') : undefined,
        placeId: sample.placeId,
        place: sample.place,
        bucket: sample.bucket,
        dims: sample.dims,
        value,
        provenance: mergeProvenance(used.map((c) => c.provenance)),
      });
    }
  }
  return out;
}

/** Runs a query for already-resolved indicators. */
async function analyse(db: Db, program: ProgramRef, indicators: readonly AnalyticsIndicator[], q: AnalyticsQuery, opts: ReadOptions = {}): Promise<AnalyticsRow[]> {
  const ctx = await resolveContext(db, program, q, opts);
  const perIndicator: { ind: AnalyticsIndicator; cells: Cell[] }[] = [];
  for (const ind of indicators) perIndicator.push({ ind, cells: await indicatorCells(db, ctx, ind, q.source, 0) });

  const { grouping } = ctx;
  const rows: AnalyticsRow[] = [];
  for (const { ind, cells } of perIndicator) {
    const sortKey = (c: Cell): string[] => [
      c.source === undefined ? '' : String(ind.sources.indexOf(c.source) + 1).padStart(4, '0') + c.source,
      c.place?.code ?? '',
      c.bucket ? (cachedPeriod(ctx, c.bucket)?.start ?? c.bucket) : '',
      // Not split by a dimension sorts after its options.
      ...c.dims.map((d) => (d === null ? '\uffff' : d)),
    ];
    const keyed = cells.map((c) => ({ c, k: sortKey(c) }));
    keyed.sort((a, b) => {
      for (let i = 0; i < a.k.length; i++) {
        // Code-point order: codes are ASCII, and '\uffff' must sort last.
        const x = a.k[i] ?? '';
        const y = b.k[i] ?? '';
        if (x !== y) return x < y ? -1 : 1;
      }
      return 0;
    });
    for (const { c } of keyed) {
      const { place } = c;
      rows.push({
        indicator: ind.code,
        ...(c.source !== undefined ? { source: c.source } : {}),
        ...(place ? { place: { code: place.code, name: place.name, level: place.level } } : {}),
        ...(grouping.time ? { period: c.bucket } : {}),
        ...(grouping.dimensions.length ? { disagg: Object.fromEntries(grouping.dimensions.map((d, i) => [d, c.dims[i] ?? null])) } : {}),
        value: c.value,
        provenance: c.provenance,
      });
    }
  }
  return rows;
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
  return { rows: await analyse(db, program, indicators, q, opts) };
}

/**
 * The one indicator a comparison or progress figure is about. One figure needs one source: an
 * indicator with several must be given one (the error lists them).
 */
async function requireSingleIndicator(
  db: Db,
  programCode: string,
  code: string,
  source: string | undefined,
): Promise<{ program: ProgramRef; ind: AnalyticsIndicator }> {
  const { program, indicators } = await requireIndicators(db, programCode, [code]);
  const ind = indicators[0];
  if (!ind) throw notFound(`program ${programCode} has no indicator "${code}"`);
  if (!source && ind.sources.length > 1) {
    const reason = `${ind.code} has several sources (${ind.sources.join(', ')}), which are never added together: choose one`;
    throw validationError(reason, [{ column: 'source', value: ind.sources.join(', '), reason }]);
  }
  return { program, ind };
}

export interface CompareQuery {
  program: string;
  indicator: string;
  source?: string | undefined;
  place?: string | undefined;
  zone?: string | undefined;
  disagg?: Record<string, string> | undefined;
  /** Each of `from` and `to` is a whole period; they need not be of the same type. */
  from: string;
  to: string;
  approvedOnly?: boolean | undefined;
}

export interface CompareSide {
  period: string;
  value: number | null;
  provenance: ProvenanceKind[];
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

async function rootPlaceCode(db: Db, program: ProgramRef): Promise<string> {
  const roots = await findRootPlaces(db, program.id);
  return roots.length === 1 ? roots[0]!.code : roots.map((r) => r.code).join(',');
}

/**
 * The value of one indicator in two periods, each taken as a whole range (e.g. `2011Oct` vs
 * `2012Oct`), and the change. Fails with a validation error listing the sources when the
 * indicator has several and none is given.
 */
export async function comparePeriods(db: Db, q: CompareQuery): Promise<Comparison> {
  const { program, ind } = await requireSingleIndicator(db, q.program, q.indicator, q.source);
  periodParam('from', q.from);
  periodParam('to', q.to);
  const side = async (period: string): Promise<CompareSide> => {
    const rows = await analyse(db, program, [ind], { ...q, indicators: [ind.code], from: period, to: period, by: [] });
    return { period, value: rows[0]?.value ?? null, provenance: rows[0]?.provenance ?? [] };
  };
  const from = await side(q.from);
  const to = await side(q.to);
  const change = from.value !== null && to.value !== null ? to.value - from.value : null;
  return {
    indicator: ind.code,
    source: q.source ?? ind.sources[0] ?? null,
    place: q.place ?? q.zone ?? (await rootPlaceCode(db, program)),
    from,
    to,
    change,
    change_pct: change !== null && from.value ? (change / from.value) * 100 : null,
  };
}

export interface ProgressQuery {
  program: string;
  indicator: string;
  source?: string | undefined;
  /** Place code; the country when absent. */
  place?: string | undefined;
  period: string;
  approvedOnly?: boolean | undefined;
}

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

/**
 * The actual value of one period against the target set for exactly that period and place,
 * with the latest baseline that ends by the period's end. Targets are read for the indicator's
 * source (or '' for an unnamed or only source), not disaggregated.
 */
export async function progressAgainstTarget(db: Db, q: ProgressQuery): Promise<Progress> {
  const { program, ind } = await requireSingleIndicator(db, q.program, q.indicator, q.source);
  const period = periodParam('period', q.period);
  let place: PlaceRef | undefined;
  if (q.place) {
    place = await findPlace(db, program.id, q.place);
    if (!place) throw notFound(`program ${program.code} has no place "${q.place}"`);
  } else {
    const roots = await findRootPlaces(db, program.id);
    if (roots.length !== 1) {
      const reason = `the program has ${roots.length} top-level places (${roots.map((r) => r.code).join(', ')}): name one`;
      throw validationError(reason, [{ column: 'place', reason }]);
    }
    place = roots[0]!;
  }
  const rows = await analyse(db, program, [ind], {
    program: program.code, indicators: [ind.code], source: q.source, place: place.code,
    from: period.id, to: period.id, approvedOnly: q.approvedOnly,
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
  const onTrack =
    actual === null || target === null || ind.direction === 'none'
      ? null
      : ind.direction === 'up'
        ? actual >= target
        : actual <= target;
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
