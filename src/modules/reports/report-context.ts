/**
 * What building one report needs at hand: the program's catalog and names, the language, the
 * report period, and the small rules shared by every section (periods relative to the report
 * period, the subject of a statement, the query a figure reproduces).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { notFound, validationError } from '../../core/errors.js';
import { disaggKey, parseDisagg, type Disagg } from '../../core/disagg.js';
import { parsePeriod, periodLabel, periodRange, shiftPeriod, type Period } from '../../core/periods.js';
import type { Bilingual, Lang } from '../../core/statements/language.js';
import type { StatementSubject } from '../../core/statements/statement.js';
import { loadCatalog, requirePlace, type Catalog, type IndicatorInfo } from '../catalog/catalog.repo.js';
import type { AnalyticsProgram } from '../analytics/program-lookups.js';
import { indicatorSensitivities, mayReadIndicator, type IndicatorSensitivities } from '../catalog/indicator-sensitivity.service.js';
import { findOptionNames, findSourceNames, findZoneNames } from './report.repo.js';
import type { PeriodRef } from './report-definition.schema.js';
import type { AnalyticsFigureQuery } from './report-document.js';
import type { Sensitivity } from '../../core/sensitivity.js';

export interface ReportContext {
  db: Kysely<Database>;
  catalog: Catalog;
  lang: Lang;
  period: Period;
  approvedOnly: boolean;
  /** The most sensitive indicator the reader may see; others do not exist for this report. */
  maxSensitivity: Sensitivity;
  /** Each indicator's effective sensitivity: a figure is as sensitive as what it is computed from. */
  sensitivities: IndicatorSensitivities;
  sourceNames: Map<string, Bilingual>;
  zoneNames: Map<string, Bilingual>;
  /** `dimension=option` → the option's names. */
  optionNames: Map<string, Bilingual>;
  /** The program as analytics reads it, with the catalog's indicators and top-level places (nothing is looked up again). */
  analytics: AnalyticsProgram;
}

/** Where a figure is read from, as a report definition names it. */
export interface FigureScope {
  indicator: string;
  source?: string | undefined;
  place?: string | undefined;
  zone?: string | undefined;
  disagg?: string | undefined;
  label?: Bilingual | undefined;
}

const names = (rows: { code: string; name_en: string; name_es: string }[], key = (r: { code: string }) => r.code) =>
  new Map(rows.map((r) => [key(r), { en: r.name_en, es: r.name_es }]));

/** Reads the catalog and names of a program once for a whole report. */
export async function openReportContext(
  db: Kysely<Database>,
  programCode: string,
  periodId: string,
  lang: Lang,
  approvedOnly: boolean,
  maxSensitivity: Sensitivity = 'restricted',
): Promise<ReportContext> {
  const catalog = await loadCatalog(db, programCode);
  const period = parsePeriod(periodId);
  const id = catalog.program.id;
  const roots = [...catalog.places.values()].filter((p) => p.parent_id === null).sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const [sources, zones, options, sensitivities] = await Promise.all([
    findSourceNames(db, id),
    findZoneNames(db, id),
    findOptionNames(db, id),
    indicatorSensitivities(db, catalog),
  ]);
  return {
    db,
    catalog,
    lang,
    period,
    approvedOnly,
    maxSensitivity,
    sensitivities,
    sourceNames: names(sources),
    zoneNames: names(zones),
    optionNames: new Map(options.map((o) => [`${o.dimension}=${o.code}`, { en: o.name_en, es: o.name_es }])),
    analytics: { id, code: catalog.program.code, indicators: catalog.indicators, roots },
  };
}

/** A period named relative to the report period (an offset) or by its id. */
export function resolvePeriod(ctx: ReportContext, ref: PeriodRef): Period {
  return typeof ref === 'number' ? shiftPeriod(ctx.period, ref) : parsePeriod(ref);
}

/** Every period from `from` to `to`, both resolved; of one type, as a range needs. */
export function resolveRange(ctx: ReportContext, range: { from: PeriodRef; to: PeriodRef }): Period[] {
  const from = resolvePeriod(ctx, range.from);
  const to = resolvePeriod(ctx, range.to);
  if (from.start > to.start) throw validationError(`a report period range runs from ${from.id} to ${to.id}: give them in order`);
  return periodRange(from, to);
}

