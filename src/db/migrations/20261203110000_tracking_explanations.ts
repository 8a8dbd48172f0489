/**
 * Issue 15, the indicator tracking table: `tracking_explanation` holds the deviation
 * explanation officers write for an indicator in a fiscal year (one text per indicator ×
 * fiscal year, whoever last changed it and when; the audit trail keeps every version).
 */
import type { Kysely } from 'kysely';
import { engineOf } from '../dialect.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run before the typed schema exists
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  const id = engineOf(db) === 'postgres' ? 'serial' : 'integer';
  await db.schema
    .createTable('tracking_explanation')
    .addColumn('id', id, (c) => c.primaryKey().notNull())
    .addColumn('indicator_id', 'integer', (c) => c.notNull().references('indicator.id').onDelete('cascade'))
    // A fiscal-year period id, e.g. 2012Oct
    .addColumn('fiscal_year', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'integer', (c) => c.references('app_user.id').onDelete('set null'))
    .addUniqueConstraint('tracking_explanation_key', ['indicator_id', 'fiscal_year'])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('tracking_explanation').ifExists().execute();
}
