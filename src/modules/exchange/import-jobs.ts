/**
 * Import jobs: every upload through the API becomes a job, so that a large file can answer at
 * once (202) and be followed (`GET /api/jobs/{id}`) while it is checked and written, and so
 * that the problems of a rejected file can be downloaded as CSV. The table lives in the memory
 * of the server process: jobs are lost on restart, and are forgotten an hour after they end
 * (at most 1,000 are kept). A job is visible only to the user who started it.
 */
import { randomUUID } from 'node:crypto';
import { isVigiaError, type IssueDetail } from '../../core/errors.js';
import type { ImportReport } from './exchange-format.js';

export type JobStatus = 'running' | 'done' | 'rejected' | 'failed';

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

const KEEP_MS = 60 * 60 * 1000;
const MAX_JOBS = 1_000;
const jobs = new Map<string, ImportJob>();

function prune(now: number): void {
  for (const [id, job] of jobs) {
    if (job.endedAt && now - Date.parse(job.endedAt) > KEEP_MS) jobs.delete(id);
  }
  // Oldest first: a Map iterates in insertion order.
  for (const id of jobs.keys()) {
    if (jobs.size < MAX_JOBS) break;
    if (jobs.get(id)?.status !== 'running') jobs.delete(id);
  }
}

/** Starts a job record for an upload. */
export function createJob(fields: Pick<ImportJob, 'userId' | 'program' | 'format' | 'file' | 'dryRun'>): ImportJob {
  prune(Date.now());
  const job: ImportJob = { id: randomUUID(), ...fields, status: 'running', done: 0, total: null, startedAt: new Date().toISOString(), endedAt: null, report: null, error: null };
  jobs.set(job.id, job);
  return job;
}

/** Runs `work` as the job, recording progress and the outcome; never throws. */
export async function runJob(job: ImportJob, work: (onProgress: (done: number, total?: number) => void) => Promise<ImportReport>): Promise<ImportJob> {
  try {
    const report = await work((done, total) => {
      job.done = done;
      job.total = total ?? null;
    });
    job.report = report;
    job.status = report.errors.length ? 'rejected' : 'done';
  } catch (e) {
    job.status = 'failed';
    job.error = isVigiaError(e)
      ? { error: e.kind, message: e.message, details: e.details }
      : { error: 'internal', message: 'the import failed; nothing was written', details: [] };
    if (!isVigiaError(e)) console.error(e);
  }
  job.endedAt = new Date().toISOString();
  return job;
}

/** The job `id` if `userId` started it. */
export function findJob(id: string, userId: number | null): ImportJob | undefined {
  const job = jobs.get(id);
  return job && job.userId === userId ? job : undefined;
}
