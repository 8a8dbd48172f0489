/**
 * Roll-ups: how a record adds to indicators. A type's roll-ups are first compiled against the
 * program's indicators (once per operation); each record then yields its contributions:
 * indicator × source × period × disaggregation → value, at the record's place.
 *
 * A roll-up is active only when the program declares its indicator with origin `records`.
 * For built-in types a missing indicator simply leaves the roll-up inactive (a program uses the
 * parts of a built-in type it needs), and a dimension the indicator does not declare is left
 * out (that indicator is not split by it). A program's own types are held to their word: the
 * same cases are errors, since there they are almost always typos.
 */
import type { IssueDetail } from '../errors.js';
import { periodOfDate, tryParsePeriod, type Period } from '../periods.js';
import { resolvePath, type RecordTypeDefinition, type RollupDefinition } from './definition.schema.js';
import { isQuantity, type FieldValue, type RecordData, type RecordItem } from './validate.js';

/** What a roll-up needs to know of an indicator (the program catalog's indicator info fits). */
export interface RollupIndicator {
  id: number;
  code: string;
  origin: string;
  sources: readonly string[];
  /** Dimension code → its option codes. */
  dimensions: ReadonlyMap<string, ReadonlySet<string>>;
}

type DisaggSpec = { dimension: string; path: string } | { dimension: string; option: string };

/** One active roll-up, with its indicator resolved. */
export interface CompiledRollup {
  index: number;
  definition: RollupDefinition;
  indicator: RollupIndicator;
  source: string;
  disagg: DisaggSpec[];
  /** The list whose items the roll-up walks, or null for one contribution per record. */
  list: string | null;
  datePath: string;
  dateIsPeriod: boolean;
  /** `where` as field path → accepted values, written as text. */
  where: Array<[string, Set<string>]>;
}

/** A type's roll-ups as they apply in one program. */
export interface RollupPlan {
  typeCode: string;
  active: CompiledRollup[];
  inactive: Array<{ index: number; indicator: string; reason: string }>;
}

/**
 * Resolves a type's roll-ups against the program's indicators. `strict` (a program's own type)
 * turns every reason for inactivity into a problem; otherwise the problems list is empty and
 * `inactive` says what was left out and why.
 */
export function compileRollups(
  def: RecordTypeDefinition,
  findIndicator: (code: string) => RollupIndicator | undefined,
  strict: boolean,
): { plan: RollupPlan; problems: IssueDetail[] } {
  const plan: RollupPlan = { typeCode: def.code, active: [], inactive: [] };
  const problems: IssueDetail[] = [];
  def.rollups.forEach((r, index) => {
    const at = `rollups[${index}]`;
    const off = (column: string, value: unknown, reason: string) => {
      if (strict) problems.push({ column: `${at}.${column}`, value, reason });
      plan.inactive.push({ index, indicator: r.indicator, reason });
    };
    const indicator = findIndicator(r.indicator);
    if (!indicator) return off('indicator', r.indicator, `the program has no indicator ${r.indicator}`);
    if (indicator.origin !== 'records') {
      return off('indicator', r.indicator, `${r.indicator} has origin "${indicator.origin}"; roll-ups feed only indicators with origin "records"`);
    }
    let source = r.source ?? '';
    if (r.source && !indicator.sources.includes(r.source)) {
      return off('source', r.source, `not a source of ${r.indicator} (${indicator.sources.join(', ') || 'it has none'})`);
    }
    if (!r.source && indicator.sources.length > 1) {
      return off('source', undefined, `${r.indicator} has several sources (${indicator.sources.join(', ')}): name one`);
    }
    if (!r.source && indicator.sources.length === 1) source = indicator.sources[0] ?? '';

    const disagg: DisaggSpec[] = [];
    for (const [dimension, spec] of Object.entries(r.disagg ?? {})) {
      const options = indicator.dimensions.get(dimension);
      if (!options) {
        // Built-in types: the program chose not to split this indicator by that dimension.
        if (strict) problems.push({ column: `${at}.disagg.${dimension}`, value: dimension, reason: `${r.indicator} is not disaggregated by "${dimension}"` });
        continue;
      }
      if (typeof spec === 'string') disagg.push({ dimension, path: spec });
      else if (!options.has(spec.option)) {
        return off(`disagg.${dimension}`, spec.option, `"${spec.option}" is not an option of ${dimension}`);
      } else disagg.push({ dimension, option: spec.option });
    }
    const paths = [
      'sum' in r.value ? r.value.sum : 'latest' in r.value ? r.value.latest : null,
      ...disagg.map((d) => ('path' in d ? d.path : null)),
      ...Object.keys(r.where ?? {}),
      r.date ?? null,
    ].filter((p): p is string => p !== null);
    const list = paths.map((p) => resolvePath(def, p)?.list?.code).find((c) => c !== undefined) ?? null;
    const datePath = r.date ?? def.date_field;
    // Sorted by dimension here, so each record's key is built in canonical order (see disaggKey).
    disagg.sort((a, b) => (a.dimension < b.dimension ? -1 : a.dimension > b.dimension ? 1 : 0));
    plan.active.push({
      index,
      definition: r,
      indicator,
      source,
      disagg,
      list,
      datePath,
      dateIsPeriod: resolvePath(def, datePath)?.field.type === 'period',
      where: Object.entries(r.where ?? {}).map(([path, v]) => [path, new Set((Array.isArray(v) ? v : [v]).map(String))]),
    });
  });
  return { plan, problems };
}

