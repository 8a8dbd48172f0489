import { z, type OpenAPIHono } from '@hono/zod-openapi';
import { ORGANISATION_KINDS } from '../../core/organisation-kinds.js';
import type { AppDeps } from '../../http/app-deps.js';
import type { AppEnv } from '../../http/env.js';
import { guarded } from '../../http/guard.js';
import { jsonBody, jsonReply } from '../../http/openapi-helpers.js';
import { findProgram } from '../catalog/catalog.repo.js';
import { ProgramParamSchema } from '../values/values.schema.js';
import { listOrganisations } from './organisations.repo.js';
import { addOrganisation, changeOrganisation } from './organisations.service.js';

const OrganisationSchema = z
  .object({
    id: z.number().int(),
    code: z.string(),
    name_en: z.string(),
    name_es: z.string(),
    kind: z.string(),
    country_code: z.string().nullable(),
    iati_ref: z.string().nullable(),
  })
  .openapi('Organisation');
const NewOrganisationSchema = z
  .object({
    code: z
      .string()
      .regex(/^[A-Za-z0-9_.-]+$/)
      .max(50),
    name_en: z.string().min(1).max(200),
    name_es: z.string().min(1).max(200),
    kind: z.enum(ORGANISATION_KINDS),
    country_code: z.string().length(2).nullable().optional(),
    iati_ref: z.string().max(100).nullable().optional(),
  })
  .openapi('NewOrganisation');

const OrganisationChangeSchema = z
  .object({
    name_en: z.string().trim().min(1).max(200).optional(),
    name_es: z.string().trim().min(1).max(200).optional(),
    kind: z.enum(ORGANISATION_KINDS).optional(),
    country_code: z
      .string()
      .regex(/^[A-Z]{2}$/, 'two capital letters (ISO 3166-1)')
      .nullable()
      .optional(),
    iati_ref: z.string().max(100).nullable().optional(),
  })
  .refine((o) => Object.keys(o).length > 0, { message: 'nothing to change: give name_en, name_es, kind, country_code or iati_ref' })
  .openapi('OrganisationChange');
const OrganisationParamSchema = ProgramParamSchema.extend({
  code: z
    .string()
    .min(1)
    .max(50)
    .openapi({ param: { name: 'code', in: 'path' } }),
});

const listRoute = guarded('read_data', {
  method: 'get',
  path: '/api/programs/{program}/organisations',
  tags: ['organisations'],
  summary: 'Agencies and partners of the program',
  request: { params: ProgramParamSchema },
  responses: { 200: jsonReply(z.object({ organisations: z.array(OrganisationSchema) }), 'Organisations') },
});
const createRoute = guarded('manage_program', {
  method: 'post',
  path: '/api/programs/{program}/organisations',
  tags: ['organisations'],
  summary: 'Add an organisation',
  request: { params: ProgramParamSchema, ...jsonBody(NewOrganisationSchema) },
  responses: { 201: jsonReply(OrganisationSchema, 'Created') },
});

const changeRoute = guarded('manage_program', {
  method: 'patch',
  path: '/api/programs/{program}/organisations/{code}',
  tags: ['organisations'],
  summary: "Change an organisation's names, kind, country or IATI reference (audited)",
  request: { params: OrganisationParamSchema, ...jsonBody(OrganisationChangeSchema) },
  responses: { 200: jsonReply(OrganisationSchema, 'Changed') },
});

export function registerOrganisationRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps): void {
  app.openapi(listRoute, async (c) => {
    const program = await findProgram(deps.db, c.req.valid('param').program);
    return c.json({ organisations: await listOrganisations(deps.db, program.id) }, 200);
  });
  app.openapi(createRoute, async (c) => {
    const org = await addOrganisation(deps.db, c.req.valid('param').program, c.req.valid('json'), c.get('actor').userId);
    return c.json(org, 201);
  });
  app.openapi(changeRoute, async (c) => {
    const { program, code } = c.req.valid('param');
    return c.json(await changeOrganisation(deps.db, program, code, c.req.valid('json'), c.get('actor').userId), 200);
  });
}
