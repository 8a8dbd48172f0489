/**
 * The two-person rule over HTTP: pending clearance grants (made by `PATCH /api/users/{id}` or
 * `POST /api/users` with restricted clearance), and a second administrator's decision on them.
 */
import { z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppDeps } from '../../http/app-deps.js';
import type { AppEnv } from '../../http/env.js';
import { guarded } from '../../http/guard.js';
import { jsonReply } from '../../http/openapi-helpers.js';
import { ErrorSchema } from '../../http/errors.js';
import { IdParamSchema } from './auth.schema.js';
import { approveClearanceGrant, listClearanceGrants, rejectClearanceGrant } from './clearance-grants.service.js';
import { SENSITIVITIES } from '../../core/sensitivity.js';

export const ClearanceGrantSchema = z
  .object({
    id: z.number().int(),
    user_id: z.number().int(),
    clearance: z.enum(SENSITIVITIES),
    status: z.enum(['pending', 'approved', 'rejected']),
    requested_by: z.number().int().nullable().openapi({ description: 'null: asked on the server (CLI)' }),
    requested_at: z.string(),
    decided_by: z.number().int().nullable(),
    decided_at: z.string().nullable(),
  })
  .openapi('ClearanceGrant');

const listRoute = guarded('manage_users', {
  method: 'get',
  path: '/api/clearance-grants',
  tags: ['users'],
  summary: 'Clearance grants, newest first (pending ones wait for a second administrator)',
  request: { query: z.object({ status: z.enum(['pending', 'approved', 'rejected']).optional() }) },
  responses: { 200: jsonReply(z.object({ grants: z.array(ClearanceGrantSchema) }), 'Grants') },
});
const approveRoute = guarded('manage_users', {
  method: 'post',
  path: '/api/clearance-grants/{id}/approve',
  tags: ['users'],
  summary:
    "Approve a pending grant (an administrator other than the requester and the user, cleared at least as high); the user's clearance is raised and their sessions and tokens end",
  request: { params: IdParamSchema },
  responses: { 200: jsonReply(ClearanceGrantSchema, 'Approved'), 409: jsonReply(ErrorSchema, 'Already decided') },
});
const rejectRoute = guarded('manage_users', {
  method: 'post',
  path: '/api/clearance-grants/{id}/reject',
  tags: ['users'],
  summary: 'Refuse (or, as its requester, withdraw) a pending grant',
  request: { params: IdParamSchema },
  responses: { 200: jsonReply(ClearanceGrantSchema, 'Refused'), 409: jsonReply(ErrorSchema, 'Already decided') },
});

export function registerClearanceGrantRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps): void {
  app.openapi(listRoute, async (c) => c.json({ grants: await listClearanceGrants(deps.db, c.req.valid('query').status) }, 200));
  app.openapi(approveRoute, async (c) => c.json(await approveClearanceGrant(deps.db, c.req.valid('param').id, c.get('actor')), 200));
  app.openapi(rejectRoute, async (c) => c.json(await rejectClearanceGrant(deps.db, c.req.valid('param').id, c.get('actor')), 200));
}
