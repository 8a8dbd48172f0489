import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Submission, SubmissionStatus } from '../../db/schema-accounts.js';
import type { DataScope } from '../access/policy.js';
import type { ValueScope } from '../access/visible-data.repo.js';
import { visibleRowsWhere } from '../access/visible-data.repo.js';
import { countCoveredValues } from '../values/values.repo.js';

export async function insertSubmission(
  db: Kysely<Database>,
  s: { programId: number; organisationId: number; period: string; start: string; end: string; userId: number | null; at: string },
): Promise<Submission> {
  return db
    .insertInto('submission')
    .values({
      program_id: s.programId,
      organisation_id: s.organisationId,
      period: s.period,
      start_date: s.start,
      end_date: s.end,
      status: 'submitted',
      comment: null,
      submitted_by: s.userId,
      decided_by: null,
      submitted_at: s.at,
      decided_at: null,
    })
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

/** One submission, if the reader with `scope` may see it (submissions are visible as the data they cover). */
export async function findVisibleSubmission(db: Kysely<Database>, id: number, scope: DataScope): Promise<Submission | undefined> {
  return db
    .selectFrom('submission')
    .selectAll()
    .where('id', '=', id)
    .where(visibleRowsWhere(scope, { status: 'submission.status', organisation: 'submission.organisation_id' }))
    .executeTakeFirst();
}

/**
 * Submissions with what a reviewer needs at a glance: the organisation's code, the submitter's
 * name, and how many values and records of the organisation lie within the period — of those
 * the reader may see (`scope`), like the submissions themselves.
 */
export async function listSubmissionSummaries(
  db: Kysely<Database>,
  f: { programId: number; scope: ValueScope; organisationId?: number; status?: SubmissionStatus; limit: number; offset: number },
) {
  let q = db
    .selectFrom('submission as s')
    .innerJoin('organisation as o', 'o.id', 's.organisation_id')
    .leftJoin('app_user as u', 'u.id', 's.submitted_by')
    .selectAll('s')
    .select(['o.code as organisation', 'u.name as submitted_by_name'])
    .select((eb) => [
      countCoveredValues(eb, f.scope).as('values'),
      eb
        .selectFrom('record as r')
        .select((e) => e.fn.countAll<number | string>().as('n'))
        .whereRef('r.organisation_id', '=', 's.organisation_id')
        .whereRef('r.program_id', '=', 's.program_id')
        .whereRef('r.date', '>=', 's.start_date')
        .whereRef('r.date', '<=', 's.end_date')
        .where(visibleRowsWhere(f.scope, { status: 'r.status', organisation: 'r.organisation_id' }))
        .as('records'),
    ])
    .where('s.program_id', '=', f.programId)
    .where(visibleRowsWhere(f.scope, { status: 's.status', organisation: 's.organisation_id' }));
  if (f.organisationId !== undefined) q = q.where('s.organisation_id', '=', f.organisationId);
  if (f.status) q = q.where('s.status', '=', f.status);
  const rows = await q.orderBy('s.id', 'desc').limit(f.limit).offset(f.offset).execute();
  // PostgreSQL counts are bigint strings.
  return rows.map((r) => ({ ...r, values: Number(r.values ?? 0), records: Number(r.records ?? 0) }));
}
