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

type Trx = Kysely<Database>;

/** Columns of the fact key, for ON CONFLICT. */
export const FACT_KEY = ['indicator_id', 'source', 'place_id', 'period', 'disagg'] as const;

/** Rewrites the fact rows of the given data values from the values themselves. */
export async function replaceFactsFromValues(trx: Trx, valueIds: readonly number[]): Promise<void> {
  if (valueIds.length === 0) return;
  const flag = (cond: ReturnType<typeof sql<boolean>>) => sql<number>`case when ${cond} then 1 else 0 end`;
  await trx
    .insertInto('fact')
    .columns([
      'indicator_id', 'source', 'place_id', 'period', 'disagg', 'start_date', 'end_date',
      'p1', 'p2', 'p3', 'p4', 'p5', 'p6',
      'value', 'n', 'value_approved', 'n_approved', 'n_derived', 'n_illustrative',
    ])
    .expression((eb) =>
      eb
        .selectFrom('data_value as dv')
        .innerJoin('place as p', 'p.id', 'dv.place_id')
        .select([
          'dv.indicator_id', 'dv.source', 'dv.place_id', 'dv.period', 'dv.disagg', 'dv.start_date', 'dv.end_date',
          'p.p1', 'p.p2', 'p.p3', 'p.p4', 'p.p5', 'p.p6', 'dv.value',
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
    .execute();
}

export interface FactKey {
  indicator_id: number;
  source: string;
  place_id: number;
  period: string;
  disagg: string;
}

/** Removes the fact row of one key (a deleted reported value). */
export async function deleteFact(trx: Trx, key: FactKey): Promise<void> {
  await trx
    .deleteFrom('fact')
    .where('indicator_id', '=', key.indicator_id)
    .where('source', '=', key.source)
    .where('place_id', '=', key.place_id)
    .where('period', '=', key.period)
    .where('disagg', '=', key.disagg)
    .execute();
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
  for (const d of deltas) {
    const place = await trx
      .selectFrom('place')
      .select(['p1', 'p2', 'p3', 'p4', 'p5', 'p6'])
      .where('id', '=', d.place_id)
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('fact')
      .values({ ...d, ...place })
      .onConflict((oc) =>
        oc.columns([...FACT_KEY]).doUpdateSet((eb) => ({
          value: eb('fact.value', '+', eb.ref('excluded.value')),
          n: eb('fact.n', '+', eb.ref('excluded.n')),
          value_approved: eb('fact.value_approved', '+', eb.ref('excluded.value_approved')),
          n_approved: eb('fact.n_approved', '+', eb.ref('excluded.n_approved')),
          n_derived: eb('fact.n_derived', '+', eb.ref('excluded.n_derived')),
          n_illustrative: eb('fact.n_illustrative', '+', eb.ref('excluded.n_illustrative')),
        })),
      )
      .execute();
    await trx
      .deleteFrom('fact')
      .where('indicator_id', '=', d.indicator_id)
      .where('source', '=', d.source)
      .where('place_id', '=', d.place_id)
      .where('period', '=', d.period)
      .where('disagg', '=', d.disagg)
      .where('n', '<=', 0)
      .execute();
  }
}

/** Columns of a batched upsert, in parameter order. */
const UPSERT_COLUMNS = [
  'indicator_id', 'source', 'place_id', 'period', 'disagg', 'start_date', 'end_date', 'value', 'n',
  'value_approved', 'n_approved', 'n_derived', 'n_illustrative', 'p1', 'p2', 'p3', 'p4', 'p5', 'p6',
] as const;
const UPSERT_CONFLICT = `on conflict (${FACT_KEY.join(', ')}) do update set ${(['value', 'n', 'value_approved', 'n_approved', 'n_derived', 'n_illustrative'] as const)
  .map((c) => `${c} = fact.${c} + excluded.${c}`)
  .join(', ')}`;

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const factKeyOf = (d: FactKey): string => `${d.indicator_id}\u0000${d.source}\u0000${d.place_id}\u0000${d.period}\u0000${d.disagg}`;

/**
 * Adds many signed contributions at once (record imports, roll-up rebuilds, and single record
 * writes whose one record touches several facts). Deltas are first summed per fact key in
 * memory, so each fact row is written once; place ancestors are read in one query; rows go in
 * multi-row upserts, in key order; emptied rows are dropped at the end. Same result as
 * `addFactDeltas`.
 */
export async function addFactDeltasBatch(trx: Trx, deltas: Iterable<FactDelta>): Promise<void> {
  const merged = new Map<string, FactDelta>();
  for (const d of deltas) {
    const key = factKeyOf(d);
    const cur = merged.get(key);
    if (!cur) {
      merged.set(key, { ...d });
      continue;
    }
    cur.value += d.value;
    cur.n += d.n;
    cur.value_approved += d.value_approved;
    cur.n_approved += d.n_approved;
    cur.n_derived += d.n_derived;
    cur.n_illustrative += d.n_illustrative;
  }
  // A record updated without touching its roll-ups gives pairs that cancel out: nothing to write.
  const rows = [...merged.values()].filter(
    (d) => d.n !== 0 || d.value !== 0 || d.value_approved !== 0 || d.n_approved !== 0 || d.n_derived !== 0 || d.n_illustrative !== 0,
  );
  if (rows.length === 0) return;
  // In key order, each statement walks the fact table's index forwards instead of jumping about.
  rows.sort((a, b) => a.indicator_id - b.indicator_id || cmp(a.source, b.source) || a.place_id - b.place_id || cmp(a.period, b.period) || cmp(a.disagg, b.disagg));

  const placeIds = [...new Set(rows.map((d) => d.place_id))];
  const ancestors = new Map<number, Array<number | null>>();
  for (let i = 0; i < placeIds.length; i += 5_000) {
    const found = await trx
      .selectFrom('place')
      .select(['id', 'p1', 'p2', 'p3', 'p4', 'p5', 'p6'])
      .where('id', 'in', placeIds.slice(i, i + 5_000))
      .execute();
    for (const p of found) ancestors.set(p.id, [p.p1, p.p2, p.p3, p.p4, p.p5, p.p6]);
  }
  // Multi-row upserts with their SQL text built once per chunk size and parameters bound
  // directly: for the tens of thousands of fact rows of a bulk import, building each statement
  // through the query builder would cost more than running it.
  const engine = engineOf(trx);
  const size = insertChunkSize(engine, UPSERT_COLUMNS.length);
  const texts = new Map<number, string>();
  for (let i = 0; i < rows.length; i += size) {
    const chunk = rows.slice(i, i + size);
    let text = texts.get(chunk.length);
    if (!text) {
      let n = 0;
      const tuple = () => `(${UPSERT_COLUMNS.map(() => (engine === 'postgres' ? `$${++n}` : '?')).join(',')})`;
      text = `insert into fact (${UPSERT_COLUMNS.join(',')}) values ${Array.from({ length: chunk.length }, tuple).join(',')} ${UPSERT_CONFLICT}`;
      texts.set(chunk.length, text);
    }
    const params: unknown[] = [];
    for (const d of chunk) {
      const p = ancestors.get(d.place_id);
      if (!p) throw new Error(`fact delta for unknown place ${d.place_id}`);
      params.push(
        d.indicator_id, d.source, d.place_id, d.period, d.disagg, d.start_date, d.end_date,
        d.value, d.n, d.value_approved, d.n_approved, d.n_derived, d.n_illustrative, ...p,
      );
    }
    await trx.executeQuery(CompiledQuery.raw(text, params));
  }
  // Only a row that lost contributions can have emptied; look at those keys alone.
  const shrunk = rows.filter((d) => d.n < 0);
  for (let i = 0; i < shrunk.length; i += 200) {
    await trx
      .deleteFrom('fact')
      .where('n', '<=', 0)
      .where((eb) =>
        eb.or(
          shrunk.slice(i, i + 200).map((d) =>
            eb.and([
              eb('indicator_id', '=', d.indicator_id),
              eb('source', '=', d.source),
              eb('place_id', '=', d.place_id),
              eb('period', '=', d.period),
              eb('disagg', '=', d.disagg),
            ]),
          ),
        ),
      )
      .execute();
  }
}

/** Removes every fact row of the given indicators (before their roll-ups are rebuilt). */
export async function deleteFactsOfIndicators(trx: Trx, indicatorIds: readonly number[]): Promise<void> {
  if (indicatorIds.length === 0) return;
  await trx.deleteFrom('fact').where('indicator_id', 'in', [...indicatorIds]).execute();
}
