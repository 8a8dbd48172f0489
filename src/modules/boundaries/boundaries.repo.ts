/** Reads and writes place_boundary rows (one GeoJSON geometry per place). */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

/** Rows per insert, well under SQLite's limit on bound parameters. */
const CHUNK = 500;

/** The stored geometry text of each of these places that has one. */
export async function boundariesOf(db: Kysely<Database>, placeIds: readonly number[]): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  for (let i = 0; i < placeIds.length; i += CHUNK) {
    const ids = placeIds.slice(i, i + CHUNK);
    const rows = await db.selectFrom('place_boundary').select(['place_id', 'geojson']).where('place_id', 'in', ids).execute();
    for (const r of rows) out.set(r.place_id, r.geojson);
  }
  return out;
}

export interface BoundaryWrite {
  placeId: number;
  geojson: string;
}

/**
 * Stores each place's geometry: inserted when it had none, replaced when it differs, left as
 * it is when the same. Returns how many of each.
 */
export async function saveBoundaryRows(
  db: Kysely<Database>,
  rows: readonly BoundaryWrite[],
  now: string,
): Promise<{ inserted: number; updated: number; unchanged: number }> {
  const existing = await boundariesOf(
    db,
    rows.map((r) => r.placeId),
  );
  const fresh = rows.filter((r) => !existing.has(r.placeId));
  const changed = rows.filter((r) => existing.has(r.placeId) && existing.get(r.placeId) !== r.geojson);
  for (let i = 0; i < fresh.length; i += CHUNK) {
    await db
      .insertInto('place_boundary')
      .values(fresh.slice(i, i + CHUNK).map((r) => ({ place_id: r.placeId, geojson: r.geojson, updated_at: now })))
      .execute();
  }
  for (const r of changed) {
    await db.updateTable('place_boundary').set({ geojson: r.geojson, updated_at: now }).where('place_id', '=', r.placeId).execute();
  }
  return { inserted: fresh.length, updated: changed.length, unchanged: rows.length - fresh.length - changed.length };
}

/** The boundaries of a program's places of one level, by place code. */
export async function listLevelBoundaries(
  db: Kysely<Database>,
  programId: number,
  level: number,
): Promise<Array<{ code: string; name: string; geojson: string }>> {
  return db
    .selectFrom('place_boundary as b')
    .innerJoin('place as p', 'p.id', 'b.place_id')
    .select(['p.code', 'p.name', 'b.geojson'])
    .where('p.program_id', '=', programId)
    .where('p.level', '=', level)
    .orderBy('p.code')
    .execute();
}
