/**
 * Reads zone_places.csv: which places each zone groups. A pair listed twice is reported;
 * whether the zone and the place exist is checked later, across files.
 */
import type { FolderFiles } from './folder-files.reader.js';
import { CSV_COLUMNS, FOLDER_FILES } from './program-folder.schema.js';
import type { ZonePlaceRow } from './program-folder.types.js';

export async function readZonePlacesFile(files: FolderFiles): Promise<ZonePlaceRow[]> {
  const out: ZonePlaceRow[] = [];
  const pairs = new Map<string, number>();
  for (const [row, r] of await files.csv(FOLDER_FILES.zonePlaces, CSV_COLUMNS.zonePlaces)) {
    const zone = r.code('zone');
    const place = r.code('place');
    if (!zone || !place) continue;
    const first = pairs.get(`${zone}|${place}`);
    if (first !== undefined) {
      files.issues.push({ file: FOLDER_FILES.zonePlaces, row: row.line, column: 'place', value: place, reason: `duplicate of row ${first}` });
      continue;
    }
    pairs.set(`${zone}|${place}`, row.line);
    out.push({ file: FOLDER_FILES.zonePlaces, line: row.line, zone, place });
  }
  return out;
}
