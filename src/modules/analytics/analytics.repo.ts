/**
 * Analytics reads: the fact table aggregated in SQL, plus the few small lookups a query needs
 * (its indicators, the places it filters or groups by). Never reads data_value, and never loads
 * the whole place catalog: only the places a query names or returns.
 */
import { sql, type Kysely, type RawBuilder, type Selectable, type SelectQueryBuilder } from 'kysely';
import { fiscalSuffix } from '../../core/periods.js';
import type { TimeGrouping } from '../../core/aggregation.js';
import type { Database, Indicator, PlaceLevelColumn, TargetTable } from '../../db/schema.js';

type Db = Kysely<Database>;

/** An indicator with its declared source codes (empty: the one unnamed source ''). */
export interface AnalyticsIndicator extends Indicator {
  sources: string[];
}

export interface PlaceRef {
  id: number;
  code: string;
  name: string;
  level: number;
}

/** Codes of every program, sorted (for a default when only one exists). */
export async function listProgramCodes(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('program').select('code').orderBy('code').execute();
  return rows.map((r) => r.code);
}

export interface ProgramRef {
  id: number;
  code: string;
}

type IndicatorWithSource = { [K in keyof Indicator]: Indicator[K] | null } & { source_code: string | null };

/** Indicator rows left-joined with their sources (one row per source) → indicators with source lists. */
function withSources(rows: readonly IndicatorWithSource[]): AnalyticsIndicator[] {
  const indicators = new Map<number, AnalyticsIndicator>();
  for (const { source_code, ...i } of rows) {
    if (i.id === null) continue;
    // Every indicator column is non-null in the table; only the left join makes them nullable.
    const ind = indicators.get(i.id) ?? { ...(i as Indicator), sources: [] };
    if (source_code) ind.sources.push(source_code);
    indicators.set(i.id, ind);
  }
  return [...indicators.values()];
}

/**
 * A program and those of its indicators with these codes (with their sources), in one round
 * trip; undefined when there is no such program. Missing indicator codes are simply absent.
 */
export async function findProgramIndicators(
  db: Db,
  programCode: string,
  codes: readonly string[],
): Promise<{ program: ProgramRef; indicators: AnalyticsIndicator[] } | undefined> {
  const rows = await db
    .selectFrom('program as p')
    .leftJoin('indicator as i', (join) => join.onRef('i.program_id', '=', 'p.id').on('i.code', 'in', codes.length ? [...codes] : ['']))
    .leftJoin('indicator_source as is', 'is.indicator_id', 'i.id')
    .leftJoin('source as s', 's.id', 'is.source_id')
    .selectAll('i')
    .select(['p.id as program_ref_id', 'p.code as program_ref_code', 's.code as source_code'])
    .where('p.code', '=', programCode)
    .orderBy('s.code')
    .execute();
  const first = rows[0];
  if (!first) return undefined;
  const indicators = withSources(rows.map(({ program_ref_id: _id, program_ref_code: _code, ...rest }) => rest));
  return { program: { id: first.program_ref_id, code: first.program_ref_code }, indicators };
}

/** The program's indicators with these codes, with their sources (missing codes are simply absent). */
export async function findIndicators(db: Db, programId: number, codes: readonly string[]): Promise<AnalyticsIndicator[]> {
  if (codes.length === 0) return [];
  const rows = await db
    .selectFrom('indicator as i')
    .leftJoin('indicator_source as is', 'is.indicator_id', 'i.id')
    .leftJoin('source as s', 's.id', 'is.source_id')
    .selectAll('i')
    .select('s.code as source_code')
    .where('i.program_id', '=', programId)
    .where('i.code', 'in', [...codes])
    .orderBy('s.code')
    .execute();
  return withSources(rows);
}

/** One place of the program by code. */
export async function findPlace(db: Db, programId: number, code: string): Promise<PlaceRef | undefined> {
  return db.selectFrom('place').select(['id', 'code', 'name', 'level']).where('program_id', '=', programId).where('code', '=', code).executeTakeFirst();
}

/** True when some place has this one as its parent. */
export async function hasChildPlaces(db: Db, placeId: number): Promise<boolean> {
  const r = await db.selectFrom('place').select('id').where('parent_id', '=', placeId).limit(1).executeTakeFirst();
  return r !== undefined;
}

/** The program's top-level places (normally the one country). */
export async function findRootPlaces(db: Db, programId: number): Promise<PlaceRef[]> {
  return db
    .selectFrom('place')
    .select(['id', 'code', 'name', 'level'])
    .where('program_id', '=', programId)
    .where('parent_id', 'is', null)
    .orderBy('code')
    .execute();
}

