/**
 * Place-specific writes of a load. A place's own ancestor column (p2 for a level-2 place) holds
 * its own id, which a new row only has once inserted: it is filled afterwards, one statement
 * per level, instead of one update per place.
 */
import type { Kysely } from 'kysely';
import { PLACE_LEVEL_COLUMNS, type Database, type Place } from '../../db/schema.js';

export type PlaceAncestors = Pick<Place, 'id' | 'code' | 'p1' | 'p2' | 'p3' | 'p4' | 'p5' | 'p6'>;

/** Sets each place's own level column (p1..p6) to its id where it is not yet. */
export async function fillOwnLevelColumn(db: Kysely<Database>, programId: number, level: number): Promise<void> {
  const column = PLACE_LEVEL_COLUMNS[level - 1];
  if (!column) return;
  await db
    .updateTable('place')
    .set((eb) => ({ [column]: eb.ref('id') }))
    .where('program_id', '=', programId)
    .where('level', '=', level)
    .where((eb) => eb(column, 'is distinct from', eb.ref('id')))
    .execute();
}

/** The program's places of one level, with their ancestor columns. */
export async function listPlacesAtLevel(db: Kysely<Database>, programId: number, level: number): Promise<PlaceAncestors[]> {
  return db
    .selectFrom('place')
    .select(['id', 'code', 'p1', 'p2', 'p3', 'p4', 'p5', 'p6'])
    .where('program_id', '=', programId)
    .where('level', '=', level)
    .execute();
}
