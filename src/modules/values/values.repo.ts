/** Data values: one query per method; takes a db or a transaction. */
import { CompiledQuery, type ExpressionBuilder, type Kysely } from 'kysely';
import type { DataValue, Database, NewDataValue, ValueStatus } from '../../db/schema.js';
import type { SubmissionTable } from '../../db/schema-accounts.js';
import { visibleValuesWhere, type ValueScope } from '../access/visible-data.repo.js';
import { engineOf, insertChunkSize, placeholderRows } from '../../db/dialect.js';
import { keyEquals, type ValueKey } from '../../db/fact-key.js';

export type { ValueKey };

export async function findValue(db: Kysely<Database>, key: ValueKey): Promise<DataValue | undefined> {
  return db.selectFrom('data_value').selectAll().where(keyEquals(key)).executeTakeFirst();
}

export interface UpsertResult {
  /** Ids of the rows inserted or changed (unchanged rows are left alone and not listed). */
  changedIds: number[];
  /** The ids of `changedIds` that were inserted. */
  insertedIds: number[];
  inserted: number;
  updated: number;
}

/** Columns of a value upsert, in parameter order. */
const UPSERT_COLUMNS = [
  'indicator_id',
  'place_id',
  'period',
  'start_date',
  'end_date',
  'disagg',
  'source',
  'value',
  'organisation_id',
  'status',
  'version',
  'provenance',
  'note',
  'updated_at',
] as const;
/** The columns an upsert may change, and so compares first. */
const CONTENT_COLUMNS = ['value', 'status', 'provenance', 'note', 'organisation_id'] as const;
/** Columns a file format may be unable to carry: an update keeps the stored ones (a new value takes the row's). */
export type KeptColumn = 'status' | 'provenance';
/** The conflict clause of an upsert that leaves `kept` columns as stored (neither compared nor set). */
function upsertTail(kept: readonly KeptColumn[]): string {
  const content = CONTENT_COLUMNS.filter((c) => !(kept as readonly string[]).includes(c));
  return (
    `on conflict (indicator_id, place_id, period, disagg, source) do update set ` +
    `${[...content, 'updated_at'].map((c) => `${c} = excluded.${c}`).join(', ')}, version = data_value.version + 1 ` +
    `where ${content.map((c) => `data_value.${c} is distinct from excluded.${c}`).join(' or ')} ` +
    `returning id, version`
  );
}

/**
 * Inserts or updates values by their key. A row whose content is identical is not touched, so
 * re-loading the same data changes nothing (its version stays). `kept` columns are left as stored
 * on update (see KeptColumn).
 *
 * Rows go in multi-row upserts whose SQL text is built once per chunk size and whose parameters
 * are bound directly (the SQLite connection keeps the prepared statement by its text): for the
 * 50,000-value batches of a bulk load, compiling each 2,000-row insert through the query builder
 * cost about a third of the load.
 */
export async function upsertValues(db: Kysely<Database>, rows: readonly NewDataValue[], kept: readonly KeptColumn[] = []): Promise<UpsertResult> {
  const result: UpsertResult = { changedIds: [], insertedIds: [], inserted: 0, updated: 0 };
  const engine = engineOf(db);
  const size = insertChunkSize(engine, UPSERT_COLUMNS.length);
  const texts = new Map<number, string>();
  const tail = upsertTail(kept);
  for (let i = 0; i < rows.length; i += size) {
    const chunk = rows.slice(i, i + size);
    let text = texts.get(chunk.length);
    if (!text) {
      text = `insert into data_value (${UPSERT_COLUMNS.join(', ')}) values ${placeholderRows(engine, chunk.length, UPSERT_COLUMNS.length)} ${tail}`;
      texts.set(chunk.length, text);
    }
    const params: unknown[] = [];
    for (const r of chunk) {
      params.push(
        r.indicator_id,
        r.place_id,
        r.period,
        r.start_date,
        r.end_date,
        r.disagg ?? '',
        r.source ?? '',
        r.value,
        r.organisation_id ?? null,
        r.status,
        r.version ?? 1,
        r.provenance ?? 'sourced',
        r.note ?? null,
        r.updated_at,
      );
    }
    const { rows: returned } = await db.executeQuery<{ id: number; version: number }>(CompiledQuery.raw(text, params));
    for (const r of returned) {
      result.changedIds.push(r.id);
      if (r.version === 1) {
        result.inserted++;
        result.insertedIds.push(r.id);
      } else result.updated++;
    }
  }
  return result;
}

export async function deleteValueById(db: Kysely<Database>, id: number): Promise<void> {
  await db.deleteFrom('data_value').where('id', '=', id).execute();
}

export async function bumpDataVersion(db: Kysely<Database>, programId: number): Promise<void> {
  await db
    .updateTable('program')
    .set((eb) => ({ data_version: eb('data_version', '+', 1) }))
    .where('id', '=', programId)
    .execute();
}

export interface ValueListFilter {
  programId: number;
  indicatorCodes?: string[];
  placeId?: number;
  period?: string;
  status?: ValueStatus;
  organisationId?: number;
  /** What the reader may see (`valueScopeOf`: rows by status and organisation, indicators by effective sensitivity). */
  scope: ValueScope;
  limit: number;
  offset: number;
}

/**
 * The value rows of a program as one reader may see them, with their codes (indicator, place,
 * organisation): the one select behind every listing of values (`v` is the value, `i` its
 * indicator, `p` its place). Callers add their filters and order.
 */
