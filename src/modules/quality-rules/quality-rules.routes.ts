/**
 * Validation rules over HTTP: whoever may read program data lists them; officers and
 * administrators create, change and delete them (audited); officers acknowledge the warnings
 * they raise on values, with a comment (audited).
 */
import { z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppDeps } from '../../http/app-deps.js';
import type { AppEnv } from '../../http/env.js';
import { guarded } from '../../http/guard.js';
import { jsonBody, jsonReply } from '../../http/openapi-helpers.js';
import { ProgramParamSchema } from '../../http/program-param.js';
import {
  AcknowledgeSchema,
  FlagListQuerySchema,
  FlagListSchema,
  FlagParamSchema,
  RuleInputSchema,
  RuleParamSchema,
  RuleSchema,
  ValueFlagSchema,
} from './quality-rules.schema.js';
import { acknowledgeFlag, changeRule, createRule, deleteRule, listRules, listValueFlags } from './quality-rules.service.js';

const tags = ['validation rules'];

const listRoute = guarded('read_data', {
  method: 'get',
  path: '/api/programs/{program}/validation-rules',
  tags,
  summary: 'The program’s validation rules',
  request: { params: ProgramParamSchema },
  responses: { 200: jsonReply(z.object({ rules: z.array(RuleSchema) }), 'Rules') },
});
const createRoute = guarded('manage_framework', {
  method: 'post',
  path: '/api/programs/{program}/validation-rules',
  tags,
  summary: 'Add a validation rule (audited); a rule naming an unknown indicator or a malformed or circular relation is refused',
  request: { params: ProgramParamSchema, ...jsonBody(RuleInputSchema) },
  responses: { 201: jsonReply(RuleSchema, 'Created') },
});
const changeRoute = guarded('manage_framework', {
  method: 'put',
  path: '/api/programs/{program}/validation-rules/{rule}',
  tags,
  summary: 'Replace a validation rule (audited, with what it was)',
  request: { params: RuleParamSchema, ...jsonBody(RuleInputSchema) },
  responses: { 200: jsonReply(RuleSchema, 'Changed') },
});
const deleteRoute = guarded('manage_framework', {
  method: 'delete',
  path: '/api/programs/{program}/validation-rules/{rule}',
  tags,
  summary: 'Delete a validation rule (audited, with what it was)',
  request: { params: RuleParamSchema },
  responses: { 204: { description: 'Deleted' } },
});
const flagsRoute = guarded('read_data', {
  method: 'get',
  path: '/api/programs/{program}/value-flags',
  tags,
  summary: 'Warnings on the values the caller may see (validation rules, outliers), optionally of one period or only those not acknowledged',
  request: { params: ProgramParamSchema, query: FlagListQuerySchema },
  responses: { 200: jsonReply(FlagListSchema, 'Warnings') },
});
const acknowledgeRoute = guarded('approve', {
  method: 'post',
  path: '/api/value-flags/{id}/acknowledge',
  tags,
  summary: 'Acknowledge a warning on a value, saying why the value stands (audited); a submission is approved only with all its warnings acknowledged',
  request: { params: FlagParamSchema, ...jsonBody(AcknowledgeSchema) },
  responses: { 200: jsonReply(ValueFlagSchema, 'Acknowledged') },
});

export function registerQualityRuleRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps): void {
  app.openapi(listRoute, async (c) => c.json({ rules: await listRules(deps.db, c.get('actor'), c.req.valid('param').program) }, 200));
  app.openapi(createRoute, async (c) => c.json(await createRule(deps.db, c.get('actor'), c.req.valid('param').program, c.req.valid('json')), 201));
  app.openapi(changeRoute, async (c) => {
    const { program, rule } = c.req.valid('param');
    return c.json(await changeRule(deps.db, c.get('actor'), program, rule, c.req.valid('json')), 200);
  });
  app.openapi(deleteRoute, async (c) => {
    const { program, rule } = c.req.valid('param');
    await deleteRule(deps.db, c.get('actor'), program, rule);
    return c.body(null, 204);
  });
  app.openapi(flagsRoute, async (c) => c.json(await listValueFlags(deps.db, c.get('actor'), c.req.valid('param').program, c.req.valid('query')), 200));
  app.openapi(acknowledgeRoute, async (c) => c.json(await acknowledgeFlag(deps.db, c.get('actor'), c.req.valid('param').id, c.req.valid('json').comment), 200));
}
