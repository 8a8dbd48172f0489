/**
 * Indicators say whether their values may be negative. Hectares, tonnes and counts cannot be,
 * and a minus sign there is a typo that silently lowers every total; an indicator that measures
 * a change or a balance declares `allow_negative` (indicators.json) to take them.
 */
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run before the typed schema exists
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .alterTable('indicator')
    .addColumn('allow_negative', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.alterTable('indicator').dropColumn('allow_negative').execute();
}
