/** What every record operation reads first: the program's catalog and its record types. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { loadCatalog, type Catalog } from '../catalog/catalog.repo.js';
import { loadRecordTypes, type RecordTypes } from '../catalog/record-types.service.js';

export interface RecordScope {
  catalog: Catalog;
  types: RecordTypes;
}

/** Reads the program's catalog and record types (once per operation, not once per record). */
export async function openRecordScope(db: Kysely<Database>, programCode: string): Promise<RecordScope> {
  const catalog = await loadCatalog(db, programCode);
  return { catalog, types: await loadRecordTypes(db, catalog) };
}
