/**
 * The tracking table as an XLSX workbook, the layout officers already use: one sheet, the
 * header row frozen, numbers as numeric cells formatted with the indicator's decimals, empty
 * cells where there is no data, and the cells of a deviation over 10 % highlighted. Text cells
 * are neutralised so that a spreadsheet never runs them as formulas.
 */
import ExcelJS from 'exceljs';
import type { Lang } from '../../core/statements/language.js';
import { neutraliseCell } from '../../core/spreadsheet-cells.js';
import type { TrackingTable } from './tracking-table.js';
import { fiscalYearLabel, trackingCell, trackingColumns, type TrackingCell, type TrackingColumnKey } from './tracking-columns.js';

/** The fill of a cell whose deviation needs (or has) an explanation. */
export const DEVIATION_FILL = 'FFFCE4D6';
const HIGHLIGHTED: ReadonlySet<TrackingColumnKey> = new Set(['actual', 'achieved_pct', 'explanation']);

/** Excel's number format for `decimals` places, with thousands grouped. */
export function numberFormat(decimals: number): string {
  return decimals > 0 ? `#,##0.${'0'.repeat(decimals)}` : '#,##0';
}

function cellValue(cell: TrackingCell): string | number | null {
  switch (cell.kind) {
    case 'text':
      return neutraliseCell(cell.text);
    case 'number':
    case 'percent':
      return cell.value;
    case 'empty':
      return null;
  }
}

/** The workbook's bytes. */
export async function trackingXlsx(table: TrackingTable, lang: Lang): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Vigia';
  const ws = wb.addWorksheet(fiscalYearLabel(table.fiscal_year, lang), { views: [{ state: 'frozen', ySplit: 1, xSplit: 2 }] });
  const columns = trackingColumns(table, lang);
  ws.columns = columns.map((c) => ({ header: c.head, key: c.key, width: c.key === 'name' || c.key === 'explanation' ? 40 : 14 }));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).alignment = { wrapText: true, vertical: 'top' };
  for (const row of table.rows) {
    const cells = columns.map((c) => trackingCell(row, c.key, lang));
    const added = ws.addRow(cells.map(cellValue));
    cells.forEach((cell, i) => {
      const target = added.getCell(i + 1);
      if (cell.kind === 'number') target.numFmt = numberFormat(cell.decimals);
      if (cell.kind === 'percent') target.numFmt = '0.0';
      if (row.explanation_required && HIGHLIGHTED.has(columns[i]!.key)) {
        target.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: DEVIATION_FILL } };
      }
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
