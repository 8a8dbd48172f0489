/** Writes dimensions.json of a dumped program, options in display order (the reader: dimensions-file.reader.ts). */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { jsonText } from '../../files/csv-table.writer.js';
import type { FolderOut } from './folder-files.writer.js';
import { listDimensionOptionRows } from './program-dump.repo.js';
import { FOLDER_FILES, type DimensionEntry } from './program-folder.schema.js';

export async function writeDimensionsFile(db: Kysely<Database>, out: FolderOut, programId: number): Promise<void> {
  const entries = new Map<string, DimensionEntry>();
  for (const o of await listDimensionOptionRows(db, programId)) {
    let d = entries.get(o.dimension);
    if (!d) entries.set(o.dimension, (d = { code: o.dimension, name: { en: o.dimension_en, es: o.dimension_es }, options: [] }));
    d.options.push({ code: o.code, name: { en: o.name_en, es: o.name_es } });
  }
  if (entries.size) await out.write(FOLDER_FILES.dimensions, jsonText([...entries.values()]));
}
