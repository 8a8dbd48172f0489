/**
 * Issue 16, discussion on flagged values: a comment thread belongs to a submission or to a
 * warning on a value (a value flag), so `submission_comment` becomes `discussion_comment` with
 * one of the two owners set (a check keeps exactly one). Rows are moved with their ids (the
 * audit trail names them); comments are still only ever added. A flag's thread goes with the
 * flag (a rewrite of the value clears its flags); its comments stay in the audit trail.
 */
import { sql, type Kysely } from 'kysely';
import { engineOf } from '../dialect.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run before the typed schema exists
type AnyDb = Kysely<any>;

async function createThreads(db: AnyDb): Promise<void> {
  const id = engineOf(db) === 'postgres' ? 'serial' : 'integer';
  await db.schema
    .createTable('discussion_comment')
    .addColumn('id', id, (c) => c.primaryKey().notNull())
    .addColumn('submission_id', 'integer', (c) => c.references('submission.id').onDelete('cascade'))
    .addColumn('value_flag_id', 'integer', (c) => c.references('value_flag.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.references('app_user.id').onDelete('set null'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addCheckConstraint('discussion_comment_one_thread', sql`(submission_id is null) <> (value_flag_id is null)`)
    .execute();
  await db.schema.createIndex('discussion_comment_submission').on('discussion_comment').columns(['submission_id', 'id']).execute();
  await db.schema.createIndex('discussion_comment_flag').on('discussion_comment').columns(['value_flag_id', 'id']).execute();
}

/** After rows were copied with their ids, PostgreSQL's sequence must start past them. */
async function resetSequence(db: AnyDb, table: string): Promise<void> {
  if (engineOf(db) !== 'postgres') return;
  await sql`select setval(pg_get_serial_sequence(${table}, 'id'), coalesce((select max(id) from ${sql.table(table)}), 0) + 1, false)`.execute(db);
}

export async function up(db: AnyDb): Promise<void> {
  await createThreads(db);
  await db
    .insertInto('discussion_comment')
    .columns(['id', 'submission_id', 'user_id', 'body', 'created_at'])
    .expression(db.selectFrom('submission_comment').select(['id', 'submission_id', 'user_id', 'body', 'created_at']))
    .execute();
  await resetSequence(db, 'discussion_comment');
  await db.schema.dropTable('submission_comment').execute();
}

export async function down(db: AnyDb): Promise<void> {
  const id = engineOf(db) === 'postgres' ? 'serial' : 'integer';
  await db.schema
    .createTable('submission_comment')
    .addColumn('id', id, (c) => c.primaryKey().notNull())
    .addColumn('submission_id', 'integer', (c) => c.notNull().references('submission.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.references('app_user.id').onDelete('set null'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('submission_comment_thread').on('submission_comment').columns(['submission_id', 'id']).execute();
  await db
    .insertInto('submission_comment')
    .columns(['id', 'submission_id', 'user_id', 'body', 'created_at'])
    .expression(db.selectFrom('discussion_comment').select(['id', 'submission_id', 'user_id', 'body', 'created_at']).where('submission_id', 'is not', null))
    .execute();
  await resetSequence(db, 'submission_comment');
  await db.schema.dropTable('discussion_comment').execute();
}
