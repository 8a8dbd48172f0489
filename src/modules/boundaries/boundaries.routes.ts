import { z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppDeps } from '../../http/app-deps.js';
import type { AppEnv } from '../../http/env.js';
import { guarded } from '../../http/guard.js';
import { jsonBody, jsonReply } from '../../http/openapi-helpers.js';
import { ProgramParamSchema } from '../values/values.schema.js';
import { BoundaryCollectionSchema, PlaceBoundariesSchema } from './boundaries.schema.js';
import { getBoundaries, putBoundaries } from './boundaries.service.js';

const getRoute = guarded('read_public', {
  method: 'get',
  path: '/api/programs/{program}/boundaries',
  tags: ['places'],
  summary: 'Boundaries of the places of one level (GeoJSON)',
  request: { params: ProgramParamSchema, query: z.object({ level: z.coerce.number().int().min(1).max(6) }) },
  responses: { 200: jsonReply(PlaceBoundariesSchema, 'The places of the level that have a boundary, properties {code, name}') },
});
const putRoute = guarded('manage_program', {
  method: 'put',
  path: '/api/programs/{program}/boundaries',
  tags: ['places'],
  summary: 'Set the boundaries of the places named (GeoJSON; all or nothing; audited)',
  request: { params: ProgramParamSchema, ...jsonBody(BoundaryCollectionSchema) },
  responses: { 200: jsonReply(z.object({ inserted: z.number().int(), updated: z.number().int(), unchanged: z.number().int() }), 'Saved') },
});

export function registerBoundaryRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps): void {
  app.openapi(getRoute, async (c) => c.json(await getBoundaries(deps.db, c.req.valid('param').program, c.req.valid('query').level), 200));
  app.openapi(putRoute, async (c) => c.json(await putBoundaries(deps.db, c.req.valid('param').program, c.req.valid('json'), c.get('actor').userId), 200));
}
