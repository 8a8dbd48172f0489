import { z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppDeps } from '../../http/app-deps.js';
import type { AppEnv } from '../../http/env.js';
import { guarded } from '../../http/guard.js';
import { listAudit } from './audit.repo.js';
import { readableEvents } from './audit-redaction.service.js';
import { programsWhere } from '../access/policy.js';

const AuditEventSchema = z
  .object({
    id: z.number().int(),
    at: z.string(),
    user_id: z.number().int().nullable(),
    action: z.string(),
    entity: z.string(),
    entity_id: z.string().nullable(),
    program_id: z.number().int().nullable(),
    before: z.unknown().nullable(),
    after: z.unknown().nullable(),
  })
  .openapi('AuditEvent');

const route = guarded('read_audit', {
  method: 'get',
  path: '/api/audit',
  tags: ['audit'],
  summary: 'The audit trail (read-only: no route changes or deletes it); restricted data withheld without restricted clearance',
  request: {
    query: z.object({
      entity: z.string().max(50).optional().openapi({ example: 'data_value' }),
      entity_id: z.string().max(50).optional(),
      user: z.coerce.number().int().optional().openapi({ description: 'User id' }),
      since: z.string().max(40).optional().openapi({ example: '2026-01-01T00:00:00Z' }),
      until: z.string().max(40).optional(),
      limit: z.coerce.number().int().min(1).max(1000).default(100),
      offset: z.coerce.number().int().min(0).default(0),
    }),
  },
  responses: { 200: { content: { 'application/json': { schema: z.object({ events: z.array(AuditEventSchema) }) } }, description: 'Events, newest first' } },
});

export function registerAuditRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps): void {
  app.openapi(route, async (c) => {
    const q = c.req.valid('query');
    // Outside the system administrator, only events of programs where the reader may read the trail.
    const programIds = programsWhere(c.get('actor'), 'read_audit');
    const rows = await listAudit(deps.db, {
      ...(programIds ? { programIds } : {}),
      ...(q.entity ? { entity: q.entity } : {}),
      ...(q.entity_id ? { entityId: q.entity_id } : {}),
      ...(q.user !== undefined ? { userId: q.user } : {}),
      ...(q.since ? { since: q.since } : {}),
      ...(q.until ? { until: q.until } : {}),
      limit: q.limit,
      offset: q.offset,
    });
    return c.json({ events: await readableEvents(deps.db, rows, c.get('actor').clearance) }, 200);
  });
}
