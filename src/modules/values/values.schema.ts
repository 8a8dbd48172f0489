import { z } from '@hono/zod-openapi';
import { MAX_MAGNITUDE } from '../../core/finite-number.js';

/** Declared beside the route helpers, which every module shares; re-exported for the modules that take it from here. */
export { ProgramParamSchema } from '../../http/openapi-helpers.js';

export const PagingSchema = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

const code = z.string().min(1).max(100);

export const ValueInputSchema = z
  .object({
    indicator: code.openapi({ example: 'ERAD_HA' }),
    place: code.openapi({ example: '10' }),
    period: z.string().min(4).max(12).openapi({ example: '2013' }),
    value: z
      .number()
      .finite()
      .min(-MAX_MAGNITUDE)
      .max(MAX_MAGNITUDE)
      .openapi({ description: `A finite number within ±${MAX_MAGNITUDE.toExponential()}` }),
    disagg: z.string().max(500).optional().openapi({ example: 'substance=cocaine_base' }),
    source: z.string().max(50).optional(),
    note: z.string().max(2000).nullable().optional(),
    organisation: z.string().max(50).nullable().optional().openapi({ description: 'Reporting organisation (officers; partners always write as their own)' }),
    status: z.enum(['draft', 'submitted', 'approved', 'returned']).optional().openapi({ description: 'Officers only; partners always write drafts' }),
    provenance: z.enum(['sourced', 'derived', 'illustrative']).optional(),
  })
  .openapi('ValueInput');

export const ValueWriteSchema = ValueInputSchema.extend({
  version: z.number().int().min(0).openapi({ description: 'The version you read (0 for a new value); a stale one gets 409' }),
}).openapi('ValueWrite');

export const ValueKeySchema = z
  .object({
    indicator: code,
    place: code,
    period: z.string().min(4).max(12),
    disagg: z.string().max(500).optional(),
    source: z.string().max(50).optional(),
    version: z.number().int().min(1),
  })
  .openapi('ValueKey');

/** One value of a batch: with `version`, written only if the stored value is still at it. */
export const ValueBatchItemSchema = ValueInputSchema.extend({
  version: z.number().int().min(0).optional().openapi({ description: 'The version you read (0 for a new value); a stale one makes the whole batch a 409' }),
}).openapi('ValueBatchItem');

export const ValueBatchSchema = z
  .object({
    values: z.array(ValueBatchItemSchema).max(10_000).default([]),
    delete: z.array(ValueKeySchema).max(10_000).default([]).openapi({ description: 'Values to delete in the same transaction, each at the version you read' }),
  })
  .refine((b) => b.values.length + b.delete.length > 0, { message: 'nothing to write: give values or delete', path: ['values'] })
  .openapi('ValueBatch');

export const ValueRowSchema = z
  .object({
    id: z.number().int(),
    indicator: z.string(),
    place: z.string(),
    period: z.string(),
    disagg: z.string(),
    source: z.string(),
    value: z.number(),
    status: z.string(),
    version: z.number().int(),
    provenance: z.string(),
    note: z.string().nullable(),
    organisation: z.string().nullable(),
    updated_at: z.string(),
  })
  .openapi('Value');

export const ValueListQuerySchema = PagingSchema.extend({
  indicator: z.string().max(500).optional().openapi({ description: 'Indicator codes, comma-separated' }),
  place: z.string().max(100).optional(),
  period: z.string().max(12).optional(),
  status: z.enum(['draft', 'submitted', 'approved', 'returned']).optional(),
  organisation: z.string().max(50).optional(),
});
