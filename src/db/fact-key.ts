/**
 * The key of a figure: indicator × source × place × period × disaggregation. The fact table,
 * its coarse level and the data values are keyed by these five columns (targets by them and
 * their kind), so their key types are derived here from the schema once, with the one
 * "where the key columns equal" condition every repository uses.
 */
import { sql, type Expression, type SqlBool } from 'kysely';
import type { DataValueTable, FactTable } from './schema.js';

/** The key columns, in the fact table's primary-key order (for ON CONFLICT and ordering). */
export const FACT_KEY = ['indicator_id', 'source', 'place_id', 'period', 'disagg'] as const;
export type FactKeyColumn = (typeof FACT_KEY)[number];

/** One fact row's key (the fact and fact_coarse tables). */
export type FactKey = Pick<FactTable, FactKeyColumn>;

/** One data value's key (data_value has the same five columns, under the same names). */
export type ValueKey = Pick<DataValueTable, FactKeyColumn>;

/**
 * `indicator_id = … and source = … and place_id = … and period = … and disagg = …` over the
 * current table's columns, for `.where(...)` of a select or delete on any keyed table.
 */
export function keyEquals(key: FactKey | ValueKey): Expression<SqlBool> {
  const equal = FACT_KEY.map((column) => sql`${sql.ref(column)} = ${key[column]}`);
  return sql<SqlBool>`(${sql.join(equal, sql` and `)})`;
}
