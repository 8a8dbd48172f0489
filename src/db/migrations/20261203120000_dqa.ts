/**
 * Issue 15, data quality assessments: a DQA is the program office's own record of how an
 * indicator's data meet the five standards (src/core/dqa.ts), with the limitations found and the
 * actions agreed, whose status is kept up to date afterwards.
 * - `dqa`: one assessment of one indicator on one date, by a user or a named person.
 * - `dqa_standard`: its rating of each standard (one row per standard, so the list of
 *   standards lives in core only), with notes.
 * - `dqa_action`: the actions agreed, each with an owner (a user or a named person), a due date
 *   and a status with the date it was last set.
 * Texts are stored as written, in one language (`language` says which): they are what people
 * wrote at the assessment, not labels to translate.
 */
import type { Kysely } from 'kysely';
import { engineOf } from '../dialect.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run before the typed schema exists
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  const id = engineOf(db) === 'postgres' ? 'serial' : 'integer';
  await db.schema
    .createTable('dqa')
    .addColumn('id', id, (c) => c.primaryKey().notNull())
    .addColumn('program_id', 'integer', (c) => c.notNull().references('program.id').onDelete('cascade'))
    .addColumn('indicator_id', 'integer', (c) => c.notNull().references('indicator.id').onDelete('cascade'))
    // YYYY-MM-DD
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('assessor_user_id', 'integer', (c) => c.references('app_user.id').onDelete('set null'))
    .addColumn('assessor_name', 'text')
    // en | es: the language the texts are written in
    .addColumn('language', 'text')
    .addColumn('limitations', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('dqa_indicator_date').on('dqa').columns(['indicator_id', 'date']).execute();
  await db.schema.createIndex('dqa_program').on('dqa').column('program_id').execute();
  await db.schema
    .createTable('dqa_standard')
    .addColumn('dqa_id', 'integer', (c) => c.notNull().references('dqa.id').onDelete('cascade'))
    // validity | integrity | precision | reliability | timeliness
    .addColumn('standard', 'text', (c) => c.notNull())
    // met | partly_met | not_met
    .addColumn('rating', 'text', (c) => c.notNull())
    .addColumn('notes', 'text')
    .addPrimaryKeyConstraint('dqa_standard_pk', ['dqa_id', 'standard'])
    .execute();
  await db.schema
    .createTable('dqa_action')
    .addColumn('id', id, (c) => c.primaryKey().notNull())
    .addColumn('dqa_id', 'integer', (c) => c.notNull().references('dqa.id').onDelete('cascade'))
    // the action's place in the list agreed
    .addColumn('sort', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('owner_user_id', 'integer', (c) => c.references('app_user.id').onDelete('set null'))
    .addColumn('owner_name', 'text')
    .addColumn('due_date', 'text', (c) => c.notNull())
    // open | done | dropped
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('status_date', 'text')
    .execute();
  await db.schema.createIndex('dqa_action_dqa').on('dqa_action').column('dqa_id').execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('dqa_action').ifExists().execute();
  await db.schema.dropTable('dqa_standard').ifExists().execute();
  await db.schema.dropTable('dqa').ifExists().execute();
}
