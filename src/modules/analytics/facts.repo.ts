/**
 * Keeps the fact table current. Called inside the transaction of every write, so a value is in
 * every analytics query the moment the write commits; there is no rebuild step.
 *
 * Reported values own their fact row one-to-one (replaced from the value); record roll-ups add
 * signed deltas to theirs (many records make one row).
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

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
