/** Request and response shapes of the analytics API (validation, types and OpenAPI in one). */
import { z } from '@hono/zod-openapi';
import { FIGURE_MARKS } from '../../core/figure-marks.js';

const periodId = z.string().regex(/^\d{4}([A-Za-z]+|Q[1-4]|\d{2}|\d{4})?$/, 'a period id such as 2012, 2012Q3, 201207 or 2012Oct');

export const AnalyticsQuerySchema = z.object({
  program: z.string().min(1).openapi({ example: 'PE', description: 'Program code' }),
  indicator: z.string().min(1).openapi({ example: 'ERAD_HA', description: 'Indicator codes, comma-separated' }),
  by: z.string().optional().openapi({
    example: 'place-level:2,period:year',
    description: 'Groupings, comma-separated: place-level:N, period:year|quarter|month|fy-oct, disagg:NAME, source',
  }),
  source: z.string().optional().openapi({ example: 'USG' }),
  place: z.string().optional().openapi({ description: 'Place code: that place and everything below it' }),
  zone: z.string().optional().openapi({ description: 'Zone code' }),
  from: periodId.optional().openapi({ example: '2011' }),
  to: periodId.optional().openapi({ example: '2013' }),
  disagg: z.string().optional().openapi({ example: 'substance=cocaine_base', description: 'Filter, dimension=option pairs joined by ;' }),
});

/** Coverage of a row's period (core/coverage.ts); null when unknown (nothing reported in the period before, or not one period). */
export const CoverageSchema = z
  .object({
    reported: z.number().int().openapi({ description: 'Expected reports (leaf place × sub-period) with data now, plus reports not expected' }),
    expected: z.number().int().openapi({ description: 'Reports expected: those of the previous comparable period (until a reporting calendar exists)' }),
    complete: z.boolean().openapi({ description: 'Every expected report has data and the period is over' }),
    period_ended: z.boolean().openapi({ description: "The period's last day is before today" }),
    level: z
      .number()
      .int()
      .nullable()
      .openapi({ description: 'Place level counted when each report is one place for the whole period (2: departments); else null' }),
    counted_period: z.enum(['quarter', 'month', 'day']).nullable().openapi({
      description: 'Event data (records): the sub-periods counted, program-wide, instead of places ("data for 1 of 4 quarters"); else null',
    }),
  })
  .nullable()
  .openapi('Coverage');

/** The figure's flags (core/figure-marks.ts): written d, i, p after the figure in every output. */
export const MarksSchema = z
  .array(z.enum(FIGURE_MARKS))
  .openapi({ description: 'Flags of the figure, in order: derived (d), illustrative (i), draft (p: includes values not yet approved)' });

export const AnalyticsRowSchema = z
  .object({
    indicator: z.string(),
    source: z.string().optional(),
    place: z.object({ code: z.string(), name: z.string(), level: z.number().int() }).optional(),
    period: z.string().optional(),
    disagg: z.record(z.string(), z.string().nullable()).optional(),
    value: z.number().nullable(),
    provenance: z.array(z.enum(['sourced', 'derived', 'illustrative'])),
    unapproved: z.boolean().openapi({ description: 'The value includes contributions not yet approved (never so with approved=true)' }),
    coverage: CoverageSchema,
    marks: MarksSchema,
  })
  .openapi('AnalyticsRow');

export const AnalyticsResultSchema = z.object({ rows: z.array(AnalyticsRowSchema) }).openapi('AnalyticsResult');