/** The sensitivity an indicator's figures (values, statements, targets) have in this report. */
export function sensitivityOf(ctx: ReportContext, ind: IndicatorInfo): Sensitivity {
  return ctx.sensitivities.get(ind.code) ?? 'restricted';
}

/** True when the report's reader may see the indicator (by its effective sensitivity). */
export function mayRead(ctx: ReportContext, ind: IndicatorInfo): boolean {
  return mayReadIndicator(ctx.sensitivities, ind.code, ctx.maxSensitivity);
}

/**
 * The indicator of a scope, or not_found naming the program; an indicator the reader may not
 * see is not_found too (its existence is not disclosed), as in analytics.
 */
export function indicatorOf(ctx: ReportContext, code: string): IndicatorInfo {
  const ind = ctx.catalog.indicators.get(code);
  if (!ind || !mayRead(ctx, ind)) {
    // The code comes from the definition, not the reader: below restricted clearance it is not
    // repeated, so a hidden indicator's code never leaves (and unknown and hidden read the same).
    const which = ctx.maxSensitivity === 'restricted' ? `indicator "${code}"` : 'indicator you may read';
    throw notFound(`program ${ctx.catalog.program.code} has no ${which} for this report`);
  }
  return ind;
}

/** The place of a scope, from the report's catalog; not_found naming the program when it has no such place. */
export function placeOf(ctx: ReportContext, code: string) {
  return requirePlace(ctx.catalog, code);
}

/** Names of a `dim=opt;…` disaggregation's options, joined. */
function disaggNames(ctx: ReportContext, disagg: Disagg): Bilingual | null {
  const pairs = Object.entries(disagg);
  if (!pairs.length) return null;
  const name = (lang: Lang) => pairs.map(([d, o]) => ctx.optionNames.get(`${d}=${o}`)?.[lang] ?? o).join(', ');
  return { en: name('en'), es: name('es') };
}

/** The source a figure reads: the one named, or the indicator's only one ('' for none). */
export function sourceOf(ind: IndicatorInfo, scope: FigureScope): string {
  return scope.source ?? (ind.sources.length === 1 ? (ind.sources[0] ?? '') : '');
}

/** The subject of a statement about a scope: names, unit, direction, source, place, disaggregation. */
export function subjectOf(ctx: ReportContext, scope: FigureScope): StatementSubject {
  const ind = indicatorOf(ctx, scope.indicator);
  const source = sourceOf(ind, scope);
  const place = scope.place ? ctx.catalog.places.get(scope.place) : undefined;
  const zone = scope.zone ? ctx.zoneNames.get(scope.zone) : undefined;
  return {
    name: scope.label ?? { en: ind.name_en, es: ind.name_es },
    unit: ind.unit,
    decimals: ind.decimals,
    direction: ind.direction,
    // Sources are named where there are several, so a reader never takes one for the other.
    source: ind.sources.length > 1 && source ? (ctx.sourceNames.get(source) ?? { en: source, es: source }) : null,
    // The whole country is the default and goes unsaid.
    place: place && place.level > 1 ? { en: place.name, es: place.name } : (zone ?? null),
    disagg: scope.disagg ? disaggNames(ctx, parseDisagg(scope.disagg)) : null,
  };
}

/** The analytics query behind a figure, recorded in every output. */
export function figureQuery(ctx: ReportContext, scope: FigureScope, periods: readonly Period[]): AnalyticsFigureQuery {
  const ind = indicatorOf(ctx, scope.indicator);
  return {
    kind: 'analytics',
    program: ctx.catalog.program.code,
    indicator: ind.code,
    source: sourceOf(ind, scope),
    place: scope.place ?? '',
    zone: scope.zone ?? '',
    periods: periods.map((p) => p.id),
    disagg: scope.disagg ? disaggKey(parseDisagg(scope.disagg)) : '',
    approvedOnly: ctx.approvedOnly,
  };
}

/** Placeholders narrative text and titles may use. */
export function placeholderValues(ctx: ReportContext): Record<string, string> {
  const p = ctx.catalog.program;
  return {
    program: ctx.lang === 'es' ? p.name_es : p.name_en,
    program_code: p.code,
    country: p.country_code,
    period: periodLabel(ctx.period, ctx.lang),
    period_id: ctx.period.id,
    data_version: String(p.data_version),
  };
}
