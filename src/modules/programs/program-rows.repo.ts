/**
 * The writes of a program load, table by table: upserts matched by each table's unique key
 * that leave identical rows alone (so a second load of the same folder changes nothing), link
 * rows that are only ever added, and code → id listings. Multi-row statements throughout.
 */
import { sql, type Insertable, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { engineOf, insertChunkSize } from '../../db/dialect.js';

/** Tables a load upserts by a unique key; each has an `id`. */
export type KeyedTable =
  'program' | 'place' | 'zone' | 'organisation' | 'source' | 'dimension' | 'dimension_option' | 'framework_node' | 'indicator' | 'target';
/** Tables of the program's own coded things (unique by program_id and code). */
export type CodedTable = 'place' | 'zone' | 'organisation' | 'source' | 'dimension' | 'framework_node' | 'indicator';
/** Link tables: a row is there or not. */
export type LinkTable = 'zone_place' | 'indicator_source' | 'indicator_dimension';

export type ColumnOf<T extends keyof Database> = keyof Database[T] & string;

export interface WriteCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

// Kysely cannot type a statement over a table chosen at run time; the public signatures above
// keep callers typed, and this loose view is used only inside this file.
type Cell = string | number | null;
type LooseDb = Kysely<Record<string, Record<string, Cell>>>;
const loose = (db: Kysely<Database>): LooseDb => db as unknown as LooseDb;

/**
 * Inserts `rows` or updates the row with the same `key` where any `compare` column differs;
 * identical rows are not touched. New rows are told from updated ones by their id being above
 * the table's largest id before the statement.
 */
export async function upsertRows<T extends KeyedTable>(
  db: Kysely<Database>,
  table: T,
  rows: ReadonlyArray<Insertable<Database[T]>>,
  key: ReadonlyArray<ColumnOf<T>>,
  compare: ReadonlyArray<ColumnOf<T>>,
): Promise<WriteCounts> {
  const counts: WriteCounts = { inserted: 0, updated: 0, unchanged: 0 };
  if (rows.length === 0) return counts;
  const ldb = loose(db);
  const name: string = table;
  const before = await sql<{ max: number | null }>`select max(id) as max from ${sql.table(name)}`.execute(db);
  const maxBefore = Number(before.rows[0]?.max ?? 0);
  const size = insertChunkSize(engineOf(db), Object.keys(rows[0] ?? {}).length);
  for (let i = 0; i < rows.length; i += size) {
    const chunk = rows.slice(i, i + size) as unknown as Array<Record<string, Cell>>;
    const changed = await ldb
      .insertInto(name)
      .values(chunk)
      .onConflict((oc) =>
        oc
          .columns([...key])
          .doUpdateSet(Object.fromEntries(compare.map((c) => [c, sql.ref(`excluded.${c}`)])))
          .where(
            sql<boolean>`${sql.join(
              compare.map((c) => sql`${sql.ref(`${name}.${c}`)} is distinct from ${sql.ref(`excluded.${c}`)}`),
              sql` or `,
            )}`,
          ),
      )
      .returning('id')
      .execute();
    for (const r of changed) {
      if (Number(r.id) > maxBefore) counts.inserted++;
      else counts.updated++;
    }
  }
  counts.unchanged = rows.length - counts.inserted - counts.updated;
  return counts;
}

/** Adds link rows that are not there yet; a load never removes one. */
export async function insertLinks<T extends LinkTable>(db: Kysely<Database>, table: T, rows: ReadonlyArray<Insertable<Database[T]>>): Promise<WriteCounts> {
  const counts: WriteCounts = { inserted: 0, updated: 0, unchanged: 0 };
  if (rows.length === 0) return counts;
  const ldb = loose(db);
  const name: string = table;
  const size = insertChunkSize(engineOf(db), 2);
  for (let i = 0; i < rows.length; i += size) {
    const chunk = rows.slice(i, i + size) as unknown as Array<Record<string, Cell>>;
    const inserted = await ldb
      .insertInto(name)
      .values(chunk)
      .onConflict((oc) => oc.doNothing())
      .returning(sql<number>`1`.as('one'))
      .execute();
    counts.inserted += inserted.length;
  }
  counts.unchanged = rows.length - counts.inserted;
  return counts;
}

/** Code → id of one kind of the program's things. */
export async function listIdsByCode(db: Kysely<Database>, table: CodedTable, programId: number): Promise<Map<string, number>> {
  const name: string = table;
  const rows = await loose(db).selectFrom(name).select(['id', 'code']).where('program_id', '=', programId).execute();
  return new Map(rows.map((r) => [String(r.code), Number(r.id)]));
}

/**
 * Sets the retired flag of the program's things a folder declares retired or not (by code;
 * things it leaves undeclared keep theirs). Options are matched by dimension code and option code.
 * Each returns how many flags it changed.
 */
export async function setRetiredByCode(
  db: Kysely<Database>,
  table: 'framework_node' | 'indicator' | 'dimension',
  programId: number,
  declared: ReadonlyArray<{ code: string; retired?: boolean | undefined }>,
): Promise<number> {
  let changed = 0;
  for (const flag of [true, false]) {
    const codes = declared.filter((d) => d.retired === flag).map((d) => d.code);
    if (!codes.length) continue;
    const r = await db
      .updateTable(table)
      .set({ retired: flag ? 1 : 0 })
      .where('program_id', '=', programId)
      .where('code', 'in', codes)
      .where('retired', '!=', flag ? 1 : 0)
      .executeTakeFirst();
    changed += Number(r.numUpdatedRows);
  }
  return changed;
}

/** The options' counterpart of setRetiredByCode: `dimensionIds` resolves each option's dimension code. */
export async function setOptionsRetiredByCode(
  db: Kysely<Database>,
  dimensionIds: ReadonlyMap<string, number>,
  declared: ReadonlyArray<{ dimension: string; code: string; retired?: boolean | undefined }>,
): Promise<number> {
  let changed = 0;
  for (const o of declared) {
    const dimensionId = dimensionIds.get(o.dimension);
    if (o.retired === undefined || dimensionId === undefined) continue;
    const r = await db
      .updateTable('dimension_option')
      .set({ retired: o.retired ? 1 : 0 })
      .where('dimension_id', '=', dimensionId)
      .where('code', '=', o.code)
      .where('retired', '!=', o.retired ? 1 : 0)
      .executeTakeFirst();
    changed += Number(r.numUpdatedRows);
  }
  return changed;
}
