/**
 * Issue 16, the reporting calendar and period locks:
 * - `reporting_calendar`: what one partner organisation must report to a program (indicators
 *   and record types, by code, as JSON arrays), how often (month, quarter, fiscal year), due how
 *   many days after each period ends and closed how many days after (null: never closes).
 * - `period_reopening`: an officer's reopening of one closed period for one organisation, with
 *   the comment saying why; while it exists the organisation's partners may write to it again.
 * Expected reports and their status are not stored: they follow, live, from the calendar, the
 * submissions and the clock.
 */
import type { Kysely } from 'kysely';
import { engineOf } from '../dialect.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run before the typed schema exists
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  const id = engineOf(db) === 'postgres' ? 'serial' : 'integer';
  await db.schema
    .createTable('reporting_calendar')
    .addColumn('id', id, (c) => c.primaryKey().notNull())
    .addColumn('program_id', 'integer', (c) => c.notNull().references('program.id').onDelete('cascade'))
    .addColumn('organisation_id', 'integer', (c) => c.notNull().references('organisation.id').onDelete('cascade'))
    // the entry's place in the calendar as written
    .addColumn('sort', 'integer', (c) => c.notNull())
    // JSON arrays of codes
    .addColumn('indicators', 'text', (c) => c.notNull())
    .addColumn('record_types', 'text', (c) => c.notNull())
    // month | quarter | fiscal_year
    .addColumn('frequency', 'text', (c) => c.notNull())
    .addColumn('due_days', 'integer', (c) => c.notNull())
    .addColumn('close_days', 'integer')
    // YYYY-MM-DD: reports are expected for periods that start on or after it
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text')
    .execute();
  await db.schema.createIndex('reporting_calendar_program').on('reporting_calendar').columns(['program_id', 'organisation_id']).execute();
  await db.schema
    .createTable('period_reopening')
    .addColumn('id', id, (c) => c.primaryKey().notNull())
    .addColumn('program_id', 'integer', (c) => c.notNull().references('program.id').onDelete('cascade'))
    .addColumn('organisation_id', 'integer', (c) => c.notNull().references('organisation.id').onDelete('cascade'))
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('comment', 'text', (c) => c.notNull())
    .addColumn('reopened_by', 'integer', (c) => c.references('app_user.id').onDelete('set null'))
    .addColumn('reopened_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('period_reopening_key', ['program_id', 'organisation_id', 'period'])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('period_reopening').ifExists().execute();
  await db.schema.dropTable('reporting_calendar').ifExists().execute();
}