export function selectValueRows(db: Kysely<Database>, programId: number, scope: ValueScope) {
  return db
    .selectFrom('data_value as v')
    .innerJoin('indicator as i', 'i.id', 'v.indicator_id')
    .innerJoin('place as p', 'p.id', 'v.place_id')
    .leftJoin('organisation as o', 'o.id', 'v.organisation_id')
    .select([
      'v.id',
      'i.code as indicator',
      'p.code as place',
      'v.period',
      'v.disagg',
      'v.source',
      'v.value',
      'v.status',
      'v.version',
      'v.provenance',
      'v.note',
      'o.code as organisation',
      'v.updated_at',
    ])
    .where('i.program_id', '=', programId)
    .where(visibleValuesWhere(scope, { status: 'v.status', organisation: 'v.organisation_id', indicator: 'v.indicator_id' }));
}

/** Values with their codes, newest first, as one reader may see them. */
export async function listValues(db: Kysely<Database>, f: ValueListFilter) {
  let q = selectValueRows(db, f.programId, f.scope);
  if (f.indicatorCodes?.length) q = q.where('i.code', 'in', f.indicatorCodes);
  if (f.placeId !== undefined) q = q.where('v.place_id', '=', f.placeId);
  if (f.period) q = q.where('v.period', '=', f.period);
  if (f.status) q = q.where('v.status', '=', f.status);
  if (f.organisationId !== undefined) q = q.where('v.organisation_id', '=', f.organisationId);
  return q.orderBy('v.id', 'desc').limit(f.limit).offset(f.offset).execute();
}

/**
 * The indicators an organisation has reported values for, as one reader may see them: the most
 * recently reported first (by the end of the latest period reported), for a partner's entry list.
 */
export async function listReportedIndicators(db: Kysely<Database>, programId: number, organisationId: number, scope: ValueScope) {
  const rows = await db
    .selectFrom('data_value as v')
    .innerJoin('indicator as i', 'i.id', 'v.indicator_id')
    .select((eb) => ['i.code as indicator', eb.fn.max('v.end_date').as('last_period_end'), eb.fn.countAll<number>().as('values')])
    .where('i.program_id', '=', programId)
    .where('v.organisation_id', '=', organisationId)
    .where(visibleValuesWhere(scope, { status: 'v.status', organisation: 'v.organisation_id', indicator: 'v.indicator_id' }))
    .groupBy('i.code')
    .orderBy('last_period_end', 'desc')
    .orderBy('i.code')
    .execute();
  return rows.map((r) => ({ indicator: r.indicator, last_period_end: String(r.last_period_end), values: Number(r.values) }));
}

/** An organisation's values lying within start..end (a submission's), as one reader may see them. */
export interface CoveredValues {
  programId: number;
  organisationId: number;
  start: string;
  end: string;
}

/** The values a submission covers, by indicator, place and period, with the place's name, as one reader may see them. */
export async function listCoveredValues(db: Kysely<Database>, c: CoveredValues, scope: ValueScope, limit: number) {
  return selectValueRows(db, c.programId, scope)
    .select('p.name as place_name')
    .where('v.organisation_id', '=', c.organisationId)
    .where('v.start_date', '>=', c.start)
    .where('v.end_date', '<=', c.end)
    .orderBy('i.code')
    .orderBy('p.code')
    .orderBy('v.period')
    .limit(limit)
    .execute();
}

/**
 * How many values each submission of a listing covers (its organisation's, within its period),
 * of those the reader may see: a subquery over the listing's submission `s`.
 */
export function countCoveredValues(eb: ExpressionBuilder<Database & { s: SubmissionTable }, 's'>, scope: ValueScope) {
  return eb
    .selectFrom('data_value as v')
    .innerJoin('indicator as i', 'i.id', 'v.indicator_id')
    .select((e) => e.fn.countAll<number | string>().as('n'))
    .whereRef('v.organisation_id', '=', 's.organisation_id')
    .whereRef('i.program_id', '=', 's.program_id')
    .whereRef('v.start_date', '>=', 's.start_date')
    .whereRef('v.end_date', '<=', 's.end_date')
    .where(visibleValuesWhere(scope, { status: 'v.status', organisation: 'v.organisation_id', indicator: 'v.indicator_id' }));
}

/**
 * Moves one organisation's values of a program, lying within start..end, from any of `from`
 * statuses to `to` (each changed value's version goes up). Returns the ids changed.
 */
export async function updateStatusInPeriod(
  db: Kysely<Database>,
  m: { programId: number; organisationId: number; start: string; end: string; from: ValueStatus[]; to: ValueStatus; at: string },
): Promise<number[]> {
  const rows = await db
    .updateTable('data_value')
    .set((eb) => ({ status: m.to, version: eb('version', '+', 1), updated_at: m.at }))
    .where('organisation_id', '=', m.organisationId)
    .where('status', 'in', m.from)
    .where('start_date', '>=', m.start)
    .where('end_date', '<=', m.end)
    .where('indicator_id', 'in', (eb) => eb.selectFrom('indicator').select('id').where('program_id', '=', m.programId))
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

/** Inserts a value only if its key is free; returns its id, or undefined when someone was first. */
export async function insertValueIfAbsent(db: Kysely<Database>, row: NewDataValue): Promise<number | undefined> {
  const r = await db
    .insertInto('data_value')
    .values(row)
    .onConflict((oc) => oc.columns(['indicator_id', 'place_id', 'period', 'disagg', 'source']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return r?.id;
}

/** Changes a value only if it is still at `version` (bumping it); false when it moved on. */
export async function updateValueAtVersion(db: Kysely<Database>, id: number, version: number, row: NewDataValue): Promise<boolean> {
  const r = await db
    .updateTable('data_value')
    .set((eb) => ({
      value: row.value,
      status: row.status,
      provenance: row.provenance,
      note: row.note ?? null,
      organisation_id: row.organisation_id ?? null,
      updated_at: row.updated_at,
      version: eb('version', '+', 1),
    }))
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
