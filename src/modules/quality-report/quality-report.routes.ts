/**
 * The quality report over HTTP: whoever reads program data reads it, scoped as the value flags
 * and completeness are (a partner: its own organisation's), judged on the server's clock.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppDeps } from '../../http/app-deps.js';
import type { AppEnv } from '../../http/env.js';
import { guarded } from '../../http/guard.js';
import { jsonReply } from '../../http/openapi-helpers.js';
import { systemClock } from '../../core/clock.js';
import { ProgramParamSchema } from '../../http/program-param.js';
import { QualityQuerySchema, QualityReportSchema } from './quality-report.schema.js';
import { qualityReport } from './quality-report.service.js';

const reportRoute = guarded('read_data', {
  method: 'get',
  path: '/api/programs/{program}/quality',
  tags: ['calendar'],
  summary: 'Data quality: open rule warnings, open outliers, completeness and timeliness (a partner: its own organisation’s), as `vigia quality --json`',
  request: { params: ProgramParamSchema, query: QualityQuerySchema },
  responses: { 200: jsonReply(QualityReportSchema, 'The quality report') },
});

export function registerQualityReportRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps): void {
  const clock = deps.clock ?? systemClock;
  app.openapi(reportRoute, async (c) => c.json(await qualityReport(deps.db, c.get('actor'), c.req.valid('param').program, c.req.valid('query'), clock), 200));
}