/** The member places of a zone (with their levels), or null when the program has no such zone. */
export async function findZoneMembers(db: Db, programId: number, code: string): Promise<{ id: number; level: number }[] | null> {
  const zone = await db.selectFrom('zone').select('id').where('program_id', '=', programId).where('code', '=', code).executeTakeFirst();
  if (!zone) return null;
  return db
    .selectFrom('zone_place as zp')
    .innerJoin('place as p', 'p.id', 'zp.place_id')
    .select(['p.id', 'p.level'])
    .where('zp.zone_id', '=', zone.id)
    .execute();
}

/** The program's dimensions and their option codes. */
export async function findDimensions(db: Db, programId: number): Promise<Map<string, Set<string>>> {
  const rows = await db
    .selectFrom('dimension as d')
    .leftJoin('dimension_option as o', 'o.dimension_id', 'd.id')
    .select(['d.code as dim', 'o.code as opt'])
    .where('d.program_id', '=', programId)
    .execute();
  const out = new Map<string, Set<string>>();
  for (const r of rows) {
    const set = out.get(r.dim) ?? new Set<string>();
    if (r.opt) set.add(r.opt);
    out.set(r.dim, set);
  }
  return out;
}

/** Which facts a query reads. */
export interface FactScope {
  indicatorId: number;
  /** Fact source values to read (at least one); part of the primary-key prefix. */
  sources: readonly string[];
  /**
   * A place subtree: facts whose ancestor at that level is this place. For a leaf, the facts
   * of that very place, read through the primary key (indicator_id, source, place_id).
   */
  subtree?: { column: PlaceLevelColumn; id: number; leaf: boolean } | undefined;
  /** Zone members by level: facts below any of them. */
  zone?: { column: PlaceLevelColumn; ids: number[] }[] | undefined;
  /** Facts that start on or after this date… */
  start?: string | undefined;
  /** …and end on or before this one. */
  end?: string | undefined;
  /** Disaggregation pairs the fact key must contain (subset match). */
  disagg: ReadonlyArray<readonly [string, string]>;
  approvedOnly: boolean;
  /**
   * Read the coarse level (fact_coarse: facts of record-fed indicators summed per department)
   * instead of the leaf facts. Only for scopes and groupings it answers exactly: see
   * `coarseAnswers` in coarse-level.ts.
   */
  coarse?: boolean | undefined;
}

/** What the SQL groups by; whatever is off is summed over. */
export interface FactGrouping {
  /** Group by this ancestor column; facts above that level (column null) are left out. */
  level: PlaceLevelColumn | null;
  /** Group by the reporting place too (for time rules other than sum). */
  place: boolean;
  period: boolean;
  /**
   * With `period`: merge periods in SQL into coarser ones that lie within the same bucket of
   * this grouping (see coarsePeriod). Only for sums, where merging periods loses nothing.
   */
  coarsen: TimeGrouping | null;
  disagg: boolean;
  source: boolean;
}

/**
 * SQL mapping a period id to a coarser period id inside the same bucket of `g`, or to itself:
 * months and days to their year, quarter or month, months and days to their fiscal year. The
 * caller still re-buckets whatever comes back with bucketOf (the one definition of buckets), so
 * this only has to be safe, never complete; it exists because a dashboard query then returns
 * one row per bucket rather than one per month, which on SQLite costs more than the grouping.
 * Literals only (no bound parameters), so PostgreSQL sees the same expression in SELECT and
 * GROUP BY.
 */
function coarsePeriod(g: TimeGrouping): RawBuilder<string> {
  // Calendar ids are digits after the year, or 'Q'; fiscal-year ids have letters there.
  const monthOrDay = sql`substr(period, 5, 1) in ('0', '1')`;
  const year = sql<string>`case when substr(period, 5, 1) in ('', 'Q', '0', '1') then substr(period, 1, 4) else period end`;
  switch (g.type) {
    case 'year':
      return year;
    case 'quarter':
      return sql<string>`case when ${monthOrDay} then substr(period, 1, 4) || case when substr(period, 5, 2) <= '03' then 'Q1' when substr(period, 5, 2) <= '06' then 'Q2' when substr(period, 5, 2) <= '09' then 'Q3' else 'Q4' end else period end`;
    case 'month':
      return sql<string>`case when length(period) = 8 and ${monthOrDay} then substr(period, 1, 6) else period end`;
    case 'fiscal_year': {
      // A fiscal year starting in January is the calendar year.
      if (g.fiscalStartMonth === 1) return year;
      const startMonth = sql.lit(String(g.fiscalStartMonth).padStart(2, '0'));
      const suffix = sql.lit(fiscalSuffix(g.fiscalStartMonth));
      // Years from 1001 only, so that the year before still has four digits.
      return sql<string>`case when ${monthOrDay} and substr(period, 1, 4) >= '1001' then (case when substr(period, 5, 2) >= ${startMonth} then substr(period, 1, 4) else cast(cast(substr(period, 1, 4) as integer) - 1 as text) end) || ${suffix} else period end`;
    }
  }
}

