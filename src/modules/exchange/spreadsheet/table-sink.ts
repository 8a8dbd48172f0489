/**
 * A table written row by row to a stream, as CSV or as an XLSX worksheet, so that every export
 * (values, records, analytics) is written once for both formats. Text cells are neutralised
 * against formula injection here, in one place; numbers stay numbers.
 */
import type { Writable } from 'node:stream';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import { neutraliseCell } from '../../../core/spreadsheet-cells.js';

export type TableCell = string | number | null | undefined;

export interface TableSink {
  row(cells: readonly TableCell[]): Promise<void>;
  /** Finishes the file (the stream is ended). */
  end(): Promise<void>;
}

const text = (c: TableCell): string => (c === null || c === undefined ? '' : typeof c === 'number' ? String(c) : neutraliseCell(c));

/** A CSV sink (UTF-8 with a byte-order mark, so that Excel reads accents right). */
export function csvSink(out: Writable): TableSink {
  const csv = stringify({ bom: true });
  csv.pipe(out);
  const finished = new Promise<void>((resolve, reject) => {
    out.on('finish', resolve);
    out.on('close', resolve);
    out.on('error', reject);
    csv.on('error', reject);
  });
  // A writer that fails before end() never awaits this; its failure is reported by the writer.
  finished.catch(() => undefined);
  return {
    async row(cells) {
      if (!csv.write(cells.map(text))) await new Promise((r) => csv.once('drain', r));
    },
    async end() {
      csv.end();
      await finished;
    },
  };
}

/** An XLSX sink: one worksheet named `sheet`, header row bold and frozen. */
export function xlsxSink(out: Writable, sheet: string): TableSink {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const ws = workbook.addWorksheet(sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  let first = true;
  return {
    async row(cells) {
      const row = ws.addRow(cells.map((c) => (typeof c === 'number' ? c : text(c))));
      if (first) row.font = { bold: true };
      first = false;
      row.commit();
    },
    async end() {
      ws.commit();
      await workbook.commit();
    },
  };
}
