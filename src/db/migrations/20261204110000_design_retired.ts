/**
 * Design changes never lose data: a framework node, an indicator, a dimension or a dimension
 * option that values still use is retired instead of deleted. Retired things keep their values
 * (history and analytics read them as before) but take no new data.
 */
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run before the typed schema exists
type AnyDb = Kysely<any>;

const TABLES = ['framework_node', 'indicator', 'dimension', 'dimension_option'] as const;

export async function up(db: AnyDb): Promise<void> {
  for (const table of TABLES) {
    await db.schema
      .alterTable(table)
      .addColumn('retired', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
  }
}

export async function down(db: AnyDb): Promise<void> {
  for (const table of TABLES) await db.schema.alterTable(table).dropColumn('retired').execute();
}
