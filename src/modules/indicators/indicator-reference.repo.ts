/**
 * The queries of reference sheets and their change history: a sheet read and written as JSON
 * text, history rows appended and listed, and an indicator's definition fields read (for the
 * history to compare) and changed.
 */
import type { Kysely } from 'kysely';
import type { Database, IndicatorTable } from '../../db/schema.js';
import type { DefinitionSnapshot, ReferenceSheet } from '../../core/reference-sheet.js';

/** Each indicator's stored sheet and when it was last written; indicators without one are absent. */
export async function listReferences(
  db: Kysely<Database>,
  indicatorIds: readonly number[],
): Promise<Map<number, { sheet: ReferenceSheet; updated_at: string }>> {
  const out = new Map<number, { sheet: ReferenceSheet; updated_at: string }>();
  if (indicatorIds.length === 0) return out;
  const rows = await db.selectFrom('indicator_reference').selectAll().where('indicator_id', 'in', indicatorIds).execute();
  for (const r of rows) out.set(r.indicator_id, { sheet: JSON.parse(r.sheet) as ReferenceSheet, updated_at: r.updated_at });
  return out;
}

/** Stores an indicator's whole sheet. */
export async function saveReference(db: Kysely<Database>, indicatorId: number, sheet: ReferenceSheet, at: string): Promise<void> {
  const text = JSON.stringify(sheet);
  await db
    .insertInto('indicator_reference')
    .values({ indicator_id: indicatorId, sheet: text, updated_at: at })
    .onConflict((oc) => oc.column('indicator_id').doUpdateSet({ sheet: text, updated_at: at }))
    .execute();
}

/** One field's change to append to the history. */
export interface NewIndicatorChange {
  indicator_id: number;
  at: string;
  user_id: number | null;
  by: string;
  field: string;
  before: unknown;
  after: unknown;
  reason: string;
}

const json = (v: unknown): string | null => (v === undefined || v === null ? null : JSON.stringify(v));

export async function insertChanges(db: Kysely<Database>, changes: readonly NewIndicatorChange[]): Promise<void> {
  // 9 columns × 500 rows stays under either engine's limit of bound parameters.
  for (let i = 0; i < changes.length; i += 500) {
    await db
      .insertInto('indicator_change')
      .values(changes.slice(i, i + 500).map((c) => ({ ...c, before: json(c.before), after: json(c.after) })))
      .execute();
  }
}

/** An indicator's history, oldest first, values parsed back from JSON. */
export async function listChanges(db: Kysely<Database>, indicatorId: number) {
  const rows = await db.selectFrom('indicator_change').selectAll().where('indicator_id', '=', indicatorId).orderBy('id').execute();
  return rows.map((r) => ({
    at: r.at,
    user_id: r.user_id,
    by: r.by,
    field: r.field,
    before: r.before === null ? null : (JSON.parse(r.before) as unknown),
    after: r.after === null ? null : (JSON.parse(r.after) as unknown),
    reason: r.reason,
  }));
}

/** The definition fields of a program's indicators, by code (sources and disaggregations sorted). */
export async function listDefinitions(db: Kysely<Database>, programId: number): Promise<Map<string, DefinitionSnapshot & { id: number }>> {
  const [indicators, sources, dims] = await Promise.all([
    db.selectFrom('indicator').select(['id', 'code', 'unit', 'agg_time', 'agg_place', 'formula']).where('program_id', '=', programId).execute(),
    db
      .selectFrom('indicator_source as l')
      .innerJoin('indicator as i', 'i.id', 'l.indicator_id')
      .innerJoin('source as s', 's.id', 'l.source_id')
      .select(['l.indicator_id', 's.code'])
      .where('i.program_id', '=', programId)
      .execute(),
    db
      .selectFrom('indicator_dimension as l')
      .innerJoin('indicator as i', 'i.id', 'l.indicator_id')
      .innerJoin('dimension as d', 'd.id', 'l.dimension_id')
      .select(['l.indicator_id', 'd.code'])
      .where('i.program_id', '=', programId)
      .execute(),
  ]);
  const codesOf = (rows: { indicator_id: number; code: string }[], id: number) =>
    rows
      .filter((r) => r.indicator_id === id)
      .map((r) => r.code)
      .sort();
  return new Map(
    indicators.map((i) => [
      i.code,
      {
        id: i.id,
        unit: i.unit,
        agg_time: i.agg_time,
        agg_place: i.agg_place,
        formula: i.formula,
        sources: codesOf(sources, i.id),
        disaggregations: codesOf(dims, i.id),
      },
    ]),
  );
}

/** The definition fields the API may change. */
export type EditableDefinition = Partial<Pick<IndicatorTable, 'unit' | 'agg_time' | 'agg_place'>>;

export async function updateDefinition(db: Kysely<Database>, indicatorId: number, set: EditableDefinition): Promise<void> {
  if (Object.keys(set).length === 0) return;
  await db.updateTable('indicator').set(set).where('id', '=', indicatorId).execute();
}

/** A user's display name, or undefined when there is no such user. */
export async function findUserName(db: Kysely<Database>, userId: number): Promise<string | undefined> {
  return (await db.selectFrom('app_user').select('name').where('id', '=', userId).executeTakeFirst())?.name;
}
