/**
 * A small program written straight into the database, for tests that need a catalog without
 * going through the folder loader: country XX › 2 regions › 2 districts each; indicators
 * SUM_IND (sum, sources A and B), SPLIT_IND (disaggregated by kind: x, y), LATEST_IND (latest).
 */
import type { Db } from '../../src/db/database.js';

export interface MiniProgram {
  programId: number;
  placeIds: Record<string, number>;
  indicatorIds: Record<string, number>;
}

export async function createMiniProgram(db: Db, code = 'XX', fiscalStartMonth = 10): Promise<MiniProgram> {
  const { id: programId } = await db
    .insertInto('program')
    .values({
      code,
      name_en: 'Test program',
      name_es: 'Programa de prueba',
      country_code: 'XX',
      fiscal_year_start_month: fiscalStartMonth,
      currency: 'USD',
      created_at: new Date().toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const placeIds: Record<string, number> = {};
  const addPlace = async (pcode: string, level: number, parent: string | null) => {
    const parentId = parent ? placeIds[parent]! : null;
    const { id } = await db
      .insertInto('place')
      .values({ program_id: programId, code: pcode, name: pcode, level, parent_id: parentId, lat: null, lon: null, alt_codes: null, boundary: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    const parentRow = parentId ? await db.selectFrom('place').selectAll().where('id', '=', parentId).executeTakeFirstOrThrow() : null;
    const levels = { p1: parentRow?.p1 ?? null, p2: parentRow?.p2 ?? null, p3: parentRow?.p3 ?? null, p4: null, p5: null, p6: null, [`p${level}`]: id };
    await db.updateTable('place').set(levels).where('id', '=', id).execute();
    placeIds[pcode] = id;
  };
  await addPlace('XX', 1, null);
  await addPlace('R1', 2, 'XX');
  await addPlace('R2', 2, 'XX');
  await addPlace('R1D1', 3, 'R1');
  await addPlace('R1D2', 3, 'R1');
  await addPlace('R2D1', 3, 'R2');
  await addPlace('R2D2', 3, 'R2');

  const sourceIds: Record<string, number> = {};
  for (const s of ['A', 'B']) {
    const { id } = await db
      .insertInto('source')
      .values({ program_id: programId, code: s, name_en: s, name_es: s, url: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    sourceIds[s] = id;
  }
  const { id: dimId } = await db
    .insertInto('dimension')
    .values({ program_id: programId, code: 'kind', name_en: 'Kind', name_es: 'Tipo' })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const [i, o] of ['x', 'y'].entries()) {
    await db.insertInto('dimension_option').values({ dimension_id: dimId, code: o, name_en: o, name_es: o, sort: i }).execute();
  }
  const indicatorIds: Record<string, number> = {};
  const addIndicator = async (icode: string, aggTime: 'sum' | 'latest' | 'average') => {
    const { id } = await db
      .insertInto('indicator')
      .values({
        program_id: programId,
        code: icode,
        component_id: null,
        name_en: icode,
        name_es: icode,
        description_en: null,
        description_es: null,
        unit: 'count',
        direction: 'up',
        agg_time: aggTime,
        agg_place: 'sum',
        sensitivity: 'public',
        origin: 'reported',
        formula: null,
        decimals: 0,
        sort: 0,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    indicatorIds[icode] = id;
  };
  await addIndicator('SUM_IND', 'sum');
  await addIndicator('SPLIT_IND', 'sum');
  await addIndicator('LATEST_IND', 'latest');
  await db
    .insertInto('indicator_source')
    .values([
      { indicator_id: indicatorIds.SUM_IND!, source_id: sourceIds.A! },
      { indicator_id: indicatorIds.SUM_IND!, source_id: sourceIds.B! },
    ])
    .execute();
  await db.insertInto('indicator_dimension').values({ indicator_id: indicatorIds.SPLIT_IND!, dimension_id: dimId }).execute();
  return { programId, placeIds, indicatorIds };
}
