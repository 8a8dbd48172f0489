/**
 * The shapes of data quality assessments over the API (and so in the OpenAPI document and the
 * web app's types), and of the program folder's `dqa.json`, built from the vocabulary of
 * src/core/dqa.ts. Dates are `YYYY-MM-DD`; every text is at most DQA_TEXT_MAX characters.
 */
import { z } from '@hono/zod-openapi';
import { DQA_ACTION_STATUSES, DQA_RATINGS, DQA_STANDARDS, DQA_TEXT_MAX, isIsoDate, type DqaStandard } from '../../core/dqa.js';
import { LANGUAGES } from '../../core/languages.js';
import { ProgramParamSchema } from '../values/values.schema.js';

const isoDate = z.string().refine(isIsoDate, 'a calendar date written YYYY-MM-DD (1900–2100)').openapi({ example: '2014-06-30' });
const text = z.string().trim().max(DQA_TEXT_MAX, `at most ${DQA_TEXT_MAX} characters`);
const name = z.string().trim().min(1).max(200);
const userId = z.number().int().positive();

const RatingSchema = z
  .object({ rating: z.enum(DQA_RATINGS), notes: text.nullable().optional() })
  .strict()
  .openapi('DqaRatingInput');

const standardsShape = (optional: boolean) =>
  Object.fromEntries(DQA_STANDARDS.map((s) => [s, optional ? RatingSchema.optional() : RatingSchema])) as Record<DqaStandard, typeof RatingSchema>;

/** The five standards, each rated (all required at creation). */
const StandardsSchema = z.object(standardsShape(false)).strict().openapi('DqaStandardsInput');
/** Some of the five standards, re-rated. */
const StandardsChangeSchema = z.object(standardsShape(true)).strict().partial().openapi('DqaStandardsChange');

/** An action agreed at the assessment; its owner is a user, a named person, or both. */
export const DqaActionInputSchema = z
  .object({
    text: text.min(1),
    owner_user_id: userId.nullable().optional(),
    owner_name: name.nullable().optional(),
    due_date: isoDate,
    status: z.enum(DQA_ACTION_STATUSES).optional().openapi({ description: 'open (the default), done or dropped' }),
    status_date: isoDate.nullable().optional().openapi({ description: 'When the status was set; today when a status is given without it' }),
  })
  .strict()
  .openapi('DqaActionInput');

/** A change of one action: its status (and the date it was set), or its text, owner or due date. */
export const DqaActionChangeSchema = z
  .object({
    text: text.min(1).optional(),
    owner_user_id: userId.nullable().optional(),
    owner_name: name.nullable().optional(),
    due_date: isoDate.optional(),
    status: z.enum(DQA_ACTION_STATUSES).optional(),
    status_date: isoDate.nullable().optional(),
  })
  .strict()
  .refine((o) => Object.keys(o).length > 0, { message: 'nothing to change: give text, owner_user_id, owner_name, due_date, status or status_date' })
  .openapi('DqaActionChange');

export const DqaInputSchema = z
  .object({
    indicator: z.string().min(1).max(100).openapi({ example: 'ERAD_HA' }),
    date: isoDate,
    assessor_user_id: userId.nullable().optional(),
    assessor_name: name.nullable().optional(),
    language: z.enum(LANGUAGES).nullable().optional().openapi({ description: 'The language the texts are written in' }),
    standards: StandardsSchema,
    limitations: text.nullable().optional(),
    actions: z.array(DqaActionInputSchema).max(100).optional(),
  })
  .strict()
  .openapi('DqaInput');

export const DqaChangeSchema = z
  .object({
    date: isoDate.optional(),
    assessor_user_id: userId.nullable().optional(),
    assessor_name: name.nullable().optional(),
    language: z.enum(LANGUAGES).nullable().optional(),
    standards: StandardsChangeSchema.optional(),
    limitations: text.nullable().optional(),
  })
  .strict()
  .refine((o) => Object.keys(o).length > 0, { message: 'nothing to change: give date, assessor_user_id, assessor_name, language, standards or limitations' })
  .openapi('DqaChange');

export type DqaInput = z.infer<typeof DqaInputSchema>;
export type DqaChange = z.infer<typeof DqaChangeSchema>;
export type DqaActionInput = z.infer<typeof DqaActionInputSchema>;
export type DqaActionChange = z.infer<typeof DqaActionChangeSchema>;

/** A person named on a DQA: a user (with the name they have now) or a name as written. */
const PersonSchema = z
  .object({ user_id: z.number().int().nullable(), name: z.string().nullable() })
  .openapi('DqaPerson', { description: 'name: as written, else the user’s name' });

export const DqaActionSchema = z
  .object({
    id: z.number().int(),
    text: z.string(),
    owner: PersonSchema,
    due_date: z.string(),
    status: z.enum(DQA_ACTION_STATUSES),
    status_date: z.string().nullable(),
  })
  .openapi('DqaAction');

export const DqaSchema = z
  .object({
    id: z.number().int(),
    program: z.string(),
    indicator: z.string(),
    date: z.string(),
    assessor: PersonSchema,
    language: z.enum(LANGUAGES).nullable(),
    standards: z.array(z.object({ standard: z.enum(DQA_STANDARDS), rating: z.enum(DQA_RATINGS), notes: z.string().nullable() }).openapi('DqaRating')),
    result: z.enum(DQA_RATINGS).openapi({ description: 'met when every standard is met, not_met when any is not met, else partly_met' }),
    limitations: z.string().nullable(),
    actions: z.array(DqaActionSchema),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi('Dqa');

export const DqaOverdueSchema = z
  .object({
    as_of: z.string(),
    indicators: z.array(
      z
        .object({
          indicator: z.string(),
          name_en: z.string(),
          name_es: z.string(),
          last_dqa: z.object({ id: z.number().int(), date: z.string() }).nullable(),
          due_date: z.string().nullable().openapi({ description: 'When the next DQA was due; null when there never was one' }),
        })
        .openapi('DqaOverdueIndicator'),
    ),
  })
  .openapi('DqaOverdue');

export const DqaParamSchema = ProgramParamSchema.extend({
  id: z.coerce
    .number()
    .int()
    .positive()
    .openapi({ param: { name: 'id', in: 'path' } }),
});

export const DqaActionParamSchema = DqaParamSchema.extend({
  action: z.coerce
    .number()
    .int()
    .positive()
    .openapi({ param: { name: 'action', in: 'path' } }),
});

export const DqaListQuerySchema = z.object({
  indicator: z.string().min(1).max(100).optional().openapi({ description: 'Only this indicator’s DQAs' }),
});

export const DqaOverdueQuerySchema = z.object({
  as_of: isoDate.optional().openapi({ description: 'The day to judge on (default today)' }),
});

/** One assessment of a program folder's `dqa.json`: as over the API, with people named in text. */
const FileActionSchema = DqaActionInputSchema.omit({ owner_user_id: true }).extend({ owner_name: name });
export const DqaFileSchema = z
  .object({
    assessments: z.array(
      DqaInputSchema.omit({ assessor_user_id: true, actions: true }).extend({ assessor_name: name, actions: z.array(FileActionSchema).max(100).optional() }),
    ),
  })
  .strict();
export type DqaFile = z.infer<typeof DqaFileSchema>;
