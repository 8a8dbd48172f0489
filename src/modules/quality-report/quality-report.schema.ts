/**
 * The shape of a program's quality report (`GET /api/programs/{program}/quality`, `vigia quality
 * --json`): open rule warnings, open outliers, and completeness and timeliness per organisation ×
 * period.
 */
import { z } from '@hono/zod-openapi';
import { CompletenessRowSchema } from '../calendar/calendar.schema.js';

const where = {
  indicator: z.string().openapi({ example: 'ERAD_HA' }),
  place: z.string().openapi({ example: 'PE-HUA' }),
  period: z.string().openapi({ example: '2013Q1' }),
};

export const ViolationSchema = z
  .object({
    rule: z.string().openapi({ description: 'The validation rule broken (its code)' }),
    severity: z.enum(['error', 'warning']).openapi({ description: 'Always warning: a broken error rule refuses the write, so it is never stored' }),
    ...where,
    value: z.number().nullable().openapi({ description: "The value checked (null for a partner when a relation's figures come from other values)" }),
    message: z.string(),
  })
  .openapi('QualityViolation');

export const OutlierSchema = z
  .object({
    ...where,
    value: z.number(),
    expected: z.object({ low: z.number(), high: z.number() }).openapi({ description: "The range expected from the series' history" }),
  })
  .openapi('QualityOutlier');

export const QualityQuerySchema = z.object({
  period: z
    .string()
    .max(20)
    .optional()
    .openapi({ description: 'Only values and reports of periods within this one (2013, 2013Q1, 2012Oct)', example: '2013Q1' }),
});

export const QualityReportSchema = z
  .object({
    violations: z.array(ViolationSchema).openapi({ description: 'Open (unacknowledged) warnings of validation rules' }),
    outliers: z.array(OutlierSchema).openapi({ description: 'Open (unacknowledged) outlier flags' }),
    completeness: z.array(CompletenessRowSchema),
    truncated: z.boolean().openapi({ description: 'True when there were more open flags than one report lists (5,000)' }),
  })
  .openapi('QualityReport');
export type QualityReport = z.output<typeof QualityReportSchema>;
