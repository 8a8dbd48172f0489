/** Validation rules and value flags over HTTP: the shapes of requests and answers. */
import { z } from '@hono/zod-openapi';
import { qualityRuleSchema } from '../../core/quality-rules.js';
import { ProgramParamSchema } from '../../http/program-param.js';

export const RuleInputSchema = qualityRuleSchema;

/** A stored rule: its definition with the defaults filled in. */
export const RuleSchema = z.record(z.string(), z.unknown()).openapi('ValidationRule', {
  description: 'A validation rule as stored: code, kind (range | whole | relation | outlier), severity and the fields of its kind',
});

export const RuleParamSchema = ProgramParamSchema.extend({
  rule: z
    .string()
    .max(64)
    .openapi({ param: { name: 'rule', in: 'path' }, example: 'ERAD_NOT_NEGATIVE' }),
});

export const ValueFlagSchema = z
  .object({
    id: z.number().int(),
    value_id: z.number().int(),
    rule: z.string(),
    kind: z.string(),
    value: z.number().nullable().openapi({ description: 'The value checked (for a relation, its left side; null for a partner)' }),
    expected: z
      .unknown()
      .openapi({ description: 'The limit broken, or {low, high} for an outlier (for a relation, null for a partner: it comes from other values)' }),
    message: z.string(),
    acknowledged: z.boolean(),
    acknowledged_at: z.string().nullable(),
    comment: z.string().nullable(),
  })
  .openapi('ValueFlag');

export const FlagParamSchema = z.object({
  id: z.coerce
    .number()
    .int()
    .positive()
    .openapi({ param: { name: 'id', in: 'path' } }),
});

export const AcknowledgeSchema = z
  .object({ comment: z.string().trim().min(1, 'say why the value stands, in a comment').max(2000) })
  .openapi('FlagAcknowledgement');

export const FlagListQuerySchema = z.object({
  period: z.string().max(12).optional(),
  open: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true')
    .openapi({ description: 'true: only the warnings not yet acknowledged' }),
});

export const FlagListSchema = z.object({
  flags: z.array(
    ValueFlagSchema.extend({ indicator: z.string(), place: z.string(), period: z.string(), disagg: z.string(), source: z.string(), status: z.string() }),
  ),
  truncated: z.boolean(),
});
