/**
 * A program's design as one read: goals and components, sources, dimensions with every option,
 * and the indicators the reader may read (by their effective sensitivity), each with every
 * field of indicators.json and its retired flag.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Actor } from '../access/actor.js';
import { dataScope } from '../access/policy.js';
import { loadCatalog } from '../catalog/catalog.repo.js';
import { readableIndicators } from '../catalog/indicator-sensitivity.service.js';
import { programFileOf } from './design-folder.builder.js';
import { readDesignRows } from './design.repo.js';

export async function readDesign(db: Kysely<Database>, actor: Actor, programCode: string) {
  const catalog = await loadCatalog(db, programCode, []);
  const rows = await readDesignRows(db, catalog.program.id);
  const nodeCode = new Map(rows.framework.map((n) => [n.id, n.code]));
  const indicators = await readableIndicators(db, catalog, dataScope(actor).maxSensitivity);
  return {
    program: programFileOf(catalog.program),
    framework: rows.framework.map(({ id: _id, retired, ...n }) => ({ ...n, retired: retired === 1 })),
    sources: rows.sources,
    dimensions: rows.dimensions.map((d) => ({
      code: d.code,
      name: { en: d.name_en, es: d.name_es },
      retired: d.retired === 1,
      options: rows.options
        .filter((o) => o.dimension_id === d.id)
        .map((o) => ({ code: o.code, name: { en: o.name_en, es: o.name_es }, retired: o.retired === 1 })),
    })),
    indicators: indicators.map((i) => ({
      code: i.code,
      component: i.component_id === null ? null : (nodeCode.get(i.component_id) ?? null),
      name: { en: i.name_en, es: i.name_es },
      description: { en: i.description_en ?? '', es: i.description_es ?? '' },
      unit: i.unit,
      direction: i.direction,
      agg_time: i.agg_time,
      agg_place: i.agg_place,
      sensitivity: i.sensitivity,
      origin: i.origin,
      formula: i.formula,
      decimals: i.decimals,
      sources: i.sources,
      dimensions: [...i.dimensions.keys()],
      allow_negative: i.allow_negative === 1,
      retired: i.retired === 1,
    })),
  };
}
