/** Data values of a program with their codes, page by page (by id), for exports of any size. */
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.js';
import { visibleValuesWhere, type ValueScope } from '../../access/visible-data.repo.js';

export interface ValueExportFilter {
  programId: number;
  /** What the reader may see (`valueScopeOf`: rows by status and organisation, indicators by effective sensitivity). */
  scope: ValueScope;
}

/** Up to `limit` values with ids above `afterId`, in id order (keyset paging stays fast deep into a table). */
export async function valuesAfter(db: Kysely<Database>, f: ValueExportFilter, afterId: number, limit: number) {
  return db
    .selectFrom('data_value as v')
    .innerJoin('indicator as i', 'i.id', 'v.indicator_id')
    .innerJoin('place as p', 'p.id', 'v.place_id')
    .leftJoin('organisation as o', 'o.id', 'v.organisation_id')
    .select([
      'v.id',
      'i.code as indicator',
      'p.code as place',
      'v.period',
      'v.disagg',
      'v.source',
      'v.value',
      'v.provenance',
      'v.note',
      'v.status',
      'o.code as organisation',
    ])
    .where('i.program_id', '=', f.programId)
    .where(visibleValuesWhere(f.scope, { status: 'v.status', organisation: 'v.organisation_id', indicator: 'v.indicator_id' }))
    .where('v.id', '>', afterId)
    .orderBy('v.id')
    .limit(limit)
    .execute();
}
