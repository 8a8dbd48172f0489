/**
 * Builds the indicator tracking table of a fiscal year from the live fact table. Actuals come
 * from the analytics query service, so every figure equals what `vigia analytics` gives for
 * the program's top-level place, approved data only: the quarters as one query grouped by
 * quarter, the fiscal year as one query over the whole year (which aggregates as the indicator
 * says: a sum, the latest, an average). Baselines and targets are those `vigia progress` reads;
 * life-of-program targets and their cumulative actuals come from tracking-lop.service.ts.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Clearance } from '../../db/schema-accounts.js';
import { isVigiaError, validationError } from '../../core/errors.js';
import { fiscalSuffix, subdivide, tryParsePeriod, type Period } from '../../core/periods.js';
import { loadCatalog, type Catalog, type IndicatorInfo } from '../catalog/catalog.repo.js';
import { indicatorSensitivities, mayReadIndicator } from '../catalog/indicator-sensitivity.service.js';
import type { TargetRow } from '../analytics/analytics.repo.js';
import type { AnalyticsRow } from '../analytics/analytics-query.js';
import { queryAnalyticsResolved } from '../analytics/analytics-query.service.js';
import { countryOf } from '../analytics/analytics-progress.service.js';
import type { AnalyticsProgram } from '../analytics/program-lookups.js';
import { findFrameworkNodes } from '../reports/report.repo.js';
import { findExplanations, findPlaceTargets } from './tracking.repo.js';
import { lopActuals, lopKey, lopTargetFor, type LopNeed } from './tracking-lop.service.js';
import { achievedPct, explanationRequired, type TrackingRow, type TrackingTable } from './tracking-table.js';

type Db = Kysely<Database>;

export interface TrackingRequest {
  /** A framework node code (a component, or a goal with its components): only its indicators. */
  component?: string | undefined;
  /** Leave out indicators above this clearance (the reader's); every indicator when absent. */
  maxSensitivity?: Clearance | undefined;
}

/** The program's catalog, or a validation error naming `program`. */
export async function trackingCatalog(db: Db, program: string): Promise<Catalog> {
  try {
    return await loadCatalog(db, program, []);
  } catch (e) {
    if (isVigiaError(e) && e.kind === 'not_found') {
      throw validationError(`no program "${program}"`, [{ column: 'program', value: program, reason: 'no such program' }]);
    }
    throw e;
  }
}

/** A fiscal year of the program's calendar (`2012Oct` for one that starts in October), or a validation error naming `period`. */
export function parseFiscalYear(id: string, fiscalStartMonth: number): { year: Period; quarters: Period[] } {
  const example = `2012${fiscalSuffix(fiscalStartMonth)}`;
  const p = tryParsePeriod(id);
  const fail = (reason: string) => validationError(`period "${id}" ${reason}`, [{ column: 'period', value: id, reason }]);
  if (!p || p.type !== 'fiscal_year')
    throw fail(`is not a fiscal year: name one as ${example} (the year that starts in ${example.slice(4)} ${example.slice(0, 4)})`);
  if (p.fiscalStartMonth !== fiscalStartMonth)
    throw fail(`is not a fiscal year of this program, whose years start in month ${fiscalStartMonth}: use e.g. ${example}`);
  const quarters = subdivide(p, 'quarter', fiscalStartMonth);
  if (quarters.length !== 4) throw fail('does not divide into four calendar quarters (the fiscal year must start in January, April, July or October)');
  return { year: p, quarters };
}

/** The program's indicators in framework order (goal › its own, then each component's), those not in it last. */
export async function frameworkOrder(db: Db, catalog: Catalog, component: string | undefined): Promise<IndicatorInfo[]> {
  const nodes = await findFrameworkNodes(db, catalog.program.id);
  const byNode = new Map<number | null, IndicatorInfo[]>();
  for (const i of catalog.indicators.values()) byNode.set(i.component_id, [...(byNode.get(i.component_id) ?? []), i]);
  const chosen = component === undefined ? null : nodes.find((n) => n.code === component);
  if (chosen === undefined) {
    const reason = `no goal or component "${component}" (${nodes.map((n) => n.code).join(', ') || 'none'})`;
    throw validationError(reason, [{ column: 'component', value: component ?? '', reason }]);
  }
  const out: IndicatorInfo[] = [];
  for (const goal of nodes.filter((n) => n.kind === 'goal')) {
    const wholeGoal = chosen === null || chosen.id === goal.id;
    if (wholeGoal) out.push(...(byNode.get(goal.id) ?? []));
    for (const c of nodes.filter((n) => n.kind === 'component' && n.parent_id === goal.id)) {
      if (wholeGoal || chosen?.id === c.id) out.push(...(byNode.get(c.id) ?? []));
    }
  }
  if (chosen === null) out.push(...(byNode.get(null) ?? []));
  return out;
}

/** The source codes a row is made for: each of several, or '' for a single or unnamed one. */
const rowSources = (ind: IndicatorInfo): string[] => (ind.sources.length > 1 ? ind.sources : ['']);

