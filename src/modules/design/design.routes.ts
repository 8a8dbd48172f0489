/**
 * A program's design over HTTP: administrators create programs; officers and administrators
 * add and change goals, components, sources, dimensions and indicators, retire them, and delete
 * only what nothing uses (409 naming what does). Every change audited; each answers with the
 * design as it now stands.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppDeps } from '../../http/app-deps.js';
import type { AppEnv } from '../../http/env.js';
import { ErrorSchema } from '../../http/errors.js';
import type { Actor } from '../access/actor.js';
import { guarded } from '../../http/guard.js';
import { jsonBody, jsonReply } from '../../http/openapi-helpers.js';
import { ProgramParamSchema } from '../../http/program-param.js';
import * as s from './design.schema.js';
import { createProgram, orderFramework, putDimension, putFrameworkNode, putIndicator, putSource } from './design.service.js';
import { deleteDimension, deleteFrameworkNode, deleteIndicator, deleteOption, deleteSource } from './design-delete.service.js';
import { readDesign } from './design-read.service.js';

const tags = ['design'];
const base = '/api/programs/{program}/design';
const changed = { 200: jsonReply(s.DesignSchema, 'The design as it now stands'), 409: jsonReply(ErrorSchema, 'In use: the answer names what uses it') };
const deleted = { 204: { description: 'Deleted' }, 409: jsonReply(ErrorSchema, 'In use: the answer names what uses it; retire it instead') };

const createProgramRoute = guarded('manage_program', {
  method: 'post',
  path: '/api/programs',
  tags,
  summary: 'Create a program from nothing (program.json’s fields; audited); a code in use is a 409',
  request: { ...jsonBody(s.ProgramInputSchema) },
  responses: { 201: jsonReply(s.DesignSchema, 'Created: its (empty) design'), 409: jsonReply(ErrorSchema, 'The code is in use') },
});
const readRoute = guarded('read_data', {
  method: 'get',
  path: base,
  tags,
  summary: 'The program’s design: framework, sources, dimensions and options, the indicators the caller may read; retired things marked',
  request: { params: ProgramParamSchema },
  responses: { 200: jsonReply(s.DesignSchema, 'Design') },
});
const putNodeRoute = guarded('manage_framework', {
  method: 'put',
  path: `${base}/framework/{node}`,
  tags,
  summary: 'Add or change a goal or component (rename, move, retire); checked as a folder load checks framework.csv',
  request: { params: s.NodeParamSchema, ...jsonBody(s.FrameworkNodeInputSchema) },
  responses: changed,
});
const deleteNodeRoute = guarded('manage_framework', {
  method: 'delete',
  path: `${base}/framework/{node}`,
  tags,
  summary: 'Delete a goal or component nothing is under',
  request: { params: s.NodeParamSchema },
  responses: deleted,
});
const orderRoute = guarded('manage_framework', {
  method: 'put',
  path: `${base}/framework-order`,
  tags,
  summary: 'Reorder goals and components (codes in display order)',
  request: { params: ProgramParamSchema, ...jsonBody(s.FrameworkOrderSchema) },
  responses: changed,
});
const putSourceRoute = guarded('manage_framework', {
  method: 'put',
  path: `${base}/sources/{source}`,
  tags,
  summary: 'Add or change a source; checked as a folder load checks sources.csv',
  request: { params: s.SourceParamSchema, ...jsonBody(s.SourceInputSchema) },
  responses: changed,
});
const deleteSourceRoute = guarded('manage_framework', {
  method: 'delete',
  path: `${base}/sources/{source}`,
  tags,
  summary: 'Delete a source no indicator, value or target uses',
  request: { params: s.SourceParamSchema },
  responses: deleted,
});
const putDimensionRoute = guarded('manage_framework', {
  method: 'put',
  path: `${base}/dimensions/{dimension}`,
  tags,
  summary: 'Add or change a dimension: add, rename or retire options (never deleted here); checked as a folder load checks dimensions.json',
  request: { params: s.DimensionParamSchema, ...jsonBody(s.DimensionInputSchema) },
  responses: changed,
});
const deleteDimensionRoute = guarded('manage_framework', {
  method: 'delete',
  path: `${base}/dimensions/{dimension}`,
  tags,
  summary: 'Delete a dimension no indicator, value or target uses',
  request: { params: s.DimensionParamSchema },
  responses: deleted,
});
const deleteOptionRoute = guarded('manage_framework', {
  method: 'delete',
  path: `${base}/dimensions/{dimension}/options/{option}`,
  tags,
  summary: 'Delete an option no value or target holds (one in use is retired instead)',
  request: { params: s.OptionParamSchema },
  responses: deleted,
});
const putIndicatorRoute = guarded('manage_framework', {
  method: 'put',
  path: `${base}/indicators/{indicator}`,
  tags,
  summary: 'Add or change an indicator (every field of indicators.json; formulas with their dependency check), or retire it; values are kept',
  request: { params: s.IndicatorParamSchema, ...jsonBody(s.IndicatorInputSchema) },
  responses: changed,
});
const deleteIndicatorRoute = guarded('manage_framework', {
  method: 'delete',
  path: `${base}/indicators/{indicator}`,
  tags,
  summary: 'Delete an indicator with no values, targets or formulas reading it (one with data is retired instead)',
  request: { params: s.IndicatorParamSchema },
  responses: deleted,
});

export function registerDesignRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps): void {
  const design = (c: { get: (key: 'actor') => Actor }, program: string) => readDesign(deps.db, c.get('actor'), program);
  app.openapi(createProgramRoute, async (c) => {
    const p = await createProgram(deps.db, c.get('actor'), c.req.valid('json'));
    return c.json(await design(c, p.code), 201);
  });
  app.openapi(readRoute, async (c) => c.json(await design(c, c.req.valid('param').program), 200));
  app.openapi(putNodeRoute, async (c) => {
    const { program, node } = c.req.valid('param');
    await putFrameworkNode(deps.db, c.get('actor'), program, node, c.req.valid('json'));
    return c.json(await design(c, program), 200);
  });
  app.openapi(deleteNodeRoute, async (c) => {
    const { program, node } = c.req.valid('param');
    await deleteFrameworkNode(deps.db, c.get('actor'), program, node);
    return c.body(null, 204);
  });
  app.openapi(orderRoute, async (c) => {
    const { program } = c.req.valid('param');
    await orderFramework(deps.db, c.get('actor'), program, c.req.valid('json').codes);
    return c.json(await design(c, program), 200);
  });
  app.openapi(putSourceRoute, async (c) => {
    const { program, source } = c.req.valid('param');
    await putSource(deps.db, c.get('actor'), program, source, c.req.valid('json'));
    return c.json(await design(c, program), 200);
  });
  app.openapi(deleteSourceRoute, async (c) => {
    const { program, source } = c.req.valid('param');
    await deleteSource(deps.db, c.get('actor'), program, source);
    return c.body(null, 204);
  });
  app.openapi(putDimensionRoute, async (c) => {
    const { program, dimension } = c.req.valid('param');
    await putDimension(deps.db, c.get('actor'), program, dimension, c.req.valid('json'));
    return c.json(await design(c, program), 200);
  });
  app.openapi(deleteDimensionRoute, async (c) => {
    const { program, dimension } = c.req.valid('param');
    await deleteDimension(deps.db, c.get('actor'), program, dimension);
    return c.body(null, 204);
  });
  app.openapi(deleteOptionRoute, async (c) => {
    const { program, dimension, option } = c.req.valid('param');
    await deleteOption(deps.db, c.get('actor'), program, dimension, option);
    return c.body(null, 204);
  });
  app.openapi(putIndicatorRoute, async (c) => {
    const { program, indicator } = c.req.valid('param');
    await putIndicator(deps.db, c.get('actor'), program, indicator, c.req.valid('json'));
    return c.json(await design(c, program), 200);
  });
  app.openapi(deleteIndicatorRoute, async (c) => {
    const { program, indicator } = c.req.valid('param');
    await deleteIndicator(deps.db, c.get('actor'), program, indicator);
    return c.body(null, 204);
  });
}
