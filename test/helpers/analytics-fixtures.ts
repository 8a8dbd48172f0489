/**
 * Extra catalog pieces for analytics tests, added to a mini program (test/helpers/mini-program.ts)
 * straight in the database: indicators with any aggregation rule or a formula, zones, targets.
 */
import type { Db } from '../../src/db/database.js';
import type { IndicatorTable } from '../../src/db/schema.js';

export interface IndicatorSpec {
  aggTime?: IndicatorTable['agg_time'];
  aggPlace?: IndicatorTable['agg_place'];
  direction?: IndicatorTable['direction'];
  formula?: string;
  /** Source codes already in the program (mini program: A, B). */
  sources?: string[];
  /** Dimension codes already in the program (mini program: kind). */
  dimensions?: string[];
}

/** Adds an indicator (a formula indicator when `formula` is given) and returns its id. */
export async function addIndicator(db: Db, programId: number, code: string, spec: IndicatorSpec = {}): Promise<number> {
  const { id } = await db
    .insertInto('indicator')
    .values({
      program_id: programId,
      code,
      component_id: null,
      name_en: code,
      name_es: code,
      description_en: null,
      description_es: null,
      unit: 'count',
      direction: spec.direction ?? 'up',
      agg_time: spec.aggTime ?? 'sum',
      agg_place: spec.aggPlace ?? 'sum',
      sensitivity: 'public',
      origin: spec.formula ? 'formula' : 'reported',
      formula: spec.formula ?? null,
      decimals: 0,
      sort: 0,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const s of spec.sources ?? []) {
    const source = await db.selectFrom('source').select('id').where('program_id', '=', programId).where('code', '=', s).executeTakeFirstOrThrow();
    await db.insertInto('indicator_source').values({ indicator_id: id, source_id: source.id }).execute();
  }
  for (const d of spec.dimensions ?? []) {
    const dim = await db.selectFrom('dimension').select('id').where('program_id', '=', programId).where('code', '=', d).executeTakeFirstOrThrow();
    await db.insertInto('indicator_dimension').values({ indicator_id: id, dimension_id: dim.id }).execute();
  }
  return id;
}

/** Adds a zone whose members are the given place ids. */
export async function addZone(db: Db, programId: number, code: string, placeIds: number[]): Promise<number> {
  const { id } = await db.insertInto('zone').values({ program_id: programId, code, name_en: code, name_es: code }).returning('id').executeTakeFirstOrThrow();
  if (placeIds.length)
    await db
      .insertInto('zone_place')
      .values(placeIds.map((p) => ({ zone_id: id, place_id: p })))
      .execute();
  return id;
}

export interface TargetSpec {
  indicatorId: number;
  placeId: number;
  /** Period id and its dates. */
  period: string;
  start: string;
  end: string;
  kind: 'baseline' | 'target';
  value: number;
  source?: string;
}

/** Inserts one baseline or target row. */
export async function addTarget(db: Db, t: TargetSpec): Promise<void> {
  await db
    .insertInto('target')
    .values({
      indicator_id: t.indicatorId,
      place_id: t.placeId,
      period: t.period,
      start_date: t.start,
      end_date: t.end,
      source: t.source ?? '',
      disagg: '',
      kind: t.kind,
      value: t.value,
      provenance: 'sourced',
      note: null,
    })
    .execute();
}
