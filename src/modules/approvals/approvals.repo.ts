import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Submission, SubmissionStatus } from '../../db/schema-accounts.js';
import type { DataScope } from '../access/policy.js';
import type { ValueScope } from '../access/visible-data.repo.js';
import { visibleRowsWhere, visibleValuesWhere } from '../access/visible-data.repo.js';

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
      eb
        .selectFrom('data_value as v')
        .innerJoin('indicator as i', 'i.id', 'v.indicator_id')
        .select((e) => e.fn.countAll<number | string>().as('n'))
        .whereRef('v.organisation_id', '=', 's.organisation_id')
        .whereRef('i.program_id', '=', 's.program_id')
        .whereRef('v.start_date', '>=', 's.start_date')
        .whereRef('v.end_date', '<=', 's.end_date')
        .where(visibleValuesWhere(f.scope, { status: 'v.status', organisation: 'v.organisation_id', indicator: 'v.indicator_id' }))
        .as('values'),
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

/** The values a submission covers (its organisation's, within its period) that the reader with `scope` may see. */
export async function listSubmissionValues(db: Kysely<Database>, s: Submission, scope: ValueScope, limit: number) {
  return db
    .selectFrom('data_value as v')
    .innerJoin('indicator as i', 'i.id', 'v.indicator_id')
    .innerJoin('place as p', 'p.id', 'v.place_id')
    .leftJoin('organisation as o', 'o.id', 'v.organisation_id')
    .select([
      'v.id', 'i.code as indicator', 'p.code as place', 'v.period', 'v.disagg', 'v.source', 'v.value', 'v.status',
      'v.version', 'v.provenance', 'v.note', 'o.code as organisation', 'v.updated_at',
    ])
    .where('i.program_id', '=', s.program_id)
    .where(visibleValuesWhere(scope, { status: 'v.status', organisation: 'v.organisation_id', indicator: 'v.indicator_id' }))
    .where('v.organisation_id', '=', s.organisation_id)
    .where('v.start_date', '>=', s.start_date)
    .where('v.end_date', '<=', s.end_date)
    .orderBy('i.code')
    .orderBy('p.code')
    .orderBy('v.period')
    .limit(limit)
    .execute();
}
