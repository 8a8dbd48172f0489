/**
 * Data values from a spreadsheet (CSV or XLSX), all-or-nothing, in bounded memory. A first
 * streaming pass checks every row against the program catalog and finds repeated keys,
 * collecting problems (the first 1,000, and a count); only a file without problems is read a
 * second time and written, in batches through the values service, inside one transaction.
 * Values are matched by their key, so importing the same file twice changes nothing.
 */
import type { Kysely } from 'kysely';
import type { Database, NewDataValue, Provenance, ValueStatus } from '../../../db/schema.js';
import { isVigiaError, VigiaError, type IssueDetail } from '../../../core/errors.js';
import { loadCatalog, type Catalog } from '../../catalog/catalog.repo.js';
import type { CsvRow } from '../../../files/csv-table.reader.js';
import { checkNumber, NOT_A_NUMBER } from '../../../core/finite-number.js';
import { resolveValue, storeValues, writableCatalog, type ValueInput } from '../../values/values.service.js';
import { clockAt } from '../../../core/clock.js';
import { importWriter } from '../import-writer.js';
import type { ImportOptions, ImportReport } from '../exchange-format.js';
import { IssueLog } from '../issue-log.js';
import { KeyIndex } from './key-index.js';
import { restoreCell } from '../../../core/spreadsheet-cells.js';
import type { RowSource } from './sheet-rows.js';
import { ResolvedSpool } from './resolved-spool.js';

/** Columns of a values file, as in a program folder's values/*.csv. */
export const VALUE_COLUMNS = {
  required: ['indicator', 'place', 'period', 'value', 'provenance'],
  optional: ['disagg', 'source', 'note', 'status', 'organisation'],
} as const;

/** Values per write step inside the one transaction. */
const BATCH = 5_000;
/** How often (in rows) progress is reported. */
const PROGRESS_EVERY = 10_000;

/** The service's input for one row, or null when a cell is already known to be wrong. */
function valueInputOf(row: CsvRow, file: string, log: IssueLog): ValueInput | null {
  const c = (name: string): string => restoreCell(row.cells[name] ?? '');
  let ok = true;
  for (const column of VALUE_COLUMNS.required) {
    if (c(column) === '') {
      log.add({ file, row: row.line, column, reason: 'required: this cell is empty' });
      ok = false;
    }
  }
  const text = c('value');
  const checked = text === '' ? null : checkNumber(text);
  const value = checked && 'ok' in checked ? checked.ok : null;
  if (checked && 'reason' in checked) {
    log.add({
      file,
      row: row.line,
      column: 'value',
      value: text,
      reason: checked.reason === NOT_A_NUMBER ? `${NOT_A_NUMBER} (write it with . for decimals and no thousands separator)` : checked.reason,
    });
    ok = false;
  }
  if (!ok || value === null) return null;
  return {
    indicator: c('indicator'),
    place: c('place'),
    period: c('period'),
    value,
    disagg: c('disagg'),
    source: c('source') || undefined,
    provenance: c('provenance') as Provenance,
    note: c('note') || null,
    status: (c('status') || 'draft') as ValueStatus,
    organisation: c('organisation') || null,
  };
}

const keyOf = (v: NewDataValue): string => `${v.indicator_id}|${v.place_id}|${v.period}|${v.disagg}|${v.source}`;

/** One pass over the rows: each row resolved (or its problems logged). */
async function* resolvedRows(
  source: RowSource,
  catalog: Catalog,
  file: string,
  log: IssueLog,
  now: string,
): AsyncGenerator<{ line: number; value: NewDataValue | null }> {
  const pending: IssueDetail[] = [];
  for await (const row of source(pending)) {
    log.drain(pending);
    const input = valueInputOf(row, file, log);
    if (!input) {
      yield { line: row.line, value: null };
      continue;
    }
    const r = resolveValue(catalog, input, row.line, now);
    if ('issues' in r) {
      for (const issue of r.issues) log.add({ file, ...issue });
      yield { line: row.line, value: null };
    } else yield { line: row.line, value: r.value };
  }
  log.drain(pending);
}

