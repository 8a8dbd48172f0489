/**
 * A design change over the API as a program folder holding only the thing it changes, read by
 * the folder's own readers: the JSON files' zod schemas (program.json, dimensions.json,
 * indicators.json) and the CSV files' row readers (framework.csv, sources.csv). The folder's
 * validator then checks it against what the database holds, exactly as a load would, and the
 * load's writers store it: one set of rules for files and for the API.
 */
import type { IssueDetail } from '../../core/errors.js';
import type { Program } from '../../db/schema.js';
import { readJsonArray, readJsonFile } from '../../files/json-file.reader.js';
import { RowReader } from '../programs/folder-row.reader.js';
import { readFrameworkRow } from '../programs/framework-file.reader.js';
import { readSourceRow } from '../programs/named-files.reader.js';
import { dimensionSchema, FOLDER_FILES, indicatorSchema, programFileSchema, type ProgramFile } from '../programs/program-folder.schema.js';
import { emptyProgramFolder, type ProgramFolder } from '../programs/program-folder.types.js';

/** program.json of a program already in the database. */
export function programFileOf(p: Program): ProgramFile {
  return {
    code: p.code,
    name: { en: p.name_en, es: p.name_es },
    country: p.country_code,
    fiscal_year_start_month: p.fiscal_year_start_month,
    currency: p.currency,
  };
}

/** A folder with nothing in it but the program (its files list names the one file changed). */
function folderOf(program: ProgramFile | null, file: string, issues: IssueDetail[]): ProgramFolder {
  return { ...emptyProgramFolder('api', issues), files: [file], program };
}

/** The cells of one CSV row, as the CSV reader gives them: every column a string, '' when absent. */
function csvRow(columns: readonly string[], body: Record<string, unknown>) {
  const cells: Record<string, string> = {};
  for (const c of columns) {
    const v = body[c];
    cells[c] = v === undefined || v === null ? '' : String(v).trim();
  }
  return { line: 1, bytes: 0, cells };
}

/** A new program: program.json as sent. */
export function programFolder(body: unknown): ProgramFolder {
  const issues: IssueDetail[] = [];
  const program = readJsonFile(FOLDER_FILES.program, JSON.stringify(body ?? null), programFileSchema, issues)?.data ?? null;
  return folderOf(program, FOLDER_FILES.program, issues);
}

/** One goal or component: a row of framework.csv (its columns as fields), at display position `sort`. */
export function frameworkFolder(program: ProgramFile, body: Record<string, unknown>, sort: number): ProgramFolder {
  const folder = folderOf(program, FOLDER_FILES.framework, []);
  const row = csvRow(['code', 'kind', 'parent', 'name_en', 'name_es', 'description_en', 'description_es'], body);
  const node = readFrameworkRow(row, new RowReader(FOLDER_FILES.framework, row, folder.issues), folder.issues, sort);
  if (node) folder.framework.push(node);
  return folder;
}

/** One source: a row of sources.csv (its columns as fields). */
export function sourceFolder(program: ProgramFile, body: Record<string, unknown>): ProgramFolder {
  const folder = folderOf(program, FOLDER_FILES.sources, []);
  const row = csvRow(['code', 'name_en', 'name_es', 'url'], body);
  const source = readSourceRow(row, new RowReader(FOLDER_FILES.sources, row, folder.issues));
  if (source) folder.sources.push(source);
  return folder;
}

/** One dimension with its options: an item of dimensions.json. */
export function dimensionFolder(program: ProgramFile, body: unknown): ProgramFolder {
  const folder = folderOf(program, FOLDER_FILES.dimensions, []);
  folder.dimensions = readJsonArray(FOLDER_FILES.dimensions, JSON.stringify([body ?? null]), dimensionSchema, folder.issues);
  return folder;
}

/** One indicator: an item of indicators.json, at display position `sort` (a load's is its place in the file). */
export function indicatorFolder(program: ProgramFile, body: unknown, sort: number): ProgramFolder {
  const folder = folderOf(program, FOLDER_FILES.indicators, []);
  const file = readJsonArray(FOLDER_FILES.indicators, JSON.stringify([body ?? null]), indicatorSchema, folder.issues);
  if (file) for (const item of file.items) item.index = sort;
  folder.indicators = file;
  return folder;
}
