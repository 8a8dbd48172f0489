/**
 * Period locks: once a period of a partner's reporting calendar closes (`close_days` after it
 * ends), the partner may no longer write to it — values of the indicators, or records of the
 * record types, its calendar names — until an officer reopens that period for the organisation.
 * Every write path of values and records asks the guard made here, row by row, inside its
 * transaction; officers and the system are not held to locks.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { conflict } from '../../core/errors.js';
import { dayOf, type Clock } from '../../core/clock.js';
import { calendarPeriodOf, closesOn } from '../../core/reporting-calendar.js';
import { shiftPeriod } from '../../core/periods.js';
import type { Actor } from '../access/actor.js';
import { findCalendarRows, findReopenings } from './calendar.repo.js';

/** What a write touches: an indicator or record type (by code), and the days of its period or date. */
export interface LockedItem {
  kind: 'indicator' | 'record_type';
  code: string;
  /** What the row names (a period id, a date), for the message. */
  period: string;
  start: string;
  end: string;
}

/** Throws a conflict (409) naming the closed period and since when, with `index` as the row. */
export type PeriodLockGuard = (item: LockedItem, index: number) => void;

/**
 * The guard for `writer` writing to the program: null when nothing can be locked for it (not a
 * partner, or its calendar closes no period).
 */
export async function periodLockGuard(
  db: Kysely<Database>,
  program: { id: number; fiscal_year_start_month: number },
  writer: Actor | undefined,
  clock: Clock,
): Promise<PeriodLockGuard | null> {
  if (!writer || writer.role !== 'partner' || writer.organisationId === null) return null;
  const entries = (await findCalendarRows(db, program.id, writer.organisationId)).filter((e) => e.close_days !== null);
  if (entries.length === 0) return null;
  const reopened = new Set((await findReopenings(db, program.id, writer.organisationId)).map((r) => r.period));
  const today = dayOf(clock);
  const calendar = entries.map((e) => ({
    ...e,
    items: new Set([
      ...(JSON.parse(e.indicators) as string[]).map((c) => `indicator:${c}`),
      ...(JSON.parse(e.record_types) as string[]).map((c) => `record_type:${c}`),
    ]),
  }));
  return (item, index) => {
    for (const e of calendar) {
      if (!e.items.has(`${item.kind}:${item.code}`)) continue;
      // Every period of the entry the written one overlaps (a year's value against a monthly calendar: twelve).
      for (let p = calendarPeriodOf(item.start, e.frequency, program.fiscal_year_start_month); p.start <= item.end; p = shiftPeriod(p, 1)) {
        if (p.end < e.start_date || (e.end_date !== null && p.start > e.end_date)) continue;
        const closes = closesOn(p, e);
        if (closes === null || today < closes || reopened.has(p.id)) continue;
        throw conflict(
          `period ${p.id} is closed for ${e.organisation} since ${closes}: its reports can no longer be changed unless a program officer reopens it (el período ${p.id} está cerrado desde ${closes})`,
          [{ row: index, column: item.kind === 'record_type' ? 'date' : 'period', value: item.period, reason: `period ${p.id} closed since ${closes}` }],
        );
      }
    }
  };
}

/** A record of `typeCode` dated `date`, as the period locks see it. */
export const recordLockItem = (typeCode: string, date: string): LockedItem => ({ kind: 'record_type', code: typeCode, period: date, start: date, end: date });
