/** Reading a program's stored values for DHIS2/ADX export, with codes instead of ids. */
import type { Db } from '../../../db/database.js';
import { visibleValuesWhere, type ValueScope } from '../../access/visible-data.repo.js';

/** Every value of a program that a reader with `scope` may see, in a stable order. */
export async function listValuesForExport(db: Db, programId: number, scope: ValueScope) {
  return db
    .selectFrom('data_value as v')
    .innerJoin('indicator as i', 'i.id', 'v.indicator_id')
    .innerJoin('place as p', 'p.id', 'v.place_id')
    .leftJoin('organisation as o', 'o.id', 'v.organisation_id')
    .select(['i.code as indicator', 'p.code as place', 'v.period', 'v.disagg', 'v.source', 'v.value', 'v.note', 'o.code as organisation'])
    .where('i.program_id', '=', programId)
    .where(visibleValuesWhere(scope, { status: 'v.status', organisation: 'v.organisation_id', indicator: 'v.indicator_id' }))
    .orderBy('i.code')
    .orderBy('v.period')
    .orderBy('p.code')
    .orderBy('v.disagg')
    .orderBy('v.source')
    .execute();
}