/** The key of an analytics row: indicator, and its source when the indicator has several. */
function rowKey(code: string, source: string, period = ''): string {
  return `${code}|${source}|${period}`;
}

/** Baselines and targets that apply to a row: its own source's, or unnamed ones for a single-source indicator (its own source first). */
function targetsFor(all: readonly TargetRow[], ind: IndicatorInfo, source: string): TargetRow[] {
  const own = ind.sources.length > 1 ? source : (ind.sources[0] ?? '');
  const accepted = ind.sources.length > 1 ? new Set([own]) : new Set([own, '']);
  const mine = all.filter((t) => t.indicator_id === ind.id && accepted.has(t.source));
  return mine.sort((a, b) => Number(b.source === own) - Number(a.source === own));
}

/**
 * The tracking table of `program` for fiscal year `fiscalYearId`: every indicator of the
 * framework (or of one component) the reader may read, in framework order.
 */
export async function trackingTable(db: Db, program: string, fiscalYearId: string, req: TrackingRequest = {}): Promise<TrackingTable> {
  const catalog = await trackingCatalog(db, program);
  const { year, quarters } = parseFiscalYear(fiscalYearId, catalog.program.fiscal_year_start_month);
  let indicators = await frameworkOrder(db, catalog, req.component);
  if (req.maxSensitivity) {
    const ceiling = req.maxSensitivity;
    const sensitivities = await indicatorSensitivities(db, catalog);
    indicators = indicators.filter((i) => mayReadIndicator(sensitivities, i.code, ceiling));
  }
  const ap: AnalyticsProgram = { id: catalog.program.id, code: catalog.program.code, indicators: catalog.indicators };
  const place = await countryOf(db, ap);
  const base = { indicators, place, approvedOnly: true };
  const [quarterRows, yearRows, targets, explanations] = await Promise.all([
    indicators.length ? queryAnalyticsResolved(db, ap, { ...base, from: quarters[0]!.id, to: quarters[3]!.id, by: ['period:quarter'] }) : [],
    indicators.length ? queryAnalyticsResolved(db, ap, { ...base, from: year.id, to: year.id }) : [],
    findPlaceTargets(
      db,
      indicators.map((i) => i.id),
      place.id,
    ),
    findExplanations(
      db,
      indicators.map((i) => i.id),
      year.id,
    ),
  ]);
  const byKey = new Map<string, AnalyticsRow>();
  const sourceOfRow = (r: AnalyticsRow) => ((catalog.indicators.get(r.indicator)?.sources.length ?? 0) > 1 ? (r.source ?? '') : '');
  for (const r of quarterRows) byKey.set(rowKey(r.indicator, sourceOfRow(r), r.period), r);
  for (const r of yearRows) byKey.set(rowKey(r.indicator, sourceOfRow(r)), r);

  const lopNeeds: LopNeed[] = indicators.flatMap((ind) =>
    rowSources(ind).flatMap((source) => {
      const target = lopTargetFor(targetsFor(targets, ind, source), year);
      return target ? [{ indicator: ind, source, target }] : [];
    }),
  );
  const lopTargets = new Map(lopNeeds.map((n) => [lopKey(n.indicator.code, n.source), n.target.value]));
  const lopActual = await lopActuals(db, ap, place, lopNeeds, year);

  const rows: TrackingRow[] = indicators.flatMap((ind) =>
    rowSources(ind).map((source): TrackingRow => {
      const own = targetsFor(targets, ind, source);
      const target = own.find((t) => t.kind === 'target' && t.start_date === year.start && t.end_date === year.end)?.value ?? null;
      const baseline = own
        .filter((t) => t.kind === 'baseline' && t.end_date <= year.end)
        .reduce<TargetRow | null>((best, t) => (!best || t.end_date > best.end_date ? t : best), null);
      const fy = byKey.get(rowKey(ind.code, source));
      const actual = fy?.value ?? null;
      const explanation = explanations.get(ind.id)?.text ?? null;
      return {
        indicator: ind.code,
        source: source || null,
        name: { en: ind.name_en, es: ind.name_es },
        unit: ind.unit,
        decimals: ind.decimals,
        baseline: baseline ? { period: baseline.period, value: baseline.value } : null,
        target,
        quarters: quarters.map((q) => ({ period: q.id, actual: byKey.get(rowKey(ind.code, source, q.id))?.value ?? null })),
        actual,
        achieved_pct: achievedPct(actual, target),
        lop_target: lopTargets.get(lopKey(ind.code, source)) ?? null,
        lop_actual: lopActual.get(lopKey(ind.code, source)) ?? null,
        deviation_explanation: explanation,
        explanation_required: explanationRequired(actual, target),
        provenance: fy?.provenance ?? [],
      };
    }),
  );
  return {
    program: catalog.program.code,
    program_name: { en: catalog.program.name_en, es: catalog.program.name_es },
    fiscal_year: year.id,
    quarters: quarters.map((q) => q.id),
    place: place.code,
    approved_only: true,
    data_version: catalog.program.data_version,
    rows,
  };
}
