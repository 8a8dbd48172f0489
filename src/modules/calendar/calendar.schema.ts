/**
 * The shapes of the reporting calendar over the API (and so in the OpenAPI document and the web
 * app's types) and of the program folder's `calendar.json`; the expected reports, completeness
 * and timeliness answered from it; and an officer's reopening of a closed period.
 */
import { z } from '@hono/zod-openapi';
import { isIsoDate } from '../../core/dqa.js';
import { REPORT_FREQUENCIES, REPORT_STATUSES } from '../../core/reporting-calendar.js';

const isoDate = z.string().refine(isIsoDate, 'a calendar date written YYYY-MM-DD (1900–2100)').openapi({ example: '2013-01-01' });
const code = z.string().trim().min(1).max(100);
/** Days after a period's end: never negative, at most two years. */
const days = z.number().int('whole days').min(0, 'must not be negative').max(731, 'at most 731 days');

/** One entry: what one organisation reports, how often, and when it is due and closes. */
export const CalendarEntrySchema = z
  .object({
    organisation: code.openapi({ example: 'CORAH', description: 'The reporting partner organisation (code)' }),
    indicators: z.array(code).max(500).default([]).openapi({ description: 'Indicator codes the report holds' }),
    record_types: z.array(code).max(100).default([]).openapi({ description: 'Record type codes the report holds' }),
    frequency: z.enum(REPORT_FREQUENCIES).openapi({ description: "month, quarter, or the program's fiscal year" }),
    due_days: days.openapi({ example: 15, description: 'Due this many days after the period ends (on time: submitted by that day)' }),
    close_days: days
      .nullable()
      .default(null)
      .openapi({ example: 60, description: 'The period closes to the partner this many days after it ends (null: never); not before the due day' }),
    start: isoDate.openapi({ description: 'Reports are expected for periods starting on or after this day' }),
    end: isoDate.nullable().default(null).openapi({ description: 'and ending on or before this day (null: no end)' }),
  })
  .strict()
  .openapi('CalendarEntry');
export type CalendarEntryInput = z.output<typeof CalendarEntrySchema>;

/** A whole calendar: the body of PUT, the answer of GET, and `calendar.json`. */
export const CalendarSchema = z
  .object({ reports: z.array(CalendarEntrySchema).max(1_000) })
  .strict()
  .openapi('ReportingCalendar');
export type CalendarInput = z.output<typeof CalendarSchema>;

export const ExpectedReportSchema = z
  .object({
    organisation: z.string(),
    period: z.string().openapi({ example: '2013Q1' }),
    frequency: z.enum(REPORT_FREQUENCIES),
    indicators: z.array(z.string()),
    record_types: z.array(z.string()),
    due_on: z.string().openapi({ description: 'Last day on time' }),
    closes_on: z.string().nullable().openapi({ description: 'First day the period is closed to the partner (null: never)' }),
    closed: z.boolean().openapi({ description: 'Closed to the partner today (and not reopened)' }),
    reopened: z.boolean(),
    submitted_at: z.string().nullable().openapi({ description: "When the organisation's submissions first covered the whole period" }),
    status: z.enum(REPORT_STATUSES),
  })
  .openapi('ExpectedReport');
export type ExpectedReport = z.output<typeof ExpectedReportSchema>;

export const CompletenessRowSchema = z
  .object({
    organisation: z.string(),
    period: z.string(),
    expected: z.number().int(),
    submitted: z.number().int(),
    on_time: z.number().int(),
    status: z.enum(REPORT_STATUSES),
  })
  .openapi('CompletenessRow');

export const ProgramCompletenessSchema = z
  .object({
    period: z.string(),
    expected: z.number().int(),
    submitted: z.number().int(),
    on_time: z.number().int(),
    completeness: z.number().nullable().openapi({ description: 'Share (0–1) of the expected reports submitted' }),
    timeliness: z.number().nullable().openapi({ description: 'Share (0–1) of the expected reports submitted by their due day' }),
  })
  .openapi('ProgramCompleteness');

export const CalendarQuerySchema = z.object({
  period: z.string().max(20).optional().openapi({ description: 'Only reports of periods within this one (2013, 2013Q1, 2012Oct)', example: '2013' }),
  organisation: z.string().max(100).optional().openapi({ description: 'Only this organisation (code)' }),
});

export const ExpectedReportsSchema = z.object({ as_of: z.string(), reports: z.array(ExpectedReportSchema) }).openapi('ExpectedReports');
export const CompletenessSchema = z
  .object({ as_of: z.string(), completeness: z.array(CompletenessRowSchema), program: z.array(ProgramCompletenessSchema) })
  .openapi('Completeness');

export const ReopeningInputSchema = z
  .object({
    organisation: code,
    period: z.string().trim().min(1).max(20).openapi({ example: '2013Q1', description: "A period of the organisation's calendar" }),
    comment: z.string().trim().min(1, 'say why, in a comment').max(2_000),
  })
  .strict()
  .openapi('ReopeningInput');

export const ReopeningSchema = z
  .object({ organisation: z.string(), period: z.string(), comment: z.string(), reopened_by: z.number().nullable(), reopened_at: z.string() })
  .openapi('Reopening');
