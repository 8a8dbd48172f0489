/** Submissions: a partner's data for one period, moving submitted › approved or returned. */
import type { Kysely } from 'kysely';
import { engineOf } from '../dialect.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run before the typed schema exists
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('submission')
    .addColumn('id', engineOf(db) === 'postgres' ? 'serial' : 'integer', (c) => c.primaryKey().notNull())
    .addColumn('program_id', 'integer', (c) => c.notNull().references('program.id').onDelete('cascade'))
    .addColumn('organisation_id', 'integer', (c) => c.notNull().references('organisation.id'))
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('submitted_by', 'integer')
    .addColumn('decided_by', 'integer')
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text')
    .execute();
  await db.schema.createIndex('submission_program_org').on('submission').columns(['program_id', 'organisation_id', 'status']).execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('submission').ifExists().execute();
}
