/**
 * What the database already holds of a program, by code: a folder may refer to things loaded
 * before (a load adds and updates, never deletes), so they count as known when checking it.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { loadCatalog, type Catalog } from '../catalog/catalog.repo.js';
import { listIdsByCode } from './program-rows.repo.js';

export interface ExistingProgram {
  catalog: Catalog;
  zones: Set<string>;
  sources: Set<string>;
  /** Dimension code → its option codes. */
  dimensions: Map<string, Set<string>>;
  /** Framework node code → its kind. */
  framework: Map<string, 'goal' | 'component'>;
}

/** Reads the program with this code and its codes of every kind; null when there is none. */
export async function readExistingProgram(db: Kysely<Database>, code: string): Promise<ExistingProgram | null> {
  const found = await db.selectFrom('program').select('id').where('code', '=', code).executeTakeFirst();
  if (!found) return null;
  const [catalog, zones, sources, options, framework] = await Promise.all([
    loadCatalog(db, code),
    listIdsByCode(db, 'zone', found.id),
    listIdsByCode(db, 'source', found.id),
    db
      .selectFrom('dimension as d')
      .leftJoin('dimension_option as o', 'o.dimension_id', 'd.id')
      .select(['d.code as dim', 'o.code as opt'])
      .where('d.program_id', '=', found.id)
      .execute(),
    db.selectFrom('framework_node').select(['code', 'kind']).where('program_id', '=', found.id).execute(),
  ]);
  const dimensions = new Map<string, Set<string>>();
  for (const { dim, opt } of options) {
    const set = dimensions.get(dim) ?? new Set<string>();
    if (opt) set.add(opt);
    dimensions.set(dim, set);
  }
  return {
    catalog,
    zones: new Set(zones.keys()),
    sources: new Set(sources.keys()),
    dimensions,
    framework: new Map(framework.map((f) => [f.code, f.kind])),
  };
}
