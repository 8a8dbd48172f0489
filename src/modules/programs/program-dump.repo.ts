/**
 * What `vigia dump` reads of one program, in the terms of the program folder: every row with the
 * codes it refers to (a place's parent, an indicator's component, a value's organisation) instead
 * of ids, in an order that depends only on the content, so that dumping the same program from two
 * databases gives the same files.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

export async function listPlaceRows(db: Kysely<Database>, programId: number) {
  return db
    .selectFrom('place as p')
    .leftJoin('place as up', 'up.id', 'p.parent_id')
    .select(['p.code', 'p.name', 'p.level', 'up.code as parent', 'p.lat', 'p.lon', 'p.alt_codes'])
    .where('p.program_id', '=', programId)
    .orderBy('p.level')
    .orderBy('p.code')
    .execute();
}

export async function listZoneRows(db: Kysely<Database>, programId: number) {
  return db.selectFrom('zone').select(['id', 'code', 'name_en', 'name_es']).where('program_id', '=', programId).orderBy('code').execute();
}

export async function listZonePlaceRows(db: Kysely<Database>, programId: number) {
  return db
    .selectFrom('zone_place as zp')
    .innerJoin('zone as z', 'z.id', 'zp.zone_id')
    .innerJoin('place as p', 'p.id', 'zp.place_id')
    .select(['z.code as zone', 'p.code as place'])
    .where('z.program_id', '=', programId)
    .orderBy('z.code')
    .orderBy('p.code')
    .execute();
}

export async function listOrganisationRows(db: Kysely<Database>, programId: number) {
  return db
    .selectFrom('organisation')
    .select(['code', 'name_en', 'name_es', 'kind', 'country_code', 'iati_ref'])
    .where('program_id', '=', programId)
    .orderBy('code')
    .execute();
}

/** Sources in the order they were written: an indicator lists its sources in that order. */
export async function listSourceRows(db: Kysely<Database>, programId: number) {
  return db.selectFrom('source').select(['code', 'name_en', 'name_es', 'url']).where('program_id', '=', programId).orderBy('id').execute();
}

/** Dimensions in the order they were written, with their options in display order. */
export async function listDimensionOptionRows(db: Kysely<Database>, programId: number) {
  return db
    .selectFrom('dimension as d')
    .innerJoin('dimension_option as o', 'o.dimension_id', 'd.id')
    .select([
      'd.code as dimension',
      'd.name_en as dimension_en',
      'd.name_es as dimension_es',
      'd.retired as dimension_retired',
      'o.code',
      'o.name_en',
      'o.name_es',
      'o.retired',
    ])
    .where('d.program_id', '=', programId)
    .orderBy('d.id')
    .orderBy('o.sort')
    .orderBy('o.code')
    .execute();
}

/** Framework nodes in display order. */
export async function listFrameworkRows(db: Kysely<Database>, programId: number) {
  return db
    .selectFrom('framework_node as f')
    .leftJoin('framework_node as up', 'up.id', 'f.parent_id')
    .select(['f.code', 'f.kind', 'up.code as parent', 'f.name_en', 'f.name_es', 'f.description_en', 'f.description_es', 'f.retired'])
    .where('f.program_id', '=', programId)
    .orderBy('f.sort')
    .orderBy('f.code')
    .execute();
}

/** Indicators in display order, with their component's code and their reference sheet. */
export async function listIndicatorRows(db: Kysely<Database>, programId: number) {
  return db
    .selectFrom('indicator as i')
    .leftJoin('framework_node as f', 'f.id', 'i.component_id')
    .leftJoin('indicator_reference as r', 'r.indicator_id', 'i.id')
    .selectAll('i')
    .select(['f.code as component', 'r.sheet'])
    .where('i.program_id', '=', programId)
    .orderBy('i.sort')
    .orderBy('i.code')
    .execute();
}

