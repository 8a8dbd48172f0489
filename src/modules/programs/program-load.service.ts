/**
 * `vigia load`: a program folder into the database, all-or-nothing. Everything is read and
 * checked first (every problem listed with its file, row and column); only then is everything
 * written, in one transaction. Matching by code makes a second load of the same folder change
 * nothing.
 */
import { resolve } from 'node:path';
import type { Kysely } from 'kysely';
import { validationError } from '../../core/errors.js';
import type { Database } from '../../db/schema.js';
import { readExistingProgram } from './existing-program.repo.js';
import { readProgramFolder } from './program-folder.reader.js';
import { checkProgramFolder } from './program-folder.validator.js';
import { LOAD_KINDS, writeProgramFolder, type LoadCounts } from './program-write.service.js';
import type { WriteCounts } from './program-rows.repo.js';
import { saveReportFolder } from '../reports/reports-folder.js';
import { BOUNDARIES_FILE, loadBoundariesFile } from '../boundaries/boundaries.service.js';
import { DQA_FILE, loadDqaFile } from '../dqa/dqa-folder.js';
import { CALENDAR_FILE, loadCalendarFile } from '../calendar/calendar-folder.js';

export { LOAD_KINDS, type LoadKind, type LoadCounts } from './program-write.service.js';

/**
 * What a load's summary counts: the rows of LOAD_KINDS, then the places' boundaries
 * (boundaries.geojson), the data quality assessments (dqa.json) and the reporting calendar (calendar.json).
 */
export const SUMMARY_KINDS = [...LOAD_KINDS, 'boundaries', 'dqa', 'calendar'] as const;
export type SummaryKind = (typeof SUMMARY_KINDS)[number];
export type SummaryCounts = Record<SummaryKind, WriteCounts>;

export interface LoadSummary {
  /** Code of the program loaded. */
  program: string;
  /** True when nothing was kept: the counts say what a real load would do. */
  dryRun: boolean;
  /** Files read, relative to the folder. */
  files: string[];
  /** Per kind of row (SUMMARY_KINDS): inserted, updated and unchanged; boundaries, dqa and calendar all zero when the folder has none. */
  counts: SummaryCounts;
}

export interface LoadProgress {
  /** `check`: values files read (done/total are files); `write`: values stored (done/total are values). */
  stage: 'check' | 'write';
  done: number;
  total: number;
}

export interface LoadOptions {
  /** Check everything and work out the counts, then roll back. */
  dryRun?: boolean;
  onProgress?: (progress: LoadProgress) => void;
}

/** Thrown inside the transaction of a dry run to roll it back with its result. */
class DryRunRollback extends Error {
  constructor(readonly counts: SummaryCounts) {
    super('dry run');
  }
}

/**
 * Loads the program folder at `dir`. Throws VigiaError('validation') listing every problem
 * (nothing written) or returns what was inserted, updated and left unchanged. A dry run does
 * the whole load in a transaction that it then rolls back.
 */
export async function loadProgramFolder(db: Kysely<Database>, dir: string, options: LoadOptions = {}): Promise<LoadSummary> {
  const folder = await readProgramFolder(resolve(dir));
  const existing = folder.program ? await readExistingProgram(db, folder.program.code) : null;
  const check = await checkProgramFolder(folder, existing, (done, total) => options.onProgress?.({ stage: 'check', done, total }));
  if (check.issues.length || !folder.program) {
    throw validationError(`${check.issues.length} problem(s) in the program folder ${dir}; nothing was loaded`, check.issues);
  }
  const write = async (trx: Kysely<Database>): Promise<SummaryCounts> => {
    const counts: LoadCounts = await writeProgramFolder(trx, folder, check.valueCount, (done, total) => options.onProgress?.({ stage: 'write', done, total }));
    // Report definitions name indicators and record types, so they are checked once those are written.
    await saveReportFolder(trx, folder.program!.code, resolve(dir));
    // boundaries.geojson names places, so it is checked and stored once they are written.
    const boundaries = await loadBoundariesFile(trx, folder.program!.code, resolve(dir));
    if (boundaries !== null && !folder.files.includes(BOUNDARIES_FILE)) folder.files.push(BOUNDARIES_FILE);
    // dqa.json names indicators, so it is checked and stored once they are written.
    const dqa = await loadDqaFile(trx, folder.program!.code, resolve(dir));
    if (dqa !== null && !folder.files.includes(DQA_FILE)) folder.files.push(DQA_FILE);
    // calendar.json names organisations, indicators and record types: checked once they are written.
    const calendar = await loadCalendarFile(trx, folder.program!.code, resolve(dir));
    if (calendar !== null && !folder.files.includes(CALENDAR_FILE)) folder.files.push(CALENDAR_FILE);
    const none = { inserted: 0, updated: 0, unchanged: 0 };
    return { ...counts, boundaries: boundaries ?? none, dqa: dqa ?? none, calendar: calendar ?? none };
  };
  let counts: SummaryCounts;
  if (options.dryRun) {
    try {
      await db.transaction().execute(async (trx) => {
        throw new DryRunRollback(await write(trx));
      });
      throw new Error('unreachable: a dry run always rolls back');
    } catch (e) {
      if (!(e instanceof DryRunRollback)) throw e;
      counts = e.counts;
    }
  } else {
    counts = await db.transaction().execute(write);
  }
  return { program: folder.program.code, dryRun: options.dryRun ?? false, files: folder.files, counts };
}
