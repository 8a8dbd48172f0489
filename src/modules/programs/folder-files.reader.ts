/**
 * The files of one program folder as the per-file readers get them: the text of a file (a
 * missing required file reported, a present one listed in `folder.files`), a CSV table as rows
 * with their row readers, and the marks that make references to a broken file or code
 * unusable (so that they are not reported a second time).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { IssueDetail } from '../../core/errors.js';
import { readCsvTable, type CsvRow } from '../../files/csv-table.reader.js';
import { RowReader } from './folder-row.reader.js';
import { REQUIRED_FILES } from './program-folder.schema.js';
import type { CsvColumns } from '../../files/csv-table.reader.js';
import type { ProgramFolder, RefKind } from './program-folder.types.js';

/** Why a file of the folder that is there cannot be read, in words. */
const UNREADABLE: Record<string, string> = {
  EISDIR: 'is a folder, not a file',
  EACCES: 'cannot be read (permission denied)',
  EPERM: 'cannot be read (permission denied)',
};

/** Reads a file of the folder; null when it does not exist, a reason when it cannot be read. */
async function readText(dir: string, file: string): Promise<string | null | { unreadable: string }> {
  try {
    return await readFile(join(dir, file), 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? '';
    if (code === 'ENOENT') return null;
    if (UNREADABLE[code]) return { unreadable: UNREADABLE[code] };
    throw e;
  }
}

/** One program folder being read: its files, and where their problems and unusable codes go. */
export class FolderFiles {
  readonly issues: IssueDetail[];

  constructor(readonly folder: ProgramFolder) {
    this.issues = folder.issues;
  }

  /** Every reference to things of `kind` is unusable: their file could not be read. */
  broken(kind: RefKind): void {
    this.folder.unusable.set(kind, 'all');
  }

  /** References to `code` of `kind` are unusable: its definition was broken. */
  unusableCode(kind: RefKind, code: string): void {
    const set = this.folder.unusable.get(kind);
    if (set === 'all') return;
    this.folder.unusable.set(kind, (set ?? new Set()).add(code));
  }

  /** The text of `file`; null when it is missing (reported when it is required) or unreadable (reported). */
  async load(file: string): Promise<string | null> {
    const text = await readText(this.folder.dir, file);
    if (text !== null && typeof text === 'object') {
      this.issues.push({ file, reason: text.unreadable });
      return null;
    }
    if (text === null) {
      if (REQUIRED_FILES.includes(file)) this.issues.push({ file, reason: 'required file is missing' });
    } else this.folder.files.push(file);
    return text;
  }

  /** The rows of a CSV file, each with its reader; a file none of whose rows could be read marks `kind` broken. */
  async csv(file: string, columns: CsvColumns, kind?: RefKind): Promise<Array<[CsvRow, RowReader]>> {
    const text = await this.load(file);
    if (text === null) {
      if (kind && REQUIRED_FILES.includes(file)) this.broken(kind);
      return [];
    }
    const before = this.issues.length;
    const rows = readCsvTable(file, text, columns, this.issues);
    // A header so wrong that no row could be read leaves every reference to this file unusable.
    if (kind && rows.length === 0 && this.issues.length > before) this.broken(kind);
    return rows.map((row) => [row, new RowReader(file, row, this.issues)]);
  }
}
