/** What the IATI export reads of a program: organisations, framework, indicators, targets, places. */
import type { Db } from '../../../db/database.js';

export async function listOrganisations(db: Db, programId: number) {
  return db.selectFrom('organisation').selectAll().where('program_id', '=', programId).orderBy('code').execute();
}

export async function listComponents(db: Db, programId: number) {
  return db
    .selectFrom('framework_node')
    .selectAll()
    .where('program_id', '=', programId)
    .where('kind', '=', 'component')
    .orderBy('sort')
    .orderBy('code')
    .execute();
}

/** Targets and baselines of the program at its top-level places, not disaggregated. */
export async function listTopTargets(db: Db, programId: number) {
  return db
    .selectFrom('target as t')
    .innerJoin('indicator as i', 'i.id', 't.indicator_id')
    .innerJoin('place as p', 'p.id', 't.place_id')
    .select(['i.code as indicator', 't.source', 't.kind', 't.period', 't.start_date', 't.end_date', 't.value', 'p.code as place'])
    .where('i.program_id', '=', programId)
    .where('p.level', '=', 1)
    .where('t.disagg', '=', '')
    .orderBy('t.start_date')
    .execute();
}

/** Places of the second level (departments, regions) that have coordinates. */
export async function listLocatedRegions(db: Db, programId: number) {
  return db
    .selectFrom('place')
    .select(['code', 'name', 'lat', 'lon'])
    .where('program_id', '=', programId)
    .where('level', '=', 2)
    .where('lat', 'is not', null)
    .where('lon', 'is not', null)
    .orderBy('code')
    .execute();
}

/** First start and last end of the program's data values. */
export async function valueDateRange(db: Db, programId: number) {
  return db
    .selectFrom('data_value as v')
    .innerJoin('indicator as i', 'i.id', 'v.indicator_id')
    .select((eb) => [eb.fn.min('v.start_date').as('start'), eb.fn.max('v.end_date').as('end')])
    .where('i.program_id', '=', programId)
    .executeTakeFirst();
}