/** Confirms suspected repeats (same key hash) by comparing the real keys, in one more pass. */
async function confirmDuplicates(
  source: RowSource,
  catalog: Catalog,
  file: string,
  suspects: Array<[number, number]>,
  log: IssueLog,
  now: string,
): Promise<void> {
  const lines = new Set(suspects.flat());
  const keys = new Map<number, string>();
  for await (const { line, value } of resolvedRows(source, catalog, file, new IssueLog(0), now)) {
    if (value && lines.has(line)) keys.set(line, keyOf(value));
  }
  for (const [first, later] of suspects) {
    if (keys.get(first) === keys.get(later)) {
      log.add({ file, row: later, column: 'period', reason: `duplicate of row ${first} (same indicator, place, period, disaggregation and source)` });
    }
  }
}

class DryRunRollback extends Error {
  constructor(readonly report: ImportReport) {
    super('dry run');
  }
}

/** A policy refusal of one row of a batch, located at the row's line in the file. */
function located(e: unknown, lines: readonly number[], file: string): unknown {
  if (!isVigiaError(e)) return e;
  const details = e.details.map((d) => ({ ...d, file, row: d.row === undefined ? undefined : lines[d.row] }));
  return new VigiaError(e.kind, e.message, details);
}

/**
 * Imports the data values of a spreadsheet into a program. Returns the report; when it lists
 * errors, nothing was written. A dry run writes and rolls back, so its counts are exact.
 */
export async function importValueRows(db: Kysely<Database>, source: RowSource, format: string, opts: ImportOptions): Promise<ImportReport> {
  const file = opts.file ?? `upload.${format}`;
  const catalog = writableCatalog(await loadCatalog(db, opts.program), importWriter(format, opts));
  const now = new Date().toISOString();
  const log = new IssueLog();
  const index = new KeyIndex();
  const resolved = await ResolvedSpool.create();
  try {
    let rows = 0;
    for await (const { line, value } of resolvedRows(source, catalog, file, log, now)) {
      rows++;
      if (opts.maxRows !== undefined && rows > opts.maxRows) {
        log.add({ file, row: line, reason: `the file has more than ${opts.maxRows} rows, the most one import takes; split it` });
        break;
      }
      if (value) {
        index.add(keyOf(value), line);
        // Once the file is known to be bad, resolved rows are no longer worth keeping.
        if (log.total === 0) await resolved.add(line, value);
      }
      if (rows % PROGRESS_EVERY === 0) opts.onProgress?.(rows);
    }
    await resolved.close();
    if (index.suspects.length) await confirmDuplicates(source, catalog, file, index.suspects, log, now);
    if (index.moreSuspects) {
      // Past 10,000 repeats a file is plainly full of duplicates; counting them is enough.
      log.add({ file, reason: `and ${index.moreSuspects} more rows repeating the key of an earlier row` });
    }
    const report: ImportReport = { format, dryRun: opts.dryRun, rows, inserted: 0, updated: 0, unchanged: 0, errors: [] };
    if (log.total > 0) return { ...report, errors: log.list, errorsTotal: log.total };
    return await writeResolved(db, catalog, resolved, report, opts, file, now);
  } finally {
    await resolved.remove();
  }
}

/** The second pass: the resolved rows written in batches, in one transaction. */
async function writeResolved(
  db: Kysely<Database>,
  catalog: Catalog,
  resolved: ResolvedSpool,
  report: ImportReport,
  opts: ImportOptions,
  file: string,
  now: string,
): Promise<ImportReport> {
  const write = async (trx: Kysely<Database>): Promise<ImportReport> => {
    let done = 0;
    let batch: NewDataValue[] = [];
    let lines: number[] = [];
    const flush = async () => {
      try {
        const r = await storeValues(trx, catalog, batch, importWriter(report.format, { ...opts, file }), clockAt(opts.now));
        report.inserted += r.inserted;
        report.updated += r.updated;
      } catch (e) {
        throw located(e, lines, file);
      }
      done += batch.length;
      batch = [];
      lines = [];
      opts.onProgress?.(done, report.rows);
    };
    for await (const { line, value } of resolved.rows(now)) {
      batch.push(value);
      lines.push(line);
      if (batch.length >= BATCH) await flush();
    }
    if (batch.length) await flush();
    report.unchanged = report.rows - report.inserted - report.updated;
    if (opts.dryRun) throw new DryRunRollback(report);
    return report;
  };
  try {
    return await db.transaction().execute(write);
  } catch (e) {
    if (e instanceof DryRunRollback) return e.report;
    throw e;
  }
}
