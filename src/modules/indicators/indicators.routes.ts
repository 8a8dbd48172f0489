import { z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppDeps } from '../../http/app-deps.js';
import type { AppEnv } from '../../http/env.js';
import { guarded } from '../../http/guard.js';
import { jsonBody, jsonReply } from '../../http/openapi-helpers.js';
import { ProgramParamSchema } from '../values/values.schema.js';
import { findProgram } from '../catalog/catalog.repo.js';
import { readerPrograms } from './reader-programs.service.js';
import { listDimensions } from './indicators.repo.js';
import { setTarget, visibleIndicators } from './indicators.service.js';
import { MAX_MAGNITUDE } from '../../core/finite-number.js';
import { ROLES } from '../../core/roles.js';

const ProgramSchema = z
  .object({
    code: z.string(),
    name_en: z.string(),
    name_es: z.string(),
    country_code: z.string(),
    fiscal_year_start_month: z.number().int(),
    currency: z.string(),
    data_version: z.number().int(),
    my_role: z.enum(ROLES).nullable().openapi({
      description:
        "Your role in this program (a program's administrator is 'admin'; a system administrator is 'admin' in every program); null when signed out or not a member: you see it as the public does",
    }),
    my_organisation_id: z.number().int().nullable().openapi({ description: 'The organisation you belong to in this program (partners), or null' }),
  })
  .openapi('Program');
const TargetSchema = z
  .object({
    place: z.string(),
    period: z.string(),
    source: z.string(),
    disagg: z.string(),
    kind: z
      .enum(['baseline', 'target', 'lop_target'])
      .openapi({ description: 'lop_target: a life-of-program target, whose period is the span FIRST/LAST (2012Oct/2016Oct)' }),
    value: z.number(),
    provenance: z.string(),
    note: z.string().nullable(),
  })
  .openapi('Target');
const IndicatorSchema = z
  .object({
    code: z.string(),
    name_en: z.string(),
    name_es: z.string(),
    unit: z.string(),
    direction: z.string(),
    agg_time: z.string(),
    agg_place: z.string(),
    sensitivity: z.string(),
    origin: z.string(),
    formula: z.string().nullable(),
    decimals: z.number().int().openapi({ description: 'Decimal places values are kept and shown with' }),
    sources: z.array(z.string()),
    dimensions: z.record(z.string(), z.array(z.string())),
    targets: z.array(TargetSchema),
  })
  .openapi('Indicator');
const NamedSchema = { code: z.string(), name_en: z.string(), name_es: z.string() };
const DimensionSchema = z
  .object({ ...NamedSchema, options: z.array(z.object(NamedSchema).openapi('DimensionOption')) })
  .openapi('Dimension', { description: 'A disaggregation dimension (e.g. substance) and its options, named in English and Spanish' });
const TargetInputSchema = z
  .object({
    place: z.string().min(1).max(50),
    period: z
      .string()
      .min(4)
      .max(25)
      .openapi({ description: 'A period id (2012, 2012Q3, 2012Oct); for a life-of-program target the span FIRST/LAST, e.g. 2012Oct/2016Oct' }),
    kind: z.enum(['baseline', 'target', 'lop_target']).openapi({ description: 'baseline, target (for its period) or lop_target (for the life of program)' }),
    value: z
      .number()
      .finite()
      .min(-MAX_MAGNITUDE)
      .max(MAX_MAGNITUDE)
      .openapi({ description: `A finite number within ±${MAX_MAGNITUDE.toExponential()}` }),
    source: z.string().max(50).optional(),
    disagg: z.string().max(500).optional(),
    provenance: z.enum(['sourced', 'derived', 'illustrative']).optional(),
    note: z.string().max(2000).nullable().optional(),
  })
  .openapi('TargetInput');

const programsRoute = guarded('read_public', {
  method: 'get',
  path: '/api/programs',
  tags: ['programs'],
  summary: 'Programs in this Vigia, each with your role in it',
  responses: { 200: jsonReply(z.object({ programs: z.array(ProgramSchema) }), 'Programs') },
});
const indicatorsRoute = guarded('read_public', {
  method: 'get',
  path: '/api/programs/{program}/indicators',
  tags: ['indicators'],
  summary: 'Indicators with their baselines and targets (as far as your clearance goes)',
  request: { params: ProgramParamSchema },
  responses: { 200: jsonReply(z.object({ indicators: z.array(IndicatorSchema) }), 'Indicators') },
});
const dimensionsRoute = guarded('read_public', {
  method: 'get',
  path: '/api/programs/{program}/dimensions',
  tags: ['indicators'],
  summary: 'Disaggregation dimensions and their options, with names in English and Spanish',
  request: { params: ProgramParamSchema },
  responses: { 200: jsonReply(z.object({ dimensions: z.array(DimensionSchema) }), 'Dimensions') },
});
const targetRoute = guarded('manage_framework', {
  method: 'put',
  path: '/api/programs/{program}/indicators/{indicator}/targets',
  tags: ['indicators'],
  summary: 'Set a baseline, target or life-of-program target',
  request: {
    params: ProgramParamSchema.extend({
      indicator: z
        .string()
        .min(1)
        .max(100)
        .openapi({ param: { name: 'indicator', in: 'path' } }),
    }),
    ...jsonBody(TargetInputSchema),
  },
  responses: { 200: jsonReply(z.object({ id: z.number().int(), value: z.number() }), 'Saved') },
});

export function registerIndicatorRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps): void {
  app.openapi(programsRoute, async (c) => c.json({ programs: await readerPrograms(deps.db, c.get('actor')) }, 200));
  app.openapi(indicatorsRoute, async (c) => c.json({ indicators: await visibleIndicators(deps.db, c.get('actor'), c.req.valid('param').program) }, 200));
  app.openapi(dimensionsRoute, async (c) => {
    const program = await findProgram(deps.db, c.req.valid('param').program);
    return c.json({ dimensions: await listDimensions(deps.db, program.id) }, 200);
  });
  app.openapi(targetRoute, async (c) => {
    const { program, indicator } = c.req.valid('param');
    const t = await setTarget(deps.db, c.get('actor'), program, indicator, c.req.valid('json'));
    return c.json({ id: t.id, value: t.value }, 200);
  });
}
