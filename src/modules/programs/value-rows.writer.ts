/**
 * Writes the figures of a dumped program: targets.csv, and values/<INDICATOR>.csv, one file per
 * indicator that has values (the reader: value-rows.reader.ts), in the order they were written.
 * Values are read and written a page at a time, never held whole, and keep their status, provenance, source, note and
 * reporting organisation. The source is always written by name, so the file says exactly what
 * the database holds.
 */
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { csvLines, csvText, type CsvCell } from '../../files/csv-table.writer.js';
import type { FolderOut } from './folder-files.writer.js';
import { listTargetRows, listValueCounts, listValuePage } from './program-dump.repo.js';
import { CSV_COLUMNS, FOLDER_FILES } from './program-folder.schema.js';

/** The headers are the reader's columns, required ones first. */
const headerOf = (c: { required: readonly string[]; optional: readonly string[] }) => [...c.required, ...c.optional];
const TARGET_HEADER = headerOf(CSV_COLUMNS.targets);
const VALUE_HEADER = headerOf(CSV_COLUMNS.values);
/** A row's cells in the header's order. */
const cellsOf = (header: readonly string[], row: Readonly<Record<string, CsvCell>>): CsvCell[] => header.map((c) => row[c]);

/** Values read and written at a time. */
const PAGE = 20_000;

export async function writeTargetsFile(db: Kysely<Database>, out: FolderOut, programId: number): Promise<number> {
  const rows = await listTargetRows(db, programId);
  if (rows.length) {
    await out.write(
      FOLDER_FILES.targets,
      csvText(
        TARGET_HEADER,
        rows.map((t) => cellsOf(TARGET_HEADER, t)),
      ),
    );
  }
  return rows.length;
}

/** Writes values/; `onProgress` gets the values written so far and the total. Returns how many. */
export async function writeValueFiles(
  db: Kysely<Database>,
  out: FolderOut,
  programId: number,
  onProgress?: (p: { done: number; total: number }) => void,
): Promise<number> {
  const indicators = await listValueCounts(db, programId);
  const total = indicators.reduce((n, i) => n + Number(i.n), 0);
  let done = 0;
  for (const indicator of indicators) {
    const file = `${FOLDER_FILES.valuesDir}/${indicator.code}.csv`;
    await out.write(file, csvText(VALUE_HEADER, []));
    const handle = await open(join(out.dir, file), 'a');
    try {
      for (let after = 0; ;) {
        const page = await listValuePage(db, indicator.id, after, PAGE);
        after = page.at(-1)?.id ?? after;
        const rows = page.map((v) => cellsOf(VALUE_HEADER, { ...v, indicator: indicator.code }));
        if (rows.length) await handle.write(csvLines(rows));
        done += page.length;
        onProgress?.({ done, total });
        if (page.length < PAGE) break;
      }
    } finally {
      await handle.close();
    }
  }
  return total;
}
