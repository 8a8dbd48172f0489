/**
 * Reports over HTTP: the same bytes as `vigia report`, scoped by who asks — the public gets
 * approved data of public indicators (an indicator it may not see makes the report not_found,
 * as in analytics); officers see what the definition asks for.
 */
import { z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppDeps } from '../../http/app-deps.js';
import type { AppEnv } from '../../http/env.js';
import { guarded } from '../../http/guard.js';
import { readerLanguage } from '../accounts/reader-language.js';
import { dataScope } from '../access/policy.js';
import { renderReport } from './report.service.js';
import { ReportCatalogSchema, ReportParamsSchema, ReportQuerySchema } from './reports.schema.js';
import { listReportCatalog } from './report-list.service.js';
import { jsonReply } from '../../http/openapi-helpers.js';
import { ProgramParamSchema } from '../values/values.schema.js';

const binary = z.string().openapi({ format: 'binary' });

const route = guarded('read_public', {
  method: 'get',
  path: '/api/reports/{report}',
  tags: ['reports'],
  summary: 'A report (fact sheet, indicator progress, …) made from the live data',
  description:
    'Markdown, HTML or PDF, English or Spanish. Regenerating from the same data version gives the same bytes; the `X-Vigia-Data-Version` header says which version it was made from.',
  request: { params: ReportParamsSchema, query: ReportQuerySchema },
  responses: {
    200: {
      content: { 'application/pdf': { schema: binary }, 'text/html': { schema: z.string() }, 'text/markdown': { schema: z.string() } },
      description: 'The report',
    },
  },
});

const listRoute = guarded('read_public', {
  method: 'get',
  path: '/api/programs/{program}/reports',
  tags: ['reports'],
  summary: 'The reports a program offers, and the years its data span',
  description: 'Each report by code, named in English and Spanish without its period; `years` is the span of the data the caller may see.',
  request: { params: ProgramParamSchema },
  responses: { 200: jsonReply(ReportCatalogSchema, 'Reports') },
});

export function registerReportRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps): void {
  app.openapi(listRoute, async (c) => {
    return c.json(await listReportCatalog(deps.db, c.req.valid('param').program, dataScope(c.get('actor'))), 200);
  });
  app.openapi(route, async (c) => {
    const { report } = c.req.valid('param');
    const q = c.req.valid('query');
    const scope = dataScope(c.get('actor'));
    const lang = await readerLanguage(deps.db, c.get('actor'), q.lang);
    const r = await renderReport(deps.db, { ...q, lang, report, reader: { approvedOnly: scope.approvedOnly, maxSensitivity: scope.maxSensitivity } });
    return c.body(new Uint8Array(r.body), 200, {
      'Content-Type': r.contentType,
      'Content-Disposition': `inline; filename="${r.fileName}"`,
      'X-Vigia-Data-Version': String(r.dataVersion),
    });
  });
}
