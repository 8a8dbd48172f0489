/**
 * The tracking table as a report document, so that the report renderers draw it as Markdown,
 * HTML and PDF like any other report: one table of figures (each actual with the query that
 * reproduces it, and its provenance labelled), then the deviation explanations.
 */
import type { Lang } from '../../core/statements/language.js';
import { formatNumber, formatPercent } from '../../core/number-format.js';
import { parsePeriod, periodLabel } from '../../core/periods.js';
import type { Block, Inline, ReportDocument, TableCell } from '../reports/report-document.js';
import { unitLabel, valueCell } from '../reports/figure-sections.service.js';
import type { TrackingRow, TrackingTable } from './tracking-table.js';
import { TRACKING_WORDS, fiscalYearLabel, trackingColumns } from './tracking-columns.js';

const FIGURE_COLUMNS = ['baseline', 'target', 'q1', 'q2', 'q3', 'q4', 'actual', 'achieved_pct', 'lop_target', 'lop_actual'] as const;

/** "SUM_N — Hectares eradicated (hectares; USG)": a row's heading cell. */
function rowTitle(row: TrackingRow, lang: Lang): string {
  const extras = [unitLabel(row.unit, lang), row.source ?? ''].filter(Boolean);
  return `${row.indicator} — ${row.name[lang]}${extras.length ? ` (${extras.join('; ')})` : ''}`;
}

function figureCells(table: TrackingTable, row: TrackingRow, lang: Lang): TableCell[] {
  const query = (periods: string[]) => ({
    kind: 'analytics' as const,
    program: table.program,
    indicator: row.indicator,
    source: row.source ?? '',
    place: table.place,
    zone: '',
    periods,
    disagg: '',
    approvedOnly: true,
  });
  const plain = (v: number | null): TableCell => ({ text: valueCell(v, row.decimals, lang), numeric: true });
  const baseline = row.baseline ? `${formatNumber(row.baseline.value, lang, row.decimals)} (${periodLabel(parsePeriod(row.baseline.period), lang)})` : '—';
  return [
    { text: baseline, numeric: true },
    plain(row.target),
    ...row.quarters.map((q): TableCell => ({ text: valueCell(q.actual, row.decimals, lang), numeric: true, query: query([q.period]) })),
    { text: valueCell(row.actual, row.decimals, lang), numeric: true, query: query([table.fiscal_year]), provenance: row.provenance },
    { text: row.achieved_pct === null ? '—' : formatPercent(row.achieved_pct, lang, 0), numeric: true },
    plain(row.lop_target),
    plain(row.lop_actual),
  ];
}

/** The explanations section: every row that has one or needs one. */
function explanationItems(table: TrackingTable, lang: Lang): Inline[][] {
  return table.rows
    .filter((r) => r.deviation_explanation !== null || r.explanation_required)
    .map((r) => [
      { text: `${r.indicator}${r.source ? ` (${r.source})` : ''}: `, bold: true },
      r.deviation_explanation !== null ? { text: r.deviation_explanation } : { text: TRACKING_WORDS[lang].missing, italic: true },
    ]);
}

/** The report document of a tracking table. */
export function trackingDocument(table: TrackingTable, lang: Lang): ReportDocument {
  const w = TRACKING_WORDS[lang];
  const fy = fiscalYearLabel(table.fiscal_year, lang);
  const heads = new Map(trackingColumns(table, lang).map((c) => [c.key, c.head]));
  const items = explanationItems(table, lang);
  const blocks: Block[] = [
    { kind: 'paragraph', inlines: [{ text: w.notes(table) }] },
    {
      kind: 'table',
      caption: null,
      head: [w.indicator, ...FIGURE_COLUMNS.map((k) => heads.get(k) ?? k)],
      rows: table.rows.map((r) => [{ text: rowTitle(r, lang), numeric: false }, ...figureCells(table, r, lang)]),
    },
    { kind: 'heading', level: 2, text: w.explanation },
    items.length ? { kind: 'list', items } : { kind: 'paragraph', inlines: [{ text: '—' }] },
  ];
  return {
    lang,
    title: w.title(fy),
    subtitle: table.program_name[lang],
    program: { code: table.program, name: table.program_name[lang] },
    period: { id: table.fiscal_year, label: fy },
    dataVersion: table.data_version,
    definition: { code: 'itt', name: w.title(fy), hash: 'built-in' },
    approvedOnly: true,
    blocks,
  };
}
