/**
 * Import jobs: every upload through the API becomes a job, so that a large file can answer at
 * once (202) and be followed (`GET /api/jobs/{id}`) while it is checked and written, and so
 * that the problems of a rejected file can be downloaded as CSV. Jobs live in the database
 * (table import_job), written by the job as it goes, so that any server process answers for
 * them. A job is visible only to the user who started it. Ended jobs are deleted after
 * JOB_KEEP_DAYS; a job still running when its process died is marked `interrupted` (by the
 * next start, or by the cluster primary when a worker dies): imports are all-or-nothing, so
 * nothing of it was stored.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { ImportJobStatus } from '../../db/schema-jobs.js';
import { isVigiaError, type IssueDetail } from '../../core/errors.js';
import { isDatabaseBusy } from '../../db/busy.js';
import type { ImportReport } from './exchange-format.js';
import { deleteJobsEndedBefore, finishJob, findJobOfUser, insertJob, markJobsInterrupted, updateJobProgress, type ImportJobRow } from './import-jobs.repo.js';

export type JobStatus = ImportJobStatus;

export interface ImportJob {
  id: string;
  userId: number | null;
  program: string;
  format: string;
  file: string;
  dryRun: boolean;
  status: JobStatus;
  /** Rows done in the current stage, and the total when known (writing). */
  done: number;
  total: number | null;
  startedAt: string;
  endedAt: string | null;
  report: ImportReport | null;
  /** Why the job failed or was refused (not a row problem: those are in the report). */
  error: { error: string; message: string; details: IssueDetail[] } | null;
}

/** Days an ended job is kept (then deleted, with its report). */
export const JOB_KEEP_DAYS = 7;

/** Who runs the jobs started in this process: `host:pid`. */
export const jobOwnerOf = (pid: number): string => `${hostname()}:${pid}`;
const OWNER = jobOwnerOf(process.pid);

const INTERRUPTED = JSON.stringify({
  error: 'interrupted',
  message: 'the server stopped while this import ran; nothing of it was stored: send the file again',
  details: [],
});

function jobOf(row: ImportJobRow): ImportJob {
  return {
    id: row.id,
    userId: row.user_id,
    program: row.program,
    format: row.format,
    file: row.file,
    dryRun: row.dry_run === 1,
    status: row.status,
    done: row.done,
    total: row.total,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    report: row.report === null ? null : (JSON.parse(row.report) as ImportReport),
    error: row.error === null ? null : (JSON.parse(row.error) as ImportJob['error']),
  };
}

/** Starts a job record for an upload (and forgets jobs ended more than JOB_KEEP_DAYS ago). */
export async function createJob(db: Kysely<Database>, fields: Pick<ImportJob, 'userId' | 'program' | 'format' | 'file' | 'dryRun'>): Promise<ImportJob> {
  const now = new Date();
  await deleteJobsEndedBefore(db, new Date(now.getTime() - JOB_KEEP_DAYS * 86_400_000).toISOString());
  const job: ImportJob = {
    id: randomUUID(),
    ...fields,
    status: 'running',
    done: 0,
    total: null,
    startedAt: now.toISOString(),
    endedAt: null,
    report: null,
    error: null,
  };
  await insertJob(db, {
    id: job.id,
    user_id: job.userId,
    program: job.program,
    format: job.format,
    file: job.file,
    dry_run: job.dryRun ? 1 : 0,
    owner: OWNER,
    started_at: job.startedAt,
  });
  return job;
}

/** The outcome of a job once it is known: re-tried while the database is busy. */
async function storeOutcome(db: Kysely<Database>, job: ImportJob): Promise<void> {
  const outcome = {
    status: job.status as Exclude<JobStatus, 'running'>,
    done: job.done,
    total: job.total,
    endedAt: job.endedAt ?? new Date().toISOString(),
    report: job.report === null ? null : JSON.stringify(job.report),
    error: job.error === null ? null : JSON.stringify(job.error),
  };
  for (let attempt = 1; ; attempt++) {
    try {
      await finishJob(db, job.id, outcome);
      return;
    } catch (e) {
      if (!isDatabaseBusy(e) || attempt >= 10) {
        console.error(`import job ${job.id}: its outcome (${job.status}) could not be stored`, e);
        return;
      }
    }
  }
}

/**
 * Runs `work` as the job, recording progress (when the database lets it: during an SQLite
 * import's write transaction nobody else can write, and progress waits) and the outcome;
 * never throws.
 */
export async function runJob(
  db: Kysely<Database>,
  job: ImportJob,
  work: (onProgress: (done: number, total?: number) => void) => Promise<ImportReport>,
): Promise<ImportJob> {
  let writing: Promise<void> | null = null;
  const onProgress = (done: number, total?: number) => {
    job.done = done;
    job.total = total ?? null;
    // One progress write at a time; the next report carries the latest figures.
    writing ??= updateJobProgress(db, job.id, job.done, job.total)
      .catch(() => undefined)
      .finally(() => (writing = null));
  };
  try {
    const report = await work(onProgress);
    job.report = report;
    job.status = report.errors.length ? 'rejected' : 'done';
  } catch (e) {
    job.status = 'failed';
    if (isVigiaError(e)) job.error = { error: e.kind, message: e.message, details: e.details };
    else if (isDatabaseBusy(e))
      job.error = { error: 'busy', message: 'the database was busy with other writes; nothing was written, send the file again', details: [] };
    else job.error = { error: 'internal', message: 'the import failed; nothing was written', details: [] };
    if (!isVigiaError(e) && !isDatabaseBusy(e)) console.error(e);
  }
  job.endedAt = new Date().toISOString();
  await writing;
  await storeOutcome(db, job);
  return job;
}

/** The job `id` if `userId` started it (another user's job is as missing as none). */
export async function findJob(db: Kysely<Database>, id: string, userId: number | null): Promise<ImportJob | undefined> {
  const row = await findJobOfUser(db, id, userId);
  return row && jobOf(row);
}

/**
 * Marks jobs whose process is known to be gone as interrupted: every running job (`'all'`, at
 * the start of the server's primary process, before any worker runs), or those of the given
 * process ids on this host (the cluster primary, when a worker died). Returns how many.
 */
export async function markInterruptedJobs(db: Kysely<Database>, pids: readonly number[] | 'all'): Promise<number> {
  return markJobsInterrupted(db, pids === 'all' ? 'all' : pids.map(jobOwnerOf), INTERRUPTED, new Date().toISOString());
}
