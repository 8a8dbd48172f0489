/**
 * The rows of an uploaded spreadsheet, CSV or XLSX, as one stream of `CsvRow`s checked against
 * a column list by the folder loader's CSV reader (header by name, unknown and missing columns,
 * line numbers). An XLSX sheet is turned into CSV text on the fly, keeping its row numbers, so
 * that both formats share one reader and one set of error messages.
 */
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify/sync';
import type { IssueDetail } from '../../../core/errors.js';
import { csvRows, type CsvColumns, type CsvRow, type CsvTableOptions } from '../../../files/csv-table.reader.js';
import type { Spool } from '../upload-spool.js';

/** Opens the rows again from the start; problems of the file itself go to `issues`. */
export type RowSource = (issues: IssueDetail[]) => AsyncIterable<CsvRow>;

/** Rows of a spooled CSV upload (any supported encoding). */
export function csvSource(spool: Spool, file: string, columns: CsvColumns, opts: CsvTableOptions = {}): RowSource {
  return (issues) => csvRows(spool.openText(), file, columns, issues, opts);
}

/** Rows of the first worksheet of a spooled XLSX upload. */
export function xlsxSource(spool: Spool, file: string, columns: CsvColumns, opts: CsvTableOptions = {}): RowSource {
  return (issues) => csvRows(xlsxAsCsv(spool.openRaw(), file, issues), file, columns, issues, opts);
}

type Cell = ExcelJS.CellValue;

/** The text a cell shows, as the CSV reader expects it. */
export function cellText(v: Cell): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v instanceof Date) {
    const iso = v.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
  }
  if ('richText' in v) return v.richText.map((r) => r.text).join('');
  if ('error' in v) return String(v.error);
  if ('hyperlink' in v) return typeof v.text === 'string' ? v.text : cellText(v.text as Cell);
  if ('result' in v) return cellText(v.result as Cell);
  return '';
}

/**
 * The first worksheet of an XLSX stream as CSV bytes. Blank rows become empty lines, so a CSV
 * line number is the sheet's row number. A file that is not XLSX is one clear problem.
 */
export function xlsxAsCsv(input: Readable, file: string, issues: IssueDetail[]): Readable {
  async function* lines(): AsyncGenerator<Buffer> {
    try {
      const workbook = new ExcelJS.stream.xlsx.WorkbookReader(input, {
        worksheets: 'emit',
        sharedStrings: 'cache',
        hyperlinks: 'ignore',
        styles: 'ignore',
        entries: 'ignore',
      });
      for await (const sheet of workbook) {
        let next = 1;
        for await (const row of sheet) {
          if (row.number > next) yield Buffer.from('\n'.repeat(row.number - next));
          const values = row.values as Cell[];
          const cells: string[] = [];
          for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]));
          yield Buffer.from(stringify([cells]));
          next = row.number + 1;
        }
        // Only the first sheet holds data; the others are notes and lists.
        return;
      }
      issues.push({ file, row: 1, reason: 'the workbook has no worksheet' });
    } catch (e) {
      issues.push({
        file,
        row: 1,
        reason: `not a readable XLSX file (${e instanceof Error ? e.message : String(e)}); save it from your spreadsheet as "Excel Workbook (.xlsx)"`,
      });
    } finally {
      input.destroy();
    }
  }
  return Readable.from(lines());
}

/** The whole text of a spooled upload as CSV (an XLSX file's first sheet converted). */
export async function sheetText(spool: Spool, format: 'csv' | 'xlsx', file: string, issues: IssueDetail[]): Promise<string> {
  const chunks: Buffer[] = [];
  const stream = format === 'csv' ? spool.openText() : xlsxAsCsv(spool.openRaw(), file, issues);
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
