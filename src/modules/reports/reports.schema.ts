/** Request shape of the reports API (validation, types and OpenAPI in one). */
import { z } from '@hono/zod-openapi';
import { REPORT_FORMATS } from './report.service.js';

export const ReportParamsSchema = z.object({
  report: z.string().regex(/^[A-Za-z0-9_.-]+$/).openapi({ param: { name: 'report', in: 'path' }, example: 'factsheet', description: 'Report definition code' }),
});

export const ReportQuerySchema = z.object({
  program: z.string().min(1).openapi({ example: 'PE', description: 'Program code' }),
  period: z.string().min(1).openapi({ example: '2012', description: 'Report period: 2012, 2012Q3, 2012Oct (fiscal year 2013), …' }),
  lang: z.enum(['en', 'es']).default('en'),
  format: z.enum(REPORT_FORMATS).default('html'),
});
