/**
 * Reads the figures of a program folder: targets.csv (baselines and targets) and the files of
 * values/, which are listed here and streamed in batches when needed (once to check, once to
 * write), never held whole: a program may have millions of values.
 */
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { IssueDetail } from '../../core/errors.js';
import type { Provenance, ValueStatus } from '../../db/schema.js';
import { csvRows, type CsvRow } from '../../files/csv-table.reader.js';
import type { FolderFiles } from './folder-files.reader.js';
import { RowReader } from './folder-row.reader.js';
import { CSV_COLUMNS, FOLDER_FILES, TARGET_KINDS } from './program-folder.schema.js';
import type { TargetRow, ValueRow } from './program-folder.types.js';

/** Reads targets.csv. */
export async function readTargetsFile(files: FolderFiles): Promise<TargetRow[]> {
  const targets: TargetRow[] = [];
  for (const [row, r] of await files.csv(FOLDER_FILES.targets, CSV_COLUMNS.targets)) {
    targets.push({ ...valueRow(FOLDER_FILES.targets, row, r, false), kind: r.oneOf('kind', TARGET_KINDS) } satisfies TargetRow);
  }
  return targets;
}

/** The CSV files of values/ (relative to the folder, sorted) and their total size in bytes. */
export async function listValueFiles(dir: string): Promise<{ files: string[]; bytes: number }> {
  const out = { files: [] as string[], bytes: 0 };
  try {
    const entries = await readdir(join(dir, FOLDER_FILES.valuesDir), { withFileTypes: true });
    out.files = entries
      .filter((e) => e.isFile() && e.name.toLowerCase().endsWith('.csv'))
      .map((e) => `${FOLDER_FILES.valuesDir}/${e.name}`)
      .sort();
    for (const file of out.files) out.bytes += (await stat(join(dir, file))).size;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR') throw e;
  }
  return out;
}

/** A run of rows of a values file, and how far into the file it ends. */
export interface ValueBatch {
  rows: ValueRow[];
  bytes: number;
}

/**
 * Streams one file of values/ in batches of `size` rows. Values files are read when needed
 * (once to check, once to write) and never held whole: a program may have millions of values.
 */
export async function* readValueBatches(dir: string, file: string, issues: IssueDetail[], size = 10_000): AsyncGenerator<ValueBatch> {
  let rows: ValueRow[] = [];
  let bytes = 0;
  for await (const row of csvRows(createReadStream(join(dir, file)), file, CSV_COLUMNS.values, issues)) {
    rows.push(valueRow(file, row, new RowReader(file, row, issues), true));
    bytes = row.bytes;
    if (rows.length >= size) {
      yield { rows, bytes };
      rows = [];
    }
  }
  if (rows.length) yield { rows, bytes };
}

/**
 * The service's input for one value or target row. The number and the provenance are checked
 * here, in the file's terms; everything that needs the catalog is left to resolveValue.
 */
function valueRow(file: string, row: CsvRow, r: RowReader, isValue: boolean): ValueRow {
  const c = row.cells;
  for (const column of ['indicator', 'place', 'period']) r.required(column);
  const value = r.decimal('value', true);
  if (isValue) r.required('provenance');
  return {
    file,
    line: row.line,
    input: {
      indicator: c.indicator ?? '',
      place: c.place ?? '',
      period: c.period ?? '',
      // A bad number is already reported; 0 keeps resolveValue from reporting it twice.
      value: value ?? 0,
      disagg: c.disagg ?? '',
      source: c.source || undefined,
      provenance: (c.provenance || undefined) as Provenance | undefined,
      note: c.note || null,
      // Program data loaded from a folder is the program's own, already checked: approved.
      status: (c.status || (isValue ? 'approved' : undefined)) as ValueStatus | undefined,
      organisation: c.organisation || null,
    },
  };
}
