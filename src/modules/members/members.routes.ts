/**
 * The members of a program over the API: list, add, change, remove. The system administrator
 * or the program's administrator (`manage_program`, which the guard checks in the program).
 */
import { z, type OpenAPIHono } from '@hono/zod-openapi';
import { ROLES } from '../../core/roles.js';
import { SENSITIVITIES } from '../../core/sensitivity.js';
import type { AppDeps } from '../../http/app-deps.js';
import type { AppEnv } from '../../http/env.js';
import { guarded } from '../../http/guard.js';
import { jsonBody, jsonReply } from '../../http/openapi-helpers.js';
import { ProgramParamSchema } from '../../http/program-param.js';
import { addMember, changeMember, programMembers, removeMember } from './members.service.js';

const MemberSchema = z
  .object({
    user_id: z.number().int(),
    email: z.string(),
    name: z.string(),
    role: z.enum(ROLES).openapi({ description: '`admin`: the program administrator' }),
    organisation_code: z.string().nullable(),
    clearance: z.enum(SENSITIVITIES).nullable().openapi({ description: "null: the account's clearance; otherwise the lower of the two" }),
    created_at: z.string(),
  })
  .openapi('ProgramMember');
const MemberAccessSchema = z.object({
  role: z
    .string()
    .max(20)
    .openapi({ example: 'partner', description: ROLES.join(', ') }),
  organisation: z.string().max(50).nullable().optional().openapi({ description: "A partner's organisation: one of this program's" }),
  clearance: z.string().max(20).nullable().optional(),
});
const NewMemberSchema = MemberAccessSchema.extend({ email: z.string().max(200) }).openapi('NewProgramMember');
const MemberParamSchema = ProgramParamSchema.extend({
  user: z.coerce
    .number()
    .int()
    .openapi({ param: { name: 'user', in: 'path' }, description: 'User id' }),
});

const listRoute = guarded('manage_program', {
  method: 'get',
  path: '/api/programs/{program}/members',
  tags: ['members'],
  summary: "The program's members, with their role, organisation and clearance here",
  request: { params: ProgramParamSchema },
  responses: { 200: jsonReply(z.object({ members: z.array(MemberSchema) }), 'Members') },
});
const addRoute = guarded('manage_program', {
  method: 'post',
  path: '/api/programs/{program}/members',
  tags: ['members'],
  summary: 'Make a user a member of the program (audited)',
  request: { params: ProgramParamSchema, ...jsonBody(NewMemberSchema) },
  responses: { 201: jsonReply(MemberSchema, 'Added') },
});
const changeRoute = guarded('manage_program', {
  method: 'put',
  path: '/api/programs/{program}/members/{user}',
  tags: ['members'],
  summary: "Change a member's role, organisation or clearance in the program (audited)",
  request: { params: MemberParamSchema, ...jsonBody(MemberAccessSchema.openapi('ProgramMemberAccess')) },
  responses: { 200: jsonReply(MemberSchema, 'Changed') },
});
const removeRoute = guarded('manage_program', {
  method: 'delete',
  path: '/api/programs/{program}/members/{user}',
  tags: ['members'],
  summary: 'Remove a member from the program (audited); the account stays',
  request: { params: MemberParamSchema },
  responses: { 204: { description: 'Removed' } },
});

const present = (m: Awaited<ReturnType<typeof programMembers>>[number]) => ({
  user_id: m.user_id,
  email: m.email,
  name: m.name,
  role: m.role,
  organisation_code: m.organisation_code,
  clearance: m.clearance,
  created_at: m.created_at,
});

export function registerMemberRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps): void {
  app.openapi(listRoute, async (c) => c.json({ members: (await programMembers(deps.db, c.req.valid('param').program)).map(present) }, 200));
  app.openapi(addRoute, async (c) => c.json(present(await addMember(deps.db, c.get('actor'), c.req.valid('param').program, c.req.valid('json'))), 201));
  app.openapi(changeRoute, async (c) => {
    const { program, user } = c.req.valid('param');
    return c.json(present(await changeMember(deps.db, c.get('actor'), program, user, c.req.valid('json'))), 200);
  });
  app.openapi(removeRoute, async (c) => {
    const { program, user } = c.req.valid('param');
    await removeMember(deps.db, c.get('actor'), program, user);
    return c.body(null, 204);
  });
}
