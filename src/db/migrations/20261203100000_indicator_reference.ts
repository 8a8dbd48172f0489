/**
 * Issue 15, reference sheets (PIRS):
 * - `indicator_reference`: an indicator's reference fields (core/reference-sheet.ts) as JSON
 *   text, one row per indicator that has any, with when the sheet was last written.
 * - `indicator_change`: the sheet's change history, one row per changed field of the reference
 *   or of the indicator's definition: who, when, the field before and after, and the reason.
 *   Append-only, like the audit trail.
 */
import type { Kysely } from 'kysely';
import { engineOf } from '../dialect.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run before the typed schema exists
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  const id = engineOf(db) === 'postgres' ? 'serial' : 'integer';
  await db.schema
    .createTable('indicator_reference')
    .addColumn('indicator_id', 'integer', (c) => c.primaryKey().notNull().references('indicator.id').onDelete('cascade'))
    .addColumn('sheet', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('indicator_change')
    .addColumn('id', id, (c) => c.primaryKey().notNull())
    .addColumn('indicator_id', 'integer', (c) => c.notNull().references('indicator.id').onDelete('cascade'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.references('app_user.id').onDelete('set null'))
    // The user's name, or what the system ran (a folder load), kept should the user go.
    .addColumn('by', 'text', (c) => c.notNull())
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('before', 'text')
    .addColumn('after', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('indicator_change_indicator').on('indicator_change').columns(['indicator_id', 'id']).execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('indicator_change').ifExists().execute();
  await db.schema.dropTable('indicator_reference').ifExists().execute();
}
