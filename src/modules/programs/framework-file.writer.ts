/** Writes framework.csv of a dumped program, in display order (the reader: framework-file.reader.ts). */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { csvText } from '../../files/csv-table.writer.js';
import type { FolderOut } from './folder-files.writer.js';
import { listFrameworkRows } from './program-dump.repo.js';
import { FOLDER_FILES } from './program-folder.schema.js';

export async function writeFrameworkFile(db: Kysely<Database>, out: FolderOut, programId: number): Promise<void> {
  const rows = await listFrameworkRows(db, programId);
  await out.write(
    FOLDER_FILES.framework,
    csvText(
      ['code', 'kind', 'parent', 'name_en', 'name_es', 'description_en', 'description_es'],
      rows.map((f) => [f.code, f.kind, f.parent, f.name_en, f.name_es, f.description_en, f.description_es]),
    ),
  );
}
