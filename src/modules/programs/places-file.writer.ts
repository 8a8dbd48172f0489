/** Writes places.csv of a dumped program, parents before children (the reader: places-file.reader.ts). */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { csvText } from '../../files/csv-table.writer.js';
import type { FolderOut } from './folder-files.writer.js';
import { listPlaceRows } from './program-dump.repo.js';
import { FOLDER_FILES } from './program-folder.schema.js';

const isoOf = (altCodes: string | null): string | null => (altCodes ? ((JSON.parse(altCodes) as { iso?: string }).iso ?? null) : null);

export async function writePlacesFile(db: Kysely<Database>, out: FolderOut, programId: number): Promise<number> {
  const rows = await listPlaceRows(db, programId);
  const cells = rows.map((p) => [p.code, p.name, p.level, p.parent, p.lat, p.lon, isoOf(p.alt_codes)]);
  await out.write(FOLDER_FILES.places, csvText(['code', 'name', 'level', 'parent', 'lat', 'lon', 'iso'], cells));
  return rows.length;
}
