/**
 * Read-only checks of a database after a fault (kill -9, backup and restore): the live fact
 * table must equal what the data values say (one fact row per reported value, same value and
 * approved value), and the per-indicator sums of the two must agree. Nothing is written, so it
 * can run on a restored copy or beside a running server.
 */
import { sql } from 'kysely';
import type { Db } from '../../src/db/database.js';

export interface FactCheck {
  /** Values with no fact row, or whose fact row has another value, count or approved value. */
  wrong: number;
  /** Fact rows of reported indicators with no value behind them. */
  extra: number;
  /** Indicators whose fact sum differs from their value sum. */
  sums: Array<{ indicator_id: number; facts: number; vsum: number }>;
  values: number;
}

/** Compares the fact table of reported indicators with a rebuild from their data values. */
export async function checkFactsAgainstValues(db: Db): Promise<FactCheck> {
  const wrong = await sql<{ n: number }>`
    select count(*) as n from data_value dv
    left join fact f on f.indicator_id = dv.indicator_id and f.source = dv.source and f.place_id = dv.place_id
      and f.period = dv.period and f.disagg = dv.disagg
    where f.indicator_id is null or f.n <> 1 or abs(f.value - dv.value) > 1e-9
      or abs(f.value_approved - (case when dv.status = 'approved' then dv.value else 0 end)) > 1e-9`.execute(db);
  const extra = await sql<{ n: number }>`
    select count(*) as n from fact f
    join indicator i on i.id = f.indicator_id and i.origin = 'reported'
    where not exists (select 1 from data_value dv where dv.indicator_id = f.indicator_id and dv.source = f.source
      and dv.place_id = f.place_id and dv.period = f.period and dv.disagg = f.disagg)`.execute(db);
  const sums = await sql<{ indicator_id: number; facts: number; vsum: number }>`
    select v.indicator_id, coalesce(f.s, 0) as facts, v.s as vsum from
      (select indicator_id, sum(value) as s from data_value group by indicator_id) v
      left join (select f.indicator_id, sum(f.value) as s from fact f join indicator i on i.id = f.indicator_id and i.origin = 'reported' group by f.indicator_id) f
      on f.indicator_id = v.indicator_id`.execute(db);
  const count = await sql<{ n: number }>`select count(*) as n from data_value`.execute(db);
  return {
    wrong: Number(wrong.rows[0]?.n ?? 0),
    extra: Number(extra.rows[0]?.n ?? 0),
    sums: sums.rows.filter((r) => Math.abs(Number(r.facts) - Number(r.vsum)) > 1e-6 * Math.max(1, Math.abs(Number(r.vsum)))),
    values: Number(count.rows[0]?.n ?? 0),
  };
}

/** True when the check found nothing wrong. */
export function factsConsistent(c: FactCheck): boolean {
  return c.wrong === 0 && c.extra === 0 && c.sums.length === 0;
}
