/** Writes boundaries.geojson of a dumped program, when its places have boundaries (the reader: boundaries.service.ts). */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { jsonText } from '../../files/csv-table.writer.js';
import { BOUNDARIES_FILE } from '../boundaries/boundaries.service.js';
import type { FolderOut } from './folder-files.writer.js';
import { listBoundaryRows } from './program-dump.repo.js';

export async function writeBoundariesFile(db: Kysely<Database>, out: FolderOut, programId: number): Promise<number> {
  const rows = await listBoundaryRows(db, programId);
  if (!rows.length) return 0;
  const features = rows.map((r) => ({ type: 'Feature', properties: { code: r.code }, geometry: JSON.parse(r.geojson) as unknown }));
  await out.write(BOUNDARIES_FILE, jsonText({ type: 'FeatureCollection', features }));
  return rows.length;
}