/**
 * One group as the database returns it: only the grouped columns are present. Numbers arrive
 * as numbers on both engines (database.ts parses PostgreSQL's int8 and numeric).
 */
export interface FactGroupRow {
  source?: string;
  group_place?: number;
  place_id?: number;
  period?: string;
  disagg?: string;
  /** Null only for an ungrouped query over an empty scope. */
  value: number | null;
  /** With a place level: the group's place. */
  place_code?: string;
  place_name?: string;
  place_level?: number;
  /**
   * `flag` queries: the largest of 2 × (derived + illustrative contributions) + (1 when not all
   * contributions are approved) over the group's facts: 0 for approved, sourced data only (the
   * common case), 1 when some fact holds a draft but nothing derived or illustrative, 2 or more
   * when some fact holds derived or illustrative data (then ask for counts, which say both).
   */
  flags?: number | null;
  /** `counts` queries: the contribution counts. */
  n?: number;
  n_derived?: number;
  n_illustrative?: number;
  /** `counts` queries: contributions not approved (0 for an approved-only query). */
  n_unapproved?: number;
}

/** A LIKE pattern that matches `;dim=opt;` literally (codes may hold `_`, a LIKE wildcard). */
export function pairPattern(dim: string, opt: string): string {
  return `%;${`${dim}=${opt}`.replace(/[\\%_]/g, (c) => `\\${c}`)};%`;
}

/** The filters of a fact scope apart from its key prefix (indicator, source). */
type ScopeFilters = Omit<FactScope, 'indicatorId' | 'sources' | 'coarse'>;
type FactQuery = SelectQueryBuilder<Database, 'fact', object>;

/** Adds the place, zone, period and disaggregation filters of a scope to a fact query. */
function filtered(query: FactQuery, scope: ScopeFilters, level: PlaceLevelColumn | null): FactQuery {
  if (level) query = query.where(level, 'is not', null);
  if (scope.subtree) query = query.where(scope.subtree.leaf ? 'place_id' : scope.subtree.column, '=', scope.subtree.id);
  const zone = scope.zone;
  if (zone) {
    query = zone.length ? query.where((eb) => eb.or(zone.map((z) => eb(z.column, 'in', z.ids)))) : query.where(sql<boolean>`1 = 0`);
  }
  if (scope.start) query = query.where('start_date', '>=', scope.start);
  if (scope.end) query = query.where('end_date', '<=', scope.end);
  for (const [dim, opt] of scope.disagg) {
    query = query.where(sql<boolean>`(';' || disagg || ';') like ${pairPattern(dim, opt)} escape '\\'`);
  }
  if (scope.approvedOnly) query = query.where('n_approved', '>', 0);
  return query;
}

/**
 * The facts in scope. The WHERE starts with the fact primary-key prefix (indicator_id, source),
 * so both engines read one index range; on SQLite the table itself is clustered on that key.
 */
function factsInScope(db: Db, scope: FactScope, level: PlaceLevelColumn | null) {
  const [firstSource, ...otherSources] = scope.sources;
  // fact_coarse has the fact columns the scope names (p1, p2 are all a coarse scope may use),
  // under the same names: one query for both levels.
  const table = (scope.coarse ? 'fact_coarse as fact' : 'fact') as 'fact';
  let query = db.selectFrom(table).where('indicator_id', '=', scope.indicatorId);
  query = otherSources.length ? query.where('source', 'in', [...scope.sources]) : query.where('source', '=', firstSource ?? '');
  return filtered(query, scope, level);
}

/** One report for coverage: a leaf place's facts of one period (any disaggregation). */
export interface ReportRow {
  indicator_id: number;
  source: string;
  /** With a place level: the ancestor at that level. */
  group_place?: number;
  place_id: number;
  place_level: number;
  period: string;
}

/**
 * The (indicator, source, place, period) reports of these indicators in scope, in one query
 * for a whole analytics request: what coverage counts. Always the leaf facts; a report comes
 * once per disaggregation (no DISTINCT, which would sort: coverage counts each report once).
 * `departments`: reports are departments × periods (record-fed indicators: a million seizures
 * would make far too many leaf reports), read from the leaf facts, or from the coarse level
 * (`coarse`), which gives the same reports.
 */
