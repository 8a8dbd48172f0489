import { z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../http/env.js';
import { guarded } from '../../http/guard.js';
import type { AppDeps } from '../../http/app-deps.js';
import { countPrograms } from './health.repo.js';

const HealthSchema = z
  .object({
    status: z.literal('ok'),
    engine: z.enum(['sqlite', 'postgres']),
    programs: z.number().int().openapi({ description: 'Programs in the database' }),
  })
  .openapi('Health');

const route = guarded('read_public', {
  method: 'get',
  path: '/api/health',
  tags: ['system'],
  summary: 'Liveness and database check',
  responses: { 200: { content: { 'application/json': { schema: HealthSchema } }, description: 'The server and its database answer' } },
});

export function registerHealthRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps): void {
  app.openapi(route, async (c) => c.json({ status: 'ok' as const, engine: deps.engine, programs: await countPrograms(deps.db) }, 200));
}
