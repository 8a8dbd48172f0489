/** Records: one query per method; takes a db or a transaction. */
import { CompiledQuery, sql, type Insertable, type Kysely, type Selectable } from 'kysely';
import type { Database, PlaceLevelColumn, RecordTable, ValueStatus } from '../../db/schema.js';
import { engineOf, insertChunkSize } from '../../db/dialect.js';
import { visibleRowsWhere, type RowScope } from '../access/visible-data.repo.js';

export type RecordRow = Selectable<RecordTable>;
export type NewRecordRow = Insertable<RecordTable>;

const RECORD_COLUMNS = [
  'program_id',
  'type_code',
  'ref',
  'place_id',
  'date',
  'organisation_id',
  'status',
  'provenance',
  'version',
  'data',
  'note',
  'created_at',
  'updated_at',
] as const satisfies ReadonlyArray<keyof RecordTable>;

/** Inserts one record and returns its id. */
export async function insertRecord(db: Kysely<Database>, row: NewRecordRow): Promise<number> {
  const { id } = await db.insertInto('record').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

/**
 * Inserts many records in multi-row statements and returns their ids. The SQL text of a full
 * chunk is built once and reused, and parameters are bound directly: for a million records,
 * compiling each statement through the query builder would cost more than storing the rows.
 */
export async function insertRecords(db: Kysely<Database>, rows: readonly NewRecordRow[]): Promise<number[]> {
  const engine = engineOf(db);
  const size = insertChunkSize(engine, RECORD_COLUMNS.length);
  const texts = new Map<number, string>();
  const textFor = (n: number): string => {
    let text = texts.get(n);
    if (text) return text;
    let p = 0;
    const tuple = () => `(${RECORD_COLUMNS.map(() => (engine === 'postgres' ? `$${++p}` : '?')).join(',')})`;
    text = `insert into "record" (${RECORD_COLUMNS.map((c) => `"${c}"`).join(',')}) values ${Array.from({ length: n }, tuple).join(',')} returning id`;
    texts.set(n, text);
    return text;
  };
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += size) {
    const chunk = rows.slice(i, i + size);
    const params: unknown[] = [];
    for (const r of chunk) {
      params.push(
        r.program_id,
        r.type_code,
        r.ref ?? null,
        r.place_id,
        r.date,
        r.organisation_id ?? null,
        r.status,
        r.provenance,
        r.version,
        r.data,
        r.note ?? null,
        r.created_at,
        r.updated_at,
      );
    }
    const { rows: returned } = await db.executeQuery<{ id: number }>(CompiledQuery.raw(textFor(chunk.length), params));
    for (const r of returned) ids.push(Number(r.id));
  }
  return ids;
}

/** Records by id (any number of them), in no particular order. */
export async function findRecordsByIds(db: Kysely<Database>, ids: readonly number[]): Promise<RecordRow[]> {
  const out: RecordRow[] = [];
  for (let i = 0; i < ids.length; i += 5_000)
    out.push(
      ...(await db
        .selectFrom('record')
        .selectAll()
        .where('id', 'in', ids.slice(i, i + 5_000))
        .execute()),
    );
  return out;
}

/** One record of a program if a reader with `visible` may see it. */
export async function findVisibleRecord(db: Kysely<Database>, programId: number, id: number, visible: RowScope): Promise<RecordRow | undefined> {
  return db
    .selectFrom('record')
    .selectAll()
    .where('program_id', '=', programId)
    .where('id', '=', id)
    .where(visibleRowsWhere(visible, { status: 'record.status', organisation: 'record.organisation_id' }))
    .executeTakeFirst();
}

/** One record of a program; on PostgreSQL the row is locked until the transaction ends. */
export async function findRecord(db: Kysely<Database>, programId: number, id: number, lock = false): Promise<RecordRow | undefined> {
  return db
    .selectFrom('record')
    .selectAll()
    .where('program_id', '=', programId)
    .where('id', '=', id)
    .$if(lock && engineOf(db) === 'postgres', (q) => q.forUpdate())
    .executeTakeFirst();
}

/** The records of one type with any of the given refs. */
export async function findRecordsByRef(db: Kysely<Database>, programId: number, typeCode: string, refs: readonly string[]): Promise<RecordRow[]> {
  const out: RecordRow[] = [];
  for (let i = 0; i < refs.length; i += 5_000) {
    const found = await db
      .selectFrom('record')
      .selectAll()
      .where('program_id', '=', programId)
      .where('type_code', '=', typeCode)
      .where('ref', 'in', refs.slice(i, i + 5_000))
      .execute();
    out.push(...found);
  }
  return out;
}

