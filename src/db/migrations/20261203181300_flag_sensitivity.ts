/**
 * Issue 16, rules over restricted data: a flag carries the sensitivity of the rule that raised
 * it (the most sensitive indicator the rule reads, src/core/rule-sensitivity.ts), so that every
 * surface showing flags shows each one only to readers cleared for it. Flags raised before this
 * column existed: a relation's is taken as restricted (what it read is not recorded), the other
 * kinds read only their own value's indicator, which the value's visibility already guards.
 */
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run before the typed schema exists
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .alterTable('value_flag')
    .addColumn('sensitivity', 'text', (c) => c.notNull().defaultTo('public'))
    .execute();
  await db.updateTable('value_flag').set({ sensitivity: 'restricted' }).where('kind', '=', 'relation').execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.alterTable('value_flag').dropColumn('sensitivity').execute();
}
