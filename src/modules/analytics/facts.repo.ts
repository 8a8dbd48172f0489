/**
 * Keeps the fact table current. Called inside the transaction of every write, so a value is in
 * every analytics query the moment the write commits; there is no rebuild step.
 *
 * Reported values own their fact row one-to-one (replaced from the value); record roll-ups add
 * signed deltas to theirs (many records make one row).
 */
import { CompiledQuery, sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { engineOf, insertChunkSize } from '../../db/dialect.js';
import { validationError } from '../../core/errors.js';
import { MAX_TOTAL, isStorableTotal } from '../../core/finite-number.js';
import { FACT_KEY, keyEquals, type FactKey } from '../../db/fact-key.js';

type Trx = Kysely<Database>;

/**
 * Refuses a fact row whose total is not finite or beyond ±MAX_TOTAL: SQLite would keep Infinity
 * as `Inf` and NaN as NULL (a NOT NULL failure on the next change), and either would make every
 * total above it unreadable. Thrown inside the write's transaction, so nothing of it is stored.
 */
function assertStorable(rows: Iterable<FactKey & { value: number | null; value_approved: number | null }>): void {
  for (const r of rows) {
    for (const column of ['value', 'value_approved'] as const) {
      const v = r[column];
      if (v === null || !isStorableTotal(Number(v))) {
        const reason = `the total would be ${v === null ? 'not a number' : String(v)}, outside ±${MAX_TOTAL.toExponential()}: the write is refused (total fuera de rango)`;
        throw validationError(`total out of range for indicator ${r.indicator_id}, place ${r.place_id}, period ${r.period}: ${reason}`, [
          { column: 'value', value: v, reason },
        ]);
      }
    }
  }
}

/** Rewrites the fact rows of the given data values from the values themselves. */
export async function replaceFactsFromValues(trx: Trx, valueIds: readonly number[]): Promise<void> {
  if (valueIds.length === 0) return;
  const flag = (cond: ReturnType<typeof sql<boolean>>) => sql<number>`case when ${cond} then 1 else 0 end`;
  await trx
    .insertInto('fact')
    .columns([
      'indicator_id',
      'source',
      'place_id',
      'period',
      'disagg',
      'start_date',
      'end_date',
      'p1',
      'p2',
      'p3',
      'p4',
      'p5',
      'p6',
      'value',
      'n',
      'value_approved',
      'n_approved',
      'n_derived',
      'n_illustrative',
    ])
    .expression((eb) =>
      eb
        .selectFrom('data_value as dv')
        .innerJoin('place as p', 'p.id', 'dv.place_id')
        .select([
          'dv.indicator_id',
          'dv.source',
          'dv.place_id',
          'dv.period',
          'dv.disagg',
          'dv.start_date',
          'dv.end_date',
          'p.p1',
          'p.p2',
          'p.p3',
          'p.p4',
          'p.p5',
          'p.p6',
          'dv.value',
          sql<number>`1`.as('n'),
          sql<number>`case when dv.status = 'approved' then dv.value else 0 end`.as('value_approved'),
          flag(sql`dv.status = 'approved'`).as('n_approved'),
          flag(sql`dv.provenance = 'derived'`).as('n_derived'),
          flag(sql`dv.provenance = 'illustrative'`).as('n_illustrative'),
        ])
        .where('dv.id', 'in', valueIds),
    )
    .onConflict((oc) =>
      oc.columns([...FACT_KEY]).doUpdateSet((eb) => ({
        start_date: eb.ref('excluded.start_date'),
        end_date: eb.ref('excluded.end_date'),
        value: eb.ref('excluded.value'),
        n: eb.ref('excluded.n'),
        value_approved: eb.ref('excluded.value_approved'),
        n_approved: eb.ref('excluded.n_approved'),
        n_derived: eb.ref('excluded.n_derived'),
        n_illustrative: eb.ref('excluded.n_illustrative'),
      })),
    )
    .returning([...FACT_KEY, 'value', 'value_approved'])
    .execute()
    .then(assertStorable);
}

/** Removes the fact row of one key (a deleted reported value). */
export async function deleteFact(trx: Trx, key: FactKey): Promise<void> {
  await trx.deleteFrom('fact').where(keyEquals(key)).execute();
}

/** A signed contribution to one fact row (record roll-ups). */
export interface FactDelta extends FactKey {
  start_date: string;
  end_date: string;
  value: number;
  n: number;
  value_approved: number;
  n_approved: number;
  n_derived: number;
  n_illustrative: number;
}

/** Adds signed contributions to fact rows, creating them as needed and dropping emptied ones. */
export async function addFactDeltas(trx: Trx, deltas: readonly FactDelta[]): Promise<void> {
  await addFactDeltasBatch(trx, deltas);
}

const COUNTERS = ['value', 'n', 'value_approved', 'n_approved', 'n_derived', 'n_illustrative'] as const;
/** Columns of a batched leaf upsert, in parameter order. */
const UPSERT_COLUMNS = [...FACT_KEY, 'start_date', 'end_date', ...COUNTERS, 'p1', 'p2', 'p3', 'p4', 'p5', 'p6'] as const;
const UPSERT_CONFLICT = `on conflict (${FACT_KEY.join(', ')}) do update set ${COUNTERS.map((c) => `${c} = fact.${c} + excluded.${c}`).join(', ')}`;
/** What a leaf upsert returns: the row as it now is, which the coarse level needs. */
const UPSERT_RETURNING = `returning ${[...FACT_KEY, 'p1', 'p2', ...COUNTERS].join(', ')}`;

const A_COUNTERS = ['a_n', 'a_derived', 'a_illustrative'] as const;
/** Columns of a batched coarse upsert, in parameter order. */
const COARSE_COLUMNS = [...FACT_KEY, 'start_date', 'end_date', 'p1', 'p2', ...COUNTERS, ...A_COUNTERS] as const;
const COARSE_CONFLICT = `on conflict (${FACT_KEY.join(', ')}) do update set ${[...COUNTERS, ...A_COUNTERS]
  .map((c) => `${c} = fact_coarse.${c} + excluded.${c}`)
  .join(', ')} returning ${FACT_KEY.join(', ')}, n, value, value_approved`;

/** An id as two UTF-16 code units: fixed width, so code-unit order is numeric order. */
const u32 = (n: number): string => String.fromCharCode(n >>> 16, n & 0xffff);

/**
 * A fact key as one short string whose order is the primary key's order (ids fixed-width, codes
 * ended by U+0000, which no code contains and which sorts first), so that rows sort by a plain
 * string comparison. Built for every delta of a bulk import: kept cheap.
 */
const keyOf = (indicatorId: number, source: string, placeId: number, period: string, disagg: string): string =>
  u32(indicatorId) + source + '\u0000' + u32(placeId) + period + '\u0000' + disagg;
const factKeyOf = (d: FactKey): string => keyOf(d.indicator_id, d.source, d.place_id, d.period, d.disagg);

const sameKey = (a: FactKey, b: FactKey): boolean =>
  a.place_id === b.place_id && a.period === b.period && a.indicator_id === b.indicator_id && a.disagg === b.disagg && a.source === b.source;

/** The values of a keyed map, in key order. */
function inKeyOrder<T>(map: ReadonlyMap<string, T>, keep: (v: T) => boolean = () => true): T[] {
  const keys: string[] = [];
  for (const [k, v] of map) if (keep(v)) keys.push(k);
  keys.sort();
  return keys.map((k) => map.get(k)!);
}

/** A leaf fact row as the upsert left it. */
interface LeafAfter extends FactKey {
  p1: number | null;
  p2: number | null;
  value: number;
  n: number;
  value_approved: number;
  n_approved: number;
  n_derived: number;
  n_illustrative: number;
}

/** A change to one coarse row. */
interface CoarseDelta extends FactDelta {
  p1: number | null;
  p2: number | null;
  a_n: number;
  a_derived: number;
  a_illustrative: number;
}

/**
 * Runs `text(rows)` over `rows` in multi-row statements whose SQL text is built once per chunk
 * size, with parameters bound directly: for the tens of thousands of fact rows of a bulk import,
 * building each statement through the query builder would cost more than running it. Returns
 * what the statements return.
 */
async function runChunked<T, R>(
  trx: Trx,
  rows: readonly T[],
  columns: number,
  text: (tuples: string) => string,
  params: (row: T, out: unknown[]) => void,
): Promise<R[]> {
  const engine = engineOf(trx);
  const size = insertChunkSize(engine, columns);
  const texts = new Map<number, string>();
  const out: R[] = [];
  for (let i = 0; i < rows.length; i += size) {
    const chunk = rows.slice(i, i + size);
    let sqlText = texts.get(chunk.length);
    if (!sqlText) {
      let n = 0;
      const tuple = () => `(${Array.from({ length: columns }, () => (engine === 'postgres' ? `$${++n}` : '?')).join(',')})`;
      sqlText = text(Array.from({ length: chunk.length }, tuple).join(','));
      texts.set(chunk.length, sqlText);
    }
    const values: unknown[] = [];
    for (const r of chunk) params(r, values);
    const result = await trx.executeQuery<R>(CompiledQuery.raw(sqlText, values));
    for (const r of result.rows) out.push(r);
  }
  return out;
}

/** Deletes the rows of these keys from `table` when they hold no contribution any more. */
async function deleteEmptied(trx: Trx, table: 'fact' | 'fact_coarse', keys: readonly FactKey[]): Promise<void> {
  for (let i = 0; i < keys.length; i += 200) {
    await trx
      .deleteFrom(table)
      .where('n', '<=', 0)
      .where((eb) => eb.or(keys.slice(i, i + 200).map(keyEquals)))
      .execute();
  }
}

/** The deltas summed per fact key, and those that change something in key order. */
interface MergedDeltas {
  byKey: Map<string, FactDelta>;
  rows: FactDelta[];
}

/**
 * Sums the deltas per fact key, so each fact row is written once, and keeps those that change
 * something, in key order. The caller's deltas are not changed: a key's first delta is kept as
 * it is, and copied only when a second one comes to be added to it (most keys of a bulk import
 * have one).
 */
function mergeDeltas(deltas: Iterable<FactDelta>): MergedDeltas {
  const byKey = new Map<string, FactDelta>();
  const copied = new Set<FactDelta>();
  for (const d of deltas) {
    const key = factKeyOf(d);
    let cur = byKey.get(key);
    if (!cur) {
      byKey.set(key, d);
      continue;
    }
    if (!copied.has(cur)) {
      cur = { ...cur };
      copied.add(cur);
      byKey.set(key, cur);
    }
    cur.value += d.value;
    cur.n += d.n;
    cur.value_approved += d.value_approved;
    cur.n_approved += d.n_approved;
    cur.n_derived += d.n_derived;
    cur.n_illustrative += d.n_illustrative;
  }
  // A record updated without touching its roll-ups gives pairs that cancel out: nothing to write.
  // In key order, each statement walks the fact table's index forwards instead of jumping about.
  const rows = inKeyOrder(
    byKey,
    (d) => d.n !== 0 || d.value !== 0 || d.value_approved !== 0 || d.n_approved !== 0 || d.n_derived !== 0 || d.n_illustrative !== 0,
  );
  return { byKey, rows };
}

/** The place-level ancestors (p1..p6) of these places, read in a few queries. */
async function placeAncestors(trx: Trx, placeIds: readonly number[]): Promise<Map<number, Array<number | null>>> {
  const ancestors = new Map<number, Array<number | null>>();
  for (let i = 0; i < placeIds.length; i += 5_000) {
    const found = await trx
      .selectFrom('place')
      .select(['id', 'p1', 'p2', 'p3', 'p4', 'p5', 'p6'])
      .where('id', 'in', placeIds.slice(i, i + 5_000))
      .execute();
    for (const p of found) ancestors.set(p.id, [p.p1, p.p2, p.p3, p.p4, p.p5, p.p6]);
  }
  return ancestors;
}

/** Adds the merged deltas to the leaf fact rows; returns each row as it now is, in the order given. */
async function upsertLeaves(trx: Trx, rows: readonly FactDelta[]): Promise<LeafAfter[]> {
  const ancestors = await placeAncestors(trx, [...new Set(rows.map((d) => d.place_id))]);
  const after = await runChunked<FactDelta, LeafAfter>(
    trx,
    rows,
    UPSERT_COLUMNS.length,
    (tuples) => `insert into fact (${UPSERT_COLUMNS.join(',')}) values ${tuples} ${UPSERT_CONFLICT} ${UPSERT_RETURNING}`,
    (d, out) => {
      const p = ancestors.get(d.place_id);
      if (!p) throw new Error(`fact delta for unknown place ${d.place_id}`);
      out.push(
        d.indicator_id,
        d.source,
        d.place_id,
        d.period,
        d.disagg,
        d.start_date,
        d.end_date,
        d.value,
        d.n,
        d.value_approved,
        d.n_approved,
        d.n_derived,
        d.n_illustrative,
        ...p,
      );
    },
  );
  if (after.length !== rows.length) throw new Error(`fact upsert returned ${after.length} rows for ${rows.length}`);
  // Rows about to be dropped (emptied) may hold anything; the kept ones must be storable sums.
  assertStorable(after.filter((a) => a.n > 0));
  return after;
}

/** The empty coarse row a leaf row's changes are summed into. */
function emptyCoarse(a: LeafAfter, d: FactDelta, place: number): CoarseDelta {
  return {
    indicator_id: a.indicator_id,
    source: a.source,
    place_id: place,
    period: a.period,
    disagg: a.disagg,
    start_date: d.start_date,
    end_date: d.end_date,
    p1: a.p1,
    p2: a.p2,
    value: 0,
    n: 0,
    value_approved: 0,
    n_approved: 0,
    n_derived: 0,
    n_illustrative: 0,
    a_n: 0,
    a_derived: 0,
    a_illustrative: 0,
  };
}

/**
 * Adds to coarse row `c` the change of one leaf row: `d` was added to it, and `a` is the row
 * as it now is. Returns whether the leaf row is kept (false: it is emptied and goes).
 */
function addLeafChange(c: CoarseDelta, a: LeafAfter, d: FactDelta): boolean {
  // The row before this change (all zeros when the upsert created it).
  const before = {
    n: a.n - d.n,
    n_approved: a.n_approved - d.n_approved,
    n_derived: a.n_derived - d.n_derived,
    n_illustrative: a.n_illustrative - d.n_illustrative,
  };
  const kept = a.n > 0;
  const wasApproved = before.n > 0 && before.n_approved > 0;
  const isApproved = kept && a.n_approved > 0;
  if (kept) {
    c.value += d.value;
    c.n += d.n;
    c.value_approved += d.value_approved;
    c.n_approved += d.n_approved;
    c.n_derived += d.n_derived;
    c.n_illustrative += d.n_illustrative;
  } else {
    // The leaf row goes: take out everything it held before, whatever rounding left in it.
    c.value += d.value - a.value;
    c.n -= before.n;
    c.value_approved += d.value_approved - a.value_approved;
    c.n_approved -= before.n_approved;
    c.n_derived -= before.n_derived;
    c.n_illustrative -= before.n_illustrative;
  }
  if (wasApproved) {
    c.a_n -= before.n;
    c.a_derived -= before.n_derived;
    c.a_illustrative -= before.n_illustrative;
  }
  if (isApproved) {
    c.a_n += a.n;
    c.a_derived += a.n_derived;
    c.a_illustrative += a.n_illustrative;
  }
  return kept;
}

/**
 * What the leaf changes do to the coarse level: each leaf row's change, summed per coarse key
 * (its department, p2, or p1 above that level), and the leaf rows that were emptied.
 */
function coarseChanges(merged: MergedDeltas, after: readonly LeafAfter[]): { coarse: Map<string, CoarseDelta>; emptied: FactKey[] } {
  const { rows, byKey } = merged;
  const emptied: FactKey[] = [];
  const coarse = new Map<string, CoarseDelta>();
  // Both engines return a multi-row insert's rows in the order given; matched by key if not.
  const inOrder = after.every((a, i) => sameKey(a, rows[i]!));
  for (const [i, a] of after.entries()) {
    const d = inOrder ? rows[i] : byKey.get(factKeyOf(a));
    if (!d) throw new Error(`fact upsert returned a row it was not given (${JSON.stringify(a)})`);
    const place = a.p2 ?? a.p1 ?? a.place_id;
    const key = keyOf(a.indicator_id, a.source, place, a.period, a.disagg);
    let c = coarse.get(key);
    if (!c) coarse.set(key, (c = emptyCoarse(a, d, place)));
    if (!addLeafChange(c, a, d)) emptied.push(a);
  }
  return { coarse, emptied };
}

/** Adds the changes to the coarse rows, then drops the coarse rows left empty. */
async function upsertCoarse(trx: Trx, coarse: ReadonlyMap<string, CoarseDelta>): Promise<void> {
  const coarseAfter = await runChunked<CoarseDelta, FactKey & { n: number; value: number; value_approved: number }>(
    trx,
    inKeyOrder(coarse),
    COARSE_COLUMNS.length,
    (tuples) => `insert into fact_coarse (${COARSE_COLUMNS.join(',')}) values ${tuples} ${COARSE_CONFLICT}`,
    (c, out) => {
      out.push(
        c.indicator_id,
        c.source,
        c.place_id,
        c.period,
        c.disagg,
        c.start_date,
        c.end_date,
        c.p1,
        c.p2,
        c.value,
        c.n,
        c.value_approved,
        c.n_approved,
        c.n_derived,
        c.n_illustrative,
        c.a_n,
        c.a_derived,
        c.a_illustrative,
      );
    },
  );
  assertStorable(coarseAfter.filter((c) => c.n > 0));
  await deleteEmptied(
    trx,
    'fact_coarse',
    coarseAfter.filter((c) => c.n <= 0),
  );
}

/**
 * Adds many signed contributions at once (record imports, roll-up rebuilds, and single record
 * writes whose one record touches several facts). Deltas are first summed per fact key in
 * memory, so each fact row is written once; place ancestors are read in one query; rows go in
 * multi-row upserts, in key order; emptied rows are dropped at the end.
 *
 * The coarse level (fact_coarse) moves in the same statements' wake: each upsert returns the
 * leaf row as it now is, so the coarse row receives exactly the leaf's change (and, for its
 * approved-only counts, whether the leaf holds approved contributions before and after). A
 * coarse row is therefore always the sum of the leaf rows that exist under it.
 */
export async function addFactDeltasBatch(trx: Trx, deltas: Iterable<FactDelta>): Promise<void> {
  const merged = mergeDeltas(deltas);
  if (merged.rows.length === 0) return;
  // A non-finite delta would reach the database as Inf or NaN before the sums could be checked.
  assertStorable(merged.rows);
  const after = await upsertLeaves(trx, merged.rows);
  const { coarse, emptied } = coarseChanges(merged, after);
  await deleteEmptied(trx, 'fact', emptied);
  await upsertCoarse(trx, coarse);
}

/** Removes every fact row of the given indicators (before their roll-ups are rebuilt). */
export async function deleteFactsOfIndicators(trx: Trx, indicatorIds: readonly number[]): Promise<void> {
  if (indicatorIds.length === 0) return;
  await trx
    .deleteFrom('fact')
    .where('indicator_id', 'in', [...indicatorIds])
    .execute();
  await trx
    .deleteFrom('fact_coarse')
    .where('indicator_id', 'in', [...indicatorIds])
    .execute();
}
