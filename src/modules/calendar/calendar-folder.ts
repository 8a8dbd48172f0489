/**
 * The optional `calendar.json` of a program folder: the program's reporting calendar, loaded
 * inside the folder loader's transaction after the organisations and indicators it names; every
 * problem (file, line, field) stops the whole load. The file replaces the stored calendar;
 * loading the same folder twice changes nothing (and leaves no second audit event).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { isVigiaError, validationError, type IssueDetail } from '../../core/errors.js';
import { readJsonFile } from '../../files/json-file.reader.js';
import { CalendarSchema } from './calendar.schema.js';
import { storeCalendar } from './calendar.service.js';
import { hasCalendar } from './calendar.repo.js';

/** The optional file of a program folder. */
export const CALENDAR_FILE = 'calendar.json';

/**
 * Loads `calendar.json` of the folder at `dir`, if there is one. Throws a validation error
 * naming file, line and field of every problem; returns the counts (one calendar: inserted,
 * updated or unchanged), or null when the folder has no such file.
 */
export async function loadCalendarFile(
  trx: Kysely<Database>,
  programCode: string,
  dir: string,
): Promise<{ inserted: number; updated: number; unchanged: number } | null> {
  let text: string;
  try {
    text = await readFile(join(dir, CALENDAR_FILE), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  const file = CALENDAR_FILE;
  const issues: IssueDetail[] = [];
  const parsed = readJsonFile(file, text, CalendarSchema, issues);
  if (!parsed) throw validationError(`${issues.length} problem(s) in ${file}; nothing was loaded`, issues);
  const before = await hasCalendar(trx, programCode);
  try {
    const changed = await storeCalendar(trx, programCode, parsed.data, null, file);
    return { inserted: changed && !before ? 1 : 0, updated: changed && before ? 1 : 0, unchanged: changed ? 0 : 1 };
  } catch (e) {
    // Name the file and the line of each entry with a problem.
    if (isVigiaError(e) && e.kind === 'validation')
      throw validationError(
        e.message,
        e.details.map((d) => ({ ...d, file, row: typeof d.row === 'number' ? parsed.locate.line(['reports', d.row]) : d.row })),
      );
    throw e;
  }
}
