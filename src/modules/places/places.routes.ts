import { z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppDeps } from '../../http/app-deps.js';
import type { AppEnv } from '../../http/env.js';
import { guarded } from '../../http/guard.js';
import { jsonBody, jsonReply } from '../../http/openapi-helpers.js';
import { ErrorSchema } from '../../http/errors.js';
import { findProgram } from '../catalog/catalog.repo.js';
import { ProgramParamSchema } from '../values/values.schema.js';
import { listPlaces, listZones } from './places.repo.js';
import { addPlace, addZone, changePlace, removePlace, removeZone, renameZone, setZonePlaces } from './places.service.js';

const PlaceSchema = z
  .object({
    id: z.number().int(),
    code: z.string(),
    name: z.string(),
    level: z.number().int(),
    parent: z.string().nullable(),
    lat: z.number().nullable(),
    lon: z.number().nullable(),
  })
  .openapi('Place');
const ZoneSchema = z.object({ code: z.string(), name_en: z.string(), name_es: z.string(), places: z.array(z.string()) }).openapi('Zone');
const NewPlaceSchema = z
  .object({
    code: z
      .string()
      .regex(/^[A-Za-z0-9_.-]+$/)
      .max(50),
    name: z.string().min(1).max(200),
    parent: z.string().max(50).optional(),
    lat: z.number().min(-90).max(90).optional(),
    lon: z.number().min(-180).max(180).optional(),
  })
  .openapi('NewPlace');

const CODE = /^[A-Za-z0-9_.-]+$/;
const NewZoneSchema = z
  .object({
    code: z.string().regex(CODE, 'letters, digits, _ . - only').max(50),
    name_en: z.string().trim().min(1).max(200),
    name_es: z.string().trim().min(1).max(200),
    places: z.array(z.string().max(50)).max(5000).optional().openapi({ description: 'Codes of the member places' }),
  })
  .openapi('NewZone');
const ZonePlacesSchema = z.object({ places: z.array(z.string().max(50)).max(5000) }).openapi('ZonePlaces');
const ZoneParamSchema = ProgramParamSchema.extend({
  code: z
    .string()
    .min(1)
    .max(50)
    .openapi({ param: { name: 'code', in: 'path' } }),
});
const PlaceParamSchema = ZoneParamSchema;
const PlaceChangeSchema = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    lat: z.number().min(-90).max(90).nullable().optional(),
    lon: z.number().min(-180).max(180).nullable().optional(),
  })
  .refine((o) => Object.keys(o).length > 0, { message: 'nothing to change: give name, or lat and lon' })
  .openapi('PlaceChange', { description: 'A place has one name (a proper noun, the same in both languages); null coordinates clear them' });
const ZoneNamesSchema = z.object({ name_en: z.string().trim().min(1).max(200), name_es: z.string().trim().min(1).max(200) }).openapi('ZoneNames');
const DeletedSchema = z.object({ deleted: z.string() }).openapi('Deleted');
const stillReferred = jsonReply(ErrorSchema, 'Something still refers to it: `details` names each kind (column) with its count or codes (value)');

const listRoute = guarded('read_public', {
  method: 'get',
  path: '/api/programs/{program}/places',
  tags: ['places'],
  summary: "The program's place tree",
  request: { params: ProgramParamSchema, query: z.object({ level: z.coerce.number().int().min(1).max(6).optional() }) },
  responses: { 200: jsonReply(z.object({ places: z.array(PlaceSchema) }), 'Places') },
});
const createRoute = guarded('manage_program', {
  method: 'post',
  path: '/api/programs/{program}/places',
  tags: ['places'],
  summary: 'Add a place',
  request: { params: ProgramParamSchema, ...jsonBody(NewPlaceSchema) },
  responses: { 201: jsonReply(z.object({ id: z.number().int(), code: z.string(), level: z.number().int() }), 'Created') },
});
const zonesRoute = guarded('read_public', {
  method: 'get',
  path: '/api/programs/{program}/zones',
  tags: ['places'],
  summary: 'Zones (e.g. coca-growing valleys) and their member places',
  request: { params: ProgramParamSchema },
  responses: { 200: jsonReply(z.object({ zones: z.array(ZoneSchema) }), 'Zones') },
});

