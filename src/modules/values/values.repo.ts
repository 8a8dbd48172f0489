/** Data values: one query per method; takes a db or a transaction. */
import type { Kysely } from 'kysely';
import type { DataValue, Database, NewDataValue } from '../../db/schema.js';
import { engineOf, insertChunkSize } from '../../db/dialect.js';

export interface ValueKey {
  indicator_id: number;
  place_id: number;
  period: string;
  disagg: string;
  source: string;
}

export async function findValue(db: Kysely<Database>, key: ValueKey): Promise<DataValue | undefined> {
  return db
    .selectFrom('data_value')
    .selectAll()
    .where('indicator_id', '=', key.indicator_id)
    .where('place_id', '=', key.place_id)
    .where('period', '=', key.period)
    .where('disagg', '=', key.disagg)
    .where('source', '=', key.source)
    .executeTakeFirst();
}

export interface UpsertResult {
  /** Ids of the rows inserted or changed (unchanged rows are left alone and not listed). */
  changedIds: number[];
  inserted: number;
  updated: number;
}

/**
 * Inserts or updates values by their key. A row whose content is identical is not touched, so
 * re-loading the same data changes nothing (its version stays).
 */
export async function upsertValues(db: Kysely<Database>, rows: readonly NewDataValue[]): Promise<UpsertResult> {
  const result: UpsertResult = { changedIds: [], inserted: 0, updated: 0 };
  const size = insertChunkSize(engineOf(db), 14);
  for (let i = 0; i < rows.length; i += size) {
    const chunk = rows.slice(i, i + size);
    const returned = await db
      .insertInto('data_value')
      .values(chunk)
      .onConflict((oc) =>
        oc
          .columns(['indicator_id', 'place_id', 'period', 'disagg', 'source'])
          .doUpdateSet((eb) => ({
            value: eb.ref('excluded.value'),
            status: eb.ref('excluded.status'),
            provenance: eb.ref('excluded.provenance'),
            note: eb.ref('excluded.note'),
            organisation_id: eb.ref('excluded.organisation_id'),
            updated_at: eb.ref('excluded.updated_at'),
            version: eb('data_value.version', '+', 1),
          }))
          .where((eb) =>
            eb.or([
              eb('data_value.value', 'is distinct from', eb.ref('excluded.value')),
              eb('data_value.status', 'is distinct from', eb.ref('excluded.status')),
              eb('data_value.provenance', 'is distinct from', eb.ref('excluded.provenance')),
              eb('data_value.note', 'is distinct from', eb.ref('excluded.note')),
              eb('data_value.organisation_id', 'is distinct from', eb.ref('excluded.organisation_id')),
            ]),
          ),
      )
      .returning(['id', 'version'])
      .execute();
    for (const r of returned) {
      result.changedIds.push(r.id);
      if (r.version === 1) result.inserted++;
      else result.updated++;
    }
  }
  return result;
}

export async function deleteValueById(db: Kysely<Database>, id: number): Promise<void> {
  await db.deleteFrom('data_value').where('id', '=', id).execute();
}

export async function bumpDataVersion(db: Kysely<Database>, programId: number): Promise<void> {
  await db
    .updateTable('program')
    .set((eb) => ({ data_version: eb('data_version', '+', 1) }))
    .where('id', '=', programId)
    .execute();
}
