/** Data values of a program with their codes, page by page (by id), for exports of any size. */
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.js';

export interface ValueExportFilter {
  programId: number;
  /** Approved values only, plus every value of `ownOrganisationId` when given. */
  approvedOnly: boolean;
  ownOrganisationId: number | null;
  /** The indicators to include: those the reader may read (by effective sensitivity). */
  indicatorIds: readonly number[];
}

/** Up to `limit` values with ids above `afterId`, in id order (keyset paging stays fast deep into a table). */
export async function valuesAfter(db: Kysely<Database>, f: ValueExportFilter, afterId: number, limit: number) {
  if (f.indicatorIds.length === 0) return [];
  let q = db
    .selectFrom('data_value as v')
    .innerJoin('indicator as i', 'i.id', 'v.indicator_id')
    .innerJoin('place as p', 'p.id', 'v.place_id')
    .leftJoin('organisation as o', 'o.id', 'v.organisation_id')
    .select(['v.id', 'i.code as indicator', 'p.code as place', 'v.period', 'v.disagg', 'v.source', 'v.value', 'v.provenance', 'v.note', 'v.status', 'o.code as organisation'])
    .where('i.program_id', '=', f.programId)
    .where('i.id', 'in', f.indicatorIds)
    .where('v.id', '>', afterId);
  if (f.approvedOnly) {
    const own = f.ownOrganisationId;
    q = own === null ? q.where('v.status', '=', 'approved') : q.where((eb) => eb.or([eb('v.status', '=', 'approved'), eb('v.organisation_id', '=', own)]));
  }
  return q.orderBy('v.id').limit(limit).execute();
}
