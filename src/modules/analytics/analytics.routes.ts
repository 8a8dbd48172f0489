/**
 * Analytics over HTTP, scoped by who asks: the public gets approved data of public indicators;
 * analysts and partners approved data up to their clearance; officers and administrators all
 * data (or approved only, on request).
 */
import { z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppDeps } from '../../http/app-deps.js';
import type { AppEnv } from '../../http/env.js';
import { guarded } from '../../http/guard.js';
import { parseDisagg } from '../../core/disagg.js';
import { dataScope } from '../access/policy.js';
import { AnalyticsQuerySchema, AnalyticsResultSchema, CoverageSchema, MarksSchema } from './analytics.schema.js';
import { withMarks } from './with-marks.js';
import { comparePeriods, queryAnalytics, type GroupBy } from './analytics.service.js';
import { assertReadableIndicators } from './analytics-access.service.js';

const route = guarded('read_public', {
  method: 'get',
  path: '/api/analytics',
  tags: ['analytics'],
  summary: 'Aggregate indicator values by place level, period and disaggregation',
  description: 'Reads the live fact table: a value is included the moment it is saved. Signed out: approved data of public indicators only.',
  request: {
    query: AnalyticsQuerySchema.extend({
      approved: z.enum(['true', 'false']).optional().openapi({ description: 'Approved data only (always so for the public, analysts and partners)' }),
      coverage: z
        .enum(['true', 'false'])
        .optional()
        .openapi({ description: "Each row's coverage: how much of what the period before reported is reported (null unless asked: it reads the facts again)" }),
    }),
  },
  responses: { 200: { content: { 'application/json': { schema: AnalyticsResultSchema } }, description: 'Aggregated rows' } },
});

const side = z.object({
  period: z.string(),
  value: z.number().nullable(),
  provenance: z.array(z.string()),
  unapproved: z.boolean(),
  coverage: CoverageSchema,
  marks: MarksSchema,
});
const compareRoute = guarded('read_public', {
  method: 'get',
  path: '/api/compare',
  tags: ['analytics'],
  summary: 'Compare one indicator between two periods (change and unrounded percent change)',
  request: {
    query: z.object({
      program: z.string().min(1).max(50),
      indicator: z.string().min(1).max(100),
      from: z.string().min(4).max(12).openapi({ example: '2011' }),
      to: z.string().min(4).max(12).openapi({ example: '2012' }),
      source: z.string().max(50).optional(),
      place: z.string().max(50).optional(),
      zone: z.string().max(50).optional(),
      disagg: z.string().max(500).optional(),
      approved: z.enum(['true', 'false']).optional(),
    }),
  },
  responses: {
    200: {
      content: {
        'application/json': {
          schema: z
            .object({
              indicator: z.string(),
              source: z.string().nullable(),
              place: z.string(),
              from: side,
              to: side,
              change: z.number().nullable(),
              change_pct: z.number().nullable(),
            })
            .openapi('Comparison'),
        },
      },
      description: 'The comparison',
    },
  },
});

const list = (s: string | undefined): string[] =>
  (s ?? '')
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

export function registerAnalyticsRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps): void {
  app.openapi(route, async (c) => {
    const q = c.req.valid('query');
    const actor = c.get('actor');
    const scope = dataScope(actor);
    const indicators = list(q.indicator);
    await assertReadableIndicators(deps.db, q.program, indicators, scope.maxSensitivity);
    const result = await queryAnalytics(
      deps.db,
      {
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
      },
      { coverage: q.coverage === 'true' },
    );
    return c.json({ rows: result.rows.map(withMarks) }, 200);
  });
  app.openapi(compareRoute, async (c) => {
    const q = c.req.valid('query');
    const scope = dataScope(c.get('actor'));
    await assertReadableIndicators(deps.db, q.program, [q.indicator], scope.maxSensitivity);
    const result = await comparePeriods(deps.db, {
      program: q.program,
      indicator: q.indicator,
      from: q.from,
      to: q.to,
      source: q.source,
      place: q.place,
      zone: q.zone,
      ...(q.disagg ? { disagg: parseDisagg(q.disagg) } : {}),
      approvedOnly: scope.approvedOnly || q.approved === 'true',
    });
    return c.json({ ...result, from: withMarks(result.from), to: withMarks(result.to) }, 200);
  });
}
