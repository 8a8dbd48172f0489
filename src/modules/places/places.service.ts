import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { MAX_PLACE_LEVEL } from '../../db/schema.js';
import { conflict, notFound, validationError } from '../../core/errors.js';
import { findProgram, loadCatalog } from '../catalog/catalog.repo.js';
import { recordAudit } from '../audit/audit.repo.js';
import { bumpDataVersion } from '../values/values.repo.js';
import {
  deletePlace,
  deleteZone,
  findPlaceReferences,
  findZone,
  insertPlace,
  insertZone,
  listReportDefinitionTexts,
  listZonePlaceCodes,
  replaceZonePlaces,
  updatePlace,
  updateZone,
} from './places.repo.js';

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
  if ((input.lat === undefined) !== (input.lon === undefined))
    throw validationError('give both latitude and longitude, or neither', [
      { column: input.lat === undefined ? 'lat' : 'lon', reason: 'required with the other coordinate' },
    ]);
  if (parent && parent.level >= MAX_PLACE_LEVEL)
    throw validationError(`places go at most ${MAX_PLACE_LEVEL} levels deep`, [{ column: 'parent', value: input.parent, reason: 'too deep' }]);
  return db.transaction().execute(async (trx) => {
    const place = await insertPlace(trx, {
      programId: catalog.program.id,
      code: input.code,
      name: input.name,
      parent: parent ?? null,
      lat: input.lat ?? null,
      lon: input.lon ?? null,
    });
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
  if (unknown.length)
    throw validationError(
      'unknown places',
      unknown.map((value) => ({ column: 'places', value, reason: 'no such place in this program' })),
    );
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
    await recordAudit(trx, {
      userId: actorId,
      action: 'update',
      entity: 'zone',
      entityId: zone.id,
      programId: catalog.program.id,
      before,
      after: { places: after.places },
    });
    return after;
  });
}

export interface PlaceChange {
  name?: string | undefined;
  /** null clears the coordinates (both go together). */
  lat?: number | null | undefined;
  lon?: number | null | undefined;
}

/** Renames a place or moves its coordinates (administrators); audited with before and after. */
export async function changePlace(db: Kysely<Database>, programCode: string, placeCode: string, change: PlaceChange, actorId: number | null) {
  const catalog = await loadCatalog(db, programCode, [placeCode]);
  const place = catalog.places.get(placeCode);
  if (!place) throw notFound(`no place "${placeCode}"`);
  if ((change.lat === undefined) !== (change.lon === undefined) || (change.lat === null) !== (change.lon === null)) {
    throw validationError('give both latitude and longitude, or neither', [
      { column: change.lat === undefined || change.lat === null ? 'lat' : 'lon', reason: 'required with the other coordinate' },
    ]);
  }
  const name = change.name?.trim() ?? place.name;
  if (!name) throw validationError('a place needs a name', [{ column: 'name', reason: 'required' }]);
  const next = { name, lat: change.lat === undefined ? place.lat : change.lat, lon: change.lon === undefined ? place.lon : change.lon };
  return db.transaction().execute(async (trx) => {
    const after = await updatePlace(trx, place.id, next);
    await recordAudit(trx, {
      userId: actorId,
      action: 'update',
      entity: 'place',
      entityId: place.id,
      programId: catalog.program.id,
      before: { code: place.code, name: place.name, lat: place.lat, lon: place.lon },
      after: { code: after.code, name: after.name, lat: after.lat, lon: after.lon },
    });
    await bumpDataVersion(trx, catalog.program.id);
    return after;
  });
}

/** Codes of the program's report definitions that name `code` as a `key` (place or zone) anywhere. */
async function reportsNaming(db: Kysely<Database>, programId: number, key: 'place' | 'zone', code: string): Promise<string[]> {
  const names = (node: unknown): boolean => {
    if (Array.isArray(node)) return node.some(names);
    if (node === null || typeof node !== 'object') return false;
    return Object.entries(node).some(([k, v]) => (k === key && v === code) || names(v));
  };
  return (await listReportDefinitionTexts(db, programId)).filter((r) => names(JSON.parse(r.definition))).map((r) => r.code);
}

