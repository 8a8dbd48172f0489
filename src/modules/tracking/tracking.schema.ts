/** The tracking table's API shapes: the table (as `vigia itt --json` prints it), its parameters, an explanation's change. */
import { z } from '@hono/zod-openapi';
import { ProgramParamSchema } from '../values/values.schema.js';
import { EXPLANATION_MAX } from './tracking-table.js';
import { TRACKING_FORMATS } from './tracking-render.service.js';

export const TrackingParamSchema = ProgramParamSchema.extend({
  fy: z
    .string()
    .min(1)
    .max(20)
    .openapi({ param: { name: 'fy', in: 'path' }, example: '2012Oct', description: "A fiscal year of the program's calendar: 2012Oct is US FY2013" }),
});

export const ExplanationParamSchema = TrackingParamSchema.extend({
  indicator: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: 'indicator', in: 'path' }, example: 'ERAD_HA' }),
});

export const TrackingQuerySchema = z.object({
  component: z.string().min(1).max(50).optional().openapi({ description: 'Only the indicators of this component (or goal)' }),
});

export const TrackingExportQuerySchema = TrackingQuerySchema.extend({
  format: z.enum(TRACKING_FORMATS.filter((f) => f !== 'json') as ['xlsx', 'csv', 'md', 'html', 'pdf']),
  lang: z
    .enum(['en', 'es'])
    .optional()
    .openapi({ description: 'The table’s language; by default the signed-in reader’s own (their account’s language), else English' }),
});

const TrackingRowSchema = z.object({
  indicator: z.string(),
  source: z.string().nullable(),
  name: z.object({ en: z.string(), es: z.string() }),
  unit: z.string(),
  decimals: z.number().int(),
  baseline: z.object({ period: z.string(), value: z.number() }).nullable(),
  target: z.number().nullable(),
  quarters: z.array(z.object({ period: z.string(), actual: z.number().nullable() })),
  actual: z.number().nullable(),
  achieved_pct: z.number().nullable(),
  lop_target: z
    .number()
    .nullable()
    .openapi({ description: 'The life-of-program target whose span (e.g. 2012Oct/2016Oct) overlaps the fiscal year; null where none is set' }),
  lop_actual: z.number().nullable().openapi({
    description:
      "With a life-of-program target: the actual from the span's start through the fiscal year's end, aggregated as the indicator says; null without data",
  }),
  deviation_explanation: z.string().nullable(),
  explanation_required: z.boolean(),
  provenance: z.array(z.enum(['sourced', 'derived', 'illustrative'])),
});

export const TrackingTableSchema = z
  .object({
    program: z.string(),
    program_name: z.object({ en: z.string(), es: z.string() }),
    fiscal_year: z.string(),
    quarters: z.array(z.string()),
    place: z.string(),
    approved_only: z.literal(true),
    data_version: z.number().int(),
    rows: z.array(TrackingRowSchema.openapi('TrackingRow')),
  })
  .openapi('TrackingTable');

export const ExplanationBodySchema = z
  .object({
    text: z
      .string()
      .max(EXPLANATION_MAX)
      .openapi({ description: `At most ${EXPLANATION_MAX} characters; empty clears it` }),
  })
  .openapi('DeviationExplanationInput');

export const ExplanationChangeSchema = z
  .object({ indicator: z.string(), fiscal_year: z.string(), text: z.string().nullable() })
  .openapi('DeviationExplanation');
