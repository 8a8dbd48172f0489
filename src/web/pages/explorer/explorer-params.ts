/**
 * The explorer's state, kept in the query string so that a pivot can be bookmarked: which
 * indicator, which dimension runs down the rows and which across the columns, the filters and
 * the sort. Dimensions are the analytics API's own groupings (`place-level:2`, `period:year`,
 * `period:fy-oct`, `disagg:substance`, `source`), so the URL and the API speak the same words.
 */
import type { Indicator } from '../../api/types';
import { approvedOnlyIn } from '../../app/approved-only';

export interface ExplorerState {
  indicator: string;
  rows: string;
  /** '' = no column dimension: a single column of values. */
  cols: string;
  from: string;
  to: string;
  zone: string;
  place: string;
  source: string;
  /** Column key to sort rows by; '' = the row labels, TOTAL_KEY = the row totals. */
  sort: string;
  dir: 'asc' | 'desc';
  /** Approved data only ('true', as the API takes it) or '' for everything the reader may see. */
  approved: '' | 'true';
}

/** The sort key of the row-total column. */
export const TOTAL_KEY = '__total';

/** A period id as the API takes it: 2012, 2012Q3, 201207 or a fiscal year such as 2012Oct. */
export const PERIOD_ID = /^\d{4}([A-Za-z]+|Q[1-4]|\d{2}|\d{4})?$/;

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** The fiscal-year grouping of a program whose year starts in `month` (1–12); none for calendar years. */
export function fiscalGrouping(month: number | undefined): string | null {
  if (!month || month === 1) return null;
  const name = MONTHS[month - 1];
  return name ? `period:fy-${name}` : null;
}

export type DimensionKind = 'place' | 'period' | 'disagg' | 'source';

/** What a grouping is: place level, period, a disaggregation or the source. */
export function dimensionKind(dim: string): DimensionKind | null {
  if (dim === 'source') return 'source';
  if (/^place-level:\d+$/.test(dim)) return 'place';
  if (dim.startsWith('period:')) return 'period';
  if (/^disagg:[A-Za-z0-9_.-]+$/.test(dim)) return 'disagg';
  return null;
}

/** Two groupings can share a pivot unless they are two of one kind (two place levels, two period types) or the same. */
export function compatible(a: string, b: string): boolean {
  if (a === b) return false;
  const ka = dimensionKind(a);
  return ka === 'disagg' || ka !== dimensionKind(b);
}

/** The groupings offered for an indicator, in menu order. */
export function dimensionsFor(indicator: Indicator | undefined, placeLevels: readonly number[], fiscal: string | null): string[] {
  const levels = [...placeLevels].sort((a, b) => (a === 1 ? 1 : b === 1 ? -1 : a - b));
  const dims = levels.map((l) => `place-level:${l}`);
  dims.push('period:year');
  if (fiscal) dims.push(fiscal);
  dims.push('period:quarter', 'period:month');
  for (const d of Object.keys(indicator?.dimensions ?? {})) dims.push(`disagg:${d}`);
  dims.push('source');
  return dims;
}

/**
 * The state in `query`, with defaults for what is missing and groupings the indicator lacks
 * replaced. Without an indicator in the query: `opening` (one with data), else the first.
 */
export function readState(
  query: URLSearchParams,
  indicators: readonly Indicator[],
  dims: (ind: Indicator | undefined) => string[],
  opening?: string,
): ExplorerState {
  const wanted = query.get('indicator') ?? '';
  const indicator = indicators.find((i) => i.code === wanted) ?? indicators.find((i) => i.code === opening) ?? indicators[0];
  const offered = dims(indicator);
  const rowsAsked = query.get('rows') ?? '';
  // By default the first sub-national level (the menu lists the national level last).
  const rows = offered.includes(rowsAsked) ? rowsAsked : (offered.find((d) => d.startsWith('place-level:')) ?? offered[0] ?? 'period:year');
  const colsAsked = query.get('cols');
  let cols = colsAsked === null ? 'period:year' : colsAsked;
  if (cols !== '' && (!offered.includes(cols) || !compatible(rows, cols)))
    cols = offered.find((d) => compatible(rows, d) && dimensionKind(d) === 'period') ?? '';
  const dir = query.get('dir') === 'desc' ? 'desc' : 'asc';
  const period = (k: string) => {
    const v = query.get(k) ?? '';
    return PERIOD_ID.test(v) ? v : '';
  };
  const source = query.get('source') ?? '';
  return {
    indicator: indicator?.code ?? '',
    rows,
    cols,
    from: period('from'),
    to: period('to'),
    zone: query.get('zone') ?? '',
    place: query.get('place') ?? '',
    source: indicator?.sources.includes(source) ? source : '',
    sort: query.get('sort') ?? '',
    dir,
    approved: approvedOnlyIn(query) ? 'true' : '',
  };
}

/** The groupings of the cell query: rows, then columns. */
export function cellGrouping(s: Pick<ExplorerState, 'rows' | 'cols'>): string {
  return [s.rows, s.cols].filter(Boolean).join(',');
}

/**
 * True when the pivot would mix sources: the indicator has several, and neither a source
 * filter nor a source dimension separates them. Sources are estimates of the same thing by
 * different bodies and must never be added together.
 */
export function needsSourceChoice(indicator: Indicator | undefined, s: Pick<ExplorerState, 'rows' | 'cols' | 'source'>): boolean {
  return (indicator?.sources.length ?? 0) > 1 && !s.source && s.rows !== 'source' && s.cols !== 'source';
}

/** The filters shared by every analytics call and the export, as query parameters. */
export function filterParams(s: ExplorerState): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of ['from', 'to', 'zone', 'place', 'source', 'approved'] as const) if (s[k]) out[k] = s[k];
  return out;
}

/** The export link of the pivot's cells in `format` (csv or xlsx), labels in `lang`. */
export function exportHref(program: string, format: 'csv' | 'xlsx', s: ExplorerState, lang: string): string {
  const q = new URLSearchParams({ indicator: s.indicator, by: cellGrouping(s), ...filterParams(s), lang: lang === 'es' ? 'es' : 'en' });
  return `/api/programs/${encodeURIComponent(program)}/exports/${format}?${q.toString()}`;
}

/** Whether totals across `dim` mean anything: not across several sources (they are never added together). */
export function totalsAcross(indicator: Indicator | undefined, s: Pick<ExplorerState, 'source'>, dim: string): boolean {
  return !(dim === 'source' && !s.source && (indicator?.sources.length ?? 0) > 1);
}
