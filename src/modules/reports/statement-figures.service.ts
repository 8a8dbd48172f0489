/**
 * Result statements from live data: each statement of a definition is read through analytics
 * (or from a project record) and worded by the templates in src/core/statements.
 */
import { parseDisagg } from '../../core/disagg.js';
import { mergeProvenance, type ProvenanceKind } from '../../core/aggregation.js';
import type { Period } from '../../core/periods.js';
import { comparisonStatement } from '../../core/statements/comparison.js';
import { valueStatement } from '../../core/statements/latest.js';
import { countStatement } from '../../core/statements/count.js';
import { withCoverageNotes } from '../../core/statements/coverage-note.js';
import type { Coverage } from '../../core/coverage.js';
import { queryAnalyticsResolved } from '../analytics/analytics-query.service.js';
import { comparePeriodsResolved } from '../analytics/analytics-compare.service.js';
import type { FigureSpec, StatementSpec } from './report-definition.schema.js';
import type { StatementItem } from './report-document.js';
import { figureQuery, indicatorOf, placeOf, resolvePeriod, subjectOf, type FigureScope, type ReportContext } from './report-context.js';
import { projectStatusItem } from './project-status.service.js';

/** The filters of an analytics call for a scope, its place taken from the report's catalog. */
export function analyticsFilters(ctx: ReportContext, scope: FigureScope) {
  return {
    source: scope.source,
    place: scope.place ? placeOf(ctx, scope.place) : undefined,
    zone: scope.zone,
    disagg: scope.disagg ? { ...parseDisagg(scope.disagg) } : undefined,
    approvedOnly: ctx.approvedOnly,
  };
}

/** One indicator's value over one period, with its provenance; null value when there are no data. */
export async function figureValue(
  ctx: ReportContext,
  scope: FigureScope,
  period: Period,
): Promise<{ value: number | null; provenance: ProvenanceKind[]; coverage: Coverage | null }> {
  const rows = await queryAnalyticsResolved(
    ctx.db,
    ctx.analytics,
    {
      ...analyticsFilters(ctx, scope),
      indicators: [indicatorOf(ctx, scope.indicator)],
      from: period.id,
      to: period.id,
    },
    { coverage: true },
  );
  const row = rows[0];
  return { value: row?.value ?? null, provenance: row?.provenance ?? [], coverage: row?.coverage ?? null };
}

async function figureStatement(ctx: ReportContext, spec: FigureSpec): Promise<StatementItem> {
  const subject = subjectOf(ctx, spec);
  if (spec.kind === 'comparison') {
    const from = resolvePeriod(ctx, spec.from);
    const to = resolvePeriod(ctx, spec.to);
    const c = await comparePeriodsResolved(ctx.db, ctx.analytics, {
      ...analyticsFilters(ctx, spec),
      indicator: indicatorOf(ctx, spec.indicator),
      from: from.id,
      to: to.id,
    });
    const s = comparisonStatement({ ...subject, from: { period: from, value: c.from.value }, to: { period: to, value: c.to.value } }, ctx.lang);
    const sides = [
      { period: from, coverage: c.from.coverage },
      { period: to, coverage: c.to.coverage },
    ];
    return {
      ...s,
      text: s.available ? withCoverageNotes(s.text, sides, ctx.lang) : s.text,
      query: figureQuery(ctx, spec, [from, to]),
      provenance: mergeProvenance([c.from.provenance, c.to.provenance]),
    };
  }
  const period = resolvePeriod(ctx, spec.period);
  const { value, provenance, coverage } = await figureValue(ctx, spec, period);
  const at = { period, value };
  const s = spec.kind === 'count' ? countStatement({ ...subject, at, step: spec.step }, ctx.lang) : valueStatement({ ...subject, at }, ctx.lang);
  return {
    ...s,
    text: s.available ? withCoverageNotes(s.text, [{ period, coverage }], ctx.lang) : s.text,
    query: figureQuery(ctx, spec, [period]),
    provenance,
  };
}

/** Builds one statement of a definition; null when it has no data and the section omits such. */
export async function buildStatement(ctx: ReportContext, spec: StatementSpec, ifMissing: 'say' | 'omit'): Promise<StatementItem | null> {
  let item: StatementItem;
  if (spec.kind === 'text') item = { text: spec.text[ctx.lang], tone: 'neutral', available: true, query: null, provenance: [] };
  else if (spec.kind === 'project_status') item = await projectStatusItem(ctx, spec);
  else item = await figureStatement(ctx, spec);
  return !item.available && ifMissing === 'omit' ? null : item;
}
