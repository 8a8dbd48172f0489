/**
 * The pivot table's model, made from four analytics results: the cells (grouped by rows and
 * columns), the row totals (rows only), the column totals (columns only) and the grand total
 * (no grouping). Totals are never summed here: an indicator may add up by average or latest
 * value, so only the server knows what a total is.
 */
import type { AnalyticsRow } from '../../api/types';
import { TOTAL_KEY } from './explorer-params';
import type { FigureMark } from '../../../core/figure-marks';
import { rowMarks } from '../../../core/row-marks';

export interface PivotValue {
  value: number | null;
  provenance: AnalyticsRow['provenance'];
  /** The figure includes data not yet approved (the `p` mark of core/figure-marks.ts). */
  unapproved: boolean;
  /** The figure's flags (components/FigureMarks.tsx). */
  marks: FigureMark[];
}

export interface PivotHeader {
  /** Stable key of the dimension value (place code, period id, option, source). */
  key: string;
  /** What the server called it (a place's name), when it names it. */
  name: string | undefined;
}

export interface Pivot {
  rows: PivotHeader[];
  cols: PivotHeader[];
  cells: Map<string, PivotValue>;
  rowTotals: Map<string, PivotValue>;
  colTotals: Map<string, PivotValue>;
  grand: PivotValue | undefined;
}

/** Key of a grouping's value in a row; NONE when the row has none (e.g. not split by that option). */
export const NONE = '\u2205';

export function keyOf(row: AnalyticsRow, dim: string): PivotHeader {
  if (dim === 'source') return { key: row.source ?? NONE, name: undefined };
  if (dim.startsWith('place-level:')) return { key: row.place?.code ?? NONE, name: row.place?.name };
  if (dim.startsWith('period:')) return { key: row.period ?? NONE, name: undefined };
  if (dim.startsWith('disagg:')) return { key: row.disagg?.[dim.slice('disagg:'.length)] ?? NONE, name: undefined };
  return { key: NONE, name: undefined };
}

export type HeaderCompare = (a: PivotHeader, b: PivotHeader) => number;

export const cellKey = (row: string, col: string): string => `${row}\u0000${col}`;

const valueOf = (r: AnalyticsRow): PivotValue => ({ value: r.value, provenance: r.provenance, unapproved: r.unapproved, marks: rowMarks(r) });

/**
 * Rows by their pivot key. Two rows of one key (which the groupings asked for should not give)
 * keep the last value, as before, but never lose what the other says it is made of: provenance
 * and the unapproved flag are merged, and the marks worked out again from them.
 */
function keyed(rows: readonly AnalyticsRow[], key: (r: AnalyticsRow) => string): Map<string, PivotValue> {
  const out = new Map<string, PivotValue>();
  for (const r of rows) {
    const k = key(r);
    const before = out.get(k);
    const v = valueOf(r);
    if (!before) {
      out.set(k, v);
      continue;
    }
    const provenance = [...new Set([...before.provenance, ...v.provenance])];
    const unapproved = before.unapproved || v.unapproved;
    out.set(k, { value: v.value, provenance, unapproved, marks: rowMarks({ provenance, unapproved }) });
  }
  return out;
}

function headers(dim: string, ...results: AnalyticsRow[][]): PivotHeader[] {
  const seen = new Map<string, PivotHeader>();
  if (!dim) return [{ key: '', name: undefined }];
  for (const rows of results) {
    for (const r of rows) {
      const h = keyOf(r, dim);
      if (!seen.has(h.key)) seen.set(h.key, h);
    }
  }
  return [...seen.values()];
}

/** Builds the pivot of `rowsDim` × `colsDim` ('' = a single column). */
export function buildPivot(
  rowsDim: string,
  colsDim: string,
  data: { cells: AnalyticsRow[]; rowTotals: AnalyticsRow[]; colTotals: AnalyticsRow[]; grand: AnalyticsRow[] },
): Pivot {
  const col = (r: AnalyticsRow) => (colsDim ? keyOf(r, colsDim).key : '');
  const cells = keyed(data.cells, (r) => cellKey(keyOf(r, rowsDim).key, col(r)));
  const rowTotals = keyed(data.rowTotals, (r) => keyOf(r, rowsDim).key);
  const colTotals = keyed(data.colTotals, col);
  const first = data.grand[0];
  return {
    rows: headers(rowsDim, data.cells, data.rowTotals),
    cols: headers(colsDim, data.cells, data.colTotals),
    cells,
    rowTotals,
    colTotals,
    grand: first ? valueOf(first) : undefined,
  };
}

/**
 * Rows in display order. By label: `natural` order of the dimension (periods by id, the rest by
 * label). By a column (or TOTAL_KEY): by value, rows without a value always last.
 */
export function sortRows(pivot: Pivot, sort: string, dir: 'asc' | 'desc', compare: HeaderCompare): PivotHeader[] {
  const sign = dir === 'desc' ? -1 : 1;
  const byLabel = (a: PivotHeader, b: PivotHeader) => {
    if (a.key === NONE || b.key === NONE) return a.key === NONE ? 1 : b.key === NONE ? -1 : 0;
    return compare(a, b);
  };
  const rows = [...pivot.rows];
  if (!sort) return rows.sort((a, b) => sign * byLabel(a, b));
  const value = (h: PivotHeader) => (sort === TOTAL_KEY ? pivot.rowTotals.get(h.key) : pivot.cells.get(cellKey(h.key, sort)))?.value ?? null;
  return rows.sort((a, b) => {
    const va = value(a);
    const vb = value(b);
    if (va === null || vb === null) return va === null && vb === null ? byLabel(a, b) : va === null ? 1 : -1;
    return va === vb ? byLabel(a, b) : sign * (va - vb);
  });
}

/** Columns in display order: ascending, the value-less ones last. */
export function sortCols(pivot: Pivot, compare: HeaderCompare): PivotHeader[] {
  return [...pivot.cols].sort((a, b) => {
    if (a.key === NONE || b.key === NONE) return a.key === NONE ? 1 : b.key === NONE ? -1 : 0;
    return compare(a, b);
  });
}

/** The natural order of a dimension's values: periods chronologically (their ids sort so), the rest by label. */
export function headerCompare(dim: string, label: (h: PivotHeader) => string, locale: string): HeaderCompare {
  if (dim.startsWith('period:')) return (a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  return (a, b) => label(a).localeCompare(label(b), locale, { numeric: true });
}

/** Every figure the pivot shows (cells and totals with a value), for the legend of their flags. */
export function pivotFigures(p: Pivot): PivotValue[] {
  const all = [...p.cells.values(), ...p.rowTotals.values(), ...p.colTotals.values(), ...(p.grand ? [p.grand] : [])];
  return all.filter((v) => v.value !== null);
}
