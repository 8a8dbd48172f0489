/** The shapes of a discussion thread, on a submission or on a warning on a value. */
import { z } from '@hono/zod-openapi';

export const CommentSchema = z
  .object({
    id: z.number().int(),
    submission_id: z.number().int().nullable().openapi({ description: "The submission whose thread this is (null on a warning's thread)" }),
    value_flag_id: z.number().int().nullable().openapi({ description: "The warning on a value whose thread this is (null on a submission's thread)" }),
    user_id: z.number().int().nullable(),
    author: z.string().nullable(),
    author_role: z.string().nullable(),
    author_organisation: z.string().nullable(),
    body: z.string(),
    created_at: z.string(),
  })
  .openapi('Comment');

export const NewCommentSchema = z
  .object({ body: z.string().trim().min(1).max(4000).openapi({ description: 'The comment; it cannot be edited later (post a correction as a new one)' }) })
  .strict()
  .openapi('NewComment');
