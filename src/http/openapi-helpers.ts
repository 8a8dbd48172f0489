/** Small builders for route definitions, so every module describes bodies and replies alike. */
import { z } from '@hono/zod-openapi';

/** A JSON response of `schema`. */
export const jsonReply = <T extends z.ZodType>(schema: T, description: string) => ({ content: { 'application/json': { schema } }, description });

/** A required JSON request body of `schema`. */
export const jsonBody = <T extends z.ZodType>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });

/** The `{program}` path parameter every program route takes. */
export const ProgramParamSchema = z.object({
  program: z
    .string()
    .min(1)
    .max(50)
    .openapi({ param: { name: 'program', in: 'path' }, example: 'PE' }),
});
