/** Validation rules, the flags they raise, and the look-ups their checks need: one query per method. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { QualityRuleRow, ValueFlagRow } from '../../db/schema-quality.js';
import type { Clearance } from '../../db/schema-accounts.js';
import { readableSensitivities, visibleValuesWhere, type ValueScope } from '../access/visible-data.repo.js';

export async function listRuleRows(db: Kysely<Database>, programId: number): Promise<QualityRuleRow[]> {
  return db.selectFrom('quality_rule').selectAll().where('program_id', '=', programId).orderBy('code').execute();
}

export async function findRuleRow(db: Kysely<Database>, programId: number, code: string): Promise<QualityRuleRow | undefined> {
  return db.selectFrom('quality_rule').selectAll().where('program_id', '=', programId).where('code', '=', code).executeTakeFirst();
}

export interface RuleRowInput {
  code: string;
  kind: string;
  severity: string;
  definition: string;
}

export async function insertRuleRow(db: Kysely<Database>, programId: number, r: RuleRowInput, at: string): Promise<QualityRuleRow> {
  return db
    .insertInto('quality_rule')
    .values({ program_id: programId, ...r, created_at: at, updated_at: at })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateRuleRow(db: Kysely<Database>, id: number, r: RuleRowInput, at: string): Promise<QualityRuleRow> {
  return db
    .updateTable('quality_rule')
    .set({ ...r, updated_at: at })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function deleteRuleRow(db: Kysely<Database>, id: number): Promise<void> {
  await db.deleteFrom('quality_rule').where('id', '=', id).execute();
}

export async function deleteProgramRuleRows(db: Kysely<Database>, programId: number): Promise<void> {
  await db.deleteFrom('quality_rule').where('program_id', '=', programId).execute();
}

/** The written values the checks read, with their place's level. */
export async function valuesWithLevel(db: Kysely<Database>, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('data_value as v')
    .innerJoin('place as p', 'p.id', 'v.place_id')
    .select(['v.id', 'v.indicator_id', 'v.place_id', 'v.period', 'v.start_date', 'v.disagg', 'v.source', 'v.value', 'p.level'])
    .where('v.id', 'in', ids)
    .execute();
}

/** The levels of places, by id. */
export async function placeLevels(db: Kysely<Database>, ids: readonly number[]): Promise<Map<number, number>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('place').select(['id', 'level']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.level]));
}

/** The fact value of one cell, or undefined. */
export async function factValue(
  db: Kysely<Database>,
  k: { indicator_id: number; place_id: number; period: string; disagg: string; source: string },
): Promise<number | undefined> {
  const r = await db
    .selectFrom('fact')
    .select('value')
    .where('indicator_id', '=', k.indicator_id)
    .where('place_id', '=', k.place_id)
    .where('period', '=', k.period)
    .where('disagg', '=', k.disagg)
    .where('source', '=', k.source)
    .executeTakeFirst();
  return r?.value;
}

/** A series' values that end before `before` (its history), with their periods. */
export async function seriesBefore(
  db: Kysely<Database>,
  k: { indicator_id: number; place_id: number; disagg: string; source: string },
  before: string,
): Promise<Array<{ period: string; value: number }>> {
  return db
    .selectFrom('data_value')
    .select(['period', 'value'])
    .where('indicator_id', '=', k.indicator_id)
    .where('place_id', '=', k.place_id)
    .where('disagg', '=', k.disagg)
    .where('source', '=', k.source)
    .where('end_date', '<', before)
    .execute();
}

export type NewFlag = Omit<ValueFlagRow, 'id' | 'acknowledged_by' | 'acknowledged_at' | 'comment'>;

/** True when some value anywhere carries a flag (a bulk write without rules skips clearing flags otherwise). */
export async function anyFlag(db: Kysely<Database>): Promise<boolean> {
  return (await db.selectFrom('value_flag').select('id').limit(1).executeTakeFirst()) !== undefined;
}

export async function deleteFlagsOfValues(db: Kysely<Database>, valueIds: readonly number[]): Promise<void> {
  if (valueIds.length) await db.deleteFrom('value_flag').where('value_id', 'in', valueIds).execute();
}

export async function insertFlags(db: Kysely<Database>, flags: readonly NewFlag[]): Promise<void> {
  if (flags.length)
    await db
      .insertInto('value_flag')
      .values([...flags])
      .execute();
}

