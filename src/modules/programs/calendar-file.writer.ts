/** Writes calendar.json of a dumped program, when it has a reporting calendar (the reader: calendar/calendar-folder.ts). */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { jsonText } from '../../files/csv-table.writer.js';
import { CALENDAR_FILE } from '../calendar/calendar-folder.js';
import { getCalendar } from '../calendar/calendar.service.js';
import type { FolderOut } from './folder-files.writer.js';

export async function writeCalendarFile(db: Kysely<Database>, out: FolderOut, programCode: string): Promise<number> {
  const calendar = await getCalendar(db, programCode);
  if (calendar.reports.length) await out.write(CALENDAR_FILE, jsonText(calendar));
  return calendar.reports.length;
}
