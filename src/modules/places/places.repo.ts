import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

export async function listPlaces(db: Kysely<Database>, programId: number, level?: number) {
  let q = db
    .selectFrom('place as p')
    .leftJoin('place as parent', 'parent.id', 'p.parent_id')
    .select(['p.id', 'p.code', 'p.name', 'p.level', 'parent.code as parent', 'p.lat', 'p.lon'])
    .where('p.program_id', '=', programId);
  if (level !== undefined) q = q.where('p.level', '=', level);
  return q.orderBy('p.level').orderBy('p.code').execute();
}

export async function listZones(db: Kysely<Database>, programId: number) {
  const zones = await db.selectFrom('zone').select(['id', 'code', 'name_en', 'name_es']).where('program_id', '=', programId).orderBy('code').execute();
  const members = await db
    .selectFrom('zone_place as zp')
    .innerJoin('zone as z', 'z.id', 'zp.zone_id')
    .innerJoin('place as p', 'p.id', 'zp.place_id')
    .select(['z.id as zone_id', 'p.code'])
    .where('z.program_id', '=', programId)
    .orderBy('p.code')
    .execute();
  return zones.map((z) => ({ code: z.code, name_en: z.name_en, name_es: z.name_es, places: members.filter((m) => m.zone_id === z.id).map((m) => m.code) }));
}

/** Inserts a place under `parent` (or as a root) with its ancestor columns filled. */
export async function insertPlace(
  db: Kysely<Database>,
  p: {
    programId: number;
    code: string;
    name: string;
    parent: { id: number; level: number; p1: number | null; p2: number | null; p3: number | null; p4: number | null; p5: number | null } | null;
    lat: number | null;
    lon: number | null;
  },
) {
  const level = p.parent ? p.parent.level + 1 : 1;
  const { id } = await db
    .insertInto('place')
    .values({
      program_id: p.programId,
      code: p.code,
      name: p.name,
      level,
      parent_id: p.parent?.id ?? null,
      p1: p.parent?.p1 ?? null,
      p2: p.parent?.p2 ?? null,
      p3: p.parent?.p3 ?? null,
      p4: p.parent?.p4 ?? null,
      p5: p.parent?.p5 ?? null,
      p6: null,
      lat: p.lat,
      lon: p.lon,
      alt_codes: null,
      boundary: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const own = `p${level}` as 'p1' | 'p2' | 'p3' | 'p4' | 'p5' | 'p6';
  return db
    .updateTable('place')
    .set({ [own]: id })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A program's zones by code with their names, for checking and offering a record's zone field. */
export async function listZoneNames(db: Kysely<Database>, programId: number): Promise<Map<string, { en: string; es: string }>> {
  const rows = await db.selectFrom('zone').select(['code', 'name_en', 'name_es']).where('program_id', '=', programId).orderBy('code').execute();
  return new Map(rows.map((r) => [r.code, { en: r.name_en, es: r.name_es }]));
}

export async function findZone(db: Kysely<Database>, programId: number, code: string) {
  return db.selectFrom('zone').select(['id', 'code', 'name_en', 'name_es']).where('program_id', '=', programId).where('code', '=', code).executeTakeFirst();
}

export async function insertZone(db: Kysely<Database>, z: { programId: number; code: string; name_en: string; name_es: string }) {
  return db
    .insertInto('zone')
    .values({ program_id: z.programId, code: z.code, name_en: z.name_en, name_es: z.name_es })
    .returning(['id', 'code', 'name_en', 'name_es'])
    .executeTakeFirstOrThrow();
}

export async function listZonePlaceCodes(db: Kysely<Database>, zoneId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('zone_place as zp')
    .innerJoin('place as p', 'p.id', 'zp.place_id')
    .select('p.code')
    .where('zp.zone_id', '=', zoneId)
    .orderBy('p.code')
    .execute();
  return rows.map((r) => r.code);
}

/** Replaces the member places of a zone. */
export async function replaceZonePlaces(db: Kysely<Database>, zoneId: number, placeIds: readonly number[]): Promise<void> {
  await db.deleteFrom('zone_place').where('zone_id', '=', zoneId).execute();
  if (placeIds.length)
    await db
      .insertInto('zone_place')
      .values(placeIds.map((place_id) => ({ zone_id: zoneId, place_id })))
      .execute();
}

/** Sets a place's name and coordinates; returns it as the place list shows it. */
export async function updatePlace(db: Kysely<Database>, placeId: number, change: { name: string; lat: number | null; lon: number | null }) {
  await db.updateTable('place').set(change).where('id', '=', placeId).execute();
  return db
    .selectFrom('place as p')
    .leftJoin('place as parent', 'parent.id', 'p.parent_id')
    .select(['p.id', 'p.code', 'p.name', 'p.level', 'parent.code as parent', 'p.lat', 'p.lon'])
    .where('p.id', '=', placeId)
    .executeTakeFirstOrThrow();
}

/** What refers to a place, counted by kind; zones by code. */
export interface PlaceReferences {
  children: number;
  values: number;
  targets: number;
  records: number;
  zones: string[];
}

export async function findPlaceReferences(db: Kysely<Database>, placeId: number): Promise<PlaceReferences> {
  const count = async (table: 'place' | 'data_value' | 'target' | 'record', column: 'parent_id' | 'place_id') => {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where(column, '=', placeId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  };
  // One after another: inside a transaction they share one connection anyway.
  const children = await count('place', 'parent_id');
  const values = await count('data_value', 'place_id');
  const targets = await count('target', 'place_id');
  const records = await count('record', 'place_id');
  const zones = await db
    .selectFrom('zone_place as zp')
    .innerJoin('zone as z', 'z.id', 'zp.zone_id')
    .select('z.code')
    .where('zp.place_id', '=', placeId)
    .orderBy('z.code')
    .execute();
  return { children, values, targets, records, zones: zones.map((z) => z.code) };
}

/**
 * Deletes a place nothing refers to, with what belongs to it alone: its boundary and any fact
 * rows left at zero by values or records deleted earlier.
 */
export async function deletePlace(db: Kysely<Database>, placeId: number): Promise<void> {
  await db.deleteFrom('place_boundary').where('place_id', '=', placeId).execute();
  await db.deleteFrom('fact').where('place_id', '=', placeId).execute();
  await db.deleteFrom('place').where('id', '=', placeId).execute();
}

/** Sets a zone's names. */
export async function updateZone(db: Kysely<Database>, zoneId: number, names: { name_en: string; name_es: string }) {
  return db.updateTable('zone').set(names).where('id', '=', zoneId).returning(['id', 'code', 'name_en', 'name_es']).executeTakeFirstOrThrow();
}

/** Deletes a zone and its membership rows (its places stay). */
export async function deleteZone(db: Kysely<Database>, zoneId: number): Promise<void> {
  await db.deleteFrom('zone_place').where('zone_id', '=', zoneId).execute();
  await db.deleteFrom('zone').where('id', '=', zoneId).execute();
}

/** Codes and definitions (JSON text) of the program's reports, to find those naming a place or zone. */
export async function listReportDefinitionTexts(db: Kysely<Database>, programId: number): Promise<{ code: string; definition: string }[]> {
  return db.selectFrom('report_definition').select(['code', 'definition']).where('program_id', '=', programId).orderBy('code').execute();
}
