/** Request and response shapes of the exchange API (imports, exports, templates, jobs). */
import { z } from '@hono/zod-openapi';

const code = z.string().min(1).max(50);
const bool = z.enum(['true', 'false']);

export const ImportParamsSchema = z.object({
  program: code.openapi({ example: 'PE' }),
  format: z.string().min(1).max(30).openapi({ example: 'csv', description: 'csv, xlsx, dhis2-json, dhis2-csv, dhis2-xml, adx' }),
});

export const ImportQuerySchema = z.object({
  dryRun: bool.optional().openapi({ description: 'Check everything and count what would change, writing nothing' }),
  type: z.string().max(60).optional().openapi({ description: 'csv/xlsx: a record type, to import records instead of data values' }),
  file: z.string().max(200).optional().openapi({ description: 'The file name, used in error reports' }),
});

export const ExportQuerySchema = z.object({
  type: z.string().max(60).optional().openapi({ description: 'csv/xlsx: export the records of this type' }),
  indicator: z
    .string()
    .max(2000)
    .optional()
    .openapi({ description: 'csv/xlsx: export an analytics result of these indicators (comma-separated) instead of the data values' }),
  by: z.string().max(500).optional().openapi({ example: 'place-level:2,period:year' }),
  source: z.string().max(50).optional(),
  place: z.string().max(50).optional(),
  zone: z.string().max(50).optional(),
  from: z.string().max(12).optional(),
  to: z.string().max(12).optional(),
  disagg: z.string().max(500).optional(),
  approved: bool.optional().openapi({ description: 'Approved data only (always so for analysts, partners and the public)' }),
  lang: z.enum(['en', 'es']).optional(),
});

export const TemplateParamsSchema = z.object({
  program: code.openapi({ example: 'PE' }),
  kind: z.enum(['xlsx', 'csv']),
});

export const TemplateQuerySchema = z.object({
  type: z.string().max(60).optional().openapi({ description: 'A record type: its template instead of the data values one' }),
  indicators: z.string().max(2000).optional().openapi({ description: 'The indicator set (comma-separated; default every reported indicator)' }),
});

export const JobParamsSchema = z.object({ id: z.string().min(1).max(60) });

const IssueSchema = z.object({
  file: z.string().optional(),
  row: z.number().int().optional(),
  column: z.string().optional(),
  value: z.unknown().optional(),
  reason: z.string(),
});

export const ImportReportSchema = z
  .object({
    format: z.string(),
    dryRun: z.boolean(),
    rows: z.number().int(),
    inserted: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    errors: z.array(IssueSchema),
    errorsTotal: z.number().int().optional(),
  })
  .openapi('ImportReport');

export const ImportJobSchema = z
  .object({
    id: z.string(),
    program: z.string(),
    format: z.string(),
    file: z.string(),
    dryRun: z.boolean(),
    status: z
      .enum(['running', 'done', 'rejected', 'failed', 'interrupted'])
      .openapi({ description: 'interrupted: the server stopped while it ran; nothing of it was stored' }),
    done: z.number().int(),
    total: z.number().int().nullable(),
    startedAt: z.string(),
    endedAt: z.string().nullable(),
    report: ImportReportSchema.nullable(),
    error: z.object({ error: z.string(), message: z.string(), details: z.array(IssueSchema) }).nullable(),
    errorsUrl: z.string().nullable(),
  })
  .openapi('ImportJob');
