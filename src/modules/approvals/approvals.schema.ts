import { ValueFlagSchema } from '../quality-rules/quality-rules.schema.js';
import { z } from '@hono/zod-openapi';
import { ValueRowSchema } from '../values/values.schema.js';

export const SubmissionSchema = z
  .object({
    id: z.number().int(),
    program_id: z.number().int(),
    organisation_id: z.number().int(),
    period: z.string(),
    start_date: z.string(),
    end_date: z.string(),
    status: z.enum(['submitted', 'approved', 'returned']),
    comment: z.string().nullable(),
    version: z.number().int(),
    submitted_by: z.number().int().nullable(),
    decided_by: z.number().int().nullable(),
    submitted_at: z.string(),
    decided_at: z.string().nullable(),
  })
  .openapi('Submission');

export const SubmitSchema = z
  .object({
    period: z.string().min(4).max(12).openapi({ example: '2013Q1' }),
    organisation: z.string().max(50).optional().openapi({ description: 'Officers name the organisation; partners submit their own' }),
  })
  .openapi('Submit');

export const DecisionSchema = z
  .object({
    version: z.number().int().min(1).openapi({ description: 'The submission version you read' }),
    comment: z.string().max(2000).optional().openapi({ description: 'Required to return or unlock' }),
  })
  .openapi('Decision');

export const SubmissionListQuerySchema = z.object({
  status: z.enum(['submitted', 'approved', 'returned']).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

export const SubmissionSummarySchema = SubmissionSchema.extend({
  organisation: z.string().openapi({ description: 'Organisation code' }),
  submitted_by_name: z.string().nullable(),
  values: z.number().int().openapi({ description: "The organisation's data values within the period" }),
  records: z.number().int().openapi({ description: "The organisation's records dated within the period" }),
}).openapi('SubmissionSummary');

/** A value under review, with its place's name beside the code so reviewers read "Huánuco", not "PE-10". */
export const SubmissionValueSchema = ValueRowSchema.extend({ place_name: z.string(), flags: z.array(ValueFlagSchema) }).openapi('SubmissionValue');
