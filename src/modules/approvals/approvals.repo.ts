import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Submission, SubmissionStatus } from '../../db/schema-accounts.js';

export async function insertSubmission(
  db: Kysely<Database>,
  s: { programId: number; organisationId: number; period: string; start: string; end: string; userId: number | null; at: string },
): Promise<Submission> {
  return db
    .insertInto('submission')
    .values({ program_id: s.programId, organisation_id: s.organisationId, period: s.period, start_date: s.start, end_date: s.end, status: 'submitted', comment: null, submitted_by: s.userId, decided_by: null, submitted_at: s.at, decided_at: null })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findSubmission(db: Kysely<Database>, id: number): Promise<Submission | undefined> {
  return db.selectFrom('submission').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Changes a submission's status if it is still at `version`; returns the new row or undefined. */
export async function decideSubmission(
  db: Kysely<Database>,
  d: { id: number; version: number; status: SubmissionStatus; comment: string | null; userId: number | null; at: string },
): Promise<Submission | undefined> {
  return db
    .updateTable('submission')
    .set((eb) => ({ status: d.status, comment: d.comment, decided_by: d.userId, decided_at: d.at, version: eb('version', '+', 1) }))
    .where('id', '=', d.id)
    .where('version', '=', d.version)
    .returningAll()
    .executeTakeFirst();
}

export async function listSubmissions(
  db: Kysely<Database>,
  f: { programId: number; organisationId?: number; status?: SubmissionStatus; limit: number; offset: number },
): Promise<Submission[]> {
  let q = db.selectFrom('submission').selectAll().where('program_id', '=', f.programId);
  if (f.organisationId !== undefined) q = q.where('organisation_id', '=', f.organisationId);
  if (f.status) q = q.where('status', '=', f.status);
  return q.orderBy('id', 'desc').limit(f.limit).offset(f.offset).execute();
}
