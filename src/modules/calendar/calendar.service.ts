/**
 * The reporting calendar as officers and administrators manage it over the API (the whole
 * calendar replaced at once, audited with what it was before), and an officer's reopening of a
 * closed period for one organisation, with a comment (audited).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { conflict, notFound, validationError } from '../../core/errors.js';
import { dayOf, type Clock } from '../../core/clock.js';
import { closesOn } from '../../core/reporting-calendar.js';
import { tryParsePeriod } from '../../core/periods.js';
import type { Actor } from '../access/actor.js';
import { requirePermission } from '../access/policy.js';
import { recordAudit } from '../audit/audit.repo.js';
import { findProgram, loadCatalog } from '../catalog/catalog.repo.js';
import { findCalendarRows, findReopenings, insertReopening, replaceCalendarRows, type CalendarRow } from './calendar.repo.js';
import { checkCalendar } from './calendar-check.js';
import type { CalendarInput } from './calendar.schema.js';

/** A stored entry as the API and `calendar.json` write it. */
export function entryOf(r: CalendarRow): CalendarInput['reports'][number] {
  return {
    organisation: r.organisation,
    indicators: JSON.parse(r.indicators) as string[],
    record_types: JSON.parse(r.record_types) as string[],
    frequency: r.frequency,
    due_days: r.due_days,
    close_days: r.close_days,
    start: r.start_date,
    end: r.end_date,
  };
}

/** A program's calendar (the calendar itself is no secret: who reports what, and when). */
export async function getCalendar(db: Kysely<Database>, programCode: string): Promise<CalendarInput> {
  const program = await findProgram(db, programCode);
  return { reports: (await findCalendarRows(db, program.id)).map(entryOf) };
}

/**
 * Replaces a program's calendar inside `trx`, after checking it (a validation error names each
 * field); audited as `userId` (null: the system). Returns false when nothing changed.
 */
export async function storeCalendar(trx: Kysely<Database>, programCode: string, input: CalendarInput, userId: number | null, file?: string): Promise<boolean> {
  const catalog = await loadCatalog(trx, programCode, []);
  const { rows, issues } = await checkCalendar(trx, catalog, input);
  if (issues.length) throw validationError(`${issues.length} problem(s) in the reporting calendar${file ? ` (${file})` : ''}; nothing was saved`, issues);
  const before = (await findCalendarRows(trx, catalog.program.id)).map(entryOf);
  const after = input.reports;
  if (JSON.stringify(before) === JSON.stringify(after)) return false;
  await replaceCalendarRows(trx, catalog.program.id, rows);
  await recordAudit(trx, {
    userId,
    action: 'update',
    entity: 'reporting_calendar',
    programId: catalog.program.id,
    before: { reports: before },
    after: { reports: after, ...(file ? { file } : {}) },
  });
  return true;
}

/** An officer's or administrator's new calendar for the program. */
export async function saveCalendar(db: Kysely<Database>, actor: Actor, programCode: string, input: CalendarInput): Promise<CalendarInput> {
  requirePermission(actor, 'manage_framework');
  await db.transaction().execute((trx) => storeCalendar(trx, programCode, input, actor.userId));
  return getCalendar(db, programCode);
}

/** The reopened periods of a program, as the reader may see them (a partner: its own). */
export async function listReopenings(db: Kysely<Database>, actor: Actor, programCode: string) {
  requirePermission(actor, 'read_data');
  const program = await findProgram(db, programCode);
  const own = actor.role === 'partner' ? (actor.organisationId ?? -1) : undefined;
  return (await findReopenings(db, program.id, own)).map(({ organisation, period, comment, reopened_by, reopened_at }) => ({
    organisation,
    period,
    comment,
    reopened_by,
    reopened_at,
  }));
}

/**
 * Reopens a closed period of one organisation's calendar, with the officer's comment, so that
 * its partners may write to it again (audited). A period that is not closed, or not one of the
 * organisation's calendar, is refused.
 */
export async function reopenPeriod(
  db: Kysely<Database>,
  actor: Actor,
  programCode: string,
  input: { organisation: string; period: string; comment: string },
  clock: Clock,
) {
  requirePermission(actor, 'approve');
  const catalog = await loadCatalog(db, programCode, []);
  const organisationId = catalog.organisations.get(input.organisation);
  if (organisationId === undefined) throw notFound(`program ${programCode} has no organisation "${input.organisation}"`);
  const period = tryParsePeriod(input.period);
  if (!period) throw validationError('not a period', [{ column: 'period', value: input.period, reason: 'not a period (201301, 2013Q1, 2012Oct)' }]);
  const fiscal = catalog.program.fiscal_year_start_month;
  const entries = (await findCalendarRows(db, catalog.program.id, organisationId)).filter(
    (e) => e.frequency === period.type && (period.type !== 'fiscal_year' || period.fiscalStartMonth === fiscal),
  );
  if (entries.length === 0)
    throw validationError(`${input.organisation} reports no ${period.type.replace('_', ' ')} periods`, [
      { column: 'period', value: input.period, reason: `not a period of ${input.organisation}'s reporting calendar` },
    ]);
  const today = dayOf(clock);
  const closes = entries.map((e) => closesOn(period, e)).filter((d): d is string => d !== null && d <= today);
  if (closes.length === 0) throw conflict(`period ${period.id} is not closed for ${input.organisation}; there is nothing to reopen`);
  const row = {
    program_id: catalog.program.id,
    organisation_id: organisationId,
    period: period.id,
    comment: input.comment.trim(),
    reopened_by: actor.userId,
    reopened_at: clock().toISOString(),
  };
  await db.transaction().execute(async (trx) => {
    if (!(await insertReopening(trx, row))) throw conflict(`period ${period.id} is already reopened for ${input.organisation}`);
    await recordAudit(trx, {
      userId: actor.userId,
      action: 'reopen',
      entity: 'period',
      programId: catalog.program.id,
      after: { ...row, organisation: input.organisation },
    });
  });
  return { organisation: input.organisation, period: period.id, comment: row.comment, reopened_by: row.reopened_by, reopened_at: row.reopened_at };
}
