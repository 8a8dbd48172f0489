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
  p: { programId: number; code: string; name: string; parent: { id: number; level: number; p1: number | null; p2: number | null; p3: number | null; p4: number | null; p5: number | null } | null; lat: number | null; lon: number | null },
) {
  const level = p.parent ? p.parent.level + 1 : 1;
  const { id } = await db
    .insertInto('place')
    .values({
      program_id: p.programId, code: p.code, name: p.name, level, parent_id: p.parent?.id ?? null,
      p1: p.parent?.p1 ?? null, p2: p.parent?.p2 ?? null, p3: p.parent?.p3 ?? null, p4: p.parent?.p4 ?? null, p5: p.parent?.p5 ?? null, p6: null,
      lat: p.lat, lon: p.lon, alt_codes: null, boundary: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const own = `p${level}` as 'p1' | 'p2' | 'p3' | 'p4' | 'p5' | 'p6';
  return db.updateTable('place').set({ [own]: id }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
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
  if (placeIds.length) await db.insertInto('zone_place').values(placeIds.map((place_id) => ({ zone_id: zoneId, place_id }))).execute();
}
