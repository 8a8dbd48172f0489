/**
 * The queries of design changes over the API that the load's writers do not make: what uses a
 * thing (values, targets, indicators, formulas) before it may be deleted, the retired flags,
 * the deletes of unused things, and the program's design as one read.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { pairPattern } from '../analytics/analytics.repo.js';

type Db = Kysely<Database>;

/** `';' || disagg || ';'` matches this when a value is split by `dim` (any option). */
const dimensionPattern = (dim: string) => `%;${dim.replace(/[\\%_]/g, (c) => `\\${c}`)}=%`;

/** A goal or component of the program, by code. */
export const findFrameworkNode = (db: Db, programId: number, code: string) =>
  db.selectFrom('framework_node').selectAll().where('program_id', '=', programId).where('code', '=', code).executeTakeFirst();

export const findIndicatorRow = (db: Db, programId: number, code: string) =>
  db.selectFrom('indicator').selectAll().where('program_id', '=', programId).where('code', '=', code).executeTakeFirst();

export const findSource = (db: Db, programId: number, code: string) =>
  db.selectFrom('source').selectAll().where('program_id', '=', programId).where('code', '=', code).executeTakeFirst();

export const findDimension = (db: Db, programId: number, code: string) =>
  db.selectFrom('dimension').selectAll().where('program_id', '=', programId).where('code', '=', code).executeTakeFirst();

export const listOptions = (db: Db, dimensionId: number) =>
  db.selectFrom('dimension_option').selectAll().where('dimension_id', '=', dimensionId).orderBy('sort').orderBy('code').execute();

/** The display position after the last goal, component or indicator of the program. */
export async function nextSort(db: Db, table: 'framework_node' | 'indicator', programId: number): Promise<number> {
  const r = await db
    .selectFrom(table)
    .select((eb) => eb.fn.max('sort').as('max'))
    .where('program_id', '=', programId)
    .executeTakeFirst();
  return r?.max === null || r?.max === undefined ? 0 : Number(r.max) + 1;
}

/** Sets the retired flag of a goal or component, an indicator or a dimension. */
export async function setRetired(db: Db, table: 'framework_node' | 'indicator' | 'dimension', id: number, retired: boolean): Promise<void> {
  await db
    .updateTable(table)
    .set({ retired: retired ? 1 : 0 })
    .where('id', '=', id)
    .execute();
}

export async function setOptionRetired(db: Db, optionId: number, retired: boolean): Promise<void> {
  await db
    .updateTable('dimension_option')
    .set({ retired: retired ? 1 : 0 })
    .where('id', '=', optionId)
    .execute();
}

/** Moves goals and components to the positions given (codes not listed keep theirs). */
export async function setFrameworkOrder(db: Db, programId: number, codes: readonly string[]): Promise<void> {
  for (const [sort, code] of codes.entries()) {
    await db.updateTable('framework_node').set({ sort }).where('program_id', '=', programId).where('code', '=', code).execute();
  }
}

/** Values and targets of the program that hold `dim=opt`, counted per indicator. */
export async function usesOfOption(db: Db, programId: number, dim: string, opt: string) {
  const like = sql<boolean>`(';' || disagg || ';') like ${pairPattern(dim, opt)} escape '\\'`;
  return countsByIndicator(db, programId, like);
}

/** Values and targets of the program split by `dim` (any option), counted per indicator; `indicatorId` narrows to one. */
export async function usesOfDimension(db: Db, programId: number, dim: string, indicatorId?: number) {
  const like = sql<boolean>`(';' || disagg || ';') like ${dimensionPattern(dim)} escape '\\'`;
  return countsByIndicator(db, programId, like, indicatorId);
}

/** Values and targets of one indicator with this source. */
export async function usesOfSource(db: Db, programId: number, source: string, indicatorId?: number) {
  return countsByIndicator(db, programId, sql<boolean>`source = ${source}`, indicatorId);
}

async function countsByIndicator(db: Db, programId: number, where: ReturnType<typeof sql<boolean>>, indicatorId?: number) {
  // Both tables have the columns used; Kysely cannot type a table chosen at run time, so the
  // name is typed as the first's.
  const count = async (table: 'data_value' | 'target') =>
    db
      .selectFrom(`${table} as t` as 'data_value as t')
      .innerJoin('indicator as i', 'i.id', 't.indicator_id')
      .select((eb) => ['i.code', eb.fn.countAll<number | string>().as('n')])
      .where('i.program_id', '=', programId)
      .where(where)
      .$if(indicatorId !== undefined, (q) => q.where('i.id', '=', indicatorId ?? 0))
      .groupBy('i.code')
      .orderBy('i.code')
      .execute();
  const [values, targets] = [await count('data_value'), await count('target')];
  return { values: values.map((r) => ({ indicator: r.code, n: Number(r.n) })), targets: targets.map((r) => ({ indicator: r.code, n: Number(r.n) })) };
}

