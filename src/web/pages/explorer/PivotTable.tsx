/** The pivot: one row per value of the row dimension, one column per value of the column dimension, server totals at the edges. */
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format';
import { FigureMarks } from '../../components/FigureMarks';
import { TOTAL_KEY } from './explorer-params';
import { cellKey, headerCompare, sortCols, sortRows, type Pivot, type PivotHeader, type PivotValue } from './pivot';
import type { Labels } from './use-labels';

interface Props {
  pivot: Pivot;
  rowsDim: string;
  colsDim: string;
  caption: string;
  labels: Labels;
  sort: string;
  dir: 'asc' | 'desc';
  onSort(sort: string, dir: 'asc' | 'desc'): void;
  /** False when the columns are sources: sources are never totalled. */
  rowTotals: boolean;
  /** False when the rows are sources. */
  colTotals: boolean;
}

function Cell({ v, col, row, total }: { v: PivotValue | undefined; col: string; row: string; total?: boolean }) {
  const fmt = useFormat();
  const value = v?.value ?? null;
  return (
    <td className={total ? 'num total' : 'num'} data-row={row} data-col={col} data-value={value ?? ''} data-unapproved={v?.unapproved ? 'true' : undefined}>
      <span className="v">{fmt.number(value)}</span>
      {v && value !== null && <FigureMarks marks={v.marks} />}
    </td>
  );
}

export function PivotTable({ pivot, rowsDim, colsDim, caption, labels, sort, dir, onSort, rowTotals, colTotals }: Props) {
  const { t } = useTranslation('explorer');
  const rowLabel = (h: PivotHeader) => labels.value(rowsDim, h);
  const colLabel = (h: PivotHeader) => labels.value(colsDim, h);
  const rows = sortRows(pivot, sort, dir, headerCompare(rowsDim, rowLabel, labels.locale));
  const cols = sortCols(pivot, headerCompare(colsDim, colLabel, labels.locale));
  // Values sort biggest first on the first click; labels start A→Z (or oldest first).
  const click = (key: string) => onSort(key, sort === key ? (dir === 'asc' ? 'desc' : 'asc') : key === '' ? 'asc' : 'desc');
  const ariaSort = (key: string) => (sort === key ? (dir === 'asc' ? 'ascending' : 'descending') : 'none');
  const header = (key: string, label: string, className?: string) => (
    <th scope="col" aria-sort={ariaSort(key)} className={className} key={key || '-'}>
      <button type="button" className="sort" onClick={() => click(key)} data-sort={key}>
        {label}
        <span aria-hidden="true" className="arrow">
          {sort === key ? (dir === 'asc' ? ' ▲' : ' ▼') : ''}
        </span>
      </button>
    </th>
  );

  return (
    <div className="table-wrap">
      <table className="pivot" data-testid="pivot">
        <caption>{caption}</caption>
        <thead>
          <tr>
            {header('', labels.dimension(rowsDim), 'row-head')}
            {/* A single value column sorts by the row totals, which are the same figures. */}
            {cols.map((c) => header(colsDim ? c.key : TOTAL_KEY, colLabel(c), 'num'))}
            {colsDim && rowTotals && header(TOTAL_KEY, t('total'), 'num total')}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} data-row={r.key}>
              <th scope="row">{rowLabel(r)}</th>
              {cols.map((c) => (
                <Cell key={c.key} v={pivot.cells.get(cellKey(r.key, c.key))} row={r.key} col={c.key} />
              ))}
              {colsDim && rowTotals && <Cell v={pivot.rowTotals.get(r.key)} row={r.key} col={TOTAL_KEY} total />}
            </tr>
          ))}
        </tbody>
        {colTotals && (
          <tfoot>
            <tr data-testid="column-totals">
              <th scope="row">{t('total')}</th>
              {cols.map((c) => (
                <Cell key={c.key} v={colsDim ? pivot.colTotals.get(c.key) : pivot.grand} row={TOTAL_KEY} col={c.key} total />
              ))}
              {colsDim && rowTotals && <Cell v={pivot.grand} row={TOTAL_KEY} col={TOTAL_KEY} total />}
            </tr>
          </tfoot>
        )}
      </table>
    </div>
  );
}
