/**
 * The records part of a program folder: `record-types/*.json` (the program's own record types,
 * in the built-in types' format) and `records/<type>.csv` (records, one file per type, each
 * row with a `ref`). Loaded inside the folder loader's transaction, so a bad record stops the
 * whole load; re-loading the same folder changes nothing.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { isVigiaError, validationError, type IssueDetail } from '../../core/errors.js';
import { parseRecordType, type RecordTypeDefinition } from '../../core/record-types/definition.schema.js';
import { loadCatalog } from '../catalog/catalog.repo.js';
import type { PreparedRecord } from './record-prepare.js';
import { rebuildRecordFacts } from './record-facts.service.js';
import { openRecordScope } from './record-scope.js';
import { saveRecordTypes } from './record-types-write.service.js';
import { parseRecordsCsv } from './records-csv.js';
import { keepUnlisted, prepareBatch, storeBatch, type ImportResult } from './records-import.service.js';
import { countRecordRows } from './records.repo.js';
import type { SystemWriter } from '../audit/data-writer.js';

export const RECORD_TYPES_DIR = 'record-types';
export const RECORDS_DIR = 'records';

export interface RecordsFolderSummary {
  /** Program record types new or changed. */
  types: number;
  /** Per records file: inserted, updated, unchanged. */
  records: ImportResult[];
}

/** Names of the files in `dir/sub` ending in `ext`, sorted; none when the folder is absent. */
async function filesIn(dir: string, sub: string, ext: string): Promise<string[]> {
  try {
    const entries = await readdir(join(dir, sub), { withFileTypes: true });
    return entries
      .filter((e) => e.isFile() && e.name.endsWith(ext))
      .map((e) => e.name)
      .sort();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
}

/** Reads and checks `record-types/*.json`; problems go to `issues`. */
export async function readRecordTypesFolder(dir: string, issues: IssueDetail[]): Promise<Array<{ definition: RecordTypeDefinition; file: string }>> {
  const defs: Array<{ definition: RecordTypeDefinition; file: string }> = [];
  const seen = new Map<string, string>();
  for (const name of await filesIn(dir, RECORD_TYPES_DIR, '.json')) {
    const file = `${RECORD_TYPES_DIR}/${name}`;
    let json: unknown;
    try {
      json = JSON.parse(await readFile(join(dir, file), 'utf8'));
    } catch (e) {
      issues.push({ file, reason: `not valid JSON: ${e instanceof Error ? e.message : String(e)}` });
      continue;
    }
    try {
      const def = parseRecordType(json, file);
      const other = seen.get(def.code);
      if (other) issues.push({ file, column: 'code', value: def.code, reason: `the record type "${def.code}" is also declared in ${other}` });
      seen.set(def.code, file);
      defs.push({ definition: def, file });
    } catch (e) {
      if (!isVigiaError(e)) throw e;
      issues.push(...e.details);
    }
  }
  return defs;
}

/** The record type a file is for: `records/seizure.csv` (or `eradication-operation.csv`). */
export function typeCodeOfFile(name: string): string {
  return name.replace(/\.csv$/, '').replace(/-/g, '_');
}

/**
 * Loads the records part of the folder at `dir` into the program `programCode`, inside the
 * caller's transaction (the loader's, after it has written the catalog). Everything is checked
 * before anything is written; problems throw one validation error naming file, row and field.
 * Records loaded from a folder are `approved` unless their row says otherwise.
 */
export async function loadRecordsFolder(trx: Kysely<Database>, dir: string, programCode: string, writer: SystemWriter): Promise<RecordsFolderSummary> {
  const summary: RecordsFolderSummary = { types: 0, records: [] };
  const issues: IssueDetail[] = [];
  const definitions = await readRecordTypesFolder(dir, issues);
  const recordFiles = await filesIn(dir, RECORDS_DIR, '.csv');
  if (issues.length) throw validationError(`${issues.length} problem(s) in the record types; nothing was loaded`, issues);
  if (definitions.length === 0 && recordFiles.length === 0) return summary;

  const catalog = await loadCatalog(trx, programCode);
  const files = new Map(definitions.map((d) => [d.definition.code, d.file]));
  summary.types = await saveRecordTypes(
    trx,
    catalog,
    definitions.map((d) => d.definition),
    (code) => files.get(code) ?? RECORD_TYPES_DIR,
    writer,
  );
  const scope = await openRecordScope(trx, programCode);

  const batches: Array<{ type: string; file: string; records: PreparedRecord[] }> = [];
  for (const name of recordFiles) {
    const file = `${RECORDS_DIR}/${name}`;
    const typeCode = typeCodeOfFile(name);
    const type = scope.types.get(typeCode);
    if (!type) {
      issues.push({ file, reason: `no record type "${typeCode}": name the file after a type (${[...scope.types.keys()].sort().join(', ')})` });
      continue;
    }
    const parsed = await parseRecordsCsv(await readFile(join(dir, file), 'utf8'), file, type.definition, { requireRef: true, defaultStatus: 'approved' });
    issues.push(...parsed.issues);
    if (parsed.issues.length) continue;
    try {
      const inputs = await keepUnlisted(trx, scope, typeCode, parsed.inputs, parsed.columns);
      batches.push({ type: typeCode, file, records: prepareBatch(scope, typeCode, inputs, { file, rows: parsed.rows }) });
    } catch (e) {
      if (!isVigiaError(e)) throw e;
      issues.push(...(e.details.length ? e.details : [{ file, reason: e.message }]));
    }
  }
  if (issues.length) throw validationError(`${issues.length} problem(s) in the records; nothing was loaded`, issues);

  // On a re-load the program's indicators may have changed under records already stored: their
  // facts are summed again from scratch. A first load adds its records' contributions directly.
  const hadRecords = (await countRecordRows(trx, { programId: catalog.program.id })) > 0;
  for (const b of batches) summary.records.push(await storeBatch(trx, scope, b.type, b.records, { ...writer, file: `${dir}/${b.file}` }));
  if (hadRecords && summary.types === 0) await rebuildRecordFacts(trx, scope.catalog, scope.types, writer);
  return summary;
}
