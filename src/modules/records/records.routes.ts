/** Records of every type over HTTP: one generic path, scoped and stripped per reader. */
import { z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppDeps } from '../../http/app-deps.js';
import type { AppEnv } from '../../http/env.js';
import { guarded } from '../../http/guard.js';
import { jsonBody, jsonReply } from '../../http/openapi-helpers.js';
import { ErrorSchema } from '../../http/errors.js';
import { dataScope } from '../access/policy.js';
import { ProgramParamSchema } from '../values/values.schema.js';
import { describeRecordTypes } from '../catalog/record-types.service.js';
import { FIELD_TYPES } from '../../core/record-types/definition.schema.js';
import { SENSITIVITIES } from '../../core/sensitivity.js';
import { UNIT_DIMENSIONS } from '../../core/record-types/units.js';
import { createRecord, deleteRecord, getVisibleRecord, listRecords, updateRecord } from './records.service.js';

const status = z.enum(['draft', 'submitted', 'approved', 'returned']);
const provenance = z.enum(['sourced', 'derived', 'illustrative']);
const RecordSchema = z
  .object({
    id: z.number().int(),
    type: z.string(),
    ref: z.string().nullable(),
    place: z.string(),
    date: z.string(),
    organisation: z.string().nullable(),
    status: z.string(),
    provenance: z.string(),
    version: z.number().int(),
    note: z.string().nullable(),
    data: z.record(z.string(), z.unknown()),
    hidden: z.array(z.string()).openapi({ description: 'Fields left out for your clearance' }),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi('Record');
const NewRecordSchema = z
  .object({
    type: z.string().min(1).max(100).openapi({ example: 'seizure' }),
    data: z.record(z.string(), z.unknown()).openapi({ description: 'Fields by code, as the record type defines them' }),
    ref: z.string().max(200).nullable().optional(),
    status: status.optional().openapi({ description: 'Officers only; partners always write drafts' }),
    provenance: provenance.optional(),
    note: z.string().max(2000).nullable().optional(),
  })
  .openapi('NewRecord');
const RecordChangeSchema = z
  .object({
    version: z.number().int().min(1).openapi({ description: 'The version you read; a stale one gets 409' }),
    data: z.record(z.string(), z.unknown()).optional(),
    replace: z.boolean().optional(),
    ref: z.string().max(200).nullable().optional(),
    status: status.optional(),
    provenance: provenance.optional(),
    note: z.string().max(2000).nullable().optional(),
  })
  .openapi('RecordChange');
const RecordParams = ProgramParamSchema.extend({
  id: z.coerce
    .number()
    .int()
    .positive()
    .openapi({ param: { name: 'id', in: 'path' } }),
});
const conflict409 = jsonReply(ErrorSchema, 'Stale version, or the record is locked by approval');

const Names = z.object({ en: z.string(), es: z.string() });
const leafField = {
  code: z.string(),
  name: Names,
  description: Names.optional(),
  type: z.enum(FIELD_TYPES),
  required: z.boolean(),
  sensitivity: z.enum(SENSITIVITIES),
  choices: z.array(z.object({ code: z.string(), name: Names })).optional(),
  min: z.union([z.number(), z.string()]).optional().openapi({ description: 'Numbers (quantities: in the canonical unit); dates: YYYY-MM-DD or today' }),
  max: z.union([z.number(), z.string()]).optional(),
  not_before: z.string().optional(),
  unit: z.enum(UNIT_DIMENSIONS).optional(),
  currency_field: z.string().optional(),
  max_length: z.number().int().optional(),
  min_items: z.number().int().optional(),
  max_items: z.number().int().optional(),
};
const RecordFieldSchema = z.object({ ...leafField, fields: z.array(z.object(leafField)).optional() }).openapi('RecordField');
const RecordTypeSchema = z
  .object({
    code: z.string(),
    name: Names,
    description: Names.optional(),
    builtin: z.boolean(),
    place_field: z.string(),
    date_field: z.string(),
    organisation_field: z.string().optional(),
    fields: z.array(RecordFieldSchema).openapi({ description: 'The fields you may read and write, in form order' }),
    hidden: z.array(z.string()).openapi({ description: 'Fields above your clearance, left out of `fields`' }),
    rollups: z.array(z.object({ indicator: z.string(), active: z.boolean() })),
  })
  .openapi('RecordType');
const typesRoute = guarded('read_public', {
  method: 'get',
  path: '/api/programs/{program}/record-types',
  tags: ['records'],
  summary: 'The record types of the program, with the fields you may see',
  request: { params: ProgramParamSchema },
  responses: { 200: jsonReply(z.object({ types: z.array(RecordTypeSchema) }), 'Record types') },
});
const listRoute = guarded('read_public', {
  method: 'get',
  path: '/api/programs/{program}/records',
  tags: ['records'],
  summary: 'Records you may see, without the fields above your clearance',
  request: {
    params: ProgramParamSchema,
    query: z.object({
      type: z.string().max(100).optional(),
      place: z.string().max(50).optional(),
      from: z.string().max(10).optional().openapi({ example: '2012-01-01' }),
      to: z.string().max(10).optional(),
      status: status.optional(),
      organisation: z.string().max(50).optional(),
      zone: z.string().max(50).optional(),
      limit: z.coerce.number().int().min(1).max(1000).default(100),
      offset: z.coerce.number().int().min(0).default(0),
    }),
  },
  responses: { 200: jsonReply(z.object({ total: z.number().int(), items: z.array(RecordSchema) }), 'Records') },
});
const getRoute = guarded('read_public', {
  method: 'get',
  path: '/api/programs/{program}/records/{id}',
  tags: ['records'],
  summary: 'One record',
  request: { params: RecordParams },
  responses: { 200: jsonReply(RecordSchema, 'The record') },
});
const createRoute = guarded('write_data', {
  method: 'post',
  path: '/api/programs/{program}/records',
  tags: ['records'],
  summary: 'Create a record; its indicators move at once',
  request: { params: ProgramParamSchema, ...jsonBody(NewRecordSchema) },
  responses: { 201: jsonReply(RecordSchema, 'Created'), 409: conflict409 },
});
const updateRoute = guarded('write_data', {
  method: 'patch',
  path: '/api/programs/{program}/records/{id}',
  tags: ['records'],
  summary: 'Change a record (optimistic concurrency by version)',
  request: { params: RecordParams, ...jsonBody(RecordChangeSchema) },
  responses: { 200: jsonReply(RecordSchema, 'Changed'), 409: conflict409 },
});
const deleteRoute = guarded('write_data', {
  method: 'delete',
  path: '/api/programs/{program}/records/{id}',
  tags: ['records'],
  summary: 'Delete a record',
  request: { params: RecordParams, ...jsonBody(z.object({ version: z.number().int().min(1) }).openapi('RecordDelete')) },
  responses: { 200: jsonReply(z.object({ ok: z.literal(true) }), 'Deleted'), 409: conflict409 },
});

export function registerRecordRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps): void {
  app.openapi(typesRoute, async (c) => {
    const clearance = dataScope(c.get('actor')).maxSensitivity;
    return c.json({ types: await describeRecordTypes(deps.db, c.req.valid('param').program, clearance) }, 200);
  });
  app.openapi(listRoute, async (c) => {
    const scope = dataScope(c.get('actor'));
    const r = await listRecords(deps.db, c.req.valid('param').program, {
      ...c.req.valid('query'),
      clearance: scope.maxSensitivity,
      visible: scope,
    });
    return c.json(r, 200);
  });
  app.openapi(getRoute, async (c) => {
    const { program, id } = c.req.valid('param');
    const scope = dataScope(c.get('actor'));
    return c.json(await getVisibleRecord(deps.db, program, id, scope.maxSensitivity, scope), 200);
  });
  app.openapi(createRoute, async (c) => {
    const { type, ...input } = c.req.valid('json');
    const created = await createRecord(deps.db, c.req.valid('param').program, type, input, { actor: c.get('actor'), clock: deps.clock });
    // What comes back is what the writer may read.
    const scope = dataScope(c.get('actor'));
    return c.json(await getVisibleRecord(deps.db, c.req.valid('param').program, created.id, scope.maxSensitivity, scope), 201);
  });
  app.openapi(updateRoute, async (c) => {
    const { program, id } = c.req.valid('param');
    const { version, ...change } = c.req.valid('json');
    await updateRecord(deps.db, program, id, change, version, { actor: c.get('actor'), clock: deps.clock });
    const scope = dataScope(c.get('actor'));
    return c.json(await getVisibleRecord(deps.db, program, id, scope.maxSensitivity, scope), 200);
  });
  app.openapi(deleteRoute, async (c) => {
    const { program, id } = c.req.valid('param');
    await deleteRecord(deps.db, program, id, c.req.valid('json').version, { actor: c.get('actor'), clock: deps.clock });
    return c.json({ ok: true as const }, 200);
  });
}
