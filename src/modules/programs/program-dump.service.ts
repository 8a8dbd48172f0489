/**
 * `vigia dump`: one program out of the database as a program folder (docs/program-format.md),
 * in exactly the format `vigia load` reads, so that loading the dump into an empty database
 * gives the same program. Everything is read in one transaction (a consistent snapshot while
 * the server keeps writing); one writer per file kind, beside the readers.
 */
import { readdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Kysely } from 'kysely';
import { validationError } from '../../core/errors.js';
import { engineOf } from '../../db/dialect.js';
import type { Database } from '../../db/schema.js';
import { BOUNDARIES_FILE } from '../boundaries/boundaries.service.js';
import { CALENDAR_FILE } from '../calendar/calendar-folder.js';
import { DQA_FILE } from '../dqa/dqa-folder.js';
import { RULES_FILE } from '../quality-rules/rules-folder.js';
import { RECORD_TYPES_DIR, RECORDS_DIR } from '../records/records-folder.js';
import { REPORTS_DIR } from '../reports/reports-folder.js';
import { writeBoundariesFile } from './boundaries-file.writer.js';
import { writeCalendarFile } from './calendar-file.writer.js';
import { writeDimensionsFile } from './dimensions-file.writer.js';
import { writeDqaFile } from './dqa-file.writer.js';
import { FolderOut } from './folder-files.writer.js';
import { writeFrameworkFile } from './framework-file.writer.js';
import { writeIndicatorsFile } from './indicators-file.writer.js';
import { writeNamedFiles } from './named-files.writer.js';
import { writePlacesFile } from './places-file.writer.js';
import { findProgramByCode } from '../catalog/catalog.repo.js';
import { writeProgramFile } from './program-file.writer.js';
import { CODE_PATTERN, FOLDER_FILES } from './program-folder.schema.js';
import { writeRecordsFolder } from './records-folder.writer.js';
import { writeReportsFolder } from './reports-folder.writer.js';
import { writeRulesFile } from './rules-file.writer.js';
import { writeTargetsFile, writeValueFiles } from './value-rows.writer.js';

export interface DumpOptions {
  /** Write into a folder that is not empty: the program folder's own files and folders there are replaced, anything else is left. */
  force?: boolean;
  /** Values written so far, of how many. */
  onProgress?: (p: { done: number; total: number }) => void;
}

export interface DumpSummary {
  program: string;
  dir: string;
  /** Files written, relative to the folder, in the order written. */
  files: string[];
  places: number;
  targets: number;
  values: number;
  /** Record types with records. */
  record_types: number;
  reports: number;
  boundaries: number;
  rules: number;
  dqa: number;
  calendar: number;
}

/** What a dump writes at the top of a folder: replaced under --force, the only things it removes. */
const DUMP_ENTRIES = [...Object.values(FOLDER_FILES), BOUNDARIES_FILE, DQA_FILE, CALENDAR_FILE, RULES_FILE, RECORD_TYPES_DIR, RECORDS_DIR, REPORTS_DIR];

/** The entries of `dir`; none when it does not exist. */
async function entriesOf(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
}

/** Refuses a non-empty folder without `force`; with it, clears what an earlier dump wrote there. */
async function prepareFolder(dir: string, force: boolean): Promise<void> {
  const entries = await entriesOf(dir);
  if (!entries.length) return;
  if (!force) {
    throw validationError(`${dir} is not empty (${entries.length} entries): choose an empty or new folder, or add --force to replace a dump there`);
  }
  for (const entry of entries.filter((e) => DUMP_ENTRIES.includes(e))) await rm(join(dir, entry), { recursive: true, force: true });
}

/** Writes the program `code` as a program folder at `dir`. Throws a validation error for an unknown program or a non-empty folder. */
export async function dumpProgram(db: Kysely<Database>, code: string, dir: string, options: DumpOptions = {}): Promise<DumpSummary> {
  // Bad arguments are one-line errors (exit code 2 in the CLI).
  if (!CODE_PATTERN.test(code)) throw validationError(`--program "${code}" is not a program code: codes use letters, digits, _ . and - only`);
  const program = await findProgramByCode(db, code);
  if (!program) throw validationError(`--program ${code}: no such program in this database`);
  const target = resolve(dir);
  await prepareFolder(target, options.force ?? false);
  const out = new FolderOut(target);
  const read = engineOf(db) === 'postgres' ? db.transaction().setIsolationLevel('repeatable read') : db.transaction();
  return read.execute(async (trx) => {
    const id = program.id;
    await writeProgramFile(out, program);
    const places = await writePlacesFile(trx, out, id);
    await writeNamedFiles(trx, out, id);
    await writeDimensionsFile(trx, out, id);
    await writeFrameworkFile(trx, out, id);
    await writeIndicatorsFile(trx, out, id);
    const targets = await writeTargetsFile(trx, out, id);
    const values = await writeValueFiles(trx, out, id, options.onProgress);
    const boundaries = await writeBoundariesFile(trx, out, id);
    const rules = await writeRulesFile(trx, out, id);
    const dqa = await writeDqaFile(trx, out, code);
    const calendar = await writeCalendarFile(trx, out, code);
    const record_types = await writeRecordsFolder(trx, out, id, code);
    const reports = await writeReportsFolder(trx, out, id);
    return { program: code, dir: target, files: out.files, places, targets, values, record_types, reports, boundaries, rules, dqa, calendar };
  });
}