const createZoneRoute = guarded('manage_program', {
  method: 'post',
  path: '/api/programs/{program}/zones',
  tags: ['places'],
  summary: 'Add a zone with its member places (audited)',
  request: { params: ProgramParamSchema, ...jsonBody(NewZoneSchema) },
  responses: { 201: jsonReply(ZoneSchema, 'Created') },
});
const zonePlacesRoute = guarded('manage_program', {
  method: 'put',
  path: '/api/programs/{program}/zones/{code}/places',
  tags: ['places'],
  summary: 'Set the member places of a zone (audited)',
  request: { params: ZoneParamSchema, ...jsonBody(ZonePlacesSchema) },
  responses: { 200: jsonReply(ZoneSchema, 'Saved') },
});

const changePlaceRoute = guarded('manage_program', {
  method: 'patch',
  path: '/api/programs/{program}/places/{code}',
  tags: ['places'],
  summary: 'Rename a place or change its coordinates (audited)',
  request: { params: PlaceParamSchema, ...jsonBody(PlaceChangeSchema) },
  responses: { 200: jsonReply(PlaceSchema, 'Changed') },
});
const deletePlaceRoute = guarded('manage_program', {
  method: 'delete',
  path: '/api/programs/{program}/places/{code}',
  tags: ['places'],
  summary: 'Delete a place nothing refers to: no child places, values, targets, records, zone memberships or reports (audited)',
  request: { params: PlaceParamSchema },
  responses: { 200: jsonReply(DeletedSchema, 'Deleted'), 409: stillReferred },
});
const renameZoneRoute = guarded('manage_program', {
  method: 'patch',
  path: '/api/programs/{program}/zones/{code}',
  tags: ['places'],
  summary: 'Rename a zone (audited)',
  request: { params: ZoneParamSchema, ...jsonBody(ZoneNamesSchema) },
  responses: { 200: jsonReply(ZoneSchema, 'Renamed') },
});
const deleteZoneRoute = guarded('manage_program', {
  method: 'delete',
  path: '/api/programs/{program}/zones/{code}',
  tags: ['places'],
  summary: 'Delete a zone; its places stay (audited). Refused while a report names it',
  request: { params: ZoneParamSchema },
  responses: { 200: jsonReply(DeletedSchema, 'Deleted'), 409: stillReferred },
});

export function registerPlaceRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps): void {
  app.openapi(listRoute, async (c) => {
    const program = await findProgram(deps.db, c.req.valid('param').program);
    return c.json({ places: await listPlaces(deps.db, program.id, c.req.valid('query').level) }, 200);
  });
  app.openapi(createRoute, async (c) => {
    const p = await addPlace(deps.db, c.req.valid('param').program, c.req.valid('json'), c.get('actor').userId);
    return c.json({ id: p.id, code: p.code, level: p.level }, 201);
  });
  app.openapi(zonesRoute, async (c) => {
    const program = await findProgram(deps.db, c.req.valid('param').program);
    return c.json({ zones: await listZones(deps.db, program.id) }, 200);
  });
  app.openapi(createZoneRoute, async (c) => c.json(await addZone(deps.db, c.req.valid('param').program, c.req.valid('json'), c.get('actor').userId), 201));
  app.openapi(zonePlacesRoute, async (c) => {
    const { program, code } = c.req.valid('param');
    return c.json(await setZonePlaces(deps.db, program, code, c.req.valid('json').places, c.get('actor').userId), 200);
  });
  app.openapi(changePlaceRoute, async (c) => {
    const { program, code } = c.req.valid('param');
    return c.json(await changePlace(deps.db, program, code, c.req.valid('json'), c.get('actor').userId), 200);
  });
  app.openapi(deletePlaceRoute, async (c) => {
    const { program, code } = c.req.valid('param');
    return c.json(await removePlace(deps.db, program, code, c.get('actor').userId), 200);
  });
  app.openapi(renameZoneRoute, async (c) => {
    const { program, code } = c.req.valid('param');
    return c.json(await renameZone(deps.db, program, code, c.req.valid('json'), c.get('actor').userId), 200);
  });
  app.openapi(deleteZoneRoute, async (c) => {
    const { program, code } = c.req.valid('param');
    return c.json(await removeZone(deps.db, program, code, c.get('actor').userId), 200);
  });
}
