/**
 * Issue 16, notifications and discussion: `notification` is each user's in-app inbox (one row
 * per recipient and event, read once marked), `mail_outbox` the e-mails still to send, sent or
 * given up on (kept, so a failure is seen by administrators and never lost silently), and
 * `submission_comment` the discussion thread of a submission (rows are only ever added).
 */
import type { Kysely } from 'kysely';
import { engineOf } from '../dialect.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run before the typed schema exists
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  const id = engineOf(db) === 'postgres' ? 'serial' : 'integer';
  await db.schema
    .createTable('notification')
    .addColumn('id', id, (c) => c.primaryKey().notNull())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    // submitted, approved, returned, unlocked, comment, warning, due_soon, overdue
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('program_id', 'integer', (c) => c.references('program.id').onDelete('cascade'))
    .addColumn('submission_id', 'integer', (c) => c.references('submission.id').onDelete('cascade'))
    // Who caused it (null for the system, e.g. a due date)
    .addColumn('actor_id', 'integer', (c) => c.references('app_user.id').onDelete('set null'))
    // JSON: what the message names (program, organisation, period, comment)
    .addColumn('params', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .execute();
  await db.schema.createIndex('notification_user').on('notification').columns(['user_id', 'id']).execute();

  await db.schema
    .createTable('mail_outbox')
    .addColumn('id', id, (c) => c.primaryKey().notNull())
    .addColumn('notification_id', 'integer', (c) => c.references('notification.id').onDelete('set null'))
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    // pending, sending (claimed by one process), sent, failed (given up after the last attempt)
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('claimed_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .execute();
  await db.schema.createIndex('mail_outbox_due').on('mail_outbox').columns(['status', 'next_attempt_at']).execute();

  await db.schema
    .createTable('submission_comment')
    .addColumn('id', id, (c) => c.primaryKey().notNull())
    .addColumn('submission_id', 'integer', (c) => c.notNull().references('submission.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.references('app_user.id').onDelete('set null'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('submission_comment_thread').on('submission_comment').columns(['submission_id', 'id']).execute();

  await db.schema
    .createTable('reminder_sent')
    .addColumn('id', id, (c) => c.primaryKey().notNull())
    // due_soon, overdue
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('program_id', 'integer', (c) => c.notNull().references('program.id').onDelete('cascade'))
    .addColumn('organisation_id', 'integer', (c) => c.notNull().references('organisation.id').onDelete('cascade'))
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('reminder_sent_key', ['kind', 'program_id', 'organisation_id', 'period'])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('reminder_sent').ifExists().execute();
  await db.schema.dropTable('submission_comment').ifExists().execute();
  await db.schema.dropTable('mail_outbox').ifExists().execute();
  await db.schema.dropTable('notification').ifExists().execute();
}
