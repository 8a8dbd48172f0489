/** Request shape of the reports API (validation, types and OpenAPI in one). */
import { z } from '@hono/zod-openapi';
import { REPORT_FORMATS } from './report.service.js';

export const ReportParamsSchema = z.object({
  report: z
    .string()
    .regex(/^[A-Za-z0-9_.-]+$/)
    .openapi({ param: { name: 'report', in: 'path' }, example: 'factsheet', description: 'Report definition code' }),
});

export const ReportQuerySchema = z.object({
  program: z.string().min(1).openapi({ example: 'PE', description: 'Program code' }),
  period: z.string().min(1).openapi({
    example: '2012',
    description:
      'Report period: 2012, 2012Q3, 2012Oct (fiscal year 2013), …, or `latest`: the latest calendar year complete for every figure of the report, or `latest-fy`: the latest such fiscal year of the program',
  }),
  lang: z
    .enum(['en', 'es'])
    .optional()
    .openapi({ description: 'The report’s language; by default the signed-in reader’s own (their account’s language), else English' }),
  format: z.enum(REPORT_FORMATS).default('html'),
});

/** One report a program offers, named without its period. */
export const ReportSummarySchema = z
  .object({
    code: z.string().openapi({ example: 'factsheet' }),
    name_en: z.string().openapi({ example: 'Peru counternarcotics program: fact sheet' }),
    name_es: z.string(),
    builtin: z.boolean().openapi({ description: 'A definition every program has (a program may replace it with its own)' }),
  })
  .openapi('ReportSummary');

export const ReportCatalogSchema = z
  .object({
    reports: z.array(ReportSummarySchema),
    years: z
      .object({ first: z.number().int(), last: z.number().int() })
      .nullable()
      .openapi({ description: 'The calendar years of the data the caller may see (null without data)' }),
    fiscal_year_start_month: z.number().int().min(1).max(12).openapi({ description: 'Fiscal years start in this month (10: 2012Oct = FY2013)' }),
  })
  .openapi('ReportCatalog');
