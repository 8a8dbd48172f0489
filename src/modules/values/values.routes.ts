import { z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppDeps } from '../../http/app-deps.js';
import type { AppEnv } from '../../http/env.js';
import { guarded } from '../../http/guard.js';
import { jsonBody, jsonReply } from '../../http/openapi-helpers.js';
import { ErrorSchema } from '../../http/errors.js';
import { VigiaError, notFound } from '../../core/errors.js';
import { dataScope } from '../access/policy.js';
import { loadCatalog } from '../catalog/catalog.repo.js';
import { valueScopeOf } from '../catalog/indicator-sensitivity.service.js';
import { listReportedIndicators, listValues } from './values.repo.js';
import { deleteValue, writeValue, writeValuesAt } from './values.service.js';
import { ValueFlagSchema } from '../quality-rules/quality-rules.schema.js';
import { flagReaderOf, withFlags } from '../quality-rules/value-flags.js';
import { ProgramParamSchema, ValueBatchSchema, ValueKeySchema, ValueListQuerySchema, ValueRowSchema, ValueWriteSchema } from './values.schema.js';

const conflict409 = jsonReply(ErrorSchema, 'Stale version, or the value is locked by approval; `details` carries the current version');

const listRoute = guarded('read_public', {
  method: 'get',
  path: '/api/programs/{program}/values',
  tags: ['values'],
  summary: 'Data values the caller may see (approved; a partner also its own; officers all)',
  request: { params: ProgramParamSchema, query: ValueListQuerySchema },
  responses: {
    200: jsonReply(z.object({ values: z.array(ValueRowSchema.extend({ flags: z.array(ValueFlagSchema) })) }), 'Values, each with the warnings it raised'),
  },
});
const reportedRoute = guarded('read_data', {
  method: 'get',
  path: '/api/programs/{program}/organisations/{organisation}/reported-indicators',
  tags: ['values'],
  summary: 'The indicators an organisation has reported, the most recently reported first (a partner: its own organisation only)',
  request: {
    params: ProgramParamSchema.extend({
      organisation: z
        .string()
        .max(50)
        .openapi({ param: { name: 'organisation', in: 'path' } }),
    }),
  },
  responses: {
    200: jsonReply(
      z.object({
        indicators: z.array(
          z.object({
            indicator: z.string(),
            last_period_end: z.string().openapi({ description: 'End date of the latest period the organisation reported' }),
            values: z.number().int(),
          }),
        ),
      }),
      'Reported indicators',
    ),
  },
});
const putRoute = guarded('write_data', {
  method: 'put',
  path: '/api/programs/{program}/values',
  tags: ['values'],
  summary: 'Create or change one value (optimistic concurrency by version)',
  request: { params: ProgramParamSchema, ...jsonBody(ValueWriteSchema) },
  responses: {
    200: jsonReply(
      z.object({ id: z.number().int(), version: z.number().int(), changed: z.boolean(), flags: z.array(ValueFlagSchema) }),
      'Saved, with the warnings the value raised (validation rules, outliers)',
    ),
    409: conflict409,
  },
});
const batchRoute = guarded('write_data', {
  method: 'post',
  path: '/api/programs/{program}/values/batch',
  tags: ['values'],
  summary: 'Write and delete many values, all or nothing (optimistic concurrency per value when it carries `version`)',
  request: { params: ProgramParamSchema, ...jsonBody(ValueBatchSchema) },
  responses: {
    200: jsonReply(z.object({ inserted: z.number().int(), updated: z.number().int(), unchanged: z.number().int(), deleted: z.number().int() }), 'Saved'),
    409: conflict409,
  },
});
const deleteRoute = guarded('write_data', {
  method: 'delete',
  path: '/api/programs/{program}/values',
  tags: ['values'],
  summary: 'Delete one value (by key and version)',
  request: { params: ProgramParamSchema, ...jsonBody(ValueKeySchema) },
  responses: { 200: jsonReply(z.object({ ok: z.literal(true) }), 'Deleted'), 409: conflict409 },
});

export function registerValueRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps): void {
  app.openapi(listRoute, async (c) => {
    const { program } = c.req.valid('param');
    const q = c.req.valid('query');
    const scope = dataScope(c.get('actor'));
    const catalog = await loadCatalog(deps.db, program);
    const place = q.place ? catalog.places.get(q.place) : undefined;
    if (q.place && !place) throw notFound(`no place "${q.place}"`);
    const organisationId = q.organisation ? catalog.organisations.get(q.organisation) : undefined;
    if (q.organisation && organisationId === undefined) throw notFound(`no organisation "${q.organisation}"`);
    const values = await listValues(deps.db, {
      programId: catalog.program.id,
      ...(q.indicator ? { indicatorCodes: q.indicator.split(',').map((s) => s.trim()) } : {}),
      ...(place ? { placeId: place.id } : {}),
      ...(q.period ? { period: q.period } : {}),
      ...(q.status ? { status: q.status } : {}),
      ...(organisationId !== undefined ? { organisationId } : {}),
      scope: await valueScopeOf(deps.db, catalog, scope),
      limit: q.limit,
      offset: q.offset,
    });
    return c.json({ values: await withFlags(deps.db, values, flagReaderOf(c.get('actor'))) }, 200);
  });
  app.openapi(reportedRoute, async (c) => {
    const { program, organisation } = c.req.valid('param');
    const actor = c.get('actor');
    const catalog = await loadCatalog(deps.db, program);
    const organisationId = catalog.organisations.get(organisation);
    if (organisationId === undefined) throw notFound(`no organisation "${organisation}"`);
    if (actor.role === 'partner' && actor.organisationId !== organisationId) {
      throw new VigiaError('forbidden', 'a partner sees what its own organisation reported');
    }
    const scope = await valueScopeOf(deps.db, catalog, dataScope(actor));
    return c.json({ indicators: await listReportedIndicators(deps.db, catalog.program.id, organisationId, scope) }, 200);
  });
  app.openapi(putRoute, async (c) => {
    const { program } = c.req.valid('param');
    const { version, ...input } = c.req.valid('json');
    const saved = await writeValue(deps.db, program, input, version, { actor: c.get('actor'), clock: deps.clock });
    const [flagged] = await withFlags(deps.db, [saved], flagReaderOf(c.get('actor')));
    return c.json({ ...saved, flags: flagged?.flags ?? [] }, 200);
  });
  app.openapi(batchRoute, async (c) => {
    const { program } = c.req.valid('param');
    const { values, delete: deletions } = c.req.valid('json');
    const r = await writeValuesAt(deps.db, program, values, deletions, { actor: c.get('actor'), clock: deps.clock });
    return c.json({ inserted: r.inserted, updated: r.updated, unchanged: values.length - r.inserted - r.updated, deleted: r.deleted }, 200);
  });
  app.openapi(deleteRoute, async (c) => {
    const { program } = c.req.valid('param');
    const { version, ...key } = c.req.valid('json');
    await deleteValue(deps.db, program, key, version, { actor: c.get('actor') });
    return c.json({ ok: true as const }, 200);
  });
}
