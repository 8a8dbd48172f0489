/**
 * The step of a program load that writes places, level by level (a place's ancestor columns
 * are its parent's plus its own id), and then the zones' places, which need the places' ids.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { MAX_PLACE_LEVEL } from '../../db/schema.js';
import { fillOwnLevelColumn, listPlacesAtLevel, type PlaceAncestors } from './places.repo.js';
import type { ProgramFolder } from './program-folder.types.js';
import { insertLinks, listIdsByCode, upsertRows, type WriteCounts } from './program-rows.repo.js';
import { sumCounts } from './program-structure.writer.js';

/** Places, then the links of zones to them. */
export async function writePlacesAndZonePlaces(
  trx: Kysely<Database>,
  folder: ProgramFolder,
  program_id: number,
): Promise<{ places: WriteCounts; zone_places: WriteCounts }> {
  const places = await writePlaces(trx, folder, program_id);
  const zoneIds = await listIdsByCode(trx, 'zone', program_id);
  const zone_places = await insertLinks(
    trx,
    'zone_place',
    folder.zonePlaces.map((zp) => ({ zone_id: zoneIds.get(zp.zone) ?? 0, place_id: places.ids.get(zp.place) ?? 0 })),
  );
  return { places: places.counts, zone_places };
}

/**
 * Places level by level, parents first: a place's ancestor columns are its parent's plus its
 * own id. Returns the code → id of every place of the program.
 */
async function writePlaces(trx: Kysely<Database>, folder: ProgramFolder, program_id: number): Promise<{ counts: WriteCounts; ids: Map<string, number> }> {
  let counts: WriteCounts = { inserted: 0, updated: 0, unchanged: 0 };
  const ids = new Map<string, number>();
  let parents = new Map<string, PlaceAncestors>();
  for (let level = 1; level <= MAX_PLACE_LEVEL; level++) {
    const rows = folder.places
      .filter((p) => p.level === level)
      .map((p) => {
        const parent = p.parent ? parents.get(p.parent) : undefined;
        const ancestors = [parent?.p1, parent?.p2, parent?.p3, parent?.p4, parent?.p5, parent?.p6].map((v, i) => (i < level - 1 ? (v ?? null) : null));
        const [p1, p2, p3, p4, p5, p6] = ancestors as Array<number | null>;
        return {
          program_id,
          code: p.code,
          name: p.name,
          level,
          parent_id: parent?.id ?? null,
          p1: p1 ?? null,
          p2: p2 ?? null,
          p3: p3 ?? null,
          p4: p4 ?? null,
          p5: p5 ?? null,
          p6: p6 ?? null,
          lat: p.lat,
          lon: p.lon,
          alt_codes: p.iso ? JSON.stringify({ iso: p.iso }) : null,
        };
      });
    // The own level column is left out of the comparison: a new row gets it only once inserted.
    const compare = (['name', 'level', 'parent_id', 'p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'lat', 'lon', 'alt_codes'] as const).filter((c) => c !== `p${level}`);
    counts = sumCounts(counts, await upsertRows(trx, 'place', rows, ['program_id', 'code'], compare));
    if (rows.length) await fillOwnLevelColumn(trx, program_id, level);
    const listed = await listPlacesAtLevel(trx, program_id, level);
    for (const p of listed) ids.set(p.code, p.id);
    parents = new Map(listed.map((p) => [p.code, p]));
  }
  return { counts, ids };
}
