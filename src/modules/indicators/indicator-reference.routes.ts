/** The reference sheet of an indicator over HTTP: read by whoever may read the indicator, changed by officers with a reason. */
import { z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppDeps } from '../../http/app-deps.js';
import type { AppEnv } from '../../http/env.js';
import { guarded } from '../../http/guard.js';
import { jsonBody, jsonReply } from '../../http/openapi-helpers.js';
import { ProgramParamSchema } from '../values/values.schema.js';
import { IndicatorParamSchema, ReferenceChangeSchema, ReferenceSheetSchema } from './indicator-reference.schema.js';
import { changeReference, programReferenceCompleteness, readReferenceSheet } from './indicator-reference.service.js';

const PATH = '/api/programs/{program}/indicators/{indicator}/reference';

const readRoute = guarded('read_public', {
  method: 'get',
  path: PATH,
  tags: ['indicators'],
  summary: 'The indicator’s reference sheet (PIRS fields), its completeness and its change history',
  request: { params: IndicatorParamSchema },
  responses: { 200: jsonReply(ReferenceSheetSchema, 'The reference sheet') },
});
const changeRoute = guarded('manage_framework', {
  method: 'patch',
  path: PATH,
  tags: ['indicators'],
  summary: 'Change reference or definition fields, with a reason (kept in the change history and the audit trail)',
  request: { params: IndicatorParamSchema, ...jsonBody(ReferenceChangeSchema) },
  responses: { 200: jsonReply(ReferenceSheetSchema, 'The sheet as changed') },
});
const completenessRoute = guarded('read_public', {
  method: 'get',
  path: '/api/programs/{program}/reference-completeness',
  tags: ['indicators'],
  summary: 'How complete the reference sheets are: per indicator and for the program',
  request: { params: ProgramParamSchema },
  responses: {
    200: jsonReply(
      z
        .object({
          filled: z.number().int(),
          required: z.number().int(),
          percent: z.number(),
          indicators: z.array(
            z.object({
              indicator: z.string(),
              filled: z.number().int(),
              required: z.number().int(),
              missing: z.array(z.string()),
              untranslated: z.array(z.string()),
            }),
          ),
        })
        .openapi('ProgramReferenceCompleteness'),
      'Completeness',
    ),
  },
});

export function registerIndicatorReferenceRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps): void {
  app.openapi(readRoute, async (c) => {
    const { program, indicator } = c.req.valid('param');
    return c.json(await readReferenceSheet(deps.db, c.get('actor'), program, indicator), 200);
  });
  app.openapi(changeRoute, async (c) => {
    const { program, indicator } = c.req.valid('param');
    const { reason, unit, agg_time, agg_place, ...rest } = c.req.valid('json');
    const definition = Object.fromEntries(Object.entries({ unit, agg_time, agg_place }).filter(([, v]) => v !== undefined));
    return c.json(await changeReference(deps.db, c.get('actor'), program, indicator, { reference: rest, definition, reason }), 200);
  });
  app.openapi(completenessRoute, async (c) => c.json(await programReferenceCompleteness(deps.db, c.get('actor'), c.req.valid('param').program), 200));
}
