import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { MAX_PLACE_LEVEL } from '../../db/schema.js';
import { conflict, notFound, validationError } from '../../core/errors.js';
import { loadCatalog } from '../programs/catalog.repo.js';
import { recordAudit } from '../audit/audit.repo.js';
import { insertPlace } from './places.repo.js';

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
  if (parent && parent.level >= MAX_PLACE_LEVEL) throw validationError(`places go at most ${MAX_PLACE_LEVEL} levels deep`, [{ column: 'parent', value: input.parent, reason: 'too deep' }]);
  return db.transaction().execute(async (trx) => {
    const place = await insertPlace(trx, { programId: catalog.program.id, code: input.code, name: input.name, parent: parent ?? null, lat: input.lat ?? null, lon: input.lon ?? null });
    await recordAudit(trx, { userId: actorId, action: 'create', entity: 'place', entityId: place.id, programId: catalog.program.id, after: place });
    return place;
  });
}

