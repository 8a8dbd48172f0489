/** The PIRS download's API shapes: which indicator (or the whole book), language and format. */
import { z } from '@hono/zod-openapi';
import { PIRS_FORMATS } from './pirs-render.service.js';

export const PirsQuerySchema = z.object({
  indicator: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .openapi({ description: "One indicator's sheet; the program's whole book (framework order, with contents) when absent", example: 'ERAD_HA' }),
  lang: z.enum(['en', 'es']).default('en'),
  format: z.enum(PIRS_FORMATS).default('pdf'),
});
