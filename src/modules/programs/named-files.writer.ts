/**
 * Writes zones.csv, zone-places.csv, organisations.csv and sources.csv of a dumped program (the
 * readers: named-files.reader.ts, zone-places-file.reader.ts). A file is written only when the
 * program has rows for it: the files are optional.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { csvText, type CsvCell } from '../../files/csv-table.writer.js';
import type { FolderOut } from './folder-files.writer.js';
import { listOrganisationRows, listSourceRows, listZonePlaceRows, listZoneRows } from './program-dump.repo.js';
import { FOLDER_FILES } from './program-folder.schema.js';

async function writeIfAny(out: FolderOut, file: string, header: readonly string[], rows: ReadonlyArray<readonly CsvCell[]>): Promise<void> {
  if (rows.length) await out.write(file, csvText(header, rows));
}

export async function writeNamedFiles(db: Kysely<Database>, out: FolderOut, programId: number): Promise<void> {
  const [zones, zonePlaces, organisations, sources] = await Promise.all([
    listZoneRows(db, programId),
    listZonePlaceRows(db, programId),
    listOrganisationRows(db, programId),
    listSourceRows(db, programId),
  ]);
  await writeIfAny(
    out,
    FOLDER_FILES.zones,
    ['code', 'name_en', 'name_es'],
    zones.map((z) => [z.code, z.name_en, z.name_es]),
  );
  await writeIfAny(
    out,
    FOLDER_FILES.zonePlaces,
    ['zone', 'place'],
    zonePlaces.map((z) => [z.zone, z.place]),
  );
  await writeIfAny(
    out,
    FOLDER_FILES.organisations,
    ['code', 'name_en', 'name_es', 'kind', 'country', 'iati_ref'],
    organisations.map((o) => [o.code, o.name_en, o.name_es, o.kind, o.country_code, o.iati_ref]),
  );
  await writeIfAny(
    out,
    FOLDER_FILES.sources,
    ['code', 'name_en', 'name_es', 'url'],
    sources.map((s) => [s.code, s.name_en, s.name_es, s.url]),
  );
}
