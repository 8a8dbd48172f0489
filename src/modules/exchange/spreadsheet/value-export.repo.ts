/** Data values of a program with their codes, page by page (by id), for exports of any size. */
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.js';
import type { ValueScope } from '../../access/visible-data.repo.js';
import { selectValueRows } from '../../values/values.repo.js';

export interface ValueExportFilter {
  programId: number;
  /** What the reader may see (`valueScopeOf`: rows by status and organisation, indicators by effective sensitivity). */
  scope: ValueScope;
}

/** Up to `limit` values (the value-row select values and approvals use) with ids above `afterId`, in id order (keyset paging stays fast deep into a table). */
export async function valuesAfter(db: Kysely<Database>, f: ValueExportFilter, afterId: number, limit: number) {
  return selectValueRows(db, f.programId, f.scope).where('v.id', '>', afterId).orderBy('v.id').limit(limit).execute();
}
