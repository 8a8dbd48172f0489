import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { MAX_PLACE_LEVEL } from '../../db/schema.js';
import { conflict, notFound, validationError } from '../../core/errors.js';
import { loadCatalog } from '../programs/catalog.repo.js';
import { recordAudit } from '../audit/audit.repo.js';
import { findZone, insertPlace, insertZone, listZonePlaceCodes, replaceZonePlaces } from './places.repo.js';

export interface NewPlace {
  code: string;
  name: string;
  parent?: string | undefined;
  lat?: number | undefined;
  lon?: number | undefined;
}

/** Adds a place to a program's tree (administrators). */
export async function addPlace(db: Kysely<Database>, programCode: string, input: NewPlace, actorId: number | null) {
  const catalog = await loadCatalog(db, programCode);
  if (catalog.places.has(input.code)) throw conflict(`place ${input.code} already exists`);
  const parent = input.parent ? catalog.places.get(input.parent) : undefined;
  if (input.parent && !parent) throw notFound(`no place "${input.parent}"`);
  if (!parent && catalog.places.size > 0) throw validationError('a program has one root place: name the parent', [{ column: 'parent', reason: 'required' }]);
  if ((input.lat === undefined) !== (input.lon === undefined)) throw validationError('give both latitude and longitude, or neither', [{ column: input.lat === undefined ? 'lat' : 'lon', reason: 'required with the other coordinate' }]);
  if (parent && parent.level >= MAX_PLACE_LEVEL) throw validationError(`places go at most ${MAX_PLACE_LEVEL} levels deep`, [{ column: 'parent', value: input.parent, reason: 'too deep' }]);
  return db.transaction().execute(async (trx) => {
    const place = await insertPlace(trx, { programId: catalog.program.id, code: input.code, name: input.name, parent: parent ?? null, lat: input.lat ?? null, lon: input.lon ?? null });
    await recordAudit(trx, { userId: actorId, action: 'create', entity: 'place', entityId: place.id, programId: catalog.program.id, after: place });
    return place;
  });
}


export interface NewZone {
  code: string;
  name_en: string;
  name_es: string;
  places?: readonly string[] | undefined;
}

/** Place ids for codes of the program; every unknown code is one detail of a validation error. */
function placeIdsOf(places: Map<string, { id: number }>, codes: readonly string[]): number[] {
  const unknown = codes.filter((c) => !places.has(c));
  if (unknown.length) throw validationError('unknown places', unknown.map((value) => ({ column: 'places', value, reason: 'no such place in this program' })));
  return [...new Set(codes.flatMap((c) => places.get(c)?.id ?? []))];
}

/** Adds a zone (a named group of places) with its member places (administrators); audited. */
export async function addZone(db: Kysely<Database>, programCode: string, input: NewZone, actorId: number | null) {
  const catalog = await loadCatalog(db, programCode);
  if (await findZone(db, catalog.program.id, input.code)) throw conflict(`zone ${input.code} already exists`);
  const placeIds = placeIdsOf(catalog.places, input.places ?? []);
  return db.transaction().execute(async (trx) => {
    const zone = await insertZone(trx, { programId: catalog.program.id, code: input.code, name_en: input.name_en, name_es: input.name_es });
    await replaceZonePlaces(trx, zone.id, placeIds);
    const after = { code: zone.code, name_en: zone.name_en, name_es: zone.name_es, places: await listZonePlaceCodes(trx, zone.id) };
    await recordAudit(trx, { userId: actorId, action: 'create', entity: 'zone', entityId: zone.id, programId: catalog.program.id, after });
    return after;
  });
}

/** Sets the member places of a zone (administrators); audited with before and after. */
export async function setZonePlaces(db: Kysely<Database>, programCode: string, zoneCode: string, codes: readonly string[], actorId: number | null) {
  const catalog = await loadCatalog(db, programCode);
  const zone = await findZone(db, catalog.program.id, zoneCode);
  if (!zone) throw notFound(`no zone "${zoneCode}"`);
  const placeIds = placeIdsOf(catalog.places, codes);
  return db.transaction().execute(async (trx) => {
    const before = { places: await listZonePlaceCodes(trx, zone.id) };
    await replaceZonePlaces(trx, zone.id, placeIds);
    const after = { code: zone.code, name_en: zone.name_en, name_es: zone.name_es, places: await listZonePlaceCodes(trx, zone.id) };
    await recordAudit(trx, { userId: actorId, action: 'update', entity: 'zone', entityId: zone.id, programId: catalog.program.id, before, after: { places: after.places } });
    return after;
  });
}
