/**
 * CSV and XLSX as exchange formats: the same imports (data values, or records of one type)
 * and exports (values, records, analytics), differing only in how rows are read and written.
 */
import type { Readable, Writable } from 'node:stream';
import type { Db } from '../../../db/database.js';
import type { ExchangeFormat, ExportOptions, ImportOptions, ImportReport } from '../exchange-format.js';
import { spoolUpload } from '../upload-spool.js';
import { importValueRows, VALUE_COLUMNS } from './values-import.service.js';
import { importRecordSheet } from './records-sheet-import.service.js';
import { csvSource, sheetText, xlsxSource } from './sheet-rows.js';
import { exportTable } from './spreadsheet-export.service.js';
import { csvSink, xlsxSink, type TableSink } from './table-sink.js';
import { isVigiaError, type IssueDetail } from '../../../core/errors.js';
import { checkZipFileAt } from '../zip-limits.js';

export type SheetKind = 'csv' | 'xlsx';

/** Largest upload a spreadsheet import reads (2 GiB): a million-row CSV is about 60 MB. */
export const MAX_SHEET_BYTES = 2 * 1024 ** 3;

async function importSheet(kind: SheetKind, db: Db, input: Readable, options: ImportOptions): Promise<ImportReport> {
  const file = options.file ?? `upload.${kind}`;
  const spool = await spoolUpload(input, { file, text: kind === 'csv', maxBytes: MAX_SHEET_BYTES });
  const rejected = (issues: IssueDetail[]): ImportReport => ({
    format: kind,
    dryRun: options.dryRun,
    rows: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    errors: issues,
    errorsTotal: issues.length,
  });
  try {
    if (kind === 'xlsx') {
      // Measured before exceljs sees a byte: a bomb is refused (too_large), a broken archive is one row problem.
      try {
        await checkZipFileAt(spool.path, file);
      } catch (e) {
        if (isVigiaError(e) && e.kind === 'validation') return rejected(e.details);
        throw e;
      }
    }
    if (options.recordType) {
      const issues: IssueDetail[] = [];
      const text = await sheetText(spool, kind, file, issues);
      if (issues.length) return rejected(issues);
      return await importRecordSheet(db, text, kind, { ...options, file, recordType: options.recordType });
    }
    const check = { expectedRows: options.expectedRows };
    const source = kind === 'csv' ? csvSource(spool, file, VALUE_COLUMNS, check) : xlsxSource(spool, file, VALUE_COLUMNS, check);
    return await importValueRows(db, source, kind, { ...options, file });
  } finally {
    await spool.remove();
  }
}

function sheetName(options: ExportOptions): string {
  return options.recordType ?? (options.analytics ? 'analytics' : 'values');
}

/** The exchange format for `kind`. */
export function spreadsheetFormat(kind: SheetKind): ExchangeFormat {
  const csv = kind === 'csv';
  return {
    name: kind,
    description: csv
      ? 'CSV (UTF-8; Latin-1 accepted on import): data values, records of one type (--type), or an analytics result'
      : 'Excel workbook (.xlsx): data values, records of one type (--type), or an analytics result',
    extension: kind,
    contentType: csv ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    scoped: true,
    import: (db, input, options) => importSheet(kind, db, input, options),
    async export(db: Db, out: Writable, options: ExportOptions) {
      const sink: TableSink = csv ? csvSink(out) : xlsxSink(out, sheetName(options));
      await exportTable(db, sink, options);
    },
  };
}