/** How many values and targets an indicator has. */
export async function dataOfIndicator(db: Db, indicatorId: number): Promise<{ values: number; targets: number }> {
  const count = async (table: 'data_value' | 'target') => {
    const r = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('indicator_id', '=', indicatorId)
      .executeTakeFirst();
    return Number(r?.n ?? 0);
  };
  return { values: await count('data_value'), targets: await count('target') };
}

/** Codes of the indicators under a component, or of the components under a goal. */
export async function childrenOfNode(db: Db, nodeId: number): Promise<{ indicators: string[]; components: string[] }> {
  const indicators = await db.selectFrom('indicator').select('code').where('component_id', '=', nodeId).orderBy('code').execute();
  const components = await db.selectFrom('framework_node').select('code').where('parent_id', '=', nodeId).orderBy('code').execute();
  return { indicators: indicators.map((r) => r.code), components: components.map((r) => r.code) };
}

/** Codes of the indicators linked to a dimension or a source. */
export async function indicatorsLinkedTo(db: Db, link: 'indicator_dimension' | 'indicator_source', id: number): Promise<string[]> {
  const rows = await db
    .selectFrom('indicator as i')
    .select('i.code')
    .where((eb) =>
      link === 'indicator_dimension'
        ? eb.exists(eb.selectFrom('indicator_dimension as l').select('l.indicator_id').whereRef('l.indicator_id', '=', 'i.id').where('l.dimension_id', '=', id))
        : eb.exists(eb.selectFrom('indicator_source as l').select('l.indicator_id').whereRef('l.indicator_id', '=', 'i.id').where('l.source_id', '=', id)),
    )
    .orderBy('i.code')
    .execute();
  return rows.map((r) => r.code);
}

/** Unlinks a dimension from an indicator (its values are not split by it: checked before). */
export async function unlinkDimension(db: Db, indicatorId: number, dimensionId: number): Promise<void> {
  await db.deleteFrom('indicator_dimension').where('indicator_id', '=', indicatorId).where('dimension_id', '=', dimensionId).execute();
}

/** Unlinks a source from an indicator (no value or target has it: checked before). */
export async function unlinkSource(db: Db, indicatorId: number, sourceId: number): Promise<void> {
  await db.deleteFrom('indicator_source').where('indicator_id', '=', indicatorId).where('source_id', '=', sourceId).execute();
}

export async function deleteOption(db: Db, optionId: number): Promise<void> {
  await db.deleteFrom('dimension_option').where('id', '=', optionId).execute();
}

export async function deleteDimension(db: Db, dimensionId: number): Promise<void> {
  await db.deleteFrom('dimension_option').where('dimension_id', '=', dimensionId).execute();
  await db.deleteFrom('dimension').where('id', '=', dimensionId).execute();
}

export async function deleteFrameworkNode(db: Db, nodeId: number): Promise<void> {
  await db.deleteFrom('framework_node').where('id', '=', nodeId).execute();
}

export async function deleteSource(db: Db, sourceId: number): Promise<void> {
  await db.deleteFrom('source').where('id', '=', sourceId).execute();
}

/** Deletes an indicator that has no data, with its links, reference sheet and history. */
export async function deleteIndicator(db: Db, indicatorId: number): Promise<void> {
  await db.deleteFrom('indicator_source').where('indicator_id', '=', indicatorId).execute();
  await db.deleteFrom('indicator_dimension').where('indicator_id', '=', indicatorId).execute();
  await db.deleteFrom('indicator_reference').where('indicator_id', '=', indicatorId).execute();
  await db.deleteFrom('indicator_change').where('indicator_id', '=', indicatorId).execute();
  await db.deleteFrom('indicator').where('id', '=', indicatorId).execute();
}

/** The program's design as stored: goals and components, sources, dimensions with every option, retired ones marked. */
export async function readDesignRows(db: Db, programId: number) {
  const [framework, sources, dimensions, options] = await Promise.all([
    db
      .selectFrom('framework_node as n')
      .leftJoin('framework_node as p', 'p.id', 'n.parent_id')
      .select(['n.id', 'n.code', 'n.kind', 'p.code as parent', 'n.name_en', 'n.name_es', 'n.description_en', 'n.description_es', 'n.sort', 'n.retired'])
      .where('n.program_id', '=', programId)
      .orderBy('n.sort')
      .orderBy('n.code')
      .execute(),
    db.selectFrom('source').select(['code', 'name_en', 'name_es', 'url']).where('program_id', '=', programId).orderBy('code').execute(),
    db.selectFrom('dimension').select(['id', 'code', 'name_en', 'name_es', 'retired']).where('program_id', '=', programId).orderBy('code').execute(),
    db
      .selectFrom('dimension_option as o')
      .innerJoin('dimension as d', 'd.id', 'o.dimension_id')
      .select(['o.dimension_id', 'o.code', 'o.name_en', 'o.name_es', 'o.retired'])
      .where('d.program_id', '=', programId)
      .orderBy('o.sort')
      .orderBy('o.code')
      .execute(),
  ]);
  return { framework, sources, dimensions, options };
}
