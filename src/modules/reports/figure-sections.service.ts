/** Indicator tables and charts of a report definition, read from live data. */
import { termLabel } from '../../core/glossary.js';
import { formatNumber } from '../../core/number-format.js';
import { periodLabel, type Period } from '../../core/periods.js';
import { isCountUnit, unitWord } from '../../core/statements/quantity.js';
import type { Lang } from '../../core/statements/language.js';
import type { FigureMark } from '../../core/figure-marks.js';
import { marksPresent } from '../../core/marks-legend.js';
import { rowMarks } from '../../core/row-marks.js';
import type { IndicatorInfo } from '../catalog/catalog.repo.js';
import { progressAgainstTargetResolved } from '../analytics/analytics-progress.service.js';
import type { Section } from './report-definition.schema.js';
import type { Block, TableCell } from './report-document.js';
import type { ChartSeries } from './chart-layout.js';
import { figureQuery, indicatorOf, placeOf, resolveRange, sourceOf, type FigureScope, type ReportContext } from './report-context.js';
import { seriesValues, type SeriesPoint } from './figure-series.service.js';

/** The unit as an axis or column label: "hectares", "%", '' for counts. */
export function unitLabel(unit: string, lang: Lang): string {
  if (isCountUnit(unit)) return '';
  return unitWord(unit, 2, lang) || unit;
}

/** A figure for a table cell (its flags are written by each renderer from the cell's provenance). */
export function valueCell(value: number | null, decimals: number, lang: Lang): string {
  return value === null ? '—' : formatNumber(value, lang, decimals);
}

/** "Coca under cultivation (hectares; US government estimate)": a row's or chart's name. */
export function scopeTitle(ctx: ReportContext, scope: FigureScope, ind: IndicatorInfo, source = sourceOf(ind, scope)): string {
  const lang = ctx.lang;
  const name = scope.label?.[lang] ?? (lang === 'es' ? ind.name_es : ind.name_en);
  const extras = [unitLabel(ind.unit, lang)];
  if (ind.sources.length > 1 && source) extras.push(ctx.sourceNames.get(source)?.[lang] ?? source);
  const inside = extras.filter(Boolean).join('; ');
  return inside ? `${name} (${inside})` : name;
}

/** The flags of a chart's points, for the legend under it. */
export function pointMarks(points: readonly SeriesPoint[]): FigureMark[] {
  return marksPresent(points.map(rowMarks));
}

async function tableBlock(ctx: ReportContext, section: Extract<Section, { type: 'table' }>): Promise<Block[]> {
  const periods = resolveRange(ctx, section.periods);
  const lang = ctx.lang;
  const rows: TableCell[][] = [];
  for (const scope of section.rows) {
    const ind = indicatorOf(ctx, scope.indicator);
    const points = await seriesValues(ctx, scope, periods);
    rows.push([
      { text: scopeTitle(ctx, scope, ind), numeric: false },
      ...points.map((p) => ({
        text: valueCell(p.value, ind.decimals, lang),
        numeric: true,
        query: figureQuery(ctx, scope, [p.period]),
        provenance: p.provenance,
      })),
    ]);
  }
  const caption = section.caption?.[lang] ?? null;
  const head = [lang === 'es' ? 'Indicador' : 'Indicator', ...periods.map((p) => periodLabel(p, lang))];
  return [{ kind: 'table', caption, head, rows }];
}

/** The targets of an indicator for each period (null where none is set). */
export async function targetSeries(ctx: ReportContext, ind: IndicatorInfo, source: string, place: string | undefined, periods: readonly Period[]) {
  return Promise.all(
    periods.map((p) =>
      progressAgainstTargetResolved(ctx.db, ctx.analytics, {
        indicator: ind,
        source: source || undefined,
        place: place ? placeOf(ctx, place) : undefined,
        period: p.id,
        approvedOnly: ctx.approvedOnly,
      }),
    ),
  );
}

async function chartBlock(ctx: ReportContext, section: Extract<Section, { type: 'chart' }>): Promise<Block[]> {
  const periods = resolveRange(ctx, section.periods);
  const lang = ctx.lang;
  const ind = indicatorOf(ctx, section.indicator);
  const sources = section.source ? [section.source] : ind.sources.length > 1 ? (section.sources ?? ind.sources) : [sourceOf(ind, section)];
  const series: ChartSeries[] = [];
  const all: SeriesPoint[] = [];
  for (const source of sources) {
    const points = await seriesValues(ctx, { ...section, source: source || undefined }, periods);
    all.push(...points);
    const name = source && ind.sources.length > 1 ? (ctx.sourceNames.get(source)?.[lang] ?? source) : lang === 'es' ? 'Valor' : 'Actual';
    series.push({ name, style: section.style, values: points.map((p) => p.value) });
  }
  if (section.targets) {
    const targets = await targetSeries(ctx, ind, sources[0] ?? '', section.place, periods);
    series.push({ name: termLabel('target', lang), style: 'line', values: targets.map((t) => t.target) });
  }
  const title = scopeTitle(ctx, section, ind, ind.sources.length > 1 && sources.length > 1 ? '' : (sources[0] ?? ''));
  const caption = section.caption?.[lang] ?? title;
  return [
    {
      kind: 'chart',
      caption,
      chart: { title, unitLabel: unitLabel(ind.unit, lang), categories: periods.map((p) => periodLabel(p, lang)), series, lang },
      // Several sources are several series; the query names them all.
      query: { ...figureQuery(ctx, section, periods), source: sources.join(',') },
      marks: pointMarks(all),
    },
  ];
}

/** Blocks of a table or chart section (its heading is added by the caller). */
export async function figureSectionBlocks(ctx: ReportContext, section: Extract<Section, { type: 'table' | 'chart' }>): Promise<Block[]> {
  return section.type === 'table' ? tableBlock(ctx, section) : chartBlock(ctx, section);
}
