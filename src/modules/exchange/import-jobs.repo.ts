/**
 * Queries of the import_job table. Every update of a job is conditional on its still running,
 * so that a late progress report never overwrites the outcome, and an outcome never replaces
 * the `interrupted` mark of a job whose process was declared dead.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { ImportJobRow, ImportJobStatus } from '../../db/schema-jobs.js';

export type { ImportJobRow };

/** Stores a new running job. */
export async function insertJob(db: Kysely<Database>, row: Omit<ImportJobRow, 'done' | 'total' | 'report' | 'error' | 'ended_at' | 'status'>): Promise<void> {
  await db
    .insertInto('import_job')
    .values({ ...row, status: 'running', done: 0, total: null, report: null, error: null, ended_at: null })
    .execute();
}

/** Records progress of a running job. */
export async function updateJobProgress(db: Kysely<Database>, id: string, done: number, total: number | null): Promise<void> {
  await db.updateTable('import_job').set({ done, total }).where('id', '=', id).where('status', '=', 'running').execute();
}

/** Records the outcome of a running job; false when it was no longer running. */
export async function finishJob(
  db: Kysely<Database>,
  id: string,
  outcome: { status: Exclude<ImportJobStatus, 'running'>; done: number; total: number | null; report: string | null; error: string | null; endedAt: string },
): Promise<boolean> {
  const r = await db
    .updateTable('import_job')
    .set({ status: outcome.status, done: outcome.done, total: outcome.total, report: outcome.report, error: outcome.error, ended_at: outcome.endedAt })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** The job `id` if user `userId` started it. */
export async function findJobOfUser(db: Kysely<Database>, id: string, userId: number | null): Promise<ImportJobRow | undefined> {
  if (userId === null) return undefined;
  return db.selectFrom('import_job').selectAll().where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
}

/** Marks running jobs interrupted: every one, or those of the given owners. Returns how many. */
export async function markJobsInterrupted(db: Kysely<Database>, owners: readonly string[] | 'all', error: string, endedAt: string): Promise<number> {
  if (owners !== 'all' && owners.length === 0) return 0;
  let q = db.updateTable('import_job').set({ status: 'interrupted', error, ended_at: endedAt }).where('status', '=', 'running');
  if (owners !== 'all') q = q.where('owner', 'in', owners);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Forgets jobs that ended before `endedBefore`. */
export async function deleteJobsEndedBefore(db: Kysely<Database>, endedBefore: string): Promise<void> {
  await db.deleteFrom('import_job').where('ended_at', '<', endedBefore).execute();
}
