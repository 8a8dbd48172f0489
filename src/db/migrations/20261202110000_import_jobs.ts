/**
 * Import jobs in the database instead of one process's memory, so that any server process
 * (`vigia serve --workers N`) can answer `GET /api/jobs/{id}`, and a job cut short by a crash
 * can be told apart (it is marked `interrupted` at the next start).
 */
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run before the typed schema exists
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('import_job')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('user_id', 'integer')
    .addColumn('program', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('file', 'text', (c) => c.notNull())
    .addColumn('dry_run', 'integer', (c) => c.notNull())
    // running | done | rejected | failed | interrupted
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('done', 'integer', (c) => c.notNull())
    .addColumn('total', 'integer')
    // JSON: the ImportReport, and the refusal ({error, message, details})
    .addColumn('report', 'text')
    .addColumn('error', 'text')
    // host:pid of the process running it, so that the one that knows it died can mark it
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text')
    .execute();
  await db.schema.createIndex('import_job_status').on('import_job').columns(['status', 'owner']).execute();
  await db.schema.createIndex('import_job_ended').on('import_job').column('ended_at').execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('import_job').ifExists().execute();
}
