/**
 * What reports read besides analytics: stored report definitions, and the names of the
 * program's sources, zones, dimension options and framework nodes in both languages.
 */
import { visibleValuesWhere, type ValueScope } from '../access/visible-data.repo.js';
import type { Kysely, Selectable } from 'kysely';
import type { Database, FrameworkNodeTable, ReportDefinitionTable } from '../../db/schema.js';

type Db = Kysely<Database>;

export type ReportDefinitionRow = Selectable<ReportDefinitionTable>;
export type FrameworkNode = Selectable<FrameworkNodeTable>;

export interface NameRow {
  code: string;
  name_en: string;
  name_es: string;
}

export async function findReportDefinition(db: Db, programId: number, code: string): Promise<ReportDefinitionRow | undefined> {
  return db.selectFrom('report_definition').selectAll().where('program_id', '=', programId).where('code', '=', code).executeTakeFirst();
}

export async function listReportDefinitionRows(db: Db, programId: number): Promise<ReportDefinitionRow[]> {
  return db.selectFrom('report_definition').selectAll().where('program_id', '=', programId).orderBy('code').execute();
}

/** Inserts or replaces one definition by (program, code). */
export async function upsertReportDefinition(db: Db, programId: number, code: string, definition: string, hash: string): Promise<void> {
  await db
    .insertInto('report_definition')
    .values({ program_id: programId, code, definition, hash })
    .onConflict((oc) => oc.columns(['program_id', 'code']).doUpdateSet({ definition, hash }))
    .execute();
}

export async function findSourceNames(db: Db, programId: number): Promise<NameRow[]> {
  return db.selectFrom('source').select(['code', 'name_en', 'name_es']).where('program_id', '=', programId).execute();
}

export async function findZoneNames(db: Db, programId: number): Promise<NameRow[]> {
  return db.selectFrom('zone').select(['code', 'name_en', 'name_es']).where('program_id', '=', programId).execute();
}

/** Dimension options with their dimension's code, for naming a disaggregation. */
export async function findOptionNames(db: Db, programId: number): Promise<(NameRow & { dimension: string })[]> {
  return db
    .selectFrom('dimension_option as o')
    .innerJoin('dimension as d', 'd.id', 'o.dimension_id')
    .select(['d.code as dimension', 'o.code', 'o.name_en', 'o.name_es'])
    .where('d.program_id', '=', programId)
    .execute();
}

/** Goals and components in display order. */
export async function findFrameworkNodes(db: Db, programId: number): Promise<FrameworkNode[]> {
  return db.selectFrom('framework_node').selectAll().where('program_id', '=', programId).orderBy('sort').orderBy('id').execute();
}

/**
 * The first and last dates of the program's data values that a reader with `scope` may see, or
 * null when there are none: the span a report period can usefully be chosen from.
 */
export async function findDataSpan(db: Db, programId: number, scope: ValueScope): Promise<{ first: string; last: string } | null> {
  const row = await db
    .selectFrom('data_value as v')
    .innerJoin('indicator as i', 'i.id', 'v.indicator_id')
    .select((eb) => [eb.fn.min('v.start_date').as('first'), eb.fn.max('v.end_date').as('last')])
    .where('i.program_id', '=', programId)
    .where(visibleValuesWhere(scope, { status: 'v.status', organisation: 'v.organisation_id', indicator: 'v.indicator_id' }))
    .executeTakeFirst();
  return row?.first && row.last ? { first: String(row.first), last: String(row.last) } : null;
}
