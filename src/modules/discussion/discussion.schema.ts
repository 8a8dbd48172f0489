/** The shapes of a submission's discussion thread. */
import { z } from '@hono/zod-openapi';

export const CommentSchema = z
  .object({
    id: z.number().int(),
    submission_id: z.number().int(),
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
