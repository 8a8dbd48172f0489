/**
 * The `{program}` path parameter every program route shares, here beside the other route
 * helpers so that any module may use it without importing another module's schema.
 */
import { z } from '@hono/zod-openapi';

export const ProgramParamSchema = z.object({
  program: z
    .string()
    .min(1)
    .max(50)
    .openapi({ param: { name: 'program', in: 'path' }, example: 'PE' }),
});
