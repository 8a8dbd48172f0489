/**
 * Writes record-types/<type>.json (the program's own record types; the built-in ones need no
 * file) and records/<type>.csv (every record of each type, every field, in the records export
 * format, in the order they were written) of a dumped program (the reader: records/records-folder.ts).
 * A folder needs a `ref` on every record: one entered without is written with `id-<n>`, its id on
 * this server.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { jsonText } from '../../files/csv-table.writer.js';
import { RECORD_TYPES_DIR, RECORDS_DIR } from '../records/records-folder.js';
import { exportRecordsForFolder } from '../records/records.service.js';
import type { FolderOut } from './folder-files.writer.js';
import { listOwnRecordTypeRows, listRecordTypeCodesInUse } from './program-dump.repo.js';

/** `eradication_operation` → `eradication-operation`, as the demo names its files (the reader takes either). */
const fileName = (typeCode: string) => typeCode.replace(/_/g, '-');

export async function writeRecordsFolder(db: Kysely<Database>, out: FolderOut, programId: number, programCode: string): Promise<number> {
  for (const t of await listOwnRecordTypeRows(db, programId)) {
    await out.write(`${RECORD_TYPES_DIR}/${fileName(t.code)}.json`, jsonText(JSON.parse(t.definition)));
  }
  const types = await listRecordTypeCodesInUse(db, programId);
  for (const type of types) {
    const csv = await exportRecordsForFolder(db, programCode, type, (id) => `id-${id}`);
    await out.write(`${RECORDS_DIR}/${fileName(type)}.csv`, csv);
  }
  return types.length;
}