export async function findReports(
  db: Db,
  indicatorIds: readonly number[],
  scope: ScopeFilters,
  level: PlaceLevelColumn | null,
  read: 'leaf' | 'departments' | 'coarse' = 'leaf',
): Promise<ReportRow[]> {
  if (indicatorIds.length === 0) return [];
  // The deepest ancestor column set is the place's own level (fact_coarse has p1 and p2 only).
  const byDepartment = read !== 'leaf';
  const placeLevel = byDepartment
    ? sql<number>`case when p2 is not null then 2 else 1 end`
    : sql<number>`case when p6 is not null then 6 when p5 is not null then 5 when p4 is not null then 4 when p3 is not null then 3 when p2 is not null then 2 else 1 end`;
  const place = byDepartment ? sql<number>`coalesce(p2, p1, place_id)` : sql<number>`place_id`;
  const table = (read === 'coarse' ? 'fact_coarse as fact' : 'fact') as 'fact';
  let query = filtered(db.selectFrom(table).where('indicator_id', 'in', [...indicatorIds]), scope, level).select([
    'indicator_id',
    'source',
    place.as('place_id'),
    'period',
    placeLevel.as('place_level'),
  ]);
  if (level) query = query.select(sql<number>`${sql.ref(level)}`.as('group_place'));
  return (await query.execute()) as ReportRow[];
}

type GroupColumn = 'source' | 'place_id' | 'period' | 'disagg' | PlaceLevelColumn;

/**
 * Sums the facts in scope, grouped as asked, in one query. Provenance and approval come at two
 * prices: `flag` adds one aggregate that is 0 when a group holds approved, sourced data only
 * (the common case; see FactGroupRow.flags), `counts` adds the contribution counts. On SQLite
 * each aggregate costs about as much as the sum itself, so callers ask for counts only when
 * some flag says they are needed. An approved-only query reads approved contributions only:
 * it never counts anything unapproved.
 */
export async function aggregateFacts(db: Db, scope: FactScope, group: FactGrouping, provenance: 'flag' | 'counts'): Promise<FactGroupRow[]> {
  const value = scope.approvedOnly ? sql.ref('value_approved') : sql.ref('value');
  // Approved-only provenance is that of the leaf facts holding approved contributions; the
  // coarse level keeps their counts apart.
  const [n, nDerived, nIllustrative] = scope.coarse && scope.approvedOnly ? ['a_n', 'a_derived', 'a_illustrative'] : ['n', 'n_derived', 'n_illustrative'];
  const columns: [RawBuilder<unknown>, keyof FactGroupRow][] = [];
  const column = (name: GroupColumn) => sql<unknown>`${sql.ref(name)}`;
  if (group.source) columns.push([column('source'), 'source']);
  if (group.level) columns.push([column(group.level), 'group_place']);
  if (group.place) columns.push([column('place_id'), 'place_id']);
  if (group.period) columns.push([group.coarsen ? coarsePeriod(group.coarsen) : column('period'), 'period']);
  if (group.disagg) columns.push([column('disagg'), 'disagg']);
  const selections = [
    ...columns.map(([expression, alias]) => expression.as(alias)),
    sql<unknown>`sum(${value})`.as('value'),
    ...(provenance === 'counts'
      ? [
          sql<unknown>`sum(${sql.ref(n)})`.as('n'),
          sql<unknown>`sum(${sql.ref(nDerived)})`.as('n_derived'),
          sql<unknown>`sum(${sql.ref(nIllustrative)})`.as('n_illustrative'),
          (scope.approvedOnly ? sql<unknown>`0` : sql<unknown>`sum(n - n_approved)`).as('n_unapproved'),
        ]
      : [
          (scope.approvedOnly
            ? sql<unknown>`max(2 * (${sql.ref(nDerived)} + ${sql.ref(nIllustrative)}))`
            : sql<unknown>`max(2 * (n_derived + n_illustrative) + case when n > n_approved then 1 else 0 end)`
          ).as('flags'),
        ]),
  ];
  let query = factsInScope(db, scope, group.level).select(selections);
  if (columns.length) query = query.groupBy(columns.map(([expression]) => expression));
  if (!group.level) return (await query.execute()) as FactGroupRow[];
  // Name the groups' places in the same round trip: a join on the few grouped rows, not the facts.
  const named = db
    .selectFrom(query.as('g'))
    .innerJoin('place as pl', 'pl.id', 'g.group_place')
    .selectAll('g')
    .select(['pl.code as place_code', 'pl.name as place_name', 'pl.level as place_level']);
  return (await named.execute()) as FactGroupRow[];
}

export type TargetRow = Selectable<TargetTable>;

/** Baselines and targets of an indicator at one place, for these sources, not disaggregated. */
export async function findTargets(db: Db, indicatorId: number, placeId: number, sources: readonly string[]): Promise<TargetRow[]> {
  return db
    .selectFrom('target')
    .selectAll()
    .where('indicator_id', '=', indicatorId)
    .where('place_id', '=', placeId)
    .where('source', 'in', [...sources])
    .where('disagg', '=', '')
    .orderBy('start_date')
    .execute();
}