/** Indicator code → its source codes, and indicator code → its dimension codes, in the order those were written. */
export async function listIndicatorLinks(db: Kysely<Database>, programId: number) {
  const [sources, dimensions] = await Promise.all([
    db
      .selectFrom('indicator_source as l')
      .innerJoin('indicator as i', 'i.id', 'l.indicator_id')
      .innerJoin('source as s', 's.id', 'l.source_id')
      .select(['i.code as indicator', 's.code'])
      .where('i.program_id', '=', programId)
      .orderBy('s.id')
      .execute(),
    db
      .selectFrom('indicator_dimension as l')
      .innerJoin('indicator as i', 'i.id', 'l.indicator_id')
      .innerJoin('dimension as d', 'd.id', 'l.dimension_id')
      .select(['i.code as indicator', 'd.code'])
      .where('i.program_id', '=', programId)
      .orderBy('d.id')
      .execute(),
  ]);
  return { sources, dimensions };
}

export async function listTargetRows(db: Kysely<Database>, programId: number) {
  return db
    .selectFrom('target as t')
    .innerJoin('indicator as i', 'i.id', 't.indicator_id')
    .innerJoin('place as p', 'p.id', 't.place_id')
    .select(['i.code as indicator', 'p.code as place', 't.period', 't.source', 't.disagg', 't.kind', 't.value', 't.provenance', 't.note'])
    .where('i.program_id', '=', programId)
    .orderBy('i.code')
    .orderBy('t.kind')
    .orderBy('t.start_date')
    .orderBy('t.period')
    .orderBy('p.code')
    .orderBy('t.disagg')
    .orderBy('t.source')
    .execute();
}

/**
 * One page of an indicator's values after the value `afterId`, in the order they were written
 * (by id): loading them in that order adds them up in the same order, to the last digit.
 */
export async function listValuePage(db: Kysely<Database>, indicatorId: number, afterId: number, limit: number) {
  return db
    .selectFrom('data_value as v')
    .innerJoin('place as p', 'p.id', 'v.place_id')
    .leftJoin('organisation as o', 'o.id', 'v.organisation_id')
    .select(['v.id', 'p.code as place', 'v.period', 'v.disagg', 'v.source', 'v.value', 'v.provenance', 'v.note', 'v.status', 'o.code as organisation'])
    .where('v.indicator_id', '=', indicatorId)
    .where('v.id', '>', afterId)
    .orderBy('v.id')
    .limit(limit)
    .execute();
}

/** The boundaries of the program's places, by place code. */
export async function listBoundaryRows(db: Kysely<Database>, programId: number) {
  return db
    .selectFrom('place_boundary as b')
    .innerJoin('place as p', 'p.id', 'b.place_id')
    .select(['p.code', 'b.geojson'])
    .where('p.program_id', '=', programId)
    .orderBy('p.level')
    .orderBy('p.code')
    .execute();
}

/** The program's own record types (the built-in ones are not written). */
export async function listOwnRecordTypeRows(db: Kysely<Database>, programId: number) {
  return db.selectFrom('record_type').select(['code', 'definition']).where('program_id', '=', programId).orderBy('code').execute();
}

/** Record types that the program has records of. */
export async function listRecordTypeCodesInUse(db: Kysely<Database>, programId: number): Promise<string[]> {
  const rows = await db.selectFrom('record').select('type_code').distinct().where('program_id', '=', programId).orderBy('type_code').execute();
  return rows.map((r) => r.type_code);
}

/** How many values the program holds, and of which indicators (for progress and the values/ files). */
export async function listValueCounts(db: Kysely<Database>, programId: number) {
  return db
    .selectFrom('data_value as v')
    .innerJoin('indicator as i', 'i.id', 'v.indicator_id')
    .select(['i.id', 'i.code', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('i.program_id', '=', programId)
    .groupBy(['i.id', 'i.code'])
    .orderBy('i.code')
    .execute();
}