export type RecordChanges = Pick<RecordTable, 'ref' | 'place_id' | 'date' | 'organisation_id' | 'status' | 'provenance' | 'data' | 'note' | 'updated_at'>;

/** Rewrites a record if it is still at `expectedVersion`; returns the new version, or undefined when it was not. */
export async function updateRecordRow(db: Kysely<Database>, id: number, expectedVersion: number, changes: RecordChanges): Promise<number | undefined> {
  const r = await db
    .updateTable('record')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .returning('version')
    .executeTakeFirst();
  return r?.version;
}

/** Deletes a record if it is still at `expectedVersion`; true when it was deleted. */
export async function deleteRecordRow(db: Kysely<Database>, id: number, expectedVersion: number): Promise<boolean> {
  const r = await db.deleteFrom('record').where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export interface RecordFilter {
  programId: number;
  typeCode?: string | undefined;
  /** A place and everything below it: its level column and id. */
  placeSubtree?: { level: PlaceLevelColumn; id: number } | undefined;
  from?: string | undefined;
  to?: string | undefined;
  status?: ValueStatus | undefined;
  organisationId?: number | undefined;
  /** A zone: records whose field (one of `fields`, of type zone) names it. */
  zone?: { code: string; fields: readonly string[] } | undefined;
  /** The records a reader may see (`dataScope`); absent: all. */
  visible?: RowScope | undefined;
}

function filtered(db: Kysely<Database>, f: RecordFilter) {
  return db
    .selectFrom('record')
    .where('program_id', '=', f.programId)
    .$if(f.typeCode !== undefined, (q) => q.where('type_code', '=', f.typeCode!))
    .$if(f.from !== undefined, (q) => q.where('date', '>=', f.from!))
    .$if(f.to !== undefined, (q) => q.where('date', '<=', f.to!))
    .$if(f.status !== undefined, (q) => q.where('status', '=', f.status!))
    .$if(f.organisationId !== undefined, (q) => q.where('organisation_id', '=', f.organisationId!))
    .$if(f.visible !== undefined, (q) => q.where(visibleRowsWhere(f.visible!, { status: 'record.status', organisation: 'record.organisation_id' })))
    .$if(f.placeSubtree !== undefined, (q) =>
      q.where('place_id', 'in', (eb) => eb.selectFrom('place').select('id').where(f.placeSubtree!.level, '=', f.placeSubtree!.id)),
    )
    .$if(f.zone !== undefined, (q) =>
      q.where((eb) => eb.or(f.zone!.fields.map((field) => sql<boolean>`data like ${zonePattern(field, f.zone!.code)} escape '!'`))),
    );
}

/** The text a record's stored data (JSON, as written by JSON.stringify) holds when `field` names zone `code`. */
function zonePattern(field: string, code: string): string {
  const literal = (s: string) => s.replace(/[!%_]/g, (c) => `!${c}`);
  return `%${literal(JSON.stringify(field))}:${literal(JSON.stringify(code))}%`;
}

/** One page of matching records, by date then id. */
export async function listRecordRows(db: Kysely<Database>, f: RecordFilter, limit: number, offset: number): Promise<RecordRow[]> {
  return filtered(db, f).selectAll().orderBy('date').orderBy('id').limit(limit).offset(offset).execute();
}

export async function countRecordRows(db: Kysely<Database>, f: RecordFilter): Promise<number> {
  const r = await filtered(db, f)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Records of a program (optionally one type) after `afterId`, by id: for walking every record in pages. */
export async function recordsAfter(db: Kysely<Database>, programId: number, afterId: number, limit: number, typeCode?: string): Promise<RecordRow[]> {
  return db
    .selectFrom('record')
    .selectAll()
    .where('program_id', '=', programId)
    .where('id', '>', afterId)
    .$if(typeCode !== undefined, (q) => q.where('type_code', '=', typeCode!))
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** One organisation's records of a program dated within start..end and at one of `statuses`. */
export async function findRecordsInPeriod(
  db: Kysely<Database>,
  m: { programId: number; organisationId: number; start: string; end: string; statuses: ValueStatus[] },
): Promise<RecordRow[]> {
  return db
    .selectFrom('record')
    .selectAll()
    .where('program_id', '=', m.programId)
    .where('organisation_id', '=', m.organisationId)
    .where('date', '>=', m.start)
    .where('date', '<=', m.end)
    .where('status', 'in', m.statuses)
    .execute();
}

export async function setRecordStatus(db: Kysely<Database>, ids: readonly number[], status: ValueStatus, at: string): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('record')
    .set((eb) => ({ status, updated_at: at, version: eb('version', '+', 1) }))
    .where('id', 'in', [...ids])
    .execute();
}
