/**
 * The list every admin tab shows: a table with a caption for screen readers, one row per record
 * (its code as the row's header), the record being edited marked, and row buttons that name
 * their record. A long list scrolls in a region of its own under a sticky heading.
 */
import type { ReactNode } from 'react';

export interface Column<T> {
  head: string;
  /** The heading is for screen readers only (a column of buttons). */
  hiddenHead?: boolean;
  /** Numbers: right-aligned, heading too. */
  num?: boolean;
  /** The row's header cell (`<th scope="row">`): the code that names the row. */
  rowHeader?: boolean;
  testId?: string;
  cell(row: T): ReactNode;
}

interface Props<T> {
  testId: string;
  caption: string;
  columns: readonly Column<T>[];
  rows: readonly T[];
  rowKey(row: T): string | number;
  rowTestId(row: T): string;
  selected?(row: T): boolean;
  /** A long list: it scrolls in a keyboard-reachable region named by the caption. */
  scroll?: boolean;
}

export function AdminTable<T>({ testId, caption, columns, rows, rowKey, rowTestId, selected, scroll }: Props<T>) {
  const table = (
    <table data-testid={testId}>
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          {columns.map((c, i) => (
            <th key={i} scope="col" className={c.num ? 'num' : undefined}>
              {c.hiddenHead ? <span className="visually-hidden">{c.head}</span> : c.head}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={rowKey(row)} data-testid={rowTestId(row)} className={selected?.(row) ? 'selected' : undefined}>
            {columns.map((c, i) =>
              c.rowHeader ? (
                <th key={i} scope="row" className={c.num ? 'num' : undefined} data-testid={c.testId}>
                  {c.cell(row)}
                </th>
              ) : (
                <td key={i} className={c.num ? 'num' : undefined} data-testid={c.testId}>
                  {c.cell(row)}
                </td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
  return scroll ? (
    <div className="table-wrap scroll-table" role="region" aria-label={caption} tabIndex={0}>
      {table}
    </div>
  ) : (
    <div className="table-wrap">{table}</div>
  );
}

/** A row's button, named with the record it acts on for screen readers ("Edit: PE-10"). */
export function RowButton({ label, what, onClick }: { label: string; what: string; onClick: () => void }) {
  return (
    <button type="button" className="secondary" onClick={onClick} aria-label={`${label}: ${what}`}>
      {label}
    </button>
  );
}
