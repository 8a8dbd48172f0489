/**
 * The indicator tracking table over HTTP: the table of a fiscal year as JSON, the same as a
 * file (XLSX, CSV, Markdown, HTML, PDF), and the deviation explanations, which officers and
 * administrators write (audited). Readers see the indicators their clearance allows; the
 * figures are approved data only, for everyone.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from '@hono/zod-openapi';
import type { AppDeps } from '../../http/app-deps.js';
import type { AppEnv } from '../../http/env.js';
import { guarded } from '../../http/guard.js';
import { jsonBody, jsonReply } from '../../http/openapi-helpers.js';
import { readerLanguage } from '../accounts/reader-language.js';
import { dataScope } from '../access/policy.js';
import { trackingTable } from './tracking-table.service.js';
import { renderTrackingTable } from './tracking-render.service.js';
import { setExplanation } from './tracking-explanations.service.js';
import {
  ExplanationBodySchema,
  ExplanationChangeSchema,
  ExplanationParamSchema,
  TrackingExportQuerySchema,
  TrackingParamSchema,
  TrackingQuerySchema,
  TrackingTableSchema,
} from './tracking.schema.js';

const tableRoute = guarded('read_data', {
  method: 'get',
  path: '/api/programs/{program}/tracking/{fy}',
  tags: ['tracking'],
  summary: 'The indicator tracking table of a fiscal year',
  description:
    'Every indicator of the framework (or of one component): baseline, fiscal-year target, actuals for the four fiscal quarters and the year, % of target, deviation explanations. Approved data only; a quarter without data is null.',
  request: { params: TrackingParamSchema, query: TrackingQuerySchema },
  responses: { 200: jsonReply(TrackingTableSchema, 'The tracking table') },
});

const exportRoute = guarded('read_data', {
  method: 'get',
  path: '/api/programs/{program}/tracking/{fy}/export',
  tags: ['tracking'],
  summary: 'The indicator tracking table as a file: XLSX, CSV, Markdown, HTML or PDF',
  request: { params: TrackingParamSchema, query: TrackingExportQuerySchema },
  responses: {
    200: {
      content: {
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: z.string().openapi({ format: 'binary' }) },
        'application/pdf': { schema: z.string().openapi({ format: 'binary' }) },
        'text/csv': { schema: z.string() },
        'text/html': { schema: z.string() },
        'text/markdown': { schema: z.string() },
      },
      description: 'The file, with a file name',
    },
  },
});

const explanationRoute = guarded('manage_framework', {
  method: 'put',
  path: '/api/programs/{program}/tracking/{fy}/explanations/{indicator}',
  tags: ['tracking'],
  summary: "Set an indicator's deviation explanation for a fiscal year (officers and administrators; audited)",
  request: { params: ExplanationParamSchema, ...jsonBody(ExplanationBodySchema) },
  responses: { 200: jsonReply(ExplanationChangeSchema, 'The explanation now stored') },
});

export function registerTrackingRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps): void {
  app.openapi(tableRoute, async (c) => {
    const { program, fy } = c.req.valid('param');
    const { component } = c.req.valid('query');
    const { maxSensitivity } = dataScope(c.get('actor'));
    return c.json(await trackingTable(deps.db, program, fy, { component, maxSensitivity }), 200);
  });
  app.openapi(exportRoute, async (c) => {
    const { program, fy } = c.req.valid('param');
    const q = c.req.valid('query');
    const { maxSensitivity } = dataScope(c.get('actor'));
    const r = await renderTrackingTable(deps.db, {
      program,
      fiscalYear: fy,
      lang: await readerLanguage(deps.db, c.get('actor'), q.lang),
      format: q.format,
      component: q.component,
      maxSensitivity,
    });
    return c.body(new Uint8Array(r.body), 200, {
      'Content-Type': r.contentType,
      'Content-Disposition': `attachment; filename="${r.fileName}"`,
      'X-Vigia-Data-Version': String(r.dataVersion),
    });
  });
  app.openapi(explanationRoute, async (c) => {
    const { program, fy, indicator } = c.req.valid('param');
    const { text } = c.req.valid('json');
    return c.json(await setExplanation(deps.db, c.get('actor'), program, fy, indicator, text), 200);
  });
}
