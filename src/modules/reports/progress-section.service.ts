/**
 * The indicator-progress section: for each indicator of the framework, grouped by goal ›
 * component, its baseline, its target and actual value per period, the percent of target,
 * and a chart of actual (bars) against target (line with markers).
 */
import { GLOSSARY, termLabel } from '../../core/glossary.js';
import { formatNumber, formatPercent } from '../../core/number-format.js';
import { periodLabel, parsePeriod } from '../../core/periods.js';
import type { IndicatorInfo } from '../catalog/catalog.repo.js';
import type { Section } from './report-definition.schema.js';
import type { Block, TableCell } from './report-document.js';
import { findFrameworkNodes, type FrameworkNode } from './report.repo.js';
import { figureQuery, mayRead, resolveRange, sensitivityOf, type ReportContext } from './report-context.js';
import { seriesValues } from './figure-series.service.js';
import { pointMarks, scopeTitle, targetSeries, unitLabel, valueCell } from './figure-sections.service.js';

type ProgressSection = Extract<Section, { type: 'progress' }>;

/** One small chart per indicator: lower than a fact sheet's. */
const PROGRESS_CHART_HEIGHT = 170;

/** The progress table's words, in both languages, from the glossary. */
export const PROGRESS_WORDS = {
  en: {
    target: termLabel('target', 'en'),
    actual: termLabel('actual', 'en'),
    pct: `% of ${GLOSSARY.target.en}`,
    baseline: termLabel('baseline', 'en'),
    none: 'none set',
    other: `Other ${GLOSSARY.indicators.en}`,
  },
  es: {
    target: termLabel('target', 'es'),
    actual: termLabel('actual', 'es'),
    pct: `% de la ${GLOSSARY.target.es}`,
    baseline: termLabel('baseline', 'es'),
    none: 'no definida',
    other: `Otros ${GLOSSARY.indicators.es}`,
  },
} as const;

async function indicatorBlocks(ctx: ReportContext, section: ProgressSection, ind: IndicatorInfo, source: string): Promise<Block[]> {
  const lang = ctx.lang;
  const w = PROGRESS_WORDS[lang];
  const periods = resolveRange(ctx, section.periods);
  const scope = { indicator: ind.code, source: source || undefined };
  const [actuals, progress] = await Promise.all([seriesValues(ctx, scope, periods), targetSeries(ctx, ind, source, undefined, periods)]);
  const title = scopeTitle(ctx, scope, ind, source);

  const baseline = progress[progress.length - 1]?.baseline ?? null;
  const baselineText = baseline
    ? `${w.baseline}: ${formatNumber(baseline.value, lang, ind.decimals)} (${periodLabel(parsePeriod(baseline.period), lang)})`
    : `${w.baseline}: ${w.none}`;

  const row = (label: string, cells: TableCell[]): TableCell[] => [{ text: label, numeric: false }, ...cells];
  const rows: TableCell[][] = [
    row(
      w.target,
      progress.map((p) => ({ text: valueCell(p.target, ind.decimals, lang), numeric: true })),
    ),
    row(
      w.actual,
      actuals.map((a) => ({
        text: valueCell(a.value, ind.decimals, lang),
        numeric: true,
        query: figureQuery(ctx, scope, [a.period]),
        provenance: a.provenance,
      })),
    ),
    row(
      w.pct,
      progress.map((p) => ({ text: p.pct_of_target === null ? '—' : formatPercent(p.pct_of_target, lang, 0), numeric: true })),
    ),
  ];
  const blocks: Block[] = [
    { kind: 'paragraph', inlines: [{ text: title, bold: true }] },
    { kind: 'paragraph', inlines: [{ text: baselineText }] },
    { kind: 'table', caption: null, head: ['', ...periods.map((p) => periodLabel(p, lang))], rows },
  ];
  const hasData = actuals.some((a) => a.value !== null) || progress.some((p) => p.target !== null);
  if (section.charts && hasData) {
    blocks.push({
      kind: 'chart',
      caption: title,
      chart: {
        title,
        unitLabel: unitLabel(ind.unit, lang),
        categories: periods.map((p) => periodLabel(p, lang)),
        series: [
          { name: w.actual, style: 'bar', values: actuals.map((a) => a.value) },
          { name: w.target, style: 'line', values: progress.map((p) => p.target) },
        ],
        lang,
        height: PROGRESS_CHART_HEIGHT,
      },
      query: figureQuery(ctx, scope, periods),
      marks: pointMarks(actuals),
    });
  }
  return blocks;
}

/** The blocks of a progress section: goal and component headings, then each indicator. */
export async function progressSectionBlocks(ctx: ReportContext, section: ProgressSection): Promise<Block[]> {
  const nodes = await findFrameworkNodes(ctx.db, ctx.catalog.program.id);
  const lang = ctx.lang;
  const name = (n: FrameworkNode) => (lang === 'es' ? n.name_es : n.name_en);
  const only = section.only ? new Set(section.only) : null;
  const indicators = [...ctx.catalog.indicators.values()].filter((i) => !section.exclude_sensitivity.includes(sensitivityOf(ctx, i)) && mayRead(ctx, i));
  const byComponent = new Map<number | null, IndicatorInfo[]>();
  for (const i of indicators) byComponent.set(i.component_id, [...(byComponent.get(i.component_id) ?? []), i]);

  const blocks: Block[] = [];
  const addIndicators = async (list: readonly IndicatorInfo[]) => {
    for (const ind of list) {
      for (const source of ind.sources.length > 1 ? ind.sources : [ind.sources[0] ?? '']) {
        blocks.push(...(await indicatorBlocks(ctx, section, ind, source)));
      }
    }
  };
  const goals = nodes.filter((n) => n.kind === 'goal');
  for (const goal of goals) {
    const components = nodes.filter((n) => n.kind === 'component' && n.parent_id === goal.id);
    const wanted = components.filter((c) => !only || only.has(goal.code) || only.has(c.code));
    const direct = byComponent.get(goal.id) ?? [];
    if (!wanted.some((c) => byComponent.get(c.id)?.length) && !(direct.length && (!only || only.has(goal.code)))) continue;
    blocks.push({ kind: 'heading', level: 2, text: name(goal) });
    if (!only || only.has(goal.code)) await addIndicators(direct);
    for (const c of wanted) {
      const list = byComponent.get(c.id) ?? [];
      if (!list.length) continue;
      blocks.push({ kind: 'heading', level: 3, text: name(c) });
      await addIndicators(list);
    }
  }
  const loose = byComponent.get(null) ?? [];
  if (loose.length && !only) {
    blocks.push({ kind: 'heading', level: 2, text: PROGRESS_WORDS[lang].other });
    await addIndicators(loose);
  }
  return blocks;
}
