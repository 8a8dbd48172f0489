/** What every record operation reads first: the program's catalog, its record types and zones. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { loadCatalog, type Catalog } from '../catalog/catalog.repo.js';
import { loadRecordTypes, type RecordTypes } from '../catalog/record-types.service.js';
import { listZoneNames } from '../places/places.repo.js';

export interface RecordScope {
  catalog: Catalog;
  types: RecordTypes;
  /** The program's zones by code, with their names (a `zone` field names one). */
  zones: ReadonlyMap<string, { en: string; es: string }>;
}

/** Reads the program's catalog and record types (once per operation, not once per record). */
export async function openRecordScope(db: Kysely<Database>, programCode: string): Promise<RecordScope> {
  const catalog = await loadCatalog(db, programCode);
  const [types, zones] = await Promise.all([loadRecordTypes(db, catalog), listZoneNames(db, catalog.program.id)]);
  return { catalog, types, zones };
}