/** One contribution of a record to one fact row (before its place and status are added). */
export interface Contribution {
  indicatorId: number;
  source: string;
  period: Period;
  disagg: string;
  value: number;
}

type Scope = { data: RecordData; item: RecordItem | null; itemIndex: number };

function read(scope: Scope, path: string): FieldValue | undefined {
  const dot = path.indexOf('.');
  if (dot < 0) return scope.data[path];
  return scope.item?.[path.slice(dot + 1)];
}

/** Where a path lives in the record, for error messages: `substance`, `participants[2].role`. */
function columnOf(scope: Scope, path: string): string {
  const dot = path.indexOf('.');
  return dot < 0 ? path : `${path.slice(0, dot)}[${scope.itemIndex}]${path.slice(dot)}`;
}

/**
 * The number a field adds, or undefined. A stored number that is not finite (a quantity that an
 * older Vigia kept as null after reading 1e309) adds nothing, so that its record can still be
 * changed and deleted: it never added a finite amount to take back.
 */
function numeric(v: FieldValue | undefined): number | undefined {
  const n = typeof v === 'boolean' ? (v ? 1 : 0) : isQuantity(v) ? v.value : v;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
}

/** How a field value is written as a dimension option: booleans as yes / no. */
function optionOf(v: FieldValue | undefined): string | undefined {
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (typeof v === 'string' || typeof v === 'number') return String(v);
  return undefined;
}

function matches(v: FieldValue | undefined, accepted: Set<string>): boolean {
  if (v === undefined || Array.isArray(v)) return false;
  return accepted.has(String(isQuantity(v) ? v.value : v));
}

/** Month periods of dates seen, since a million records fall on a few thousand dates. */
const MONTHS = new Map<string, Period>();

function monthOf(date: string): Period {
  let p = MONTHS.get(date);
  if (!p) {
    if (MONTHS.size > 50_000) MONTHS.clear();
    p = periodOfDate(date, 'month');
    MONTHS.set(date, p);
  }
  return p;
}

/**
 * A record's contributions under a plan. Data must already be validated. A contribution whose
 * date or summed field is empty is skipped; an option the indicator does not know is a problem
 * naming the field, since the value could not be placed.
 */
export function recordContributions(plan: RollupPlan, data: RecordData): { contributions: Contribution[]; issues: IssueDetail[] } {
  const contributions: Contribution[] = [];
  const issues: IssueDetail[] = [];
  for (const r of plan.active) {
    const def = r.definition;
    const items = r.list ? ((data[r.list] as RecordItem[] | undefined) ?? []) : [null];
    items.forEach((item, itemIndex) => {
      const scope: Scope = { data, item, itemIndex };
      for (const [path, accepted] of r.where) {
        if (!matches(read(scope, path), accepted)) return;
      }
      const when = read(scope, r.datePath);
      if (typeof when !== 'string') return;
      const period = r.dateIsPeriod ? tryParsePeriod(when) : monthOf(when);
      if (!period) return;
      let value: number | undefined = 1;
      if ('sum' in def.value) value = numeric(read(scope, def.value.sum));
      else if ('latest' in def.value) value = numeric(read(scope, def.value.latest));
      if (value === undefined) return;
      // Dimensions are sorted and options are codes the indicator declares, so joining them
      // gives the canonical key that disaggKey would.
      let key = '';
      for (const d of r.disagg) {
        if ('option' in d) {
          key += `${key ? ';' : ''}${d.dimension}=${d.option}`;
          continue;
        }
        const option = optionOf(read(scope, d.path));
        // An optional field left empty: the contribution is simply not split by this dimension.
        if (option === undefined) continue;
        if (!r.indicator.dimensions.get(d.dimension)?.has(option)) {
          issues.push({
            column: columnOf(scope, d.path),
            value: option,
            reason: `"${option}" is not an option of dimension ${d.dimension} of indicator ${r.indicator.code}`,
          });
          return;
        }
        key += `${key ? ';' : ''}${d.dimension}=${option}`;
      }
      contributions.push({
        indicatorId: r.indicator.id,
        source: r.source,
        period,
        disagg: key,
        value: value * (def.scale ?? 1),
      });
    });
  }
  return { contributions, issues };
}
