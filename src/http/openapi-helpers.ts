/** Small builders for route definitions, so every module describes bodies and replies alike. */
import type { z } from '@hono/zod-openapi';

/** A JSON response of `schema`. */
export const jsonReply = <T extends z.ZodType>(schema: T, description: string) => ({ content: { 'application/json': { schema } }, description });

/** A required JSON request body of `schema`. */
export const jsonBody = <T extends z.ZodType>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });
