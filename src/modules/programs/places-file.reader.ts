/**
 * Reads places.csv: each place's code, name, level (1 is the country), parent, coordinates
 * and ISO code. Rows with a usable code are kept even when another cell is bad (that is
 * reported), so that references to them do not report a second, misleading "unknown code".
 */
import { MAX_PLACE_LEVEL } from '../../db/schema.js';
import type { FolderFiles } from './folder-files.reader.js';
import { firstOfEachCode } from './folder-row.reader.js';
import { CSV_COLUMNS, FOLDER_FILES } from './program-folder.schema.js';
import type { PlaceRow } from './program-folder.types.js';

export async function readPlacesFile(files: FolderFiles): Promise<PlaceRow[]> {
  const { issues } = files;
  const places = [];
  for (const [row, r] of await files.csv(FOLDER_FILES.places, CSV_COLUMNS.places, 'place')) {
    const code = r.code('code');
    const name = r.required('name');
    const level = r.integer('level', 1, MAX_PLACE_LEVEL);
    const parent = r.code('parent', false);
    if (level === 1 && parent) {
      issues.push({ file: FOLDER_FILES.places, row: row.line, column: 'parent', value: parent, reason: 'a level-1 place (the country) has no parent' });
    }
    if (level !== null && level > 1 && !parent && row.cells.parent === '') {
      issues.push({ file: FOLDER_FILES.places, row: row.line, column: 'parent', value: '', reason: `required for a level-${level} place` });
    }
    const lat = r.decimal('lat', false, -90, 90);
    const lon = r.decimal('lon', false, -180, 180);
    if (!code) continue;
    places.push({ file: FOLDER_FILES.places, line: row.line, code, name: name ?? code, level, parent, lat, lon, iso: r.text('iso') });
  }
  return firstOfEachCode(FOLDER_FILES.places, places, issues);
}
