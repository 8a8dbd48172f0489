/** The API shapes of an indicator's reference sheet: what GET answers and what PATCH takes. */
import { z } from '@hono/zod-openapi';
import { REASON_REQUIRED, REFERENCE_TEXT_FIELDS, REQUIRED_PIRS_FIELDS } from '../../core/reference-sheet.js';
import { referencePatchFieldsSchema, referenceSheetSchema } from '../../core/reference-sheet.schema.js';
import { ProgramParamSchema } from '../values/values.schema.js';

export const IndicatorParamSchema = ProgramParamSchema.extend({
  indicator: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: 'indicator', in: 'path' } }),
});

export const ReferenceSheetFieldsSchema = referenceSheetSchema.openapi('ReferenceFields', {
  description: `The reference fields of a PIRS; text fields (${REFERENCE_TEXT_FIELDS.join(', ')}) in English and Spanish, each at most 10,000 characters, stored as given: render them escaped`,
});

const ChangeSchema = z
  .object({
    at: z.string(),
    user_id: z.number().int().nullable(),
    by: z.string().openapi({ description: 'The user’s name, or what the system ran (a program-folder load)' }),
    field: z.string(),
    before: z.unknown(),
    after: z.unknown(),
    reason: z.string(),
  })
  .openapi('IndicatorChange');

export const ReferenceSheetSchema = z
  .object({
    indicator: z.string(),
    name: z.object({ en: z.string(), es: z.string() }),
    unit: z.string(),
    agg_time: z.string(),
    agg_place: z.string(),
    formula: z.string().nullable(),
    sources: z.array(z.string()),
    disaggregations: z.array(z.string()),
    reference: ReferenceSheetFieldsSchema,
    responsible_user_name: z.string().nullable(),
    completeness: z
      .object({
        filled: z.number().int(),
        required: z.number().int(),
        missing: z.array(z.string()).openapi({ description: `Required fields still empty ("not yet defined"), of: ${REQUIRED_PIRS_FIELDS.join(', ')}` }),
        untranslated: z.array(z.string()).openapi({ description: 'Required text fields filled in one language only' }),
      })
      .openapi('ReferenceCompleteness'),
    last_updated: z.string().nullable(),
    history: z.array(ChangeSchema),
  })
  .openapi('ReferenceSheet');

export const ReferenceChangeSchema = z
  .strictObject({
    // Inline, not the BilingualText component: the generated types keep `null` (clear the field) only so.
    ...referencePatchFieldsSchema,
    unit: z.string().trim().min(1, 'must not be empty').max(100, 'at most 100 characters').optional(),
    agg_time: z.enum(['sum', 'latest', 'average']).optional(),
    agg_place: z.enum(['sum', 'average', 'none']).optional(),
    reason: z.string({ error: REASON_REQUIRED }).trim().min(1, REASON_REQUIRED).max(2000, 'at most 2,000 characters'),
  })
  .openapi('ReferenceChange', {
    description: 'The fields to change (a text field changes only the languages given; null clears a field) and the reason, which is required',
  });