/** The flags on values that a reader cleared up to `ceiling` may see (a flag's rule read nothing above it). */
export async function flagsOfValues(db: Kysely<Database>, valueIds: readonly number[], ceiling: Clearance): Promise<ValueFlagRow[]> {
  if (valueIds.length === 0) return [];
  return db
    .selectFrom('value_flag')
    .selectAll()
    .where('value_id', 'in', valueIds)
    .where('sensitivity', 'in', readableSensitivities(ceiling))
    .orderBy('id')
    .execute();
}

/** A flag with the value it is on (for authorizing a reader and naming the program). */
export async function findFlagWithValue(db: Kysely<Database>, id: number) {
  return db
    .selectFrom('value_flag as f')
    .innerJoin('data_value as v', 'v.id', 'f.value_id')
    .innerJoin('indicator as i', 'i.id', 'v.indicator_id')
    .selectAll('f')
    .select(['v.organisation_id', 'v.status', 'v.period', 'i.program_id', 'i.code as indicator', 'i.sensitivity as indicator_sensitivity'])
    .where('f.id', '=', id)
    .executeTakeFirst();
}

export async function acknowledgeFlagRow(db: Kysely<Database>, id: number, userId: number | null, comment: string, at: string): Promise<ValueFlagRow> {
  return db
    .updateTable('value_flag')
    .set({ acknowledged_by: userId, acknowledged_at: at, comment })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * The unacknowledged flags on an organisation's values of a program within a period's dates,
 * with their sensitivity; only those a reader cleared up to `ceiling` may see, when given.
 */
export async function openFlagsCovered(
  db: Kysely<Database>,
  c: { programId: number; organisationId: number; start: string; end: string; ceiling?: Clearance },
) {
  return db
    .selectFrom('value_flag as f')
    .innerJoin('data_value as v', 'v.id', 'f.value_id')
    .innerJoin('indicator as i', 'i.id', 'v.indicator_id')
    .select(['f.id', 'f.rule_code', 'f.message', 'f.value_id', 'f.sensitivity'])
    .where('i.program_id', '=', c.programId)
    .where('v.organisation_id', '=', c.organisationId)
    .where('v.start_date', '>=', c.start)
    .where('v.end_date', '<=', c.end)
    .where('f.acknowledged_at', 'is', null)
    .$if(c.ceiling !== undefined, (q) => q.where('f.sensitivity', 'in', readableSensitivities(c.ceiling!)))
    .orderBy('f.id')
    .execute();
}

/**
 * A program's indicators by code, with their source codes (every indicator, whatever the
 * writer's clearance: rules read them all).
 */
export async function indicatorKeysByCode(db: Kysely<Database>, programId: number): Promise<Map<string, { id: number; sources: string[] }>> {
  const rows = await db
    .selectFrom('indicator as i')
    .leftJoin('indicator_source as x', 'x.indicator_id', 'i.id')
    .leftJoin('source as s', 's.id', 'x.source_id')
    .select(['i.id', 'i.code', 's.code as source'])
    .where('i.program_id', '=', programId)
    .execute();
  const out = new Map<string, { id: number; sources: string[] }>();
  for (const r of rows) {
    const entry = out.get(r.code) ?? { id: r.id, sources: [] };
    if (r.source !== null) entry.sources.push(r.source);
    out.set(r.code, entry);
  }
  return out;
}

/**
 * The flags on the values of a program that a reader may see (values in its scope, flags of
 * rules up to its clearance `ceiling`), oldest first, with the value's codes.
 */
export async function listVisibleFlags(
  db: Kysely<Database>,
  programId: number,
  scope: ValueScope,
  f: { period?: string | undefined; open?: boolean | undefined; limit: number; ceiling: Clearance },
) {
  let q = db
    .selectFrom('value_flag as f')
    .innerJoin('data_value as v', 'v.id', 'f.value_id')
    .innerJoin('indicator as i', 'i.id', 'v.indicator_id')
    .innerJoin('place as p', 'p.id', 'v.place_id')
    .selectAll('f')
    .select(['i.code as indicator', 'p.code as place', 'v.period', 'v.disagg', 'v.source', 'v.status'])
    .where('i.program_id', '=', programId)
    .where('f.sensitivity', 'in', readableSensitivities(f.ceiling))
    .where(visibleValuesWhere(scope, { status: 'v.status', organisation: 'v.organisation_id', indicator: 'v.indicator_id' }));
  if (f.period) q = q.where('v.period', '=', f.period);
  if (f.open) q = q.where('f.acknowledged_at', 'is', null);
  return q.orderBy('f.id').limit(f.limit).execute();
}
