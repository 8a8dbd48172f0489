/**
 * Declares, straight into the database, the indicators that record roll-ups feed (origin
 * `records`), with the dimensions and options their roll-ups split by. By default every
 * indicator of every built-in record type, options taken from the fields' choices; tests of
 * records add these to the mini program (test/helpers/mini-program.ts).
 */
import type { Db } from '../../src/db/database.js';
import { BUILTIN_RECORD_TYPES } from '../../src/core/record-types/builtin/index.js';
import { resolvePath, type RecordTypeDefinition } from '../../src/core/record-types/definition.schema.js';

export interface RecordIndicatorSpec {
  code: string;
  aggTime?: 'sum' | 'latest' | 'average';
  /** Dimension code → option codes. */
  dimensions?: Record<string, string[]>;
}

/** The indicators (with dimensions and options) the roll-ups of `types` need. */
export function indicatorsFor(types: Iterable<RecordTypeDefinition> = BUILTIN_RECORD_TYPES.values()): RecordIndicatorSpec[] {
  const specs = new Map<string, RecordIndicatorSpec>();
  for (const def of types) {
    for (const r of def.rollups) {
      const spec = specs.get(r.indicator) ?? { code: r.indicator, aggTime: 'latest' in r.value ? 'latest' : 'sum', dimensions: {} };
      for (const [dim, v] of Object.entries(r.disagg ?? {})) {
        const field = typeof v === 'string' ? resolvePath(def, v)?.field : undefined;
        const options = typeof v !== 'string' ? [v.option] : field?.type === 'boolean' ? ['yes', 'no'] : (field?.choices ?? []).map((c) => c.code);
        spec.dimensions![dim] = [...new Set([...(spec.dimensions![dim] ?? []), ...options])];
      }
      specs.set(r.indicator, spec);
    }
  }
  return [...specs.values()];
}

/** Adds indicators with origin `records` (and organisations) to a program; returns indicator ids by code. */
export async function addRecordIndicators(
  db: Db,
  programId: number,
  specs: readonly RecordIndicatorSpec[] = indicatorsFor(),
  organisations: readonly string[] = ['DIRANDRO', 'CORAH', 'CEDRO'],
): Promise<Record<string, number>> {
  for (const code of organisations) {
    await db
      .insertInto('organisation')
      .values({ program_id: programId, code, name_en: code, name_es: code, kind: 'government', country_code: null, iati_ref: null })
      .execute();
  }
  const dimIds = new Map<string, number>();
  const ids: Record<string, number> = {};
  for (const spec of specs) {
    const { id } = await db
      .insertInto('indicator')
      .values({
        program_id: programId,
        code: spec.code,
        component_id: null,
        name_en: spec.code,
        name_es: spec.code,
        description_en: null,
        description_es: null,
        unit: 'count',
        direction: 'up',
        agg_time: spec.aggTime ?? 'sum',
        agg_place: 'sum',
        sensitivity: 'public',
        origin: 'records',
        formula: null,
        decimals: 2,
        sort: 0,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids[spec.code] = id;
    for (const [dim, options] of Object.entries(spec.dimensions ?? {})) {
      let dimId = dimIds.get(dim);
      if (dimId === undefined) {
        const found = await db.selectFrom('dimension').select('id').where('program_id', '=', programId).where('code', '=', dim).executeTakeFirst();
        dimId =
          found?.id ??
          (await db.insertInto('dimension').values({ program_id: programId, code: dim, name_en: dim, name_es: dim }).returning('id').executeTakeFirstOrThrow())
            .id;
        dimIds.set(dim, dimId);
      }
      for (const [sort, code] of options.entries()) {
        await db
          .insertInto('dimension_option')
          .values({ dimension_id: dimId, code, name_en: code, name_es: code, sort })
          .onConflict((oc) => oc.columns(['dimension_id', 'code']).doNothing())
          .execute();
      }
      await db.insertInto('indicator_dimension').values({ indicator_id: id, dimension_id: dimId }).execute();
    }
  }
  return ids;
}
