/** Table types of the reporting calendar and period reopenings (migration 20261203150000_reporting_calendar). */
import type { Generated, Selectable } from 'kysely';
import type { ReportFrequency } from '../core/reporting-calendar.js';

export interface ReportingCalendarTable {
  id: Generated<number>;
  program_id: number;
  organisation_id: number;
  sort: number;
  /** JSON array of indicator codes. */
  indicators: string;
  /** JSON array of record type codes. */
  record_types: string;
  frequency: ReportFrequency;
  due_days: number;
  /** Null: the periods never close. */
  close_days: number | null;
  /** `YYYY-MM-DD`: reports are expected for periods that start on or after it. */
  start_date: string;
  /** `YYYY-MM-DD`: and end on or before it (null: no end). */
  end_date: string | null;
}

export interface PeriodReopeningTable {
  id: Generated<number>;
  program_id: number;
  organisation_id: number;
  /** The calendar period's id (`201301`, `2013Q1`, `2012Oct`). */
  period: string;
  comment: string;
  reopened_by: number | null;
  reopened_at: string;
}

export interface CalendarTables {
  reporting_calendar: ReportingCalendarTable;
  period_reopening: PeriodReopeningTable;
}

export type ReportingCalendarRow = Selectable<ReportingCalendarTable>;
export type PeriodReopeningRow = Selectable<PeriodReopeningTable>;
