/**
 * Analytics over HTTP, scoped by who asks: the public gets approved data of public indicators;
 * analysts and partners approved data up to their clearance; officers and administrators all
 * data (or approved only, on request).
 */
import { z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppDeps } from '../../server/app.js';
import type { AppEnv } from '../../server/env.js';
import { guarded } from '../../server/guard.js';
import { parseDisagg } from '../../core/disagg.js';
import { dataScope } from '../auth/policy.js';
import { AnalyticsQuerySchema, AnalyticsResultSchema } from './analytics.schema.js';
import { queryAnalytics, type GroupBy } from './analytics.service.js';
import { assertReadableIndicators } from './analytics-access.service.js';

const route = guarded('read_public', {
  method: 'get',
  path: '/api/analytics',
  tags: ['analytics'],
  summary: 'Aggregate indicator values by place level, period and disaggregation',
  description:
    'Reads the live fact table: a value is included the moment it is saved. Signed out: approved data of public indicators only.',
  request: { query: AnalyticsQuerySchema.extend({ approved: z.enum(['true', 'false']).optional().openapi({ description: 'Approved data only (always so for the public, analysts and partners)' }) }) },
  responses: { 200: { content: { 'application/json': { schema: AnalyticsResultSchema } }, description: 'Aggregated rows' } },
});

const list = (s: string | undefined): string[] => (s ?? '').split(',').map((x) => x.trim()).filter(Boolean);

export function registerAnalyticsRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps): void {
  app.openapi(route, async (c) => {
    const q = c.req.valid('query');
    const actor = c.get('actor');
    const scope = dataScope(actor);
    const indicators = list(q.indicator);
    await assertReadableIndicators(deps.db, q.program, indicators, scope.maxSensitivity);
    const result = await queryAnalytics(deps.db, {
      program: q.program,
      indicators,
      by: list(q.by) as GroupBy[],
      ...(q.source ? { source: q.source } : {}),
      ...(q.place ? { place: q.place } : {}),
      ...(q.zone ? { zone: q.zone } : {}),
      ...(q.from ? { from: q.from } : {}),
      ...(q.to ? { to: q.to } : {}),
      ...(q.disagg ? { disagg: parseDisagg(q.disagg) } : {}),
      approvedOnly: scope.approvedOnly || q.approved === 'true',
    });
    return c.json(result, 200);
  });
}