/**
 * Deletes a place (administrators) when nothing refers to it: no child places, data values,
 * targets, records, zone memberships or report definitions. Otherwise a conflict whose message
 * and details name each kind of reference. Audited with the place as it was.
 */
export async function removePlace(db: Kysely<Database>, programCode: string, placeCode: string, actorId: number | null) {
  const catalog = await loadCatalog(db, programCode, [placeCode]);
  const place = catalog.places.get(placeCode);
  if (!place) throw notFound(`no place "${placeCode}"`);
  return db.transaction().execute(async (trx) => {
    const refs = await findPlaceReferences(trx, place.id);
    const reports = await reportsNaming(trx, catalog.program.id, 'place', placeCode);
    const found = [
      refs.children ? { column: 'children', value: refs.children, reason: `${refs.children} child place(s)` } : null,
      refs.values ? { column: 'values', value: refs.values, reason: `${refs.values} data value(s)` } : null,
      refs.targets ? { column: 'targets', value: refs.targets, reason: `${refs.targets} baseline(s) or target(s)` } : null,
      refs.records ? { column: 'records', value: refs.records, reason: `${refs.records} record(s)` } : null,
      refs.zones.length ? { column: 'zones', value: refs.zones.join(', '), reason: `member of zone(s) ${refs.zones.join(', ')}` } : null,
      reports.length ? { column: 'reports', value: reports.join(', '), reason: `named by report(s) ${reports.join(', ')}` } : null,
    ].filter((d) => d !== null);
    if (found.length) throw conflict(`place ${placeCode} cannot be deleted: it has ${found.map((d) => d.reason).join('; ')}`, found);
    await deletePlace(trx, place.id);
    await recordAudit(trx, {
      userId: actorId,
      action: 'delete',
      entity: 'place',
      entityId: place.id,
      programId: catalog.program.id,
      before: { code: place.code, name: place.name, level: place.level, lat: place.lat, lon: place.lon },
    });
    await bumpDataVersion(trx, catalog.program.id);
    return { deleted: placeCode };
  });
}

/** Renames a zone (administrators); audited with the names before and after. */
export async function renameZone(
  db: Kysely<Database>,
  programCode: string,
  zoneCode: string,
  names: { name_en: string; name_es: string },
  actorId: number | null,
) {
  const program = await findProgram(db, programCode);
  const zone = await findZone(db, program.id, zoneCode);
  if (!zone) throw notFound(`no zone "${zoneCode}"`);
  return db.transaction().execute(async (trx) => {
    const after = await updateZone(trx, zone.id, names);
    await recordAudit(trx, {
      userId: actorId,
      action: 'update',
      entity: 'zone',
      entityId: zone.id,
      programId: program.id,
      before: { name_en: zone.name_en, name_es: zone.name_es },
      after: { name_en: after.name_en, name_es: after.name_es },
    });
    await bumpDataVersion(trx, program.id);
    return { code: after.code, name_en: after.name_en, name_es: after.name_es, places: await listZonePlaceCodes(trx, zone.id) };
  });
}

/**
 * Deletes a zone and its memberships (administrators); its places stay. Refused with a conflict
 * while a report definition names it. Audited with the zone and its members as they were.
 */
export async function removeZone(db: Kysely<Database>, programCode: string, zoneCode: string, actorId: number | null) {
  const program = await findProgram(db, programCode);
  const zone = await findZone(db, program.id, zoneCode);
  if (!zone) throw notFound(`no zone "${zoneCode}"`);
  return db.transaction().execute(async (trx) => {
    const reports = await reportsNaming(trx, program.id, 'zone', zoneCode);
    if (reports.length) {
      throw conflict(`zone ${zoneCode} cannot be deleted: it is named by report(s) ${reports.join(', ')}`, [
        { column: 'reports', value: reports.join(', '), reason: `named by report(s) ${reports.join(', ')}` },
      ]);
    }
    const before = { code: zone.code, name_en: zone.name_en, name_es: zone.name_es, places: await listZonePlaceCodes(trx, zone.id) };
    await deleteZone(trx, zone.id);
    await recordAudit(trx, { userId: actorId, action: 'delete', entity: 'zone', entityId: zone.id, programId: program.id, before });
    await bumpDataVersion(trx, program.id);
    return { deleted: zoneCode };
  });
}
