/** A program's own record types (JSON definitions); one query per method, on a db or a transaction. */
import type { Kysely, Selectable } from 'kysely';
import type { Database, RecordTypeTable } from '../../db/schema.js';

export type RecordTypeRow = Selectable<RecordTypeTable>;

export async function findRecordTypeRows(db: Kysely<Database>, programId: number): Promise<RecordTypeRow[]> {
  return db.selectFrom('record_type').selectAll().where('program_id', '=', programId).orderBy('code').execute();
}

/** Inserts or replaces one definition by (program, code). */
export async function upsertRecordTypeRow(db: Kysely<Database>, programId: number, code: string, definition: string, now: string): Promise<void> {
  await db
    .insertInto('record_type')
    .values({ program_id: programId, code, definition, created_at: now, updated_at: now })
    .onConflict((oc) =>
      oc.columns(['program_id', 'code']).doUpdateSet((eb) => ({
        definition: eb.ref('excluded.definition'),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .execute();
}
