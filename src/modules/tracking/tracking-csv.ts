/**
 * The tracking table as CSV: the XLSX's columns and headings, numbers written plainly (a dot
 * for decimals, no grouping) so that any tool reads them back, empty where there is no data;
 * text cells neutralised against formula injection.
 */
import { stringify } from 'csv-stringify/sync';
import type { Lang } from '../../core/statements/language.js';
import { neutraliseCell } from '../../core/spreadsheet-cells.js';
import type { TrackingTable } from './tracking-table.js';
import { trackingCell, trackingColumns, type TrackingCell } from './tracking-columns.js';

function csvValue(cell: TrackingCell): string {
  switch (cell.kind) {
    case 'text':
      return neutraliseCell(cell.text);
    case 'number':
    case 'percent':
      return String(cell.value);
    case 'empty':
      return '';
  }
}

/** The CSV text, header first. */
export function trackingCsv(table: TrackingTable, lang: Lang): string {
  const columns = trackingColumns(table, lang);
  const rows = table.rows.map((row) => columns.map((c) => csvValue(trackingCell(row, c.key, lang))));
  return stringify([columns.map((c) => c.head), ...rows]);
}
