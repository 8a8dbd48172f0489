/** The queries of the reporting calendar, the submissions it is judged by, and period reopenings. */
import type { Insertable, Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { ReportingCalendarTable } from '../../db/schema-calendar.js';

/** A program's calendar entries in their order, with the organisation's code. */
export async function findCalendarRows(db: Kysely<Database>, programId: number, organisationId?: number) {
  let q = db
    .selectFrom('reporting_calendar as c')
    .innerJoin('organisation as o', 'o.id', 'c.organisation_id')
    .selectAll('c')
    .select('o.code as organisation')
    .where('c.program_id', '=', programId);
  if (organisationId !== undefined) q = q.where('c.organisation_id', '=', organisationId);
  return q.orderBy('c.sort').execute();
}
export type CalendarRow = Awaited<ReturnType<typeof findCalendarRows>>[number];

/** Replaces a program's whole calendar with `rows`. */
export async function replaceCalendarRows(trx: Kysely<Database>, programId: number, rows: readonly Insertable<ReportingCalendarTable>[]): Promise<void> {
  await trx.deleteFrom('reporting_calendar').where('program_id', '=', programId).execute();
  if (rows.length)
    await trx
      .insertInto('reporting_calendar')
      .values([...rows])
      .execute();
}

/** The spans of days an organisation's submissions cover, and when each was made (any status: a returned report was submitted). */
export async function findSubmittedSpans(db: Kysely<Database>, programId: number, organisationId?: number) {
  let q = db
    .selectFrom('submission')
    .select(['organisation_id', 'start_date as start', 'end_date as end', 'submitted_at as at'])
    .where('program_id', '=', programId);
  if (organisationId !== undefined) q = q.where('organisation_id', '=', organisationId);
  return q.execute();
}

/** The reopened periods of a program (or of one organisation). */
export async function findReopenings(db: Kysely<Database>, programId: number, organisationId?: number) {
  let q = db
    .selectFrom('period_reopening as r')
    .innerJoin('organisation as o', 'o.id', 'r.organisation_id')
    .select(['r.id', 'r.organisation_id', 'o.code as organisation', 'r.period', 'r.comment', 'r.reopened_by', 'r.reopened_at'])
    .where('r.program_id', '=', programId);
  if (organisationId !== undefined) q = q.where('r.organisation_id', '=', organisationId);
  return q.orderBy('r.id').execute();
}

/** Records a reopening; returns false when the period was already reopened for the organisation. */
export async function insertReopening(
  trx: Kysely<Database>,
  r: { program_id: number; organisation_id: number; period: string; comment: string; reopened_by: number | null; reopened_at: string },
): Promise<boolean> {
  const found = await trx
    .selectFrom('period_reopening')
    .select('id')
    .where('program_id', '=', r.program_id)
    .where('organisation_id', '=', r.organisation_id)
    .where('period', '=', r.period)
    .executeTakeFirst();
  if (found) return false;
  await trx.insertInto('period_reopening').values(r).execute();
  return true;
}

/** True when the program (by code) has a calendar entry. */
export async function hasCalendar(db: Kysely<Database>, programCode: string): Promise<boolean> {
  const found = await db
    .selectFrom('reporting_calendar')
    .innerJoin('program', 'program.id', 'reporting_calendar.program_id')
    .select('reporting_calendar.id')
    .where('program.code', '=', programCode)
    .executeTakeFirst();
  return found !== undefined;
}
