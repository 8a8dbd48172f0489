/**
 * The due-date reminders of the reporting calendar: on the clock's day, every expected report
 * with nothing submitted whose due date is `remindDays` days away or less is reminded to the
 * organisation's clerks (`due_soon`), and one whose due date has passed to its clerks and the
 * officers (`overdue`). Worked out from the live expected reports; each reminder is sent once
 * (remindOnce claims it), so the sweep may run in every server process, every minute.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Clock } from '../../core/clock.js';
import { addDays } from '../../core/reporting-calendar.js';
import { findProgram, listPrograms } from '../catalog/catalog.repo.js';
import { findOrganisationId } from '../accounts/users.repo.js';
import { remindOnce, type Notices } from '../notifications/notify.service.js';
import { expectedReports } from './expected-reports.service.js';
import type { ExpectedReport } from './calendar.schema.js';

/**
 * Days after its due date an unsubmitted report is still reminded as overdue: a reminder is
 * about a date that just passed; a report missing for long (a program loaded with years of
 * history, a server stopped for weeks) is the completeness page's business, not the inbox's.
 */
export const OVERDUE_REMINDER_DAYS = 30;

export interface ReminderSettings {
  clock: Clock;
  /** How many days before the due date the clerks are reminded (VIGIA_REMIND_DAYS). */
  remindDays: number;
}

/** Which reminder an expected report calls for today, if any. */
export function reminderOf(r: ExpectedReport, today: string, remindDays: number): 'due_soon' | 'overdue' | null {
  if (r.submitted_at !== null || r.closed) return null;
  if (today > r.due_on) return today <= addDays(r.due_on, OVERDUE_REMINDER_DAYS) ? 'overdue' : null;
  return addDays(today, remindDays) >= r.due_on ? 'due_soon' : null;
}

/**
 * Sends the reminders due on the clock's day for every program; returns how many were sent by
 * this call (reminders sent before, here or by another process, are not counted).
 */
export async function sweepDueReminders(db: Kysely<Database>, notices: Notices, s: ReminderSettings): Promise<number> {
  const at = s.clock().toISOString();
  const today = at.slice(0, 10);
  const orgIds = new Map<string, number | undefined>();
  let sent = 0;
  for (const { code } of await listPrograms(db)) {
    const program = await findProgram(db, code);
    const { reports } = await expectedReports(db, undefined, code, {}, s.clock);
    // One reminder of each kind per organisation and period, with the earliest due date of its reports.
    const wanted = new Map<string, { kind: 'due_soon' | 'overdue'; organisation: string; period: string; due: string }>();
    for (const r of reports) {
      const kind = reminderOf(r, today, s.remindDays);
      if (!kind) continue;
      const key = `${kind}|${r.organisation}|${r.period}`;
      const had = wanted.get(key);
      if (!had || r.due_on < had.due) wanted.set(key, { kind, organisation: r.organisation, period: r.period, due: r.due_on });
    }
    for (const w of wanted.values()) {
      if (!orgIds.has(w.organisation)) orgIds.set(w.organisation, await findOrganisationId(db, w.organisation));
      const organisationId = orgIds.get(w.organisation);
      if (organisationId === undefined) continue;
      const told = await remindOnce(db, notices, { kind: w.kind, programId: program.id, organisationId, period: w.period, due: w.due, at });
      if (told.length) sent++;
    }
  }
  return sent;
}
