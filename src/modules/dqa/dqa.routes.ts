/**
 * Data quality assessments over HTTP: officers and administrators enter and change them
 * (audited); whoever may read program data and the indicator reads them; a program view of the
 * indicators whose DQA is overdue.
 */
import { z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppDeps } from '../../http/app-deps.js';
import type { AppEnv } from '../../http/env.js';
import { guarded } from '../../http/guard.js';
import { jsonBody, jsonReply } from '../../http/openapi-helpers.js';
import { dataScope } from '../access/policy.js';
import { ProgramParamSchema } from '../values/values.schema.js';
import {
  DqaActionChangeSchema,
  DqaActionInputSchema,
  DqaActionParamSchema,
  DqaChangeSchema,
  DqaInputSchema,
  DqaListQuerySchema,
  DqaOverdueQuerySchema,
  DqaOverdueSchema,
  DqaParamSchema,
  DqaSchema,
} from './dqa.schema.js';
import { addDqaAction, changeDqa, changeDqaAction, createDqa, deleteDqa } from './dqa.service.js';
import { getDqa, listDqas, overdueDqas } from './dqa-read.service.js';
import { todayIso } from './dqa-store.js';

const tags = ['dqa'];

const listRoute = guarded('read_data', {
  method: 'get',
  path: '/api/programs/{program}/dqa',
  tags,
  summary: 'Data quality assessments of the program’s indicators (or of one), newest first',
  request: { params: ProgramParamSchema, query: DqaListQuerySchema },
  responses: { 200: jsonReply(z.object({ dqas: z.array(DqaSchema) }), 'DQAs') },
});
const overdueRoute = guarded('read_data', {
  method: 'get',
  path: '/api/programs/{program}/dqa/overdue',
  tags,
  summary: 'Indicators whose last DQA is older than three years, or that never had one',
  request: { params: ProgramParamSchema, query: DqaOverdueQuerySchema },
  responses: { 200: jsonReply(DqaOverdueSchema, 'Overdue indicators') },
});
const getRoute = guarded('read_data', {
  method: 'get',
  path: '/api/programs/{program}/dqa/{id}',
  tags,
  summary: 'One data quality assessment',
  request: { params: DqaParamSchema },
  responses: { 200: jsonReply(DqaSchema, 'The DQA') },
});
const createRoute = guarded('manage_framework', {
  method: 'post',
  path: '/api/programs/{program}/dqa',
  tags,
  summary: 'Record a data quality assessment of an indicator (audited)',
  request: { params: ProgramParamSchema, ...jsonBody(DqaInputSchema) },
  responses: { 201: jsonReply(DqaSchema, 'Created') },
});
const changeRoute = guarded('manage_framework', {
  method: 'patch',
  path: '/api/programs/{program}/dqa/{id}',
  tags,
  summary: 'Change a DQA’s date, assessor, language, ratings or limitations (audited)',
  request: { params: DqaParamSchema, ...jsonBody(DqaChangeSchema) },
  responses: { 200: jsonReply(DqaSchema, 'Changed') },
});
const deleteRoute = guarded('manage_framework', {
  method: 'delete',
  path: '/api/programs/{program}/dqa/{id}',
  tags,
  summary: 'Delete a DQA entered in error (audited, with what it was)',
  request: { params: DqaParamSchema },
  responses: { 204: { description: 'Deleted' } },
});
const addActionRoute = guarded('manage_framework', {
  method: 'post',
  path: '/api/programs/{program}/dqa/{id}/actions',
  tags,
  summary: 'Add an action to a DQA (audited)',
  request: { params: DqaParamSchema, ...jsonBody(DqaActionInputSchema) },
  responses: { 201: jsonReply(DqaSchema, 'The DQA with the action') },
});
const changeActionRoute = guarded('manage_framework', {
  method: 'patch',
  path: '/api/programs/{program}/dqa/{id}/actions/{action}',
  tags,
  summary: 'Change an action of a DQA: its status (done, dropped, open again), text, owner or due date (audited)',
  request: { params: DqaActionParamSchema, ...jsonBody(DqaActionChangeSchema) },
  responses: { 200: jsonReply(DqaSchema, 'The DQA with the action changed') },
});

export function registerDqaRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps): void {
  app.openapi(listRoute, async (c) => {
    const { program } = c.req.valid('param');
    return c.json({ dqas: await listDqas(deps.db, program, dataScope(c.get('actor')).maxSensitivity, c.req.valid('query').indicator) }, 200);
  });
  // Before /dqa/{id}, which would otherwise take "overdue" for an id.
  app.openapi(overdueRoute, async (c) => {
    const asOf = c.req.valid('query').as_of ?? todayIso();
    return c.json({ as_of: asOf, indicators: await overdueDqas(deps.db, c.req.valid('param').program, dataScope(c.get('actor')).maxSensitivity, asOf) }, 200);
  });
  app.openapi(getRoute, async (c) => {
    const { program, id } = c.req.valid('param');
    return c.json(await getDqa(deps.db, program, id, dataScope(c.get('actor')).maxSensitivity), 200);
  });
  app.openapi(createRoute, async (c) => c.json(await createDqa(deps.db, c.get('actor'), c.req.valid('param').program, c.req.valid('json')), 201));
  app.openapi(changeRoute, async (c) => {
    const { program, id } = c.req.valid('param');
    return c.json(await changeDqa(deps.db, c.get('actor'), program, id, c.req.valid('json')), 200);
  });
  app.openapi(deleteRoute, async (c) => {
    const { program, id } = c.req.valid('param');
    await deleteDqa(deps.db, c.get('actor'), program, id);
    return c.body(null, 204);
  });
  app.openapi(addActionRoute, async (c) => {
    const { program, id } = c.req.valid('param');
    return c.json(await addDqaAction(deps.db, c.get('actor'), program, id, c.req.valid('json')), 201);
  });
  app.openapi(changeActionRoute, async (c) => {
    const { program, id, action } = c.req.valid('param');
    return c.json(await changeDqaAction(deps.db, c.get('actor'), program, id, action, c.req.valid('json')), 200);
  });
}
